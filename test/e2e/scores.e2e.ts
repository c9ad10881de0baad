import type { Browser, BrowserContext, Page } from "playwright-core";
import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createDb } from "../../db/client";
import * as s from "../../db/schema";
import { makeFinding } from "../helpers/factories";
import { startApp, type App } from "./app";
import { launchBrowser, login, newContext } from "./browser";

/**
 * A quarter's score end to end, on the demo at E2E_CLOCK (2026-11-18, so
 * 2026-Q3 is a draft): a supervisor opens the property contract's 2026-Q3
 * score page from the dashboard, follows a deduction to its finding and photo, finalises the
 * draft (giving the reasons the page asks for), sees the lock (the page says
 * finalised; a withdrawal posted from a finding page opened before is refused
 * with the locked message), reopens with a reason, finalises revision 2 and
 * sees both revisions; the page and its sheet fit a 375 px screen.
 */

const PERIOD = "2026-Q3";
let app: App;
let browser: Browser;
let context: BrowserContext;
let contractId = "";
/** An open finding of the quarter, made for the withdrawal that the lock refuses. */
let openFindingId = "";

beforeAll(async () => {
  app = await startApp();
  const { db, client } = createDb({ url: app.databaseUrl });
  try {
    const [supervisor] = await db.select().from(s.users).where(eq(s.users.email, "supervisor@demo.kaoping.test"));
    const [contract] = await db.select().from(s.contracts).where(eq(s.contracts.serviceType, "property"));
    contractId = contract!.id;
    // Like one the demo recorded in the quarter (its item and place), found late in September and still open.
    const [like] = await db
      .select()
      .from(s.findings)
      .where(and(eq(s.findings.contractId, contractId), eq(s.findings.period, PERIOD), ne(s.findings.status, "withdrawn")));
    const f = await makeFinding(db, {
      orgId: contract!.orgId,
      contractId,
      siteId: like!.siteId,
      itemId: like!.itemId,
      severity: "minor",
      period: PERIOD,
      foundOn: "2026-09-25",
      dueOn: "2026-09-28",
      createdBy: supervisor!.id,
      note: "浏览器测试：走廊灯不亮",
    });
    openFindingId = f.id;
  } finally {
    client.close();
  }
  browser = await launchBrowser();
  context = await newContext(browser);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.stop();
});

const scorePath = () => `/supervisor/scores/${contractId}/${PERIOD}`;

/** Finalises from the score page, writing the reasons the page asks for. */
async function finalise(page: Page) {
  const override = page.getByLabel("仍然定稿的原因");
  if ((await override.count()) > 0) await override.fill("浏览器测试：待复查问题另行跟进");
  const justification = page.getByLabel("暂定得分定稿的说明");
  if ((await justification.count()) > 0) await justification.fill("浏览器测试：问卷份数不足，按现有数据定稿");
  await page.getByRole("button", { name: "定稿", exact: true }).click();
}

