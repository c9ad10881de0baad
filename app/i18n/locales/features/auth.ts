/**
 * Texts of accounts and sign-in: the sign-in limits, invitations, password
 * resets. zh-CN first; `en` is typed against it.
 */
import type { DeepStrings } from "./types";

export const zhCN = {
  login: {
    locked: "登录尝试过于频繁，请约 {{minutes}} 分钟后再试。",
  },
};

export const en: DeepStrings<typeof zhCN> = {
  login: {
    locked: "Too many sign-in attempts. Please try again in about {{minutes}} minutes.",
  },
};
