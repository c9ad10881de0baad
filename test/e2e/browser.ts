import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { currentApp } from "./app";

/** Debian's Chromium, headless, with the background traffic this closed network refuses turned off. */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

export async function newContext(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}): Promise<BrowserContext> {
  return browser.newContext({ baseURL: currentApp().baseURL, locale: "zh-CN", ...options });
}

export const DEMO_PASSWORD = "kaoping-demo";
export type DemoRole = "admin" | "supervisor" | "procurement" | "staff";

/** Signs in as the demo organisation's user of `role`, the way a person does. */
export async function login(page: Page, role: DemoRole, password = DEMO_PASSWORD): Promise<void> {
  await loginAs(page, `${role}@demo.kaoping.test`, password);
}

/** Signs in as any demo account by e-mail, e.g. a contractor person (`site.anju@demo.kaoping.test`). */
export async function loginAs(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/电子邮箱|E-mail/).fill(email);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
}