async function noHorizontalScroll(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

test("a supervisor follows a deduction to its finding, finalises the draft, sees the lock, reopens and finalises revision 2", async () => {
  const page = await context.newPage();
  await login(page, "supervisor");
  await page.waitForURL("**/supervisor");
  // From the dashboard of the quarter, into the contract's quarter score page.
  await page.goto(`/supervisor/scores?period=${PERIOD}`);
  await page.locator(`a[href="${scorePath()}"]`).click();
  await page.waitForURL(`**${scorePath()}`);
  await expect.poll(() => page.getByTestId("quarter-state").textContent()).toBe("待定稿");
  expect(await page.getByTestId("quarter-source").textContent()).toContain("实时计算，截至 2026-11-18");

  // A deduction with its photo thumbnail leads to its finding and the photo there.
  const withPhoto = page.getByTestId("deduction").filter({ has: page.locator("img.quarter-thumb") }).first();
  const thumb = withPhoto.locator("img.quarter-thumb");
  expect(await thumb.getAttribute("alt")).toMatch(/^问题照片：/);
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  expect(await withPhoto.textContent()).toMatch(/发现 2026-0[7-9]-\d\d/);
  await withPhoto.getByRole("link", { name: "查看问题" }).click();
  await page.waitForURL(/\/supervisor\/findings\/[^/]+$/);
  const photo = page.locator(".photo-grid img").first();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

  // A finding page opened while the quarter can still be written: its withdrawal form is there.
  const stale = await context.newPage();
  await stale.goto(`/supervisor/findings/${openFindingId}`);
  expect(await stale.getByRole("button", { name: "撤回", exact: true }).count()).toBe(1);

  await page.goto(scorePath());
  await finalise(page);
  await expect.poll(() => page.getByRole("status").textContent()).toBe("已定稿（第 1 版）。");
  expect(await page.getByTestId("quarter-state").textContent()).toBe("已定稿（第 1 版）");
  expect(await page.getByTestId("quarter-source").textContent()).toMatch(/^第 1 版定稿快照（计算截至 2026-11-18），2026-11-18 由 .+ 定稿/);
  expect(await page.getByRole("button", { name: "定稿", exact: true }).count()).toBe(0);

  // The lock: the withdrawal posted from the page opened before is refused with the locked message.
  await stale.getByLabel("撤回原因").fill("浏览器测试：误录");
  await stale.getByRole("button", { name: "撤回", exact: true }).click();
  await expect.poll(() => stale.getByText("该季度的考核已定稿，不能撤回问题或清除重复标记。").count()).toBe(1);
  await stale.reload();
  expect(await stale.getByText(/该问题所在季度（2026-Q3）的考核已定稿/).count()).toBe(1);
  expect(await stale.getByRole("button", { name: "撤回", exact: true }).count()).toBe(0);

  // Reopen needs a reason: refused in the browser without one, then reopened with it.
  await page.getByRole("button", { name: "重开", exact: true }).click();
  await expect.poll(() => page.getByText("此项为必填项。").count()).toBeGreaterThan(0);
  await page.getByLabel("重开原因").fill("浏览器测试：扣分项目录入错误");
  await page.getByRole("button", { name: "重开", exact: true }).click();
  await expect.poll(() => page.getByRole("status").textContent()).toBe("已重开，更正后请再次定稿。");
  expect(await page.getByTestId("quarter-state").textContent()).toBe("已重开");
  expect(await page.getByTestId("quarter-source").textContent()).toContain("按首次定稿日 2026-11-18 实时计算");

  await finalise(page);
  await expect.poll(() => page.getByRole("status").textContent()).toBe("已定稿（第 2 版）。");
  const revisions = page.getByTestId("revision");
  expect(await revisions.count()).toBe(2);
  expect(await revisions.nth(0).textContent()).toMatch(/^第 1 版：/);
  expect(await revisions.nth(1).textContent()).toMatch(/^第 2 版：/);
  expect(await revisions.nth(1).textContent()).toContain("重开原因：浏览器测试：扣分项目录入错误");

  // The sheet prints the snapshot of revision 2, with its sign-off lines.
  await page.getByRole("link", { name: "打印季度考核表" }).click();
  await page.waitForURL(`**${scorePath()}/sheet`);
  expect(await page.getByRole("heading", { name: "季度考核表" }).count()).toBe(1);
  expect(await page.getByText("第 2 版，定稿 2026-11-18").count()).toBe(1);
  expect(await page.getByTestId("sheet-draft").count()).toBe(0);
  for (const line of ["考核人", "复核人", "服务单位确认"]) expect(await page.getByText(line, { exact: true }).count()).toBe(1);
  expect(await page.getByRole("button", { name: "打印" }).count()).toBe(1);
  await stale.close();
  await page.close();
});

test("the score page and its sheet fit a 375 px wide screen; a live quarter's sheet is marked as a draft", async () => {
  const phone = await newContext(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  try {
    const page = await phone.newPage();
    await login(page, "supervisor");
    await page.waitForURL("**/supervisor");
    for (const period of ["2026-Q4", PERIOD]) {
      await page.goto(`/supervisor/scores/${contractId}/${period}`);
      expect(await page.getByTestId("quarter-state").count()).toBe(1);
      expect(await noHorizontalScroll(page)).toBe(true);
      await page.goto(`/supervisor/scores/${contractId}/${period}/sheet`);
      expect(await noHorizontalScroll(page)).toBe(true);
    }
    await page.goto(`/supervisor/scores/${contractId}/2026-Q4/sheet`);
    expect(await page.getByTestId("sheet-draft").textContent()).toContain("草稿");
  } finally {
    await phone.close();
  }
});
