/**
 * The HTTP edge as server.ts assembles it (server/*): which responses carry
 * the HTTPS-only headers and Secure cookies, where printed links point, the
 * origin check's view of X-Forwarded-Host, and canonical paths with a request
 * log that never prints a token. A real Express server on a free port.
 */
import { request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { endSession, startSession } from "../../app/auth/session.server";
import { parseEnv, type Env } from "../../app/env.server";
import { localeCookie } from "../../app/i18n/locale.server";
import { inviteUrl, openLinkUrl, publicOrigin as qrPublicOrigin } from "../../app/surveys/qr.server";
import { isSecureRequest, publicOrigin } from "../../app/utils/origin.server";
import { canonicalPaths, checkOrigin, logRequests } from "../../server/http-middleware";
import { canonicalPath, type RouteManifest } from "../../server/route-paths";
import { securityHeaders } from "../../server/security-headers";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeMembership, makeOrg } from "../helpers/factories";

/** The shape of the build's route manifest, for the routes these tests reach. */
const route = (id: string, path: string | undefined, index = false) => ({ id, parentId: "root", path, index, module: {} });
export const MANIFEST = {
  root: { id: "root", path: "", module: {} },
  "routes/_index": route("routes/_index", undefined, true),
  "routes/s.$token": route("routes/s.$token", "s/:token"),
  "routes/i.$code": route("routes/i.$code", "i/:code"),
  "routes/invite": route("routes/invite", "invite"),
  "routes/login": route("routes/login", "login"),
  "routes/admin.contracts.new": route("routes/admin.contracts.new", "admin/contracts/new"),
  "routes/admin.contracts.$id": route("routes/admin.contracts.$id", "admin/contracts/:id"),
} as unknown as RouteManifest;

