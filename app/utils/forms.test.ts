import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decodeMsg, fields, formDataToObject, msg, parseForm } from "./forms";

function post(body: Record<string, string | string[]>) {
  const fd = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) for (const item of [v].flat()) fd.append(k, item);
  return new Request("http://x/", { method: "POST", body: fd });
}

describe("forms", () => {
  it("round-trips message keys and params", () => {
    expect(decodeMsg(msg("form.tooLong", { max: 5 }))).toEqual({ key: "form.tooLong", params: { max: 5 } });
    expect(decodeMsg("form.required")).toEqual({ key: "form.required", params: {} });
  });

  it("nests dotted names, collects repeated names, and keeps prototype keys as plain own keys", () => {
    const fd = new FormData();
    fd.append("steps.0.minTotal", "90");
    fd.append("steps.0.percent", "100");
    fd.append("sites", "a");
    fd.append("__proto__.polluted", "yes");
    fd.append("tag", "x");
    fd.append("tag", "y");
    const obj = formDataToObject(fd, ["sites"]);
    expect(Object.keys(obj)).toEqual(["steps", "sites", "__proto__", "tag"]);
    expect(obj.steps).toEqual({ "0": { minTotal: "90", percent: "100" } });
    expect(obj.sites).toEqual(["a"]);
    expect(obj.tag).toEqual(["x", "y"]);
    // An own key, not the prototype: nothing is polluted, and a strict schema sees an unknown field.
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(z.strictObject({ tag: z.array(z.string()) }).safeParse({ tag: ["x"], ...obj }).success).toBe(false);
  });

  it("returns field errors as message keys and accepts valid input", async () => {
    const schema = z.object({ name: fields.requiredText(5), email: fields.email() });
    const bad = await parseForm(post({ name: "abcdefg", email: "nope" }), schema);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.fieldErrors.name).toEqual([msg("form.tooLong", { max: 5 })]);
      expect(bad.fieldErrors.email).toEqual([msg("form.email")]);
    }
    const good = await parseForm(post({ name: " 张三 ", email: "A@B.cn" }), schema);
    expect(good).toEqual({ ok: true, data: { name: "张三", email: "a@b.cn" } });
  });

  it("refuses control characters", async () => {
    const schema = z.object({ name: fields.requiredText(50) });
    const bad = await parseForm(post({ name: "a\u0007b" }), schema);
    expect(bad.ok).toBe(false);
  });
});
