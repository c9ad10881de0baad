/**
 * The contractor portal end to end on a phone (issue 14), on its own copy of
 * the demo with the clock at 2027-01-05, inside 2026-Q4's appeal window (the
 * quarter is in draft from 2027-01-01; five working days, weekends only, to
 * 2027-01-07). The property contractor's site manager signs in, sees an
 * overdue finding with its photo and cost, reports its fix with a photo (it
 * moves under "awaiting the check"), appeals another open finding (the second
 * appeal form is gone); a supervisor reads the quarter's live total, upholds
 * the appeal by withdrawing the finding, and the total rises by what the
 * finding cost; the contractor's home shows the same total and the upheld
 * appeal with its reason, in Chinese and, after switching, in English.
 * No horizontal scroll at 390 px, no console error or hydration warning, no
 * untranslated key.
 */
import type { Browser, BrowserContext, ConsoleMessage, Page } from "playwright-core";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createDb } from "../../db/client";
import * as s from "../../db/schema";
import { noisyImage } from "../helpers/photos";
import { startApp, type App } from "./app";
import { launchBrowser, loginAs, newContext, PHONE } from "./browser";

const CLOCK = "2027-01-05T10:00:00+08:00";
const TODAY = CLOCK.slice(0, 10);
const PERIOD = "2026-Q4";
const CONTRACTOR_EMAIL = "site.anju@demo.kaoping.test";
const CONTRACTOR_NAME = "安居物业服务有限公司";
const SUPERVISOR_EMAIL = "supervisor@demo.kaoping.test";
const DECISION_REASON = "浏览器测试：复核现场记录，该问题认定有误，予以撤销";

let app: App;
let browser: Browser;
let contractorCtx: BrowserContext;
let supervisorCtx: BrowserContext;
let contractId = "";
/** The property contract's open 2026-Q4 findings without an appeal, most overdue first (read-only lookup). */
let candidates: { id: string; dueOn: string; repeat: boolean }[] = [];

beforeAll(async () => {
  app = await startApp({ env: { KAOPING_CLOCK: CLOCK } });
  const { db, client } = createDb({ url: app.databaseUrl });
  try {
    const [contractor] = await db.select().from(s.contractors).where(eq(s.contractors.name, CONTRACTOR_NAME));
    const [contract] = await db.select().from(s.contracts).where(eq(s.contracts.contractorId, contractor!.id));
    contractId = contract!.id;
    const open = await db
      .select({ id: s.findings.id, dueOn: s.findings.dueOn, repeatOf: s.findings.repeatOfId })
      .from(s.findings)
      .where(and(eq(s.findings.contractId, contractId), eq(s.findings.period, PERIOD), eq(s.findings.status, "open")));
    const appealed = open.length
      ? await db
          .select({ findingId: s.appeals.findingId })
          .from(s.appeals)
          .where(inArray(s.appeals.findingId, open.map((f) => f.id)))
      : [];
    candidates = open
      .filter((f) => !appealed.some((a) => a.findingId === f.id))
      .map((f) => ({ id: f.id, dueOn: f.dueOn, repeat: f.repeatOf !== null }))
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  } finally {
    client.close();
  }
  browser = await launchBrowser();
  contractorCtx = await newContext(browser, PHONE);
  supervisorCtx = await newContext(browser, PHONE);
});

afterAll(async () => {
  await contractorCtx?.close();
  await supervisorCtx?.close();
  await browser?.close();
  await app?.stop();
});

/** Console errors and warnings, and page errors (a hydration mismatch is reported as one of these). */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m: ConsoleMessage) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

/** Text that looks like an untranslated key (`contractor.open.title`, `appeals.status.upheld`). */
const KEY_LIKE = /\b(?:contractor|findings|appeals|quarter|photos|severity|grades|nav|form|errors)\.[a-zA-Z]+(?:\.[a-zA-Z0-9_]+)*\b/;

async function checkPage(page: Page) {
  expect(await page.locator("body").innerText()).not.toMatch(KEY_LIKE);
  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
}

/** React has hydrated `selector`'s element (its props are attached), so its handlers run. */
async function hydrated(page: Page, selector: string) {
  await page.waitForFunction((sel) => {
    const el = document.querySelector(sel);
    return el !== null && Object.keys(el).some((k) => k.startsWith("__reactProps"));
  }, selector);
}

