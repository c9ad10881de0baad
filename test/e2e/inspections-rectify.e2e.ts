import type { Browser, BrowserContext, Page } from "playwright-core";
import { and, eq, lte, gte } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createDb } from "../../db/client";
import * as s from "../../db/schema";
import { periodOfDate } from "../../scoring/dates";
import { makeFinding } from "../helpers/factories";
import { noisyImage } from "../helpers/photos";
import { addDays, E2E_TODAY as today, startApp, type App } from "./app";
import { DEMO_PASSWORD, launchBrowser, login, newContext, PHONE } from "./browser";

/**
 * Rectification end to end on a phone: a finding (made with the factories in
 * the server's own copy of the demo database) gets its fix recorded with an
 * evidence photo by one supervisor; a second supervisor signs in and verifies
 * it; the page then shows it closed, with the history of both steps.
 */

let app: App;
let browser: Browser;
let first: BrowserContext;
let second: BrowserContext;
let findingId = "";

/** Today in the demo organisation's zone (the server runs on the real clock here). */

beforeAll(async () => {
  app = await startApp();
  const { db, client } = createDb({ url: app.databaseUrl });
  try {
    const [supervisor] = await db.select().from(s.users).where(eq(s.users.email, "supervisor@demo.kaoping.test"));
    const [membership] = await db.select().from(s.memberships).where(eq(s.memberships.userId, supervisor!.id));
    const orgId = membership!.orgId;
    const [contract] = await db
      .select({ id: s.contracts.id, siteId: s.contractSites.siteId })
      .from(s.contracts)
      .innerJoin(s.contractSites, eq(s.contractSites.contractId, s.contracts.id))
      .where(and(eq(s.contracts.orgId, orgId), lte(s.contracts.startOn, today), gte(s.contracts.endOn, today)));
    const f = await makeFinding(db, {
      orgId,
      contractId: contract!.id,
      siteId: contract!.siteId,
      createdBy: supervisor!.id,
      foundOn: today,
      dueOn: addDays(today, 3),
      period: periodOfDate(today),
      note: "浏览器测试：楼道灯不亮",
    });
    findingId = f.id;
  } finally {
    client.close();
  }
  browser = await launchBrowser();
  first = await newContext(browser, PHONE);
  second = await newContext(browser, PHONE);
});

afterAll(async () => {
  await first?.close();
  await second?.close();
  await browser?.close();
  await app?.stop();
});

async function signIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel(/电子邮箱|E-mail/).fill(email);
  await page.getByLabel(/密码|Password/).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  await page.waitForURL("**/supervisor");
}

test("a supervisor records the fix with a photo; a second supervisor verifies it; the page shows it closed with its history", async () => {
  const page = await first.newPage();
  await login(page, "supervisor");
  await page.waitForURL("**/supervisor");
  await page.goto(`/supervisor/findings/${findingId}`);
  await expect.poll(() => page.getByTestId("finding-status").textContent()).toBe("待整改");
  // Only the steps an open finding allows.
  expect(await page.getByRole("button", { name: "复查通过，销号" }).count()).toBe(0);

  const photo = await noisyImage(800, 600, "jpeg");
  await page.getByLabel("整改说明").fill("已更换灯管，现场照明恢复");
  await page.locator("input[type=file][name=photos]").setInputFiles({ name: "fix.jpg", mimeType: "image/jpeg", buffer: photo });
  await page.getByRole("button", { name: "提交整改" }).click();
  await page.waitForURL(`**/supervisor/findings/${findingId}?done=rectify`);
  await expect.poll(() => page.getByTestId("finding-status").textContent()).toBe("待复查");
  const history = page.getByTestId("finding-history");
  expect(await history.locator(":scope > li").count()).toBe(1);
  expect(await history.locator("img").count()).toBe(1);
  // The evidence thumbnail is served to the organisation's members.
  const thumb = await history.locator("img").first().getAttribute("src");
  expect((await page.request.get(thumb!)).status()).toBe(200);

  const other = await second.newPage();
  await signIn(other, "chen.zhiqiang@demo.kaoping.test");
  await other.goto(`/supervisor/findings/${findingId}`);
  await other.getByLabel("复查意见（选填）").fill("现场复查合格");
  await other.getByRole("button", { name: "复查通过，销号" }).click();
  await other.waitForURL(`**/supervisor/findings/${findingId}?done=verify`);
  await expect.poll(() => other.getByTestId("finding-status").textContent()).toBe("已销号");
  const items = await other.getByTestId("finding-history").locator(":scope > li").allTextContents();
  expect(items).toHaveLength(2);
  expect(items[0]).toContain("记录整改");
  expect(items[1]).toContain("复查通过");
  expect(items[1]).toContain("陈志强");
  expect(await other.getByRole("button", { name: "提交整改" }).count()).toBe(0);

  // The printable notice carries the deadline and the signature lines.
  await other.goto(`/supervisor/findings/${findingId}/notice`);
  expect(await other.getByRole("heading", { name: "整改通知单" }).count()).toBe(1);
  expect(await other.locator(".notice-sheet").textContent()).toContain(addDays(today, 3));
  expect(await other.getByRole("button", { name: "打印" }).count()).toBe(1);
}, 120_000);
