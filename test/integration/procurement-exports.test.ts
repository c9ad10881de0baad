/**
 * Procurement's exports (issue 12) on the demo, on the browser tests' day
 * (2026-11-18), called as Remix calls the routes and parsed back with exceljs:
 * the scores equal the snapshots (latest revision only: the meeting
 * contract's revised quarter once, as revision 2), real number, percent and
 * date cells, a frozen header, headers in zh-CN and English; a finding note
 * "=1+1" comes back as that string and no sheet's XML holds a formula; the
 * CSV has its byte-order mark, CRLF and the dangerous starts prefixed; the
 * survey sheet holds the snapshots' released tallies only; staff 403,
 * another organisation's contract 404, an unknown CSV table 400. The
 * appeals sheet (issue 14): the demo's upheld and dismissed appeals with
 * their outcomes and days as date cells, a reason "=1+1" a string (and
 * prefixed in the CSV), none of another organisation's.
 */
process.env.KAOPING_CLOCK ??= "2026-11-18T10:00:00+08:00";

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { and, eq, ne, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findingRows, quarterScoreRows, surveyTallyRows, termContracts, termRecords, type ExportScope } from "../../db/queries/procurement";
import { getOrgSettings } from "../../db/queries/settings";
import * as s from "../../db/schema";
import { seedDemo, type SeedDemoResult } from "../../seed/demo";
import { writeWorkbook } from "../../server/exports/xlsx";
import { load, member, signIn, type SignedIn } from "../helpers/admin-request";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeAppeal, makeContract, makeFinding, makeOrg } from "../helpers/factories";
import { DEMO_DISMISSED_DECISION_REASON, DEMO_UPHELD_APPEAL_REASON, DEMO_UPHELD_DECISION_REASON } from "../../seed/demo-appeals";
import type * as OrgXlsx from "~/routes/procurement.export[.]xlsx";
import type * as ContractXlsx from "~/routes/procurement.contracts.$contractId.export[.]xlsx";
import type * as OrgCsv from "~/routes/procurement.export[.]csv";

