import type { DeepStrings } from "./types";

export const zhCN = {
  title: "",
};

export const en: DeepStrings<typeof zhCN> = {
  title: "",
};
