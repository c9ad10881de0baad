import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decodeMsg, echoValues, fields, FORM_LIMITS, formDataToObject, msg, parseForm } from "./forms";

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
    expect(good).toEqual({ ok: true, data: { name: "张三", email: "a@b.cn" }, intent: null, values: { name: " 张三 ", email: "A@B.cn" } });
  });

  it("refuses control characters", async () => {
    const schema = z.object({ name: fields.requiredText(50) });
    const bad = await parseForm(post({ name: "a\u0007b" }), schema);
    expect(bad.ok).toBe(false);
  });

  it("reads the body once: the intent and the posted values (never passwords) come back with the result", async () => {
    const schema = z.object({ intent: z.literal("save"), name: fields.requiredText(5) });
    const bad = await parseForm(post({ intent: "save", name: "", password: "hunter2hunter2", "nested.newPassword": "x" }), schema);
    expect(bad).toMatchObject({ ok: false, intent: "save", values: { name: "", nested: {} } });
    expect(JSON.stringify(bad)).not.toContain("hunter2");
    const chosen = await parseForm(post({ intent: "archive" }), (intent) => (intent === "save" ? schema : z.object({ intent: z.literal("archive") })));
    expect(chosen).toMatchObject({ ok: true, intent: "archive", data: { intent: "archive" } });
  });

  it("refuses bodies that are not forms, and forms whose names are too deep, too long or too many", async () => {
    const schema = z.object({ name: z.string().optional() });
    const json = new Request("http://x/", { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"name":"x"}' });
    expect(await parseForm(json, schema)).toMatchObject({ ok: false, formError: msg("form.unsupported"), fieldErrors: {} });
    expect(await parseForm(new Request("http://x/", { method: "POST" }), schema)).toMatchObject({ ok: false, formError: msg("form.unsupported") });
    const garbage = new Request("http://x/", { method: "POST", headers: { "Content-Type": "multipart/form-data; boundary=zz" }, body: "--zz\r\nnonsense" });
    expect(await parseForm(garbage, schema)).toMatchObject({ ok: false, formError: msg("form.unreadable") });
    const deep = Array.from({ length: 5000 }, () => "a").join(".");
    expect(await parseForm(post({ [deep]: "1" }), schema)).toMatchObject({ ok: false, formError: msg("form.malformed"), values: {} });
    expect(await parseForm(post({ ["a".repeat(FORM_LIMITS.nameLength + 1)]: "1" }), schema)).toMatchObject({ formError: msg("form.malformed") });
    expect(await parseForm(post({ f: Array.from({ length: FORM_LIMITS.fields + 1 }, String) }), schema)).toMatchObject({ formError: msg("form.malformed") });
    // Within the limits, percent-encoding that does not decode is kept as typed.
    const broken = new Request("http://x/", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "name=%E4%zz%" });
    expect(await parseForm(broken, schema)).toMatchObject({ ok: true, data: { name: expect.any(String) } });
  });

  it("ignores file parts of a multipart form", async () => {
    const fd = new FormData();
    fd.append("name", "x");
    fd.append("upload", new Blob(["binary"]), "a.bin");
    const result = await parseForm(new Request("http://x/", { method: "POST", body: fd }), z.object({ name: z.string() }));
    expect(result).toMatchObject({ ok: true, data: { name: "x" }, values: { name: "x" } });
  });

  it("echoes posted values only in the shape of the form's defaults", () => {
    const defaults = { name: "", siteIds: [] as string[], steps: [{ minTotal: "90", percent: "100" }], vetoPercent: "" };
    const posted = {
      name: ["a", "b"],
      siteIds: "s1",
      steps: { "0": { minTotal: ["1", "2"], percent: "97" }, "2": { minTotal: "0" }, __proto__x: {} },
      vetoPercent: { "0": "70" },
      extra: "dropped",
    };
    expect(echoValues(defaults, posted)).toEqual({
      name: "",
      siteIds: ["s1"],
      steps: [
        { minTotal: "", percent: "97" },
        { minTotal: "", percent: "" },
        { minTotal: "0", percent: "" },
      ],
      vetoPercent: "",
    });
    expect(echoValues(defaults, undefined)).toEqual(defaults);
    expect(echoValues({ a: "" }, JSON.parse('{"__proto__": {"a": "x"}, "a": "ok"}'))).toEqual({ a: "ok" });
  });

  it("refuses direction controls, BOMs and zero-width characters in names, with their own message", () => {
    const name = z.object({ name: fields.name(50), contact: fields.optionalName(50) });
    for (const ch of ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c", "\ufeff", "\u200b", "\u200c", "\u200d"]) {
      const bad = name.safeParse({ name: `甲${ch}公司` });
      expect(bad.success, `U+${ch.codePointAt(0)!.toString(16)}`).toBe(false);
      expect(bad.error?.issues[0]?.message).toBe(msg("form.invisibleChars"));
      expect(name.safeParse({ name: "甲", contact: `张${ch}三` }).success).toBe(false);
    }
    expect(name.safeParse({ name: "甲公司 (Ltd.)", contact: "" }).success).toBe(true);
  });
});
