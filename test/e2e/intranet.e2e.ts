/**
 * Issue 8 part 1: an intranet without TLS. Chromium treats localhost and
 * 127.0.0.1 as secure, which hid the bug; here it reaches the server through
 * a plain name (`kaoping.test`, mapped to loopback by the resolver rule) over
 * plain HTTP, where `upgrade-insecure-requests` or HSTS would send every asset
 * and form post to an https:// that nothing serves.
 */
import { request as httpRequest } from "node:http";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { spawnServer, startApp, type App } from "./app";
import { launchBrowser, login, newContext, PHONE } from "./browser";

let app: App;
let browser: Browser;
beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser(["--host-resolver-rules=MAP kaoping.test 127.0.0.1"]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("over plain HTTP through a non-localhost name", () => {
  test("the page is styled and hydrated, staff sign in and submit a survey", async () => {
    const origin = `http://kaoping.test:${app.port}`;
    const context = await newContext(browser, { ...PHONE, baseURL: origin });
    const page = await context.newPage();
    const response = await page.goto("/login");
    expect(response?.headers()["content-security-policy"]).not.toContain("upgrade-insecure-requests");
    expect(response?.headers()["strict-transport-security"]).toBeUndefined();

    // Styled: app.css's page background (--wash) applies.
    await expect(page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).resolves.toBe("rgb(245, 246, 248)");
    // Hydrated: an empty form is refused by the client-side validation, without a request to the server.
    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST") posts.push(request.url());
    });
    await page.waitForFunction(() => (window as unknown as { __remixContext?: unknown }).__remixContext !== undefined);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByText("此项为必填项。").count()).resolves.toBe(2);
    expect(posts).toEqual([]);

    await login(page, "staff");
    await page.waitForURL("**/staff");
    expect(new URL(page.url()).origin).toBe(origin);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === "kaoping_session")?.secure).toBe(false);

    // One of the demo's open surveys of this quarter.
    const link = page.locator('a[href^="/staff/surveys/"]', { hasText: "填写问卷" }).first();
    await link.click();
    await page.waitForURL("**/staff/surveys/*");
    const questions = page.locator("fieldset.question");
    const n = await questions.count();
    expect(n).toBeGreaterThanOrEqual(6);
    for (let i = 0; i < n; i++) await questions.nth(i).locator(".choice-label", { hasText: /^满意$/ }).click();
    await page.getByRole("button", { name: "提交问卷" }).click();
    await page.waitForURL(/\?done=1$/);
    await page.getByRole("heading", { level: 1, name: "感谢您的参与" }).waitFor({ timeout: 10_000 });
    expect(posts.every((url) => url.startsWith(`${origin}/`))).toBe(true);
    await context.close();
  });
});

describe("behind a trusted proxy that ends TLS (TRUST_PROXY=1)", () => {
  let proxied: Awaited<ReturnType<typeof spawnServer>>;
  beforeAll(async () => {
    proxied = await spawnServer(app.databaseUrl, { TRUST_PROXY: "1", KAOPING_LOG: "on" });
  });
  afterAll(async () => {
    const exited = new Promise((resolve) => proxied?.child.once("exit", resolve));
    proxied?.child.kill("SIGTERM");
    await exited;
  });

  const signIn = (base: string, headers: Record<string, string>) =>
    fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ email: "staff@demo.kaoping.test", password: "kaoping-demo", redirectTo: "" }),
    });

  test("a request forwarded as HTTPS gets HSTS, upgrade-insecure-requests and a Secure session cookie", async () => {
    const base = `http://127.0.0.1:${proxied.port}`;
    const page = await fetch(`${base}/login`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(page.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    expect(page.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    const signedIn = await signIn(base, { "X-Forwarded-Proto": "https" });
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("set-cookie")).toMatch(/^kaoping_session=[^;]+;.*;\s*Secure/i);
  });

  test("the same server over plain HTTP sends none of them", async () => {
    const base = `http://127.0.0.1:${proxied.port}`;
    const page = await fetch(`${base}/login`);
    expect(page.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
    expect(page.headers.has("strict-transport-security")).toBe(false);
    const signedIn = await signIn(base, {});
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("set-cookie")).toMatch(/^kaoping_session=/);
    expect(signedIn.headers.get("set-cookie")).not.toMatch(/;\s*Secure/i);
  });

  test("X-Forwarded-Proto from an untrusted peer is ignored", async () => {
    const page = await fetch(`${app.baseURL}/login`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(page.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
    expect(page.headers.has("strict-transport-security")).toBe(false);
  });
});

/** A request with its path exactly as typed (fetch and browsers resolve dot segments first). */
function raw(base: string, method: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}/`, { method, path }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("non-canonical paths on the real route manifest (issue 9 item 7)", () => {
  test("are redirected or 404 and the request log prints the route, never the token or code", async () => {
    const logged = await spawnServer(app.databaseUrl, { KAOPING_LOG: "on" });
    try {
      const base = `http://127.0.0.1:${logged.port}`;
      const token = "Uakgb_J5m9g-0JDMbcJqLJ8nsNRoCr7d";
      const code = "K7QW3MZD";
      const cases: [string, string, number][] = [
        ["GET", `/S/${token}`, 404],
        ["GET", `/%73/${token}`, 308],
        ["GET", `/./s/${token}`, 308],
        ["GET", `/x/../s/${token}`, 308],
        ["GET", `/I/${code}`, 404],
        ["GET", `/%69/${code}`, 308],
        ["POST", `/I/${code}`, 404],
        ["POST", `/%69/${code}`, 404],
        ["POST", `/x/../s/${token}.data`, 404],
        ["GET", `/s/${token}`, 404], // canonical: the page's own "no such survey"
      ];
      for (const [method, path, status] of cases) expect(await raw(base, method, path), `${method} ${path}`).toBe(status);
      await new Promise((r) => setTimeout(r, 200));
      const lines = logged.output().split("\n").filter((line) => /^(GET|POST) /.test(line));
      expect(lines).toHaveLength(cases.length);
      expect(lines.every((line) => /^(GET|POST) \/(s\/\[token\]|i\/\[code\])(\.data)? (404|308) /.test(line)), lines.join("\n")).toBe(true);
      expect(logged.output()).not.toContain(token);
      expect(logged.output()).not.toContain(code);
    } finally {
      logged.child.kill("SIGTERM");
    }
  });
});
