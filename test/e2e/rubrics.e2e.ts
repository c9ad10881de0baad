import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startApp, type App } from "./app";
import { launchBrowser, newContext, PHONE } from "./browser";

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

test("the catering rubric shows the food-sample item and the veto in Chinese, then in English after switching", async () => {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  await page.goto("/rubrics/catering");

  await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("餐饮服务");
  const sampleRow = page.getByRole("rowheader", { name: /留样/ });
  expect(await sampleRow.count()).toBeGreaterThan(0);
  const vetoSection = page.getByRole("region", { name: "一票否决项" });
  await expect(vetoSection.textContent()).resolves.toMatch(/食物中毒/);

  await page.getByRole("button", { name: "English" }).click();
  await page.waitForURL("**/rubrics/catering");
  await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("Catering");
  expect(await page.getByRole("rowheader", { name: /food sample/i }).count()).toBeGreaterThan(0);
  await expect(page.getByRole("region", { name: "Veto items" }).textContent()).resolves.toMatch(/food poisoning/i);

  // The choice is remembered: a fresh visit to the list stays in English.
  await page.goto("/rubrics");
  await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Assessment rubrics");
  // The page fits a phone: no horizontal scrolling of the whole document.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});