/** "91.5" / "1,234.5" → number. */
function num(text: string | null): number {
  const n = Number((text ?? "").replace(/[,\s]/g, ""));
  expect(Number.isFinite(n), `a number: ${text}`).toBe(true);
  return n;
}

/** The points in "目前按逾期未整改计扣 X 分". */
function costNow(text: string | null): number {
  const m = /目前按逾期未整改计扣 ([\d.]+) 分/.exec(text ?? "");
  expect(m, `a cost line: ${text}`).not.toBeNull();
  return Number(m![1]);
}

const card = (page: Page, findingId: string) => page.locator("li.portal-finding").filter({ has: page.locator(`a[href="/contractor/findings/${findingId}"]`) });
const openSection = (page: Page) => page.locator('section[aria-labelledby="open-findings"]');
const waitingSection = (page: Page) => page.locator('section[aria-labelledby="waiting-findings"]');
const liveQuarter = (page: Page) => page.getByTestId("portal-live-scores").locator("li.portal-score").filter({ hasText: PERIOD });

async function supervisorTotal(page: Page): Promise<number> {
  await page.goto(`/supervisor/scores/${contractId}/${PERIOD}`);
  await expect.poll(() => page.getByTestId("quarter-total").count()).toBe(1);
  return num(await page.getByTestId("quarter-total").textContent());
}

