import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";

const base = { SESSION_SECRET: "s".repeat(32) };

describe("parseEnv", () => {
  it("has working defaults", () => {
    const env = parseEnv(base);
    expect(env).toMatchObject({ production: false, publicUrl: null, trustProxy: false, port: 3000, log: true, demo: true, bench: false });
    expect(env.sessionSecrets).toEqual(["s".repeat(32)]);
  });

  it("reads each setting", () => {
    const env = parseEnv({ ...base, NODE_ENV: "production", PUBLIC_URL: "https://kaoping.example.gov.cn", TRUST_PROXY: "1", PORT: "8080", KAOPING_LOG: "off", KAOPING_DEMO: "off", KAOPING_BENCH: "1" });
    expect(env).toMatchObject({ production: true, trustProxy: 1, port: 8080, log: false, demo: false, bench: true });
    expect(env.publicUrl?.origin).toBe("https://kaoping.example.gov.cn");
  });

  it.each([
    ["true", true],
    ["0", false],
    ["loopback, 10.0.0.0/8", "loopback, 10.0.0.0/8"],
  ])("TRUST_PROXY=%s is Express's trust proxy %s", (value, expected) => {
    expect(parseEnv({ ...base, TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each([
    ["PUBLIC_URL", "kaoping.example.gov.cn"],
    ["PUBLIC_URL", "https://kaoping.example.gov.cn/kaoping"],
    ["PUBLIC_URL", "https://kaoping.example.gov.cn/"],
    ["PUBLIC_URL", "https://kaoping.example.gov.cn?x=1"],
    ["PUBLIC_URL", "ftp://kaoping.example.gov.cn"],
    ["PORT", "http"],
    ["PORT", "70000"],
    ["KAOPING_LOG", "no"],
    ["KAOPING_DEMO", "false"],
    ["KAOPING_BENCH", "yes"],
    ["NODE_ENV", "staging"],
    ["SESSION_SECRET", "short"],
  ])("refuses %s=%s with an error naming the variable", (name, value) => {
    expect(() => parseEnv({ ...base, [name]: value })).toThrow(new RegExp(`Invalid environment:\\n  ${name}: `));
  });
});
