import { createInstance } from "i18next";
import { describe, expect, test } from "vitest";
import { CLIENT_FEATURE_NAMESPACES, createClientI18n } from "./client";
import { createI18n, FEATURE_NAMESPACES, serverT } from "./instance";
import { COMMON_NS, namespacesOf, payloadJson, type I18nPayload } from "./namespaces";

describe("namespacesOf: which feature texts a page needs", () => {
  test("by the first segment of each matched route id", () => {
    expect(namespacesOf([{ id: "root" }, { id: "routes/admin.contracts._index" }])).toEqual(["admin"]);
    expect(namespacesOf([{ id: "root" }, { id: "routes/s.$token" }])).toEqual(["survey"]);
    expect(namespacesOf([{ id: "root" }, { id: "routes/supervisor.surveys.new" }])).toEqual(["survey"]);
    expect(namespacesOf([{ id: "root" }, { id: "routes/staff._index" }])).toEqual(["survey"]);
    expect(namespacesOf([{ id: "root" }, { id: "routes/login" }])).toEqual(["auth"]);
    expect(namespacesOf([{ id: "root" }, { id: "routes/join.$token" }])).toEqual(["auth"]);
    expect(namespacesOf([{ id: "root" }, { id: "routes/rubrics._index" }])).toEqual([]);
    // "s" and "i" are whole segments, not prefixes
    expect(namespacesOf([{ id: "routes/settings" }, { id: "routes/inspections._index" }])).toEqual([]);
  });

  test("a route's handle adds namespaces; duplicates and the common one are dropped", () => {
    const matches = [
      { id: "root", handle: { i18n: ["translation"] } },
      { id: "routes/admin.users", handle: { i18n: ["auth", "admin"] } },
      { id: "routes/login", handle: { i18n: "auth" } },
      { id: "routes/x", handle: { other: true } },
    ];
    expect(namespacesOf(matches)).toEqual(["admin", "auth"]);
  });
});

test("the browser finds the same feature files as the server's registry (locales/features/index.ts)", () => {
  expect(CLIENT_FEATURE_NAMESPACES).toEqual(FEATURE_NAMESPACES);
  expect(FEATURE_NAMESPACES).toEqual(expect.arrayContaining(["admin", "survey"]));
});

test("the server instance translates common and feature keys in both languages", () => {
  expect(serverT("zh-CN")("nav.login")).toBe("登录");
  expect(serverT("en")("nav.login")).toBe("Sign in");
  expect(serverT("zh-CN")("admin.nav.users")).toBe("用户与角色");
  expect(serverT("en")("survey.status.open")).not.toBe("survey.status.open");
  expect(serverT("en")("survey.status.open")).not.toBe(serverT("zh-CN")("survey.status.open"));
});

test("the page's payload holds the asked namespaces in the active language only, and is safe in a <script>", () => {
  const payload = JSON.parse(payloadJson(createI18n("en"), ["survey"])) as I18nPayload;
  expect(payload.lng).toBe("en");
  expect(Object.keys(payload.resources).sort()).toEqual(["survey", COMMON_NS]);
  expect(JSON.stringify(payload)).not.toMatch(/[\u4e00-\u9fff]{4}/);

  const tricky = createInstance();
  void tricky.init({ lng: "en", resources: { en: { translation: { x: "</script><script>alert(1)</script>\u2028" } } }, initAsync: false });
  const json = payloadJson(tricky, []);
  expect(json).not.toContain("</script>");
  expect(json).not.toContain("\u2028");
  expect((JSON.parse(json) as I18nPayload).resources[COMMON_NS]).toEqual({ x: "</script><script>alert(1)</script>\u2028" });
});

test("a browser instance made from the payload renders what the server did, without loading anything", () => {
  const server = createI18n("zh-CN");
  const payload = JSON.parse(payloadJson(server, ["survey"])) as I18nPayload;
  const client = createClientI18n(payload);
  expect(client.hasLoadedNamespace("survey")).toBe(true);
  expect(client.t("survey.form.intro")).toBe(server.t("survey.form.intro"));
  expect(client.t("nav.login")).toBe("登录");
  expect(payloadJson(client, ["survey"])).toBe(payloadJson(server, ["survey"]));
  // admin was not in the page: it is not there until loaded
  expect(client.hasLoadedNamespace("admin")).toBe(false);
});

test("the browser instance loads a missing feature namespace in its language only", async () => {
  const client = createClientI18n({ lng: "en", resources: { [COMMON_NS]: { nav: { login: "Sign in" } } } });
  await client.loadNamespaces("admin");
  expect(client.t("admin.nav.users")).toBe(serverT("en")("admin.nav.users"));
  expect(client.getResourceBundle("zh-CN", "admin")).toBeUndefined();
});
