/**
 * A veto waits for a second confirmation: a supervisor, on a phone, records a
 * veto with a photo; it shows as pending and says it does not count; the
 * recorder sees no confirm button; a second supervisor (陈志强) confirms it
 * and it shows confirmed. Its own database and uploads folder.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { plainImage } from "../helpers/photos";
import { startApp, type App } from "./app";
import { launchBrowser, login, newContext, PHONE, type DemoRole } from "./browser";

let app: App;
let browser: Browser;
let uploads: string;
beforeAll(async () => {
  uploads = mkdtempSync(path.join(tmpdir(), "kaoping-veto-uploads-"));
  app = await startApp({ env: { KAOPING_UPLOADS: uploads } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(uploads, { recursive: true, force: true });
});

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [e.name]));

test("a veto recorded with a photo stays pending until a second supervisor confirms it", async () => {
  const recorder = await newContext(browser, PHONE);
  const page = await recorder.newPage();
  await login(page, "supervisor");
  await page.waitForURL("**/supervisor");
  // The home shows the attention panel with its four counts.
  await expect.poll(() => page.getByRole("heading", { name: "待处理事项" }).count()).toBe(1);

  await page.goto("/supervisor/events/new?kind=veto");
  await page.getByLabel("否决事项").check();
  await page.getByLabel("合同").selectOption({ index: 1 });
  // The item list follows the chosen contract's rubric.
  const item = page.getByLabel("事项", { exact: true });
  await expect.poll(() => item.locator("option").count()).toBeGreaterThan(1);
  await item.selectOption({ index: 1 });
  await page.getByLabel("情况说明").fill("食堂午餐后多名职工出现腹泻症状，已送医。");
  await page.locator("input[type=file]").setInputFiles({ name: "scene.png", mimeType: "image/png", buffer: await plainImage(800, 600) });
  await page.getByRole("button", { name: "登记" }).click();
  await page.waitForURL(/\/supervisor\/events\/[^/?]+\?kind=veto/);

  const notice = page.getByTestId("event-notice");
  await expect.poll(() => notice.textContent()).toContain("暂不计入考核");
  expect(await page.locator(".event-status").first().textContent()).toBe("待确认");
  expect(await page.getByRole("button", { name: "确认否决" }).count()).toBe(0);
  expect(await page.getByText("您是登记人，不能自己确认").count()).toBe(1);
  expect(await page.locator(".event-photos img").count()).toBe(1);
  expect(filesUnder(uploads).filter((f) => f.endsWith(".jpg")).length).toBe(2); // the photo and its thumbnail
  const url = page.url();

  // The pending list shows it.
  await page.goto("/supervisor/events?status=pending");
  expect(await page.locator("tbody tr").count()).toBeGreaterThan(0);
  await recorder.close();

  const second = await newContext(browser, PHONE);
  const other = await second.newPage();
  await login(other, "chen.zhiqiang" as DemoRole);
  await other.waitForURL("**/supervisor");
  await other.goto(url);
  await other.getByRole("button", { name: "确认否决" }).click();
  await other.waitForURL(/done=confirm/);
  await expect.poll(() => other.locator(".event-status").first().textContent()).toBe("已确认");
  expect(await other.getByTestId("event-notice").textContent()).toContain("已确认");
  expect(await other.getByText("陈志强").count()).toBeGreaterThan(0);
  expect(await other.getByRole("button", { name: "确认否决" }).count()).toBe(0);
  await second.close();
});