const TOKEN = "Uakgb_J5m9g-0JDMbcJqLJ8nsNRoCr7d";
const CODE = "K7QW3MZD";

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** server.ts's middleware chain with `env`, ending in a handler that answers like a Remix page: a cookie and a link. */
async function start(vars: Record<string, string> = {}) {
  const config: Env = parseEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(32), ...vars });
  const log: string[] = [];
  const app = express();
  app.set("trust proxy", config.trustProxy);
  app.use(securityHeaders({ production: true, publicHttps: config.publicUrl?.protocol === "https:" }));
  app.use(logRequests({ write: (line) => log.push(line) }));
  app.use(canonicalPaths(() => MANIFEST));
  app.use(checkOrigin({ publicHost: config.publicUrl?.host }));
  app.all("*", async (req, res) => {
    // As @remix-run/express builds the request: protocol and host honour `trust proxy`.
    const port = req.get("host")?.split(":")[1];
    const request = new Request(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
    const secure = isSecureRequest(request, config);
    res.setHeader("Set-Cookie", await localeCookie.serialize("en", { secure }));
    res.json({ link: openLinkUrl(publicOrigin(request, config), TOKEN), slip: inviteUrl(publicOrigin(request, config), CODE) });
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server!.once("listening", resolve));
  const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  return { base, log };
}

async function httpsSignals(response: Response) {
  return {
    upgrade: (response.headers.get("content-security-policy") ?? "").includes("upgrade-insecure-requests"),
    hsts: response.headers.has("strict-transport-security"),
    secureCookie: /;\s*Secure/i.test(response.headers.get("set-cookie") ?? ""),
  };
}
const NONE = { upgrade: false, hsts: false, secureCookie: false };
const ALL = { upgrade: true, hsts: true, secureCookie: true };

describe("HTTPS-only headers and Secure cookies", () => {
  it("plain HTTP gets none of them (an intranet without TLS)", async () => {
    const { base } = await start();
    const response = await fetch(`${base}/login`);
    expect(await httpsSignals(response)).toEqual(NONE);
    expect(response.headers.get("content-security-policy")).toContain("nonce-");
  });

  it("HTTPS through a proxy trusted by TRUST_PROXY gets all three", async () => {
    const { base } = await start({ TRUST_PROXY: "1" });
    expect(await httpsSignals(await fetch(`${base}/login`, { headers: { "X-Forwarded-Proto": "https" } }))).toEqual(ALL);
  });

  it("X-Forwarded-Proto from an untrusted peer is ignored", async () => {
    const { base } = await start();
    expect(await httpsSignals(await fetch(`${base}/login`, { headers: { "X-Forwarded-Proto": "https" } }))).toEqual(NONE);
  });

  it("an https PUBLIC_URL gets all three even when the request arrives as HTTP", async () => {
    const { base } = await start({ PUBLIC_URL: "https://kaoping.example.gov.cn" });
    expect(await httpsSignals(await fetch(`${base}/login`))).toEqual(ALL);
  });

  it("an http PUBLIC_URL changes nothing about HTTPS", async () => {
    const { base } = await start({ PUBLIC_URL: "http://kaoping.intranet:3000" });
    expect(await httpsSignals(await fetch(`${base}/login`))).toEqual(NONE);
  });
});

describe("the session cookie", () => {
  let t: TestDb;
  beforeAll(async () => {
    process.env.SESSION_SECRET ??= "http-edge-test-secret-0123456789abcdef";
    t = await installAppDb();
  });
  afterAll(() => t?.cleanup());

  it.each([
    ["http://kaoping.test:3000/login", false],
    ["https://kaoping.example.gov.cn/login", true],
  ])("is Secure only on an HTTPS request: %s", async (url, secure) => {
    const org = await makeOrg(t.db);
    const member = await makeMembership(t.db, { orgId: org.id });
    const started = await startSession(new Request(url), { userId: member.userId, orgId: org.id });
    expect(started).toMatch(/^kaoping_session=/);
    expect(/;\s*Secure/i.test(started)).toBe(secure);
    expect(/;\s*Secure/i.test(await endSession(new Request(url)))).toBe(secure);
  });
});

describe("the origin of printed links", () => {
  it("comes from PUBLIC_URL when set, whatever the Host", async () => {
    const { base } = await start({ PUBLIC_URL: "https://kaoping.example.gov.cn" });
    const body = await (await fetch(`${base}/login`, { headers: { Host: "10.0.0.7:3000" } })).json();
    expect(body).toEqual({ link: `https://kaoping.example.gov.cn/s/${TOKEN}`, slip: `https://kaoping.example.gov.cn/i/${CODE}` });
  });

  it("comes from the request without PUBLIC_URL", async () => {
    const { base } = await start();
    const body = await (await fetch(`${base}/login`)).json();
    expect(body.link).toBe(`${base}/s/${TOKEN}`);
  });

  it("is the same helper the QR codes and slips use", () => {
    expect(qrPublicOrigin).toBe(publicOrigin);
  });
});

describe("the origin check and X-Forwarded-Host", () => {
  const post = (base: string, headers: Record<string, string>) =>
    fetch(`${base}/login`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, body: "a=1" });

  it("does not let an untrusted X-Forwarded-Host vouch for another site", async () => {
    const { base } = await start();
    expect((await post(base, { Origin: "http://evil.test", "X-Forwarded-Host": "evil.test" })).status).toBe(403);
    expect((await post(base, { Origin: base })).status).toBe(200);
  });

  it("takes X-Forwarded-Host from a trusted proxy", async () => {
    const { base } = await start({ TRUST_PROXY: "1" });
    expect((await post(base, { Origin: "https://kaoping.example.gov.cn", "X-Forwarded-Host": "kaoping.example.gov.cn" })).status).toBe(200);
  });

  it("accepts PUBLIC_URL's host", async () => {
    const { base } = await start({ PUBLIC_URL: "https://kaoping.example.gov.cn" });
    expect((await post(base, { Origin: "https://kaoping.example.gov.cn" })).status).toBe(200);
    expect((await post(base, { Origin: "https://evil.test" })).status).toBe(403);
  });
});

