/**
 * The invitation flow in a browser (issue 9.2): the admin gets a one-time
 * link shown once, a new person opens it, sets a name and password and lands
 * on their home page, and the link does not work a second time.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startApp, type App } from "./app";
import { launchBrowser, login, newContext } from "./browser";

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

test("an admin invites a new person, who joins through the link once", async () => {
  const admin = await newContext(browser);
  const page = await admin.newPage();
  await login(page, "admin");
  await page.waitForURL("**/admin");
  await page.goto("/admin/users");
  const email = `e2e.invitee.${Date.now()}@example.cn`;
  await page.getByLabel("电子邮箱", { exact: true }).fill(email);
  await page.getByRole("button", { name: "生成邀请链接" }).click();
  const linkField = page.locator("input[data-one-time-link]");
  await linkField.waitFor();
  const link = await linkField.inputValue();
  expect(link).toMatch(/\/join\/[A-Za-z0-9_-]{32}$/);
  // The pending invitation is listed (after the reload the link itself is gone).
  await page.reload();
  await expect(page.getByText(email).count()).resolves.toBeGreaterThan(0);
  await expect(page.locator("input[data-one-time-link]").count()).resolves.toBe(0);
  await admin.close();

  const invitee = await newContext(browser);
  const joinPage = await invitee.newPage();
  await joinPage.goto(link);
  await joinPage.getByRole("heading", { level: 1, name: /加入/ }).waitFor();
  await joinPage.getByLabel("姓名", { exact: true }).fill("邀请测试");
  await joinPage.getByLabel("密码", { exact: true }).fill("a-long-e2e-password");
  await joinPage.getByRole("button", { name: "创建账号并加入" }).click();
  await joinPage.waitForURL("**/staff");
  await expect(joinPage.locator(".viewer").textContent()).resolves.toContain("示范市机关事务服务中心");
  await invitee.close();

  const again = await newContext(browser);
  const second = await again.newPage();
  const response = await second.goto(link);
  expect(response?.status()).toBe(404);
  await second.getByRole("heading", { level: 1, name: "邀请链接无效" }).waitFor();
  await again.close();
});
