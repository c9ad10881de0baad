import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createDb } from "../../db/client";
import { newId } from "../../db/ids";
import * as s from "../../db/schema";
import { defaultRubric } from "../../scoring/index";
import { startApp, type App } from "./app";
import { launchBrowser, login, newContext, PHONE } from "./browser";

/**
 * The contract annex (考核细则附件) end to end, on its own copy of the demo: a
 * visitor prints the catering default's annex to PDF through Chromium — A4,
 * the title and the item texts extractable as CJK text, no button or
 * navigation printed — and reads it in English; the demo's staff member sees
 * the organisation's published version on /rubrics with the contracts' rubric
 * in force, and prints that version's annex; the annex fits a 375 px phone.
 */

let app: App;
let browser: Browser;
let context: BrowserContext;
const versionId = newId();
const tmp = mkdtempSync(path.join(tmpdir(), "kaoping-annex-pdf-"));

beforeAll(async () => {
  app = await startApp();
  const { db, client } = createDb({ url: app.databaseUrl });
  try {
    // A published catering version of the demo organisation, its questionnaire one question longer.
    const [admin] = await db
      .select({ userId: s.users.id, orgId: s.memberships.orgId })
      .from(s.users)
      .innerJoin(s.memberships, eq(s.memberships.userId, s.users.id))
      .where(eq(s.users.email, "admin@demo.kaoping.test"));
    const base = defaultRubric("catering");
    const rubric = {
      ...base,
      id: "catering-demo",
      version: "2027.1",
      questionnaire: [...base.questionnaire, { id: "catering.q.menu-variety", label: { "zh-CN": "菜品花样是否丰富", en: "Variety of the menu" } }],
    };
    await db.insert(s.rubricVersions).values({
      id: versionId,
      orgId: admin!.orgId,
      serviceType: "catering",
      rubricId: rubric.id,
      version: rubric.version,
      basedOn: `${base.id}@${base.version}`,
      rubric,
      status: "published",
      publishedAt: "2026-11-01T02:00:00.000Z",
      createdBy: admin!.userId,
      createdAt: "2026-11-01T02:00:00.000Z",
    });
  } finally {
    client.close();
  }
  browser = await launchBrowser();
  context = await newContext(browser, { viewport: { width: 1024, height: 900 } });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

function pdfText(pdf: Buffer, name: string): { pages: number; info: string; text: string } {
  const file = path.join(tmp, name);
  writeFileSync(file, pdf);
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]), info, text };
}

test("a visitor prints the catering default's annex: A4, CJK text extractable, no button or navigation", async () => {
  const page = await context.newPage();
  await page.goto("/rubrics/catering/annex");
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`附件：餐饮服务考核细则（${defaultRubric("catering").version}）`);
  expect(await page.getByTestId("annex-print").isVisible()).toBe(true);
  const { pages, info, text } = pdfText(await page.pdf({ format: "A4" }), "default.pdf");
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(info).toMatch(/^Page size:.*\(A4\)/m);
  expect(text).toContain("考核细则");
  expect(text).toContain("一票否决项");
  expect(text).toContain("留样");
  expect(text).toContain("满意度计分规则");
  expect(text).not.toContain("打印附件");
  expect(text).not.toContain("返回考核细则");
  await page.close();
});

test("the annex reads in English", async () => {
  const page = await context.newPage();
  await page.goto("/rubrics/catering/annex?lng=en");
  expect(await page.locator("html").getAttribute("lang")).toBe("en");
  const title = await page.getByRole("heading", { level: 1 }).textContent();
  expect(title).toMatch(/^Annex: .* service assessment rubric \(/);
  expect(title).not.toMatch(/[\u4e00-\u9fff]/);
  await page.close();
});

test("a member sees the organisation's version with the rubric in force per contract, and prints its annex", async () => {
  const member = await newContext(browser, { viewport: { width: 1024, height: 900 } });
  const page = await member.newPage();
  await login(page, "staff");
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.goto("/rubrics");
  const versions = page.getByTestId("org-versions");
  expect(await versions.locator(`[data-version-id="${versionId}"]`).textContent()).toContain("2027.1");
  expect(await page.getByTestId("rubric-in-force").locator("tbody tr").count()).toBeGreaterThan(0);
  await versions.getByRole("link", { name: /2027\.1/ }).click();
  await page.waitForURL(`**/rubrics/v/${versionId}`);
  await page.getByRole("link", { name: /合同附件/ }).click();
  await page.waitForURL(`**/rubrics/v/${versionId}/annex`);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("（2027.1）");
  const { pages, text } = pdfText(await page.pdf({ format: "A4" }), "org.pdf");
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(text).toContain("菜品花样是否丰富");
  expect(text).toContain("发布单位");
  await member.close();
});

test("the annex fits a 375 px phone", async () => {
  const phone = await newContext(browser, { ...PHONE, viewport: { width: 375, height: 812 } });
  const page = await phone.newPage();
  await page.goto("/rubrics/property/annex");
  await page.getByRole("heading", { level: 1 }).waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await phone.close();
});
