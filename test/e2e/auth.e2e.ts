import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startApp, type App } from "./app";
import { launchBrowser, login, newContext, type DemoRole } from "./browser";

let app: App;
let browser: Browser;
beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const HOMES: Record<DemoRole, { path: string; heading: string }> = {
  admin: { path: "/admin", heading: "系统管理" },
  supervisor: { path: "/supervisor", heading: "监管工作台" },
  procurement: { path: "/procurement", heading: "采购工作台" },
  staff: { path: "/staff", heading: "满意度评价" },
};

for (const [role, home] of Object.entries(HOMES) as [DemoRole, (typeof HOMES)[DemoRole]][]) {
  test(`${role} signs in and lands on the ${role} home page`, async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await login(page, role);
    await page.waitForURL(`**${home.path}`);
    expect(new URL(page.url()).pathname).toBe(home.path);
    // Remix updates the URL as it renders the next page: wait for the heading itself.
    await page.getByRole("heading", { level: 1, name: new RegExp(home.heading) }).waitFor();
    await expect(page.locator(".viewer").textContent()).resolves.toContain("示范市机关事务服务中心");

    // Signing out ends the session: the home page asks to sign in again.
    await page.getByRole("button", { name: "退出" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto(home.path);
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.close();
  });
}

test("a wrong password shows a clear message in Chinese and stays on the sign-in page", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await login(page, "admin", "not-the-password");
  const alert = page.getByRole("alert");
  await alert.waitFor();
  await expect(alert.textContent()).resolves.toContain("电子邮箱或密码不正确");
  expect(new URL(page.url()).pathname).toBe("/login");
  await context.close();
});

test("an empty form is refused in the browser with field messages", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByText("此项为必填项。").count()).resolves.toBe(2);
  await context.close();
});

test("a protected page sends a visitor to sign in and back afterwards", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto("/admin/audit");
  expect(new URL(page.url()).pathname).toBe("/login");
  await page.getByLabel("电子邮箱").fill("admin@demo.kaoping.test");
  await page.getByLabel("密码").fill("kaoping-demo");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL("**/admin/audit");
  await page.getByRole("heading", { level: 1, name: "操作日志" }).waitFor();
  // The sign-in itself is in the trail. Filtered by its action: the demo's own entries of the
  // day can outnumber a page and sort above it, depending on how long the server took to start.
  await page.goto("/admin/audit?action=user.sign_in");
  await expect(page.locator("table").textContent()).resolves.toContain("user.sign_in");
  await context.close();
});

test("every response carries the security headers", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const response = await page.goto("/rubrics");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'strict-dynamic' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // Remix's inline scripts run under the CSP: the page hydrates and the language switch works client-side too.
  const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"]!)?.[1];
  const scripts = await page.locator("script:not([src])").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.every((n) => n === nonce)).toBe(true);
  await context.close();
});

test("a state change from another site is refused (CSRF), from this site it passes", async () => {
  const base = app.baseURL;
  const body = new URLSearchParams({ lng: "en", redirectTo: "/" });
  const headers = { "Content-Type": "application/x-www-form-urlencoded" };
  const foreign = await fetch(`${base}/locale`, { method: "POST", body, headers: { ...headers, Origin: "http://evil.example" }, redirect: "manual" });
  expect(foreign.status).toBe(403);
  const foreignReferer = await fetch(`${base}/locale`, { method: "POST", body, headers: { ...headers, Referer: "http://evil.example/page" }, redirect: "manual" });
  expect(foreignReferer.status).toBe(403);
  const own = await fetch(`${base}/locale`, { method: "POST", body, headers: { ...headers, Origin: base }, redirect: "manual" });
  expect(own.status).toBe(302);
});
