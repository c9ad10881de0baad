import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createDb } from "../../db/client";
import * as s from "../../db/schema";
import { startApp, type App } from "./app";
import { launchBrowser, login, newContext, PHONE } from "./browser";

/**
 * The contract dossier end to end, on its own copy of the demo at E2E_CLOCK
 * (2026-11-18): procurement signs in, opens the main canteen's dossier, sees
 * the recommendation (do not renew, the veto cited) and the sign-off block
 * with its own name and the day, prints it to PDF through Chromium — at least
 * two A4 pages, a CJK font embedded (pdffonts, poppler-utils), the trend
 * chart drawn as an image — follows a reason to its quarter, and reads the
 * English version's headings; the page fits a 375 px phone.
 */

let app: App;
let browser: Browser;
let context: BrowserContext;
let mainCanteen = "";
let procurementName = "";
const tmp = mkdtempSync(path.join(tmpdir(), "kaoping-dossier-pdf-"));

beforeAll(async () => {
  app = await startApp();
  const { db, client } = createDb({ url: app.databaseUrl });
  try {
    const [contract] = await db.select().from(s.contracts).where(eq(s.contracts.title, "主食堂餐饮服务合同"));
    const [user] = await db.select().from(s.users).where(eq(s.users.email, "procurement@demo.kaoping.test"));
    mainCanteen = contract!.id;
    procurementName = user!.name;
  } finally {
    client.close();
  }
  browser = await launchBrowser();
  context = await newContext(browser, { viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  await login(page, "procurement");
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.close();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const dossierUrl = () => `/procurement/contracts/${mainCanteen}`;

async function openDossier(page: Page, query = "") {
  await page.goto(`${dossierUrl()}${query}`);
  // Hydrated: the trend chart is drawn (animation off, so drawn at once).
  await page.locator(".score-chart-box canvas").waitFor({ timeout: 15_000 });
}

test("procurement opens the main canteen's dossier: recommendation with its reasons, sign-off with its own name", async () => {
  const page = await context.newPage();
  await openDossier(page);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("主食堂餐饮服务合同");
  const recommendation = page.getByTestId("recommendation");
  expect(await recommendation.getByTestId("decision").getAttribute("data-decision")).toBe("do_not_renew");
  expect(await recommendation.locator("[data-rule=veto]").count()).toBe(1);
  const signoff = page.getByTestId("dossier-signoff");
  expect(await signoff.getByTestId("prepared-by").textContent()).toBe(procurementName);
  for (const role of ["编制人", "审核人", "批准人"]) expect(await signoff.textContent()).toContain(role);
  expect(await signoff.textContent()).toContain("2026-11-18");
  // The draft quarter is listed, marked as not counted.
  const draft = page.locator('[data-testid="dossier-quarters"] tr[data-period="2026-Q3"]');
  expect(await draft.getAttribute("data-counted")).toBe("false");
  expect(await draft.textContent()).toContain("不计入");
  // The confirmed veto with its day.
  expect(await page.locator('[data-testid="dossier-events"] tr[data-kind="veto"]').count()).toBeGreaterThan(0);

  // A reason leads to its quarter, read from the snapshot.
  await recommendation.locator("[data-rule=veto] a").first().click();
  await page.waitForURL(/\/quarters\/\d{4}-Q[1-4]$/);
  await expect.poll(() => page.getByTestId("quarter-source").textContent()).toContain("定稿快照");
  // Nothing on it leads where procurement may not go.
  expect(await page.locator('a[href^="/supervisor/"]').count()).toBe(0);
  await page.getByRole("link", { name: /返回合同考核档案/ }).click();
  await page.waitForURL((url) => url.pathname === dossierUrl());
  await page.close();
});

test("prints to an A4 PDF of at least two pages with a CJK font embedded and the chart drawn", async () => {
  const page = await context.newPage();
  await openDossier(page);
  const pdf = await page.pdf({ format: "A4" });
  const file = path.join(tmp, "dossier.pdf");
  writeFileSync(file, pdf);

  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  expect(pages).toBeGreaterThanOrEqual(2);
  expect(info).toMatch(/^Page size:.*\(A4\)/m);

  // Every font embedded ("emb" is the fifth column from the end: a type such as "CID Type 0C" has spaces).
  const fonts = execFileSync("pdffonts", [file], { encoding: "utf8" });
  const rows = fonts.split("\n").slice(2).filter((line) => line.trim() !== "");
  expect(rows.length, fonts).toBeGreaterThan(0);
  expect(rows.filter((line) => line.trim().split(/\s+/).at(-5) !== "yes"), fonts).toEqual([]);
  // A Noto CJK face among them. Chromium (Skia) writes a CFF font such as Noto CJK as Type 3 glyphs, which
  // pdffonts lists as "[none] Type 3 … yes"; the face's name is then in their shared font descriptor.
  const named = rows.some((line) => /Noto(Sans|Serif)CJK/i.test(line));
  const described = /\/FontName\s*\/[A-Z]{6}\+Noto(Sans|Serif)CJK/i.test(pdf.toString("latin1"));
  expect(named || (described && rows.some((line) => /Type 3/.test(line))), fonts).toBe(true);

  // The canvas prints as an image; no button or navigation is printed.
  const images = execFileSync("pdfimages", ["-list", file], { encoding: "utf8" });
  expect(images.trim().split("\n").length, images).toBeGreaterThan(2);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  // The CJK text is real text (mapped to Unicode), not only shapes.
  expect(text).toContain("审核人");
  expect(text).toContain("合同考核档案");
  expect(text).not.toContain("打印 / 存为 PDF");
  expect(text).not.toContain("返回招标视图");
  await page.close();
});

test("downloads the contract's XLSX from the dossier: the scores sheet holds the finalised quarters", async () => {
  const downloads = await newContext(browser, { viewport: { width: 1024, height: 900 }, acceptDownloads: true, storageState: await context.storageState() });
  const page = await downloads.newPage();
  await openDossier(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("dossier-export").click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = path.join(tmp, "contract.xlsx");
  await download.saveAs(file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  expect(book.worksheets.length).toBeGreaterThanOrEqual(3);
  const scores = book.worksheets[0]!;
  // Header plus one row per finalised quarter (2025-Q1 … 2026-Q2 on the clock's day), each with a real number total.
  const periods: string[] = [];
  scores.eachRow((row, n) => {
    if (n === 1) return;
    // Text cells are inline rich text (never a formula); `cell.text` reads them back as plain text.
    const texts: string[] = [];
    row.eachCell((cell) => texts.push(cell.text));
    periods.push(texts.find((v) => /^\d{4}-Q[1-4]$/.test(v)) ?? "");
  });
  expect(periods).toEqual(["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]);
  expect(scores.getRow(2).values as unknown[]).toEqual(expect.arrayContaining([expect.any(Number)]));
  await downloads.close();
});

test("the English version renders English headings", async () => {
  const page = await context.newPage();
  await openDossier(page, "?lng=en");
  expect(await page.locator("html").getAttribute("lang")).toBe("en");
  const headings = await page.getByRole("heading", { level: 2 }).allTextContents();
  expect(headings).toEqual(expect.arrayContaining(["1. The contract", "2. Scores quarter by quarter", "8. Appeals", "10. Renewal recommendation", "11. Sign-off"]));
  expect(headings.join(" ")).not.toMatch(/[\u4e00-\u9fff]/);
  expect(await page.getByTestId("dossier-signoff").textContent()).toContain("Prepared by");
  await page.close();
});

test("fits a 375 px phone", async () => {
  const phone = await newContext(browser, { ...PHONE, viewport: { width: 375, height: 812 }, storageState: await context.storageState() });
  const page = await phone.newPage();
  await openDossier(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await phone.close();
});
