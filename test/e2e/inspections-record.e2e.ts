import sharp from "sharp";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { addDays, E2E_TODAY as today, startApp, type App } from "./app";
import { launchBrowser, login, newContext, PHONE } from "./browser";

/**
 * A patrol leader records a finding with a photo on a phone: kind → one of
 * their own cells → the contract → the form (item, severity moving the
 * deadline, note, a photo), saves, and sees the finding with its thumbnail
 * in the findings list filtered by the cell.
 */

let app: App;
let browser: Browser;
let phone: BrowserContext;
let page: Page;
/** The narrowest phone the pages are made for. */
const NARROW = { width: 375, height: 812 };

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  phone = await newContext(browser, { ...PHONE, viewport: NARROW });
  page = await phone.newPage();
  await login(page, "supervisor");
  await page.waitForURL("**/supervisor");
});

afterAll(async () => {
  await phone?.close();
  await browser?.close();
  await app?.stop();
});


test("a patrol leader records a finding with a photo in their cell and finds it in the list", async () => {
  await page.goto("/supervisor/inspections/new");
  await page.getByRole("link", { name: /日常巡查/ }).click();
  await page.getByRole("heading", { name: "我负责的网格" }).waitFor();
  const myCells = page.locator("section.step").filter({ has: page.getByRole("heading", { name: "我负责的网格" }) });
  await myCells.getByRole("link").first().click();
  await page.waitForURL(/cellId=/);
  const cellId = new URL(page.url()).searchParams.get("cellId")!;
  // Several contracts may cover the cell's site: take the first.
  if (!(await page.locator("#finding-form").count())) await page.locator("section.step a").first().click();
  await page.locator("#finding-form").waitFor();

  const item = page.getByLabel("检查项目", { exact: true });
  await item.selectOption({ index: 1 });
  // Severity: the deadline follows it until edited.
  await expect.poll(() => page.getByLabel("整改期限").inputValue()).toBe(addDays(today, 7));
  await page.getByLabel("较重").check();
  await expect.poll(() => page.getByLabel("整改期限").inputValue()).toBe(addDays(today, 3));
  const note = `浏览器测试 ${Date.now()}：楼道灯不亮`;
  await page.getByLabel("问题描述").fill(note);
  const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 120, g: 90, b: 60 } } }).jpeg().toBuffer();
  await page.locator('input[type="file"][name="photos"]').setInputFiles({ name: "现场.jpg", mimeType: "image/jpeg", buffer: photo });
  await page.getByText(/已选 1/).or(page.locator(".photo-previews img")).first().waitFor();

  await page.locator('button[name="intent"][value="record"]').click();
  await page.waitForURL(/saved=/);
  await page.getByText(/问题已保存/).waitFor();
  const saved = new URL(page.url()).searchParams.get("saved")!;

  await page.goto(`/supervisor/findings?gridCellId=${cellId}`);
  const card = page.locator(`a[href="/supervisor/findings/${saved}"]`);
  await card.waitFor();
  await expect.poll(() => card.textContent()).toContain(note);
  await expect.poll(() => card.locator("img.finding-thumb").count()).toBe(1);
  // The thumbnail is served to this signed-in member.
  const thumb = await card.locator("img.finding-thumb").getAttribute("src");
  const response = await page.request.get(thumb!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("image/jpeg");
  // The page fits a phone: nothing wider than the viewport.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(NARROW.width);
});
