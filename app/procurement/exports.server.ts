/**
 * Procurement's exports (issue 12): the three tables — quarter scores,
 * findings, survey tallies — as sheets for the XLSX writer and the CSV
 * writer (server/exports), in the reader's language, for one contract or the
 * whole organisation, and the download headers. The rows stream from
 * db/queries/procurement/export-rows.ts a page at a time.
 */
import type { TFunction } from "i18next";
import { findingListStatus } from "../../domain/findings";
import { csvStream, CSV_TYPE } from "../../server/exports/csv";
import { xlsxStream, XLSX_TYPE, type ExportColumn, type ExportSheet } from "../../server/exports/xlsx";
import type { LocalisedText } from "../../scoring/types";
import { findingRows, quarterScoreRows, surveyTallyRows, type ExportScope } from "~/queries.server";
import { db } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { serverT } from "~/i18n/instance";
import { getLocale } from "~/i18n/locale.server";
import { attachmentHeader } from "~/surveys/campaigns.server";
import { pick } from "~/utils/localise";

export const EXPORT_TABLES = ["scores", "findings", "survey"] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export function isExportTable(value: unknown): value is ExportTable {
  return typeof value === "string" && (EXPORT_TABLES as readonly string[]).includes(value);
}

interface Reader {
  t: TFunction;
  locale: Locale;
  /** The organisation's day: an open finding past its deadline is overdue. */
  today: string;
}

/** The request's language and its translator. */
export async function exportReader(request: Request, today: string): Promise<Reader> {
  const locale = await getLocale(request);
  return { t: serverT(locale), locale, today };
}

const col = (t: TFunction, key: string, kind: ExportColumn["kind"], width: number): ExportColumn => ({ header: t(`exports.columns.${key}`), kind, width });

/** One table as a sheet: localised headers and the rows in the same column order. */
export function exportSheet(table: ExportTable, scope: ExportScope, r: Reader): ExportSheet {
  const { t, locale } = r;
  const yesNo = (b: boolean) => t(b ? "exports.yes" : "exports.no");
  const text = (l: LocalisedText | null) => (l ? pick(l, locale) : null);
  switch (table) {
    case "scores":
      return {
        name: t("exports.sheets.scores"),
        columns: [
          col(t, "contract", "text", 30),
          col(t, "contractor", "text", 24),
          col(t, "serviceType", "text", 12),
          col(t, "period", "text", 10),
          col(t, "revision", "integer", 8),
          col(t, "total", "number", 8),
          col(t, "grade", "text", 8),
          col(t, "satisfactionRate", "percent", 10),
          col(t, "respondents", "integer", 10),
          col(t, "provisional", "text", 8),
          col(t, "vetoed", "text", 10),
          col(t, "deducted", "money", 16),
        ],
        rows: mapRows(quarterScoreRows(db(), scope), (s) => [
          s.contractTitle,
          s.contractorName,
          t(`serviceTypes.${s.serviceType}`),
          s.period,
          s.revision,
          s.total,
          t(`grades.${s.grade}`),
          s.satisfactionRate,
          s.respondents,
          yesNo(s.provisional),
          yesNo(s.vetoed),
          s.deductedFen,
        ]),
      };
    case "findings":
      return {
        name: t("exports.sheets.findings"),
        columns: [
          col(t, "contract", "text", 30),
          col(t, "period", "text", 10),
          col(t, "foundOn", "date", 12),
          col(t, "itemId", "text", 28),
          col(t, "item", "text", 30),
          col(t, "severity", "text", 10),
          col(t, "status", "text", 12),
          col(t, "dueOn", "date", 12),
          col(t, "rectifiedOn", "date", 12),
          col(t, "verifiedOn", "date", 12),
          col(t, "repeat", "text", 10),
          col(t, "note", "text", 50),
        ],
        rows: mapRows(findingRows(db(), scope), (f) => [
          f.contractTitle,
          f.period,
          f.foundOn,
          f.itemId,
          text(f.itemLabel),
          t(`severity.${f.severity}`),
          t(`findings.status.${findingListStatus(f, r.today)}`),
          f.dueOn,
          f.rectifiedOn,
          f.verifiedOn,
          yesNo(f.repeat),
          f.note,
        ]),
      };
    case "survey":
      return {
        name: t("exports.sheets.survey"),
        columns: [
          col(t, "contract", "text", 30),
          col(t, "period", "text", 10),
          col(t, "questionId", "text", 16),
          col(t, "question", "text", 30),
          col(t, "answered", "integer", 10),
          ...([1, 2, 3, 4, 5] as const).map((v) => col(t, `count${v}`, "integer", 12)),
          col(t, "satisfiedShare", "percent", 10),
        ],
        rows: mapRows(surveyTallyRows(db(), scope), (s) => [s.contractTitle, s.period, s.questionId, text(s.label) ?? s.questionId, s.answered, ...s.counts, s.satisfiedShare]),
      };
  }
}

async function* mapRows<T>(rows: AsyncIterable<T>, cells: (row: T) => unknown[]): AsyncGenerator<unknown[]> {
  for await (const row of rows) yield cells(row);
}

/**
 * A download: `asciiName` for old clients, `name` (Chinese) as RFC 5987
 * `filename*`; private and not stored (the file names contractors and their findings).
 */
function download(body: ReadableStream<Uint8Array>, type: string, asciiName: string, name: string): Response {
  return new Response(body, {
    headers: { "Content-Type": type, "Content-Disposition": attachmentHeader(asciiName, name), "Cache-Control": "private, no-store" },
  });
}

/** The workbook of all three tables for `scope`: 考核成绩导出-2026-11-18.xlsx. */
export function xlsxDownload(scope: ExportScope, r: Reader): Response {
  const sheets = EXPORT_TABLES.map((table) => exportSheet(table, scope, r));
  return download(xlsxStream(sheets), XLSX_TYPE, `kaoping-export-${r.today}.xlsx`, `${r.t("exports.filename")}-${r.today}.xlsx`);
}

/** One table as CSV: 考核成绩导出-findings-2026-11-18.csv. */
export function csvDownload(table: ExportTable, scope: ExportScope, r: Reader): Response {
  return download(csvStream(exportSheet(table, scope, r)), CSV_TYPE, `kaoping-${table}-${r.today}.csv`, `${r.t("exports.filename")}-${table}-${r.today}.csv`);
}
