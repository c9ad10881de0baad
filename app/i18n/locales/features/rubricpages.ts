/** Texts of rubricpages (issue 13). zh-CN first. */
import type { DeepStrings } from "./types";

export const zhCN = {
  title: "",
};

export const en: DeepStrings<typeof zhCN> = {
  title: "",
};
