/**
 * The unified social credit code (统一社会信用代码) as the contractor form
 * checks it: valid codes pass, and each kind of mistake gets its own message
 * saying exactly what is wrong — in Chinese first.
 */
import { describe, expect, it } from "vitest";
import { isValidUscc, withUsccCheck } from "../../domain/uscc";
import { usccProblem } from "~/admin/uscc";
import { ContractorSchema } from "~/admin/schemas";
import { serverT } from "~/i18n/instance";
import { decodeMsg } from "~/utils/forms";

const zh = serverT("zh-CN");
const en = serverT("en");
const text = (message: string | null, t = zh) => {
  if (message === null) return null;
  const { key, params } = decodeMsg(message);
  return t(key, params);
};

const VALID = ["91350100M000100Y43", withUsccCheck("91110000100000000"), withUsccCheck("12100000400000624"), withUsccCheck("91440300MA5DXXXX0".replace(/X/g, "1"))];

describe("usccProblem", () => {
  it.each(VALID)("accepts the valid code %s", (code) => {
    expect(isValidUscc(code)).toBe(true);
    expect(usccProblem(code)).toBeNull();
  });

  it("names the expected check character when the 18th is wrong", () => {
    expect(text(usccProblem("91350100M000100Y44"))).toBe(
      "统一社会信用代码校验位不正确（第 18 位应为 3，当前为 4），请核对是否有输错的字符。",
    );
    expect(text(usccProblem("91350100M000100Y44"), en)).toContain("the 18th should be 3, not 4");
  });

  it("finds a typo in the body through the check character", () => {
    // One digit of the body changed: the 18th no longer matches, and the message says what it would have to be.
    const typo = "91350100M000100Y53";
    expect(text(usccProblem(typo))).toBe(
      `统一社会信用代码校验位不正确（第 18 位应为 ${withUsccCheck(typo.slice(0, 17)).at(-1)}，当前为 3），请核对是否有输错的字符。`,
    );
  });

  it.each([
    ["91350100M000100Y4", 17],
    ["91350100M000100Y430", 19],
    ["9135010", 7],
  ])("gives the length of %s", (code, length) => {
    expect(text(usccProblem(code))).toBe(`统一社会信用代码应为 18 位，当前为 ${length} 位。`);
  });

  it("asks for capitals, naming the first lower-case character", () => {
    expect(text(usccProblem("91350100m000100Y43"))).toBe("统一社会信用代码含有小写字母（第 9 位“m”），请使用大写。");
    expect(text(usccProblem("91350100M000100y43"))).toBe("统一社会信用代码含有小写字母（第 16 位“y”），请使用大写。");
  });

  it("refuses spaces anywhere, saying where", () => {
    expect(text(usccProblem(" 91350100M000100Y43"))).toBe("统一社会信用代码不能包含空格（第 1 位是空格）。");
    expect(text(usccProblem("913501 00M000100Y43"))).toBe("统一社会信用代码不能包含空格（第 7 位是空格）。");
    expect(text(usccProblem("91350100M000100Y43 "))).toBe("统一社会信用代码不能包含空格（第 19 位是空格）。");
    expect(text(usccProblem("91350100M000100Y4\u30003"))).toContain("不能包含空格"); // a full-width space
  });

  it("refuses I, O, Z, S, V and other characters, and letters in the division code", () => {
    expect(text(usccProblem("91350100O000100Y43"))).toBe(
      "统一社会信用代码第 9 位“O”不是有效字符：只能是数字或 I、O、Z、S、V 以外的大写字母。",
    );
    expect(text(usccProblem("9135010-M000100Y43"))).toBe("统一社会信用代码第 3–8 位是行政区划代码，只能是数字（第 8 位是“-”）。");
    expect(text(usccProblem("91350100M000100Y4中"))).toBe(
      "统一社会信用代码第 18 位“中”不是有效字符：只能是数字或 I、O、Z、S、V 以外的大写字母。",
    );
  });

  it("asks for a value when empty", () => {
    expect(text(usccProblem(""))).toBe("此项为必填项。");
  });

  it("agrees with isValidUscc on every single-character change of a valid code", () => {
    const base = "91350100M000100Y43";
    const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZa ";
    for (let i = 0; i < 18; i++) {
      for (const c of alphabet) {
        const code = base.slice(0, i) + c + base.slice(i + 1);
        expect(usccProblem(code) === null, code).toBe(isValidUscc(code));
      }
    }
  });
});

describe("the contractor form schema", () => {
  const form = (creditCode: string) => ({ name: "安居物业服务有限公司", creditCode, contactName: "", contactPhone: "", contactEmail: "" });

  it("accepts a valid code as typed", () => {
    const parsed = ContractorSchema.safeParse(form("91350100M000100Y43"));
    expect(parsed.success && parsed.data.creditCode).toBe("91350100M000100Y43");
  });

  it.each([
    ["91350100M000100Y44", "admin.errors.usccCheck"],
    ["91350100M000100Y4", "admin.errors.usccLength"],
    ["91350100m000100Y43", "admin.errors.usccLowercase"],
    ["91350100 M000100Y43", "admin.errors.usccSpace"],
  ])("refuses %s with %s on the creditCode field", (code, key) => {
    const parsed = ContractorSchema.safeParse(form(code));
    expect(parsed.success).toBe(false);
    const issues = parsed.error!.issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toEqual(["creditCode"]);
    expect(decodeMsg(issues[0]!.message).key).toBe(key);
  });
});
