import type { Browser } from "playwright-core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createDb } from "../../db/client";
import * as s from "../../db/schema";
import { comparePath, quarterPath } from "../../app/procurement/paths";
import { startApp, type App } from "./app";
import { launchBrowser, login, newContext, PHONE } from "./browser";

/**
 * The tender view end to end, on the demo at E2E_CLOCK (2026-11-18): the
 * procurement user lands on it after signing in and sees the east canteen's
 * contract (ending 2027-01-31, the soonest) first with its recommendation and
 * reasons, narrows the horizon to three months, follows a reason to its
 * quarter, and opens the catering comparison with both canteens on the chart
 * and in the table; once in English, and on a phone without sideways scrolling.
 */

const EAST = "东区食堂团膳服务合同";
const MAIN = "主食堂餐饮服务合同";
let app: App;
let browser: Browser;
let eastId = "";

beforeAll(async () => {
  app = await startApp();
  const { db, client } = createDb({ url: app.databaseUrl });
  try {
    const [east] = await db.select().from(s.contracts).where(eq(s.contracts.title, EAST));
    eastId = east!.id;
  } finally {
    client.close();
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test("procurement sees the soonest contract first with its recommendation, narrows the horizon, follows a reason and compares the canteens", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await login(page, "procurement");
  await page.waitForURL("**/procurement");
  // The procurement home: its heading, and the tender view under it.
  await page.getByRole("heading", { level: 1, name: /采购工作台/ }).waitFor();
  await expect(page.getByRole("heading", { level: 2, name: /即将到期的合同/ }).textContent()).resolves.toContain("2026-11-18");

  const cards = page.getByTestId("tender-card");
  const first = cards.first();
  await expect(first.getByRole("heading", { level: 3 }).textContent()).resolves.toContain(EAST);
  await expect(first.getByTestId("decision").textContent()).resolves.toBe("重新招标");
  expect(await first.locator(".recommendation-reasons li").count()).toBeGreaterThan(0);
  await expect(first.getByTestId("days-left").textContent()).resolves.toContain("74");
  await expect(first.textContent()).resolves.toContain("150 万元");
  // The draft quarter is on the card, marked as not counted; the policy's thresholds are on the page.
  await expect(first.locator('[data-period="2026-Q3"]').textContent()).resolves.toContain("待定稿");
  await expect(first.locator('[data-period="2026-Q4"]').textContent()).resolves.toContain("进行中");
  await expect(page.getByTestId("policy").textContent()).resolves.toMatch(/平均得分不低于 90/);
  const sparkline = first.getByTestId("totals-sparkline");
  await expect(sparkline.getAttribute("role")).resolves.toBe("img");
  await expect(sparkline.getAttribute("aria-label")).resolves.toMatch(/2025-Q1 \d/);

  // Three months: the east canteen is still there, alone.
  await page.getByLabel("到期时间范围").selectOption("3");
  await page.getByRole("button", { name: "查看" }).click();
  await page.waitForURL("**/procurement?months=3");
  await page.getByLabel("到期时间范围").and(page.locator("select")).waitFor();
  await expect(cards.count()).resolves.toBe(1);
  await expect(cards.first().getByRole("heading", { level: 3 }).textContent()).resolves.toContain(EAST);

  // A reason's quarter link goes to that quarter of the contract: its finalised snapshot.
  const reasonLink = cards.first().locator(".recommendation-reasons a").first();
  const period = (await reasonLink.textContent())!.trim();
  expect(period).toMatch(/^\d{4}-Q[1-4]$/);
  await expect(reasonLink.getAttribute("href")).resolves.toBe(quarterPath(eastId, period));
  await reasonLink.click();
  await page.waitForURL(`**${quarterPath(eastId, period)}`);
  await expect.poll(() => page.getByTestId("quarter-source").textContent()).toContain("定稿快照");
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain(period);

  // The comparison of catering: both canteens, on the chart and in the table.
  await page.goto("/procurement?months=3");
  await cards.first().getByRole("link", { name: "同类合同对比" }).click();
  await page.waitForURL(`**${comparePath("catering")}`);
  // A client-side navigation: the URL changes before the page is drawn.
  await page.getByRole("heading", { level: 1, name: /餐饮服务/ }).waitFor();
  const chart = page.locator(".score-chart-box[role=img]");
  await chart.locator("canvas").waitFor();
  const summary = (await chart.getAttribute("aria-label")) ?? "";
  expect(summary).toContain("百味");
  expect(summary).toContain("禾丰");
  const table = page.getByTestId("compare-table");
  const rowHeaders = await table.locator("tbody th").allTextContents();
  expect(rowHeaders.some((h) => h.includes(EAST))).toBe(true);
  expect(rowHeaders.some((h) => h.includes(MAIN))).toBe(true);
  await expect(table.locator("tbody tr", { hasText: MAIN }).getByTestId("decision").textContent()).resolves.toBe("不予续签");
  // The switcher leads to another service type.
  await page.getByRole("navigation", { name: "服务类型" }).getByRole("link", { name: "会务保障" }).click();
  await page.waitForURL(`**${comparePath("meeting")}`);
  await page.getByRole("heading", { level: 1, name: /会务保障/ }).waitFor();
  await expect(page.getByTestId("compare-table").getByTestId("decision").first().textContent()).resolves.toBe("建议续签");
  await context.close();
});

test("in English, and on a phone without sideways scrolling", async () => {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  await login(page, "procurement");
  await page.waitForURL("**/procurement");
  await page.getByRole("button", { name: "English" }).click();
  await page.waitForURL("**/procurement");
  await page.getByRole("heading", { level: 2, name: /Contracts ending soon/ }).waitFor();
  const first = page.getByTestId("tender-card").first();
  await expect(first.getByTestId("decision").textContent()).resolves.toBe("Re-tender");
  await expect(first.getByTestId("days-left").textContent()).resolves.toBe("74 day(s) left");
  await expect(first.textContent()).resolves.toContain("1,500,000");
  await expect(first.locator('[data-period="2026-Q3"]').textContent()).resolves.toContain("draft, not counted");
  // The reasons in English.
  await expect(first.locator(".recommendation-reasons").textContent()).resolves.toMatch(/[A-Za-z]{4,}/);
  await expect(first.locator(".recommendation-reasons").textContent()).resolves.not.toMatch(/[\u4e00-\u9fff]{2,}/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await page.goto(comparePath("catering"));
  await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("Catering");
  await expect(page.getByTestId("compare-table").locator("caption").textContent()).resolves.toContain("best average first");
  const overflowCompare = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflowCompare).toBeLessThanOrEqual(0);
  await context.close();
});
