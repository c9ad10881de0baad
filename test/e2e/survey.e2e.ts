import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { addDays, E2E_TODAY, startApp, type App } from "./app";
import { launchBrowser, login, newContext, PHONE } from "./browser";

/**
 * The satisfaction survey end to end: a supervisor creates a campaign through
 * the UI (for the first contract and quarter the demo has none for — the demo
 * seeds every contract's campaigns up to the current quarter),
 * staff answer it on a phone through the open link and through single-use
 * invite codes — also with JavaScript off — and the monitor shows the result.
 */

let app: App;
let browser: Browser;
let supervisor: BrowserContext;
let monitorUrl = "";
let openLink = "";
let inviteCodes: string[] = [];
let contractorName = "";

type Choice = "非常满意" | "满意" | "基本满意" | "不满意" | "非常不满意";

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  supervisor = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await supervisor.newPage();
  await login(page, "supervisor");
  await page.waitForURL("**/supervisor");
  await createCampaign(page);
});

afterAll(async () => {
  await supervisor?.close();
  await browser?.close();
  await app?.stop();
});

/** Today in the demo organisation's zone, "YYYY-MM-DD": the server's (startApp runs it at E2E_CLOCK), not the real date. */
const today = E2E_TODAY;

/**
 * Creates a campaign with the open link and 3 invite codes for the first
 * contract and quarter that has none yet (the demo seeds the current quarter's,
 * so usually the next quarter's).
 */
async function createCampaign(page: Page) {
  await page.goto("/supervisor/surveys/new");
  const contracts = await page.locator("select[name=contractId] option:not([value=''])").evaluateAll((options) =>
    options.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? "" })),
  );
  const periods = await page.locator("select[name=period] option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(contracts.length, "the demo organisation has contracts to survey").toBeGreaterThan(0);
  // The next quarter first: the demo seeds the current one and those before it, never the next.
  for (const period of [periods.at(-1)!, ...periods.filter((p) => p !== periods.at(-1))]) {
    for (const contract of contracts) {
      await page.goto("/supervisor/surveys/new");
      await page.selectOption("select[name=contractId]", contract.value);
      await page.selectOption("select[name=period]", period);
      // Open from today for a week, whichever quarter it is for: the test answers it now.
      await page.getByLabel("开始日期").fill(today);
      await page.getByLabel("截止日期").fill(addDays(today, 7));
      await page.getByLabel("一次性邀请码数量").fill("3");
      await page.getByRole("button", { name: "创建调查" }).click();
      // Remix submits by fetch, so the page's load state says nothing: wait for the outcome,
      // the monitor page or the refusal shown on the form.
      await page.waitForFunction(
        () => !location.pathname.endsWith("/surveys/new") || document.querySelector(".field-error, .form-error") !== null,
      );
      if (/\/supervisor\/surveys\/(?!new)[^/?#]+$/.test(new URL(page.url()).pathname)) {
        monitorUrl = new URL(page.url()).pathname;
        contractorName = contract.text.split(" · ")[0]!;
        openLink = await page.getByRole("textbox", { name: "公开链接" }).inputValue();
        await page.goto(`${monitorUrl}/slips`);
        inviteCodes = await page.locator(".slip-code").allTextContents();
        return;
      }
    }
  }
  throw new Error("no contract and quarter without a campaign");
}

/** Answers every question of the questionnaire on `page` by tapping the visible choice labels. */
async function answerAll(page: Page, choice: Choice = "满意") {
  const questions = page.locator("fieldset.question");
  const n = await questions.count();
  expect(n).toBeGreaterThanOrEqual(6);
  for (let i = 0; i < n; i++) await questions.nth(i).locator(".choice-label", { hasText: new RegExp(`^${choice}$`) }).click();
  return n;
}

/** After a submission: the thank-you page (the URL changes with the navigation, the heading once it has rendered). */
async function thanked(page: Page) {
  await page.waitForURL(/\?done=1$/);
  await page.getByRole("heading", { level: 1, name: "感谢您的参与" }).waitFor({ timeout: 10_000 });
}

test("the campaign was created from the UI with an open link and three invite codes", () => {
  expect(monitorUrl).toMatch(/^\/supervisor\/surveys\/[^/]+$/);
  expect(openLink).toMatch(/\/s\/[A-Za-z0-9_-]{32}$/);
  expect(inviteCodes).toHaveLength(3);
  for (const code of inviteCodes) expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
});

test("on a phone: open link → fill in → submit → thank you; the same phone again is refused", async () => {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  await page.goto(openLink);

  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading.textContent()).resolves.toContain(contractorName);
  // One question per row, five labelled choices as a radio group.
  const first = page.getByRole("group").first();
  expect(await first.getByRole("radio").count()).toBe(5);
  expect(await first.getByRole("radio", { name: /非常满意/ }).count()).toBe(1);
  await expect(page.getByRole("status").filter({ hasText: "已答" }).textContent()).resolves.toMatch(/已答 0\/\d+/);

  // Submitting nothing shows a summary of what is missing, with links to the questions.
  await page.getByRole("button", { name: "提交问卷" }).click();
  const summary = page.locator(".error-summary");
  await summary.waitFor();
  await expect(summary.getAttribute("role")).resolves.toBe("alert");
  expect(await summary.getByRole("link").count()).toBeGreaterThanOrEqual(6);
  await expect(page.locator(".question .field-error").first().textContent()).resolves.toBe("请选择一个评价。");

  const n = await answerAll(page, "满意");
  await page.locator("fieldset.question").first().locator(".choice-label", { hasText: /^非常满意$/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "已答" }).textContent()).resolves.toContain(`已答 ${n}/${n}`);
  expect(await summary.count()).toBe(0);
  await page.getByLabel("意见和建议（选填）").fill("<b>保洁</b>很好，楼梯间 & 电梯还要加强");
  await expect(page.locator("#survey-comment-count").textContent()).resolves.toMatch(/^\d+\/500 字$/);
  // Fits the phone: no sideways scrolling; every choice is a big enough target.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const box = await page.locator(".choice-box").first().boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  expect(box!.width).toBeGreaterThanOrEqual(44);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: "/tmp/survey-phone.png", fullPage: true });

  await page.getByRole("button", { name: "提交问卷" }).click();
  await thanked(page);

  // The same device again: refused with a clear page.
  await page.goto(openLink);
  await expect(heading.textContent()).resolves.toBe("您已参与本次调查");
  await context.close();
});

