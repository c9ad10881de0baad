import { createClient } from "@libsql/client";
import type { Browser, ConsoleMessage, Page, Request } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startApp, type App } from "./app";
import { DEMO_PASSWORD, launchBrowser, login, newContext, PHONE } from "./browser";

/**
 * Each page carries only its own texts (issue 8 part 6, app/i18n/README.md):
 * the server puts the page's namespaces, in the active language, into the HTML;
 * hydration shows the same text (no React hydration error in the console, no key
 * on screen); a client-side navigation into another feature loads that
 * feature's texts before the new page shows.
 */

let app: App;
let browser: Browser;
let token = "";

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const client = createClient({ url: app.databaseUrl });
  try {
    const rows = await client.execute("SELECT open_token FROM survey_campaigns WHERE status = 'open' AND allow_open_link = 1");
    token = rows.rows.map((r) => String(r.open_token))[0] ?? "";
  } finally {
    client.close();
  }
  expect(token, "the demo has an open survey link").not.toBe("");
});

afterAll(async () => {
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

/** Text that looks like an untranslated key (`survey.form.intro`, `admin.nav.users`, `nav.login`). */
const KEY_LIKE = /\b(?:survey|admin|auth|nav|app|errors|form|roles)\.[a-zA-Z]+(?:\.[a-zA-Z0-9]+)*\b/;

async function pageTexts(page: Page): Promise<{ payload: { lng: string; resources: Record<string, unknown> }; body: string }> {
  const payload = JSON.parse((await page.locator("#kaoping-i18n").textContent()) ?? "{}") as {
    lng: string;
    resources: Record<string, unknown>;
  };
  return { payload, body: await page.locator("body").innerText() };
}

test("the survey page carries the survey texts in Chinese only, hydrates without errors and shows no keys", async () => {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  const problems = watchConsole(page);
  const requested: string[] = [];
  page.on("request", (r: Request) => requested.push(new URL(r.url()).pathname));
  await page.goto(`/s/${token}`);
  // The live progress line exists only after hydration.
  await expect.poll(() => page.locator(".survey-progress").count(), { timeout: 15_000 }).toBe(1);
  const { payload, body } = await pageTexts(page);
  expect(payload.lng).toBe("zh-CN");
  expect(Object.keys(payload.resources).sort()).toEqual(["survey", "translation"]);
  expect(JSON.stringify(payload.resources)).not.toContain("Satisfaction"); // no English text
  expect(body).toContain("请根据本季度的实际感受");
  expect(body).not.toMatch(KEY_LIKE);
  // Nothing fetched texts after the page loaded: they came with the HTML.
  expect(requested.filter((p) => /\/assets\/texts-/.test(p))).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});

test("in English the survey page carries the English texts only and shows them", async () => {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(`/s/${token}?lng=en`);
  await expect.poll(() => page.locator(".survey-progress").count(), { timeout: 15_000 }).toBe(1);
  const { payload, body } = await pageTexts(page);
  expect(payload.lng).toBe("en");
  expect(Object.keys(payload.resources).sort()).toEqual(["survey", "translation"]);
  expect(JSON.stringify(payload.resources)).not.toMatch(/[\u4e00-\u9fff]{4}/); // no run of Chinese text
  expect(await page.locator("html").getAttribute("lang")).toBe("en");
  expect(body).not.toMatch(KEY_LIKE);
  expect(body).toMatch(/Submit/);
  expect(problems).toEqual([]);
  await context.close();
});

test("signing in navigates client-side into the supervisor pages, whose survey texts load before they show", async () => {
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto("/login");
  const loginPayload = (await pageTexts(page)).payload;
  // The sign-in page carries its own (auth) texts, not the survey ones.
  expect(Object.keys(loginPayload.resources)).toEqual(["translation", "auth"]);
  // Scripts loaded and run, so the sign-in below is a client-side navigation.
  await page.waitForLoadState("networkidle");
  const documents: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "document") documents.push(`${r.method()} ${r.url()}`);
  });
  const textChunks: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/assets/texts-")) textChunks.push(new URL(r.url()).pathname);
  });
  // Records any moment the page shows something that looks like a key (a flash before the texts load).
  await page.evaluate((source) => {
    const re = new RegExp(source);
    const w = window as unknown as { keysSeen: string[] };
    w.keysSeen = [];
    new MutationObserver(() => {
      const m = re.exec(document.body.innerText);
      if (m) w.keysSeen.push(m[0]);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, KEY_LIKE.source);
  // As login() in ./browser.ts, without its page.goto: the page is already loaded and hydrated.
  await page.getByLabel("电子邮箱").fill("supervisor@demo.kaoping.test");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL("**/supervisor");
  await page.getByRole("heading", { level: 2 }).first().waitFor();
  const { payload, body } = await pageTexts(page);
  expect(documents, "the sign-in was a client-side navigation").toEqual([]);
  expect(Object.keys(payload.resources).sort()).toEqual(["appeals", "patrols", "survey", "translation"]);
  expect(body).not.toMatch(KEY_LIKE);
  expect(await page.evaluate(() => (window as unknown as { keysSeen: string[] }).keysSeen)).toEqual([]);
  // The survey texts were fetched on the way (the sign-in page had only the common ones).
  expect(textChunks.filter((p) => p.startsWith("/assets/texts-survey-"))).toHaveLength(1);
  expect(problems).toEqual([]);
  await context.close();
});

test("an admin page carries the admin texts, not the survey ones", async () => {
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await login(page, "admin");
  await page.waitForURL("**/admin**");
  const problems = watchConsole(page);
  await page.goto("/admin/contracts");
  await page.waitForLoadState("networkidle");
  const { payload, body } = await pageTexts(page);
  expect(Object.keys(payload.resources).sort()).toEqual(["admin", "translation"]);
  expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("合同");
  expect(body).not.toMatch(KEY_LIKE);
  expect(problems).toEqual([]);
  await context.close();
});