const TODAY = "2026-11-18";
const SEED_TIMEOUT_MS = 180_000;
/** Notes a spreadsheet would run as formulas, recorded on top of the seed. */
const DANGEROUS = ["=1+1", "+41", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"];

let t: TestDb;
let uploads: string;
let demo: Extract<SeedDemoResult, { created: true }>;
let procurement: SignedIn;
let staff: SignedIn;
let otherContractId: string;
let orgXlsx: typeof OrgXlsx;
let contractXlsx: typeof ContractXlsx;
let orgCsv: typeof OrgCsv;

beforeAll(async () => {
  t = await installAppDb();
  uploads = mkdtempSync(path.join(tmpdir(), "kaoping-exports-"));
  const result = await seedDemo(t.db, { today: TODAY, passwordHash: "unused-in-this-test", uploadsDir: uploads });
  if (!result.created) throw new Error("demo not created");
  demo = result;
  procurement = { orgId: demo.orgId, userId: demo.ids.users.procurement, cookie: await signIn(demo.ids.users.procurement, demo.orgId) };
  staff = { orgId: demo.orgId, userId: demo.ids.users.staff, cookie: await signIn(demo.ids.users.staff, demo.orgId) };
  // Findings in the open quarter of the main canteen whose notes start like formulas.
  const contractId = demo.ids.contracts["main-canteen"];
  const [inspection] = await t.db.select().from(s.inspections).where(and(eq(s.inspections.orgId, demo.orgId), eq(s.inspections.contractId, contractId))).limit(1);
  let firstDangerous = "";
  for (const note of DANGEROUS) {
    const made = await makeFinding(t.db, {
      orgId: demo.orgId,
      contractId,
      inspectionId: inspection!.id,
      siteId: inspection!.siteId,
      period: "2026-Q4",
      itemId: "catering.quality.sample-retention",
      foundOn: "2026-11-16",
      dueOn: "2026-11-19",
      note,
      createdBy: demo.ids.users.supervisor,
    });
    firstDangerous ||= made.id;
  }
  // A pending appeal whose reason starts like a formula.
  const canteen = demo.data.contracts.find((c) => c.key === "main-canteen")!;
  await makeAppeal(t.db, {
    orgId: demo.orgId,
    contractId,
    contractorId: demo.ids.contractors[canteen.contractorKey],
    filedBy: demo.ids.contractorPeople[canteen.contractorKey],
    target: "finding",
    findingId: firstDangerous,
    period: "2026-Q4",
    filedOn: "2026-11-17",
    reason: "=1+1",
  });
  const other = await makeOrg(t.db, { name: "另一机关服务中心" });
  otherContractId = (await makeContract(t.db, { orgId: other.id })).id;
  orgXlsx = await import("~/routes/procurement.export[.]xlsx");
  contractXlsx = await import("~/routes/procurement.contracts.$contractId.export[.]xlsx");
  orgCsv = await import("~/routes/procurement.export[.]csv");
}, SEED_TIMEOUT_MS);
afterAll(async () => {
  await t?.cleanup();
  if (uploads) rmSync(uploads, { recursive: true, force: true });
});

const getOrg = (who = procurement, query = "") => load(orgXlsx.loader as never, `/procurement/export.xlsx${query}`, who.cookie);
const getContract = (contractId: string, who = procurement, query = "") =>
  load(contractXlsx.loader as never, `/procurement/contracts/${contractId}/export.xlsx${query}`, who.cookie, { contractId });
const getCsv = (table: string, who = procurement, query = "") => load(orgCsv.loader as never, `/procurement/export.csv?table=${encodeURIComponent(table)}${query}`, who.cookie);

async function workbookOf(res: Response) {
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  return { workbook, bytes };
}

/** A cell's value, text cells (one-run inline rich text) as their string. */
function valueOf(value: ExcelJS.CellValue): ExcelJS.CellValue {
  if (value && typeof value === "object" && "richText" in value) return value.richText.map((r) => r.text).join("");
  return value;
}
const valuesOf = (row: ExcelJS.Row) => (row.values as ExcelJS.CellValue[]).slice(1).map(valueOf);

/** A sheet's rows below the header, as cell values. */
function rowsOf(sheet: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const out: ExcelJS.CellValue[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) out.push(valuesOf(row));
  });
  return out;
}
const headersOf = (sheet: ExcelJS.Worksheet) => valuesOf(sheet.getRow(1));

/** The counted quarters of `contractIds` as the term records (the tender view) read them. */
async function expectedScores(contractIds?: string[]) {
  const contracts = await termContracts(t.db, { orgId: demo.orgId, contractIds });
  const { renewalPolicy } = await getOrgSettings(t.db, { orgId: demo.orgId });
  const records = await termRecords(t.db, contracts, { orgId: demo.orgId, today: TODAY, policy: renewalPolicy });
  return [...records.values()].flatMap((r) => r.quarters.filter((q) => q.counted).map((q) => ({ title: r.contract.title, ...q })));
}

const GRADE_ZH: Record<string, string> = { excellent: "优秀", good: "良好", pass: "合格", fail: "不合格" };