test("an invite code accepts one response: typed in → answered → thanks; used again → refused", async () => {
  const code = inviteCodes[0]!;
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  // Typed by hand, in lower case with a dash, as people do.
  await page.goto("/invite");
  await page.getByLabel("邀请码").fill(`${code.slice(0, 4).toLowerCase()}-${code.slice(4).toLowerCase()}`);
  await page.getByRole("button", { name: "开始答题" }).click();
  await page.waitForURL(`**/i/${code}`);
  // A second tab on the same code, opened before the first one submits.
  const second = await context.newPage();
  await second.goto(`/i/${code}`);

  // A background tab is throttled (animation frames): bring the one being used to the front.
  await page.bringToFront();
  await answerAll(page, "非常满意");
  await page.getByRole("button", { name: "提交问卷" }).click();
  await thanked(page);

  // The other tab submits the same code: refused with the clear page.
  await second.bringToFront();
  await answerAll(second, "不满意");
  await second.getByRole("button", { name: "提交问卷" }).click();
  await second.getByRole("heading", { level: 1, name: "该邀请码已使用" }).waitFor();
  await expect(second.getByRole("alert").first().textContent()).resolves.toContain("该邀请码已使用");

  // Another phone with the same code (the slip was passed on): refused before answering.
  const other = await newContext(browser, PHONE);
  const again = await other.newPage();
  const response = await again.goto(`/i/${code}`);
  expect(response?.status()).toBe(409);
  await expect(again.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("该邀请码已使用");
  expect(await again.getByRole("button", { name: "提交问卷" }).count()).toBe(0);
  await other.close();

  // A code that does not exist has its own page.
  const unknown = await context.newPage();
  await unknown.goto("/i/ZZZZZZZZ");
  await expect(unknown.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("邀请码无效");
  await context.close();
});

test("with JavaScript disabled the form still posts: errors come back from the server, then it submits", async () => {
  const context = await newContext(browser, { ...PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/i/${inviteCodes[1]!}`);
  // Answer only the first question: the server refuses the rest and keeps this choice.
  await page.locator("fieldset.question").first().locator(".choice-label", { hasText: /^基本满意$/ }).click();
  await page.getByRole("button", { name: "提交问卷" }).click();
  await page.waitForLoadState("load");
  const summary = page.locator(".error-summary[role=alert]");
  expect(await summary.count()).toBe(1);
  expect(await page.locator(".question.invalid").count()).toBeGreaterThanOrEqual(5);
  await expect(page.locator("fieldset.question").first().getByRole("radio", { name: /基本满意/ }).isChecked()).resolves.toBe(true);

  await answerAll(page, "满意");
  await page.getByRole("button", { name: "提交问卷" }).click();
  await thanked(page);

  // The open link works without JavaScript too.
  await page.goto(openLink);
  await answerAll(page, "非常满意");
  await page.getByRole("button", { name: "提交问卷" }).click();
  await thanked(page);
  await context.close();
});

test("signed-in staff see the open survey on their home page and answer it once", async () => {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  await login(page, "staff");
  await page.waitForURL("**/staff");
  // The demo has its own open surveys this quarter: pick the one this test created.
  const campaignId = monitorUrl.split("/").pop()!;
  const link = page.locator(`a[href="/staff/surveys/${campaignId}"]`);
  await expect(link.textContent()).resolves.toContain("填写问卷");
  await expect(page.locator(".survey-card", { has: link }).textContent()).resolves.toContain(contractorName);
  await link.click();
  await page.waitForURL(`**/staff/surveys/${campaignId}`);
  await answerAll(page, "满意");
  await page.getByRole("button", { name: "提交问卷" }).click();
  await thanked(page);

  await page.goto("/staff");
  expect(await page.locator(`a[href="/staff/surveys/${campaignId}"]`).count()).toBe(0);
  const done = page.locator(".survey-card.done", { hasText: contractorName });
  expect(await done.count()).toBeGreaterThanOrEqual(1);
  await expect(done.first().textContent()).resolves.toContain("已参与");
  await context.close();
});

test("the monitor shows the responses, the comment as text, and exports the invite codes as CSV", async () => {
  const page = await supervisor.newPage();
  await page.goto(monitorUrl);
  const respondents = page.locator(".stat", { hasText: "答卷数" }).locator("dd");
  await expect(respondents.textContent()).resolves.toBe("5");
  await expect(page.locator(".stat", { hasText: "邀请码使用" }).locator("dd").textContent()).resolves.toBe("2/3");
  // The comment is shown as written: markup in it is text, never HTML.
  const comment = page.locator(".comment").first();
  await expect(comment.textContent()).resolves.toBe("<b>保洁</b>很好，楼梯间 & 电梯还要加强");
  expect(await page.locator(".comment b").count()).toBe(0);
  // Fewer respondents than the rubric's minimum: warned.
  await expect(page.locator(".warnings").textContent()).resolves.toMatch(/少于考核细则要求的 \d+ 份/);
  // The chart is drawn, with its table alternative.
  await page.locator(".survey-chart canvas").first().waitFor();
  expect(await page.locator(".chart-table table").count()).toBe(2);
  await page.getByText("以表格查看").first().click();
  await expect(page.getByRole("table").first().textContent()).resolves.toContain("满意率");
  await page.screenshot({ path: "/tmp/survey-monitor.png", fullPage: true });

  const csv = await page.request.get(`${monitorUrl}/invites.csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="[\x20-\x7e]+\.csv"; filename\*=UTF-8''%E6%BB%A1/);
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = body.toString("utf8").slice(1).trim().split("\r\n");
  expect(lines[0]).toBe("邀请码,问卷链接,状态"); // whether used, never when (no day column)
  expect(lines).toHaveLength(1 + inviteCodes.length);

  const png = await page.request.get(`${monitorUrl}/qr.png`);
  expect(png.headers()["content-type"]).toBe("image/png");
  await page.close();
});

test("closing the campaign refuses the open link with a clear page; reopening takes answers again", async () => {
  const page = await supervisor.newPage();
  await page.goto(monitorUrl);
  await page.getByRole("button", { name: "结束调查" }).click();
  await page.getByRole("status").filter({ hasText: "调查已结束" }).waitFor();

  const phone = await newContext(browser, PHONE);
  const survey = await phone.newPage();
  await survey.goto(openLink);
  await expect(survey.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("本次调查已结束");
  await survey.goto("/s/unknown-token-unknown-token-unkn");
  await expect(survey.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("链接无效");

  await page.getByRole("button", { name: "重新开放" }).click();
  await page.getByRole("status").filter({ hasText: "调查已重新开放" }).waitFor();
  await survey.goto(openLink);
  expect(await survey.getByRole("button", { name: "提交问卷" }).count()).toBe(1);
  await phone.close();
  await page.close();
});