test("a contractor rectifies an overdue finding and appeals another from a phone; a supervisor upholds it and the draft score rises", async () => {
  // The demo at this clock: the property contract has at least two open, overdue, unappealed findings in 2026-Q4.
  expect(candidates.length).toBeGreaterThanOrEqual(2);
  expect(candidates.every((f) => f.dueOn < TODAY)).toBe(true);
  const overdue = candidates[0]!;
  const appealed = candidates.slice(1).find((f) => !f.repeat) ?? candidates[1]!;

  // 1. The contractor person signs in on the phone and lands on the portal.
  const page = await contractorCtx.newPage();
  const problems = watchConsole(page);
  await loginAs(page, CONTRACTOR_EMAIL);
  await page.waitForURL("**/contractor");
  await expect.poll(() => page.getByText(`服务企业：${CONTRACTOR_NAME}`).count()).toBe(1);
  const overdueCard = card(page, overdue.id);
  await expect.poll(() => openSection(page).locator("li.portal-finding").count()).toBeGreaterThanOrEqual(2);
  // Overdue first: the most overdue finding heads the list, with its days late, item link, photo and cost.
  expect(await openSection(page).locator("li.portal-finding").first().locator("a").first().getAttribute("href")).toBe(`/contractor/findings/${overdue.id}`);
  const daysLate = Math.round((Date.parse(`${TODAY}T00:00:00Z`) - Date.parse(`${overdue.dueOn}T00:00:00Z`)) / 86_400_000);
  expect(await overdueCard.locator("strong.deadline-line").textContent()).toBe(`已逾期 ${daysLate} 天`);
  const itemLabel = (await overdueCard.locator(`a[href="/contractor/findings/${overdue.id}"]`).textContent()) ?? "";
  expect(itemLabel.trim().length).toBeGreaterThan(0);
  expect(await overdueCard.textContent()).toContain(`整改期限 ${overdue.dueOn}`);
  const thumb = overdueCard.locator("ul.portal-thumbs img").first();
  expect(await thumb.getAttribute("alt")).toBe("照片 1");
  await thumb.scrollIntoViewIfNeeded();
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  expect(await overdueCard.getByTestId("finding-cost").textContent()).toMatch(/^目前按逾期未整改计扣 [\d.]+ 分 · 现在整改仍按逾期整改扣 [\d.]+ 分$/);
  // What the finding to be appealed costs now: what the score should gain when it is withdrawn.
  const appealedCost = costNow(await card(page, appealed.id).getByTestId("finding-cost").textContent());
  expect(appealedCost).toBeGreaterThan(0);
  // The live score of the quarter in draft, and the appeals section.
  await expect.poll(() => page.getByRole("heading", { name: "本季度实时得分" }).count()).toBe(1);
  expect(await liveQuarter(page).count()).toBe(1);
  expect(await liveQuarter(page).locator(".quarter-badge").textContent()).toBe("待定稿");
  expect(await liveQuarter(page).getByTestId("portal-score-total").textContent()).toMatch(/^\d+(\.\d+)?$/);
  expect(await page.getByRole("heading", { name: "我的申诉" }).count()).toBe(1);
  await checkPage(page);

  // 2. Opens the overdue finding and reports the fix with a photo and a note.
  await overdueCard.locator(`a[href="/contractor/findings/${overdue.id}"]`).click();
  await page.waitForURL(`**/contractor/findings/${overdue.id}`);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain(itemLabel.trim());
  expect(await page.locator("p.deadline-line.bad").count()).toBe(1);
  await checkPage(page);
  const rectify = page.locator('form[aria-labelledby="rectify-title"]');
  await hydrated(page, 'form[aria-labelledby="rectify-title"] input[data-photo-field]');
  await rectify.getByLabel("整改说明").fill("浏览器测试：已重新清洁公共区域，附整改后照片");
  await rectify.locator("input[type=file][name=photos]").setInputFiles({ name: "fix.jpg", mimeType: "image/jpeg", buffer: await noisyImage(800, 600, "jpeg", 7) });
  await expect.poll(() => rectify.locator(".photo-previews img").count()).toBe(1);
  await rectify.getByRole("button", { name: "提交整改" }).click();
  await page.waitForURL(`**/contractor/findings/${overdue.id}?done=rectify`);
  await expect.poll(() => page.getByRole("status").textContent()).toBe("已提交整改，等待监管人员复核。");
  await expect.poll(() => page.getByText("整改已提交，等待监管人员复核。").count()).toBe(1);
  expect(await page.getByRole("button", { name: "提交整改" }).count()).toBe(0);
  // The fix and its photo are in the history.
  const history = page.locator("ol.finding-history > li").filter({ hasText: "浏览器测试：已重新清洁公共区域" });
  expect(await history.count()).toBe(1);
  expect(await history.locator("img").count()).toBe(1);

  // Back home: the finding is under the fixes awaiting the check, no longer among those to rectify.
  await page.getByRole("link", { name: /返回工作台/ }).click();
  await page.waitForURL("**/contractor");
  await expect.poll(() => waitingSection(page).locator(`a[href="/contractor/findings/${overdue.id}"]`).count()).toBe(1);
  expect(await openSection(page).locator(`a[href="/contractor/findings/${overdue.id}"]`).count()).toBe(0);

  // 3. Opens another open finding and appeals the finding itself, with a reason and a photo.
  await card(page, appealed.id).locator(`a[href="/contractor/findings/${appealed.id}"]`).first().click();
  await page.waitForURL(`**/contractor/findings/${appealed.id}`);
  // The window as the page states it: open today.
  const windowLine = page.getByText(/^本季度申诉期至 \d{4}-\d{2}-\d{2}（含当日）。$/);
  await expect.poll(() => windowLine.count()).toBe(1);
  const closesOn = /(\d{4}-\d{2}-\d{2})/.exec((await windowLine.textContent()) ?? "")![1]!;
  expect(closesOn).toBe("2027-01-07");
  expect(closesOn >= TODAY).toBe(true);
  await checkPage(page);
  const appealForm = page.locator("form").filter({ has: page.getByRole("button", { name: "提交申诉" }) });
  await hydrated(page, 'section[aria-labelledby="appeal-title"] input[data-photo-field]');
  expect(await appealForm.getByLabel("问题本身（认定或严重程度）").isChecked()).toBe(true);
  await appealForm.getByLabel("申诉理由").fill("浏览器测试：检查当日该区域正在施工，不属于保洁责任范围，附施工公告照片");
  await appealForm.locator("input[type=file][name=photos]").setInputFiles({ name: "notice.png", mimeType: "image/png", buffer: await noisyImage(640, 480, "png", 11) });
  await expect.poll(() => appealForm.locator(".photo-previews img").count()).toBe(1);
  await appealForm.getByRole("button", { name: "提交申诉" }).click();
  await page.waitForURL(`**/contractor/findings/${appealed.id}?done=appeal`);
  await expect.poll(() => page.getByRole("status").textContent()).toBe("已提交申诉，等待监管人员处理。");
  // A second appeal form is gone, with the reason why.
  await expect.poll(() => page.getByText("已对该问题提出过申诉。").count()).toBe(1);
  expect(await page.getByRole("button", { name: "提交申诉" }).count()).toBe(0);
  await checkPage(page);

  // 4. A supervisor, on another phone, reads the quarter's live total, then upholds the appeal.
  const sup = await supervisorCtx.newPage();
  const supProblems = watchConsole(sup);
  await loginAs(sup, SUPERVISOR_EMAIL);
  await sup.waitForURL("**/supervisor");
  const before = await supervisorTotal(sup);
  // The contractor's home shows the same live total.
  await page.goto("/contractor");
  expect(num(await liveQuarter(page).getByTestId("portal-score-total").textContent())).toBe(before);

  await sup.goto("/supervisor/appeals");
  const row = sup.getByTestId("appeal-queue").locator("tbody tr").filter({ hasText: CONTRACTOR_NAME }).filter({ hasText: PERIOD }).filter({ hasText: "待处理" });
  await expect.poll(() => row.count()).toBe(1);
  expect(await row.textContent()).toContain("2027-01-07");
  await row.getByRole("link").first().click();
  await sup.waitForURL(/\/supervisor\/appeals\/[^/?]+$/);
  await expect.poll(() => sup.getByRole("heading", { level: 1 }).textContent()).toContain("待处理");
  expect(await sup.locator("section[aria-labelledby=reason-title]").textContent()).toContain("检查当日该区域正在施工");
  expect(await sup.locator("section[aria-labelledby=reason-title] img").count()).toBe(1);
  expect(await sup.locator(`section[aria-labelledby=contested-title] a[href="/supervisor/findings/${appealed.id}"]`).count()).toBe(1);
  await sup.getByRole("radio", { name: "申诉成立" }).check();
  await sup.getByRole("radio", { name: "撤销该问题" }).check();
  await sup.getByLabel("理由（必填，会告知服务单位）").fill(DECISION_REASON);
  await sup.getByRole("button", { name: "提交决定" }).click();
  await sup.waitForURL(/\/supervisor\/appeals\/[^/?]+\?done=upheld/);
  await expect.poll(() => sup.getByRole("status").textContent()).toContain("已认定申诉成立。");
  expect(await sup.getByRole("heading", { level: 1 }).textContent()).toContain("申诉成立");
  const decision = await sup.locator("section[aria-labelledby=decision-title]").textContent();
  expect(decision).toContain("问题已撤销");
  expect(decision).toContain(DECISION_REASON);

  // 5. The quarter's live total rose by what the withdrawn finding cost.
  const after = await supervisorTotal(sup);
  expect(after).toBeGreaterThan(before);
  expect(after).toBeCloseTo(before + appealedCost, 1);
  console.log(`${PERIOD} live total: ${before} before the appeal, ${after} after (the withdrawn finding cost ${appealedCost})`);

  // The contractor's home: the same new total, the finding gone from the list, the appeal upheld with the reason.
  await page.goto("/contractor");
  await expect.poll(async () => num(await liveQuarter(page).getByTestId("portal-score-total").textContent())).toBe(after);
  expect(await openSection(page).locator(`a[href="/contractor/findings/${appealed.id}"]`).count()).toBe(0);
  const appealLine = page.getByTestId("portal-appeals").locator("li").filter({ has: page.locator(`a[href="/contractor/findings/${appealed.id}"]`) });
  expect(await appealLine.count()).toBe(1);
  const appealText = await appealLine.textContent();
  expect(appealText).toContain(`问题本身 · ${TODAY} 提出 · 申诉成立`);
  expect(appealText).toContain("问题已撤销");
  expect(appealText).toContain(DECISION_REASON);
  await checkPage(page);

  // 6. The same home in English, after switching the language.
  await hydrated(page, "button.lang-switch");
  await page.getByRole("button", { name: "English" }).click();
  await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
  await expect.poll(() => page.getByRole("heading", { name: "My appeals" }).count()).toBe(1);
  expect(await page.getByRole("heading", { name: "Findings to rectify" }).count()).toBe(1);
  expect(await appealLine.textContent()).toContain(`The finding · filed ${TODAY} · Upheld`);
  expect(await appealLine.textContent()).toContain("Finding withdrawn");
  await checkPage(page);

  expect(problems).toEqual([]);
  expect(supProblems).toEqual([]);
}, 120_000);