describe("the XLSX exports", () => {
  it("one contract: the counted quarters' latest revisions as real numbers, a frozen header, zh-CN sheet names and headers, download headers", async () => {
    const contractId = demo.ids.contracts.meeting;
    const res = await getContract(contractId);
    expect(res.headers.get("Content-Type")).toContain("spreadsheetml");
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const disposition = res.headers.get("Content-Disposition") ?? "";
    expect(disposition).toContain(`filename="kaoping-export-${TODAY}.xlsx"`);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`考核成绩导出-会议中心会务保障服务合同-${TODAY}.xlsx`)}`);

    const { workbook } = await workbookOf(res);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["季度考核成绩", "检查问题", "满意度统计", "申诉"]);
    const scores = workbook.getWorksheet("季度考核成绩")!;
    expect(headersOf(scores)).toEqual(["合同", "承包单位", "服务类别", "季度", "版本", "总分", "等级", "满意率", "有效问卷", "暂定", "一票否决", "扣减服务费（元）"]);
    for (const w of workbook.worksheets) expect(w.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(scores.getColumn(1).width).toBe(30);

    const expected = await expectedScores([contractId]);
    expect(expected.length).toBeGreaterThanOrEqual(6);
    const rows = rowsOf(scores);
    expect(rows.map((r) => [r[0], r[3], r[4], r[5], r[6], r[7], r[8], r[10], r[11]])).toEqual(
      expected.map((q) => [q.title, q.period, q.revision, q.total, GRADE_ZH[q.grade!], q.satisfactionRate, q.respondents, q.vetoed ? "是" : "否", q.deductedFen! / 100]),
    );
    // The revised quarter is there once, as its latest revision.
    const [revised] = await t.db
      .select({ period: s.contractQuarters.period })
      .from(s.contractQuarters)
      .where(and(eq(s.contractQuarters.contractId, contractId), eq(s.contractQuarters.revision, 2)));
    expect(revised).toBeDefined();
    expect(rows.filter((r) => r[3] === revised!.period).map((r) => r[4])).toEqual([2]);
    // Real cells: numbers, a percent format, the money format.
    const second = scores.getRow(2);
    expect(typeof second.getCell(6).value).toBe("number");
    expect(second.getCell(8).numFmt).toBe("0.0%");
    expect(second.getCell(6).numFmt).toBe("0.0");
    expect(second.getCell(12).numFmt).toBe("#,##0.00");
    // Only this contract's findings.
    const findings = rowsOf(workbook.getWorksheet("检查问题")!);
    expect(new Set(findings.map((r) => r[0]))).toEqual(new Set(["会议中心会务保障服务合同"]));
  });

  it("the organisation: every contract's counted quarters, every finding not withdrawn with real date cells, and a note '=1+1' as a string", async () => {
    const res = await getOrg();
    expect(res.headers.get("Content-Disposition")).toContain(`filename*=UTF-8''${encodeURIComponent(`考核成绩导出-${TODAY}.xlsx`)}`);
    const { workbook, bytes } = await workbookOf(res);
    const expected = await expectedScores();
    const rows = rowsOf(workbook.getWorksheet("季度考核成绩")!);
    const key = (title: unknown, period: unknown, revision: unknown, total: unknown) => `${String(title)}|${String(period)}|${String(revision)}|${String(total)}`;
    expect(rows.map((r) => key(r[0], r[3], r[4], r[5])).sort()).toEqual(expected.map((q) => key(q.title, q.period, q.revision, q.total)).sort());

    const sheet = workbook.getWorksheet("检查问题")!;
    const findings = rowsOf(sheet);
    const [{ n }] = (await t.db.all<{ n: number }>(sql`select count(*) as n from findings where org_id = ${demo.orgId} and status != 'withdrawn'`)) as [{ n: number }];
    expect(findings.length).toBe(n);
    const withdrawn = await t.db.select({ id: s.findings.id }).from(s.findings).where(and(eq(s.findings.orgId, demo.orgId), eq(s.findings.status, "withdrawn")));
    expect(withdrawn.length).toBeGreaterThan(0); // the demo withdraws one: it is left out above
    // (a lone carriage return is not kept by XML itself: every parser reads it as a line end)
    expect(findings.map((r) => r[11])).toEqual(expect.arrayContaining(DANGEROUS.filter((n) => !n.startsWith("\r"))));
    const formulaRow = findings.find((r) => r[11] === "=1+1")!;
    expect(formulaRow[2]).toEqual(new Date(Date.UTC(2026, 10, 16)));
    expect(formulaRow[7]).toEqual(new Date(Date.UTC(2026, 10, 19)));
    expect(formulaRow[5]).toBe("一般");
    expect(formulaRow[6]).toBe("待整改");
    sheet.eachRow((row, n) => {
      if (n > 1) expect(row.getCell(3).numFmt).toBe("yyyy-mm-dd");
    });

    // The sheet XML itself: no formula anywhere, the note an inline string.
    const zip = await JSZip.loadAsync(bytes);
    const sheetFiles = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
    expect(sheetFiles).toHaveLength(4);
    for (const file of sheetFiles) expect(await zip.file(file)!.async("string")).not.toMatch(/<f[\s>]/);
    const xml = await zip.file("xl/worksheets/sheet2.xml")!.async("string");
    expect(xml).toMatch(/<c r="L\d+"[^>]*t="inlineStr"[^>]*><is><r><t>=1\+1<\/t><\/r><\/is><\/c>/);
    // Every text cell is an inline string: none is a formula's cached text (t="str").
    expect(xml).not.toContain('t="str"');
  });

  it("the writer stops when its reader goes away: the rows are no longer pulled and their generator is closed", async () => {
    let pulled = 0;
    let closed = false;
    async function* endless() {
      try {
        for (;;) yield [`第 ${++pulled} 行：${"很长的备注".repeat(20)}`];
      } finally {
        closed = true;
      }
    }
    const out = new PassThrough();
    const writing = writeWorkbook(out, [{ name: "x", columns: [{ header: "备注", kind: "text", width: 40 }], rows: endless() }]);
    // Nobody reads: the writer fills the output and waits for it to drain; then the reader goes away.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (out.writableNeedDrain && pulled > 0) resolve(clearInterval(poll));
      }, 5);
    });
    out.destroy();
    await expect(writing).rejects.toThrow(/closed/);
    expect(closed).toBe(true);
    const at = pulled;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pulled).toBe(at);
  });

  it("a download closed half-way stops the writer without an unhandled error; the next export is whole", async () => {
    const res = await getOrg();
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { workbook } = await workbookOf(await getOrg());
    expect(workbook.worksheets).toHaveLength(4);
  });

  it("headers, sheet names and cell words in English with ?lng=en", async () => {
    const { workbook } = await workbookOf(await getOrg(procurement, "?lng=en"));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Quarterly scores", "Findings", "Survey tallies", "Appeals"]);
    expect(headersOf(workbook.getWorksheet("Findings")!)).toContain("Found on");
    const scores = rowsOf(workbook.getWorksheet("Quarterly scores")!);
    expect(new Set(scores.map((r) => r[6]))).toEqual(new Set(scores.map((r) => r[6]).filter((g) => ["Excellent", "Good", "Pass", "Fail"].includes(String(g)))));
    expect(scores.map((r) => r[10])).toEqual(expect.arrayContaining(["Yes", "No"]));
    const findings = rowsOf(workbook.getWorksheet("Findings")!);
    const dangerous = findings.find((r) => r[11] === "=1+1")!;
    expect(dangerous[5]).toBe("Minor");
    expect(dangerous[6]).toBe("Open");
  });

  it("the survey sheet: one row per counted quarter and question, the snapshots' released tallies, no response", async () => {
    const { workbook } = await workbookOf(await getOrg());
    const sheet = workbook.getWorksheet("满意度统计")!;
    expect(headersOf(sheet).join(" ")).not.toMatch(/答卷|response/i);
    const rows = rowsOf(sheet);
    const latest = await t.db
      .select({ title: s.contracts.title, period: s.quarterScores.period, input: s.quarterScores.input })
      .from(s.quarterScores)
      .innerJoin(s.contracts, eq(s.contracts.id, s.quarterScores.contractId))
      .innerJoin(
        s.contractQuarters,
        and(eq(s.contractQuarters.contractId, s.quarterScores.contractId), eq(s.contractQuarters.period, s.quarterScores.period), eq(s.contractQuarters.revision, s.quarterScores.revision)),
      )
      .where(and(eq(s.quarterScores.orgId, demo.orgId), ne(s.contractQuarters.status, "open")));
    const expected = latest.flatMap((q) => Object.entries(q.input.survey.questions).map(([id, counts]) => `${q.title}|${q.period}|${id}|${counts.join(",")}`));
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((r) => `${String(r[0])}|${String(r[1])}|${String(r[2])}|${r.slice(5, 10).join(",")}`).sort()).toEqual(expected.sort());
    for (const r of rows) {
      const counts = r.slice(5, 10) as number[];
      expect(r[4]).toBe(counts.reduce((a, b) => a + b, 0));
      if (typeof r[10] === "number") expect(r[10]).toBeCloseTo((counts[3]! + counts[4]!) / (r[4] as number), 10);
    }
    expect(sheet.getRow(2).getCell(11).numFmt).toBe("0.0%");
  });
});

describe("the export rows (keyset pages)", () => {
  async function drain<T>(rows: AsyncIterable<T>): Promise<T[]> {
    const out: T[] = [];
    for await (const row of rows) out.push(row);
    return out;
  }
  it("small pages give the same rows, in the same order, as one big page", async () => {
    const readers: ((q: ExportScope) => AsyncIterable<unknown>)[] = [(q) => quarterScoreRows(t.db, q), (q) => findingRows(t.db, q), (q) => surveyTallyRows(t.db, q)];
    for (const read of readers) {
      const whole = await drain(read({ orgId: demo.orgId, pageSize: 100_000 }));
      expect(whole.length).toBeGreaterThan(10);
      expect(await drain(read({ orgId: demo.orgId, pageSize: 7 }))).toEqual(whole);
      expect(await drain(read({ orgId: demo.orgId, pageSize: 1 }))).toEqual(whole);
    }
  });
});

describe("the CSV export", () => {
  it("findings: the byte-order mark, CRLF, and every dangerous start prefixed with an apostrophe", async () => {
    const res = await getCsv("findings");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toContain(`filename*=UTF-8''${encodeURIComponent(`考核成绩导出-findings-${TODAY}.csv`)}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    expect(text.split("\r\n")[0]).toBe("合同,季度,发现日期,检查项编号,检查项,严重程度,状态,整改期限,整改日期,复查日期,重复问题,问题描述");
    expect(text.replace(/\r\n/g, "")).not.toMatch(/\n/);
    for (const note of ["'=1+1", "'+41", "'-2+3", "'@SUM(A1)"]) expect(text).toContain(`,${note}\r\n`);
    expect(text).toContain(",'\tTAB\r\n"); // a tab needs no quotes
    expect(text).toContain(`,"'\rCR"\r\n`);
    expect(text).not.toMatch(/,=1\+1/);
  });

  it("scores: one line per counted quarter, money in yuan, and survey on its own; an unknown table is a localised 400", async () => {
    const scores = (await (await getCsv("scores")).text()).slice(1).trimEnd().split("\r\n");
    expect(scores.length - 1).toBe((await expectedScores()).length);
    const survey = await getCsv("survey");
    expect(survey.status).toBe(200);
    expect((await survey.text()).split("\r\n")[0]).toContain("题目编号");
    const bad = await getCsv("responses");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("未知的导出表");
    expect((await getCsv("responses", procurement, "&lng=en")).status).toBe(400);
    const none = await load(orgCsv.loader as never, "/procurement/export.csv", procurement.cookie);
    expect(none.status).toBe(400);
  });
});