/** A request with the path exactly as typed (fetch would resolve dot segments first, as browsers do; curl --path-as-is does not). */
function raw(base: string, method: string, path: string): Promise<{ status: number; location?: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}/`, { method, path, headers: method === "POST" ? { "Content-Type": "application/x-www-form-urlencoded" } : {} }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
    });
    req.on("error", reject);
    req.end(method === "POST" ? "a=1" : undefined);
  });
}

describe("canonical paths and the request log", () => {
  const VARIANTS: [string, "redirect" | 404, string][] = [
    [`/S/${TOKEN}`, 404, "/s/[token]"],
    [`/%73/${TOKEN}`, "redirect", "/s/[token]"],
    [`/./s/${TOKEN}`, "redirect", "/s/[token]"],
    [`/x/../s/${TOKEN}`, "redirect", "/s/[token]"],
    [`//s//${TOKEN}`, "redirect", "/s/[token]"],
    [`/s/${TOKEN}/.`, "redirect", "/s/[token]"],
    [`/I/${CODE}`, 404, "/i/[code]"],
    [`/%69/${CODE}`, "redirect", "/i/[code]"],
    [`/%49/${CODE}`, 404, "/i/[code]"],
    [`/S/${TOKEN}.data`, 404, "/s/[token].data"],
    [`/%2E/i/${CODE}.data`, "redirect", "/i/[code].data"],
    ["/Admin/contracts/new", 404, "/admin/contracts/new"],
  ];

  it.each(VARIANTS)("GET %s is %s and logged without the token", async (path, expected, logged) => {
    const { base, log } = await start();
    const response = await raw(base, "GET", `${path}?lng=en`);
    if (expected === 404) {
      expect(response.status).toBe(404);
    } else {
      expect(response.status).toBe(308);
      const location = response.location!;
      expect(location).toMatch(/^\/(s|i)\/[^/]+(\.data|\/)?\?lng=en$/);
      expect(location).not.toMatch(/\/\.|\/\/|%/);
    }
    await new Promise((r) => setTimeout(r, 20)); // the log line is written on "finish"
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(new RegExp(`^GET ${logged.replace(/[[\].]/g, "\\$&")} (404|308) `));
    expect(log[0]).not.toContain(TOKEN);
    expect(log[0]).not.toContain(CODE);
  });

  it.each(VARIANTS)("POST %s is a 404 and logged without the token", async (path) => {
    const { base, log } = await start();
    expect((await raw(base, "POST", path)).status).toBe(404);
    await new Promise((r) => setTimeout(r, 20));
    expect(log.join("\n")).not.toMatch(new RegExp(`${TOKEN}|${CODE}`));
  });

  it("serves canonical paths and logs them by route", async () => {
    const { base, log } = await start();
    for (const path of [`/s/${TOKEN}`, `/i/${CODE}?x=1`, "/admin/contracts/new", "/admin/contracts/c_9", "/", `/s/${TOKEN}.data`, "/_root.data", "/nowhere/secret"]) {
      expect((await raw(base, "GET", path)).status).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 20));
    expect(log.map((line) => line.split(" ").slice(0, 2).join(" "))).toEqual([
      "GET /s/[token]",
      "GET /i/[code]",
      "GET /admin/contracts/new",
      "GET /admin/contracts/[id]",
      "GET /",
      "GET /s/[token].data",
      "GET /_root.data",
      "GET /nowhere/…",
    ]);
  });
});

it.each([
  ["/", "/"],
  ["/s/abc", "/s/abc"],
  ["/../../s/abc", "/s/abc"],
  ["/a/b/../../..", "/"],
  ["/%7e%2D%5F%2e%41", "/~-_.A"],
  ["/s/a%2Fb", "/s/a%2Fb"],
  ["/s/a%252E", "/s/a%252E"],
  ["/admin/%E7%89%A9", "/admin/%E7%89%A9"],
  ["/.//evil.test", "/evil.test"],
  ["/s/abc/", "/s/abc/"],
])("canonicalPath(%s) is %s", (path, expected) => {
  expect(canonicalPath(path)).toBe(expected);
});
