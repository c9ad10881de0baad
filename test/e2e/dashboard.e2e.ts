/**
 * The supervision dashboard on a 375 px phone: reached from the menu, the
 * page does not scroll sideways (the table scrolls in its own box), the
 * filter form narrows the rows, a contract's trend page draws its charts
 * with their tables; without JavaScript the filter still works and the
 * charts' tables are open; a malformed quarter is a 400 with its message.
 * Its own database, on the fixed clock of test/e2e/app.ts.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startApp, type App } from "./app";
import { launchBrowser, login, newContext } from "./browser";

const NARROW = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

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

test("a supervisor filters the dashboard and opens a contract's trend on a phone", async () => {
  const context = await newContext(browser, NARROW);
  const page = await context.newPage();
  await login(page, "supervisor");
  await page.waitForURL("**/supervisor");
  await page.getByRole("navigation").getByRole("link", { name: "考核成绩" }).click();
  await page.waitForURL("**/supervisor/scores");
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("考核成绩");
  const rows = page.locator(".dashboard-table tbody tr");
  const all = await rows.count();
  expect(all).toBeGreaterThan(1);
  // The page stays 375 px wide; the table scrolls inside its own box.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect(await page.locator(".dashboard-scroll").evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);

  await page.getByLabel("服务类型").selectOption("property");
  await page.getByRole("button", { name: "查看" }).click();
  await page.waitForURL(/type=property/);
  await expect.poll(() => rows.count()).toBeLessThan(all);
  expect(await rows.count()).toBeGreaterThan(0);
  for (const text of await page.locator(".dashboard-table tbody th .meta").allTextContents()) expect(text).toContain("物业服务");

  await rows.first().locator("th a").click();
  await page.waitForURL(/\/supervisor\/scores\/[^/?]+$/);
  await expect.poll(() => page.locator(".score-chart canvas").count()).toBe(3);
  expect(await page.getByRole("heading", { name: "各季度总分" }).count()).toBe(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await context.close();
});

test("without JavaScript the filter works, the charts' tables are open, and a malformed quarter is a 400", async () => {
  const context = await newContext(browser, { ...NARROW, javaScriptEnabled: false });
  const page = await context.newPage();
  await login(page, "supervisor");
  await page.goto("/supervisor/scores?type=catering");
  const types = await page.locator(".dashboard-table tbody th .meta").allTextContents();
  expect(types.length).toBeGreaterThan(0);
  for (const text of types) expect(text).toContain("餐饮服务");
  expect(await page.locator(".score-chart-table[open] table").count()).toBeGreaterThan(0);

  await page.locator(".dashboard-table tbody th a").first().click();
  await page.waitForURL(/\/supervisor\/scores\/[^/?]+$/);
  expect(await page.locator(".score-chart-table[open] table").count()).toBe(3);

  const bad = await page.goto("/supervisor/scores?period=2026-Q9");
  expect(bad?.status()).toBe(400);
  expect(await page.getByRole("alert").textContent()).toContain("2026-Q3");
  await context.close();
});