describe("the appeals sheet", () => {
  /** The appeals sheet of a workbook as rows of cell values. */
  const appealsOf = (workbook: ExcelJS.Workbook, name = "申诉") => rowsOf(workbook.getWorksheet(name)!);
  const dayOf = (v: ExcelJS.CellValue) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);

  it("one contract: its appeals with target, item, reasons, status, outcome and real date cells", async () => {
    const upheld = demo.scores.appeals.find((a) => a.decision === "uphold")!;
    const { workbook } = await workbookOf(await getContract(demo.ids.contracts.property));
    const sheet = workbook.getWorksheet("申诉")!;
    expect(headersOf(sheet)).toEqual(["合同", "季度", "申诉日期", "申诉内容", "检查项编号", "检查项", "申诉理由", "处理结果", "处理方式", "决定理由", "决定日期"]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const rows = appealsOf(workbook);
    expect(rows).toHaveLength(1);
    const [finding] = await t.db.select().from(s.findings).where(eq(s.findings.id, upheld.findingId));
    const row = rows[0]!;
    expect(row[1]).toBe("2026-Q2");
    expect(sheet.getRow(2).getCell(3).value).toBeInstanceOf(Date);
    expect(dayOf(row[2]!)).toBe(upheld.fileOn);
    expect(row.slice(3, 5)).toEqual(["问题本身", finding!.itemId]);
    expect(typeof row[5]).toBe("string");
    expect(row.slice(6, 10)).toEqual([DEMO_UPHELD_APPEAL_REASON, "申诉成立", "严重程度由较重降为一般", DEMO_UPHELD_DECISION_REASON]);
    expect(dayOf(row[10]!)).toBe(upheld.decideOn);
  });

  it("the organisation: every appeal, the dismissed one and the pending '=1+1' as a string; English words with ?lng=en; the CSV prefixes it", async () => {
    const { workbook, bytes } = await workbookOf(await getOrg());
    const rows = appealsOf(workbook);
    expect(rows).toHaveLength(3);
    const byStatus = (status: string) => rows.filter((r) => r[7] === status);
    expect(byStatus("申诉驳回")).toHaveLength(1);
    expect(byStatus("申诉驳回")[0]!.slice(3, 4)).toEqual(["重复标记"]);
    expect(byStatus("申诉驳回")[0]!.slice(8, 10)).toEqual(["维持原认定", DEMO_DISMISSED_DECISION_REASON]);
    const pending = byStatus("待处理");
    expect(pending).toHaveLength(1);
    expect(pending[0]![6]).toBe("=1+1");
    expect(pending[0]![8] ?? null).toBeNull();
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file("xl/worksheets/sheet4.xml")!.async("string");
    expect(xml).not.toContain("<f>");
    expect(xml).toContain("=1+1");

    const en = await workbookOf(await getOrg(procurement, "?lng=en"));
    const enRows = appealsOf(en.workbook, "Appeals");
    expect(enRows.map((r) => r[7]).sort()).toEqual(["Dismissed", "Pending", "Upheld"]);
    expect(enRows.find((r) => r[7] === "Upheld")![8]).toBe("Severity lowered from Major to Minor");

    const csv = await getCsv("appeals");
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("合同,季度,申诉日期,申诉内容,检查项编号,检查项,申诉理由,处理结果,处理方式,决定理由,决定日期");
    expect(text).toContain(",'=1+1,");
  });
});

describe("who may export", () => {
  it("staff get 403 from all three routes", async () => {
    expect((await getOrg(staff)).status).toBe(403);
    expect((await getContract(demo.ids.contracts.meeting, staff)).status).toBe(403);
    expect((await getCsv("scores", staff)).status).toBe(403);
  });

  it("another organisation's contract is a 404, and another organisation's export holds none of the demo", async () => {
    expect((await getContract(otherContractId)).status).toBe(404);
    expect((await getContract("no-such-contract")).status).toBe(404);
    const outsider = await member(t.db, (await t.db.select().from(s.contracts).where(eq(s.contracts.id, otherContractId)))[0]!.orgId, "procurement");
    expect((await getContract(demo.ids.contracts.meeting, outsider)).status).toBe(404);
    const { workbook } = await workbookOf(await getOrg(outsider));
    for (const w of workbook.worksheets) expect(w.rowCount).toBe(1);
  });
});
