/**
 * The admin's working-day calendar (issue 14) on a phone: the appeal window
 * sentence, next year's "schedule not known" notice, setting a holiday with
 * the browser's own check first, the saved message, the row, the window it
 * moves, and removing it again. No console error, no untranslated key.
 */
import type { Browser, ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startApp, type App } from "./app";
import { launchBrowser, login, newContext, PHONE } from "./browser";

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

function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m: ConsoleMessage) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

const KEY_LIKE = /\b(?:calendar|admin|nav|form)\.[a-zA-Z]+(?:\.[a-zA-Z0-9_]+)*\b/;

test("an admin sets next year's New Year's Day off on a phone, sees the window move, and removes it", async () => {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  const problems = watchConsole(page);
  await login(page, "admin");
  await page.waitForURL("**/admin");
  await page.locator(".admin-nav").getByRole("link", { name: "工作日历" }).click();
  await page.waitForURL("**/admin/calendar");
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("工作日历");
  // The demo's clock is 2026-11-18: Q3 is in draft, Q4's window opens in 2027 (weekends only so far).
  await expect.poll(() => page.getByText("2026年第3季度申诉期").textContent()).toBe("2026年第3季度申诉期：10月1日至10月13日（5个工作日）");
  await expect.poll(() => page.getByText("2026年第4季度申诉期").textContent()).toBe("2026年第4季度申诉期：2027年1月1日至2027年1月7日（5个工作日）");
  expect(await page.getByRole("table").getByText("国庆节").count()).toBeGreaterThan(0);

  await page.getByLabel("年份", { exact: true }).selectOption("2027");
  await page.getByRole("button", { name: "查看" }).click();
  await page.waitForURL("**/admin/calendar?year=2027");
  await expect.poll(() => page.getByText("尚未收录 2027 年的官方放假安排").count()).toBe(1);

  // The browser checks first: no date.
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect.poll(() => page.getByRole("alert").filter({ hasText: "此项为必填项" }).count()).toBe(1);

  await page.getByLabel("日期", { exact: true }).fill("2027-01-01");
  await page.getByLabel("休息日（放假）").check();
  await page.getByLabel("备注（选填）").fill("元旦");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await page.waitForURL(/\/admin\/calendar\?year=2027&done=set&day=2027-01-01$/);
  await expect.poll(() => page.getByRole("status").textContent()).toBe("已保存 2027年1月1日。");
  const row = page.getByRole("row").filter({ hasText: "2027-01-01" });
  await expect.poll(() => row.textContent()).toContain("元旦");
  // Counted from 1 Jan (now a day off): 4–8 Jan are the five working days.
  await expect.poll(() => page.getByText("2026年第4季度申诉期").textContent()).toBe("2026年第4季度申诉期：2027年1月1日至2027年1月8日（5个工作日）");
  expect(await page.locator("body").innerText()).not.toMatch(KEY_LIKE);
  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await row.getByRole("button", { name: "删除 2027-01-01 的本单位设置" }).click();
  await page.waitForURL(/done=clear/);
  await expect.poll(() => page.getByRole("status").textContent()).toContain("已删除 2027年1月1日 的本单位设置");
  expect(await page.getByRole("row").filter({ hasText: "2027-01-01" }).count()).toBe(0);
  expect(problems).toEqual([]);
  await context.close();
});
