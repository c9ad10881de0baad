/**
 * Procurement's downloads (issue 12): the workbook of the four tables and
 * one table as CSV, in the request's language, with the download headers.
 * The tables are export-sheets.server.ts.
 */
import { csvStream, CSV_TYPE } from "../../server/exports/csv";
import { xlsxStream, XLSX_TYPE } from "../../server/exports/xlsx";
import type { ExportScope } from "~/queries.server";
import { db } from "~/db.server";
import { serverT } from "~/i18n/instance";
import { getLocale } from "~/i18n/locale.server";
import { attachmentHeader, safeFilePart } from "../../server/exports/download";
import { EXPORT_TABLES, exportSheet, type ExportReader, type ExportTable } from "./export-sheets.server";

export { isExportTable } from "./export-sheets.server";

/** The request's language and its translator. */
export async function exportReader(request: Request, today: string): Promise<ExportReader> {
  const locale = await getLocale(request);
  return { t: serverT(locale), locale, today };
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

/**
 * The workbook of all four tables for `scope`: 考核成绩导出-2026-11-18.xlsx,
 * or 考核成绩导出-东区食堂团膳服务合同-2026-11-18.xlsx for one contract (`contractTitle`).
 */
export function xlsxDownload(scope: ExportScope, r: ExportReader, contractTitle?: string): Response {
  const sheets = EXPORT_TABLES.map((table) => exportSheet(db(), table, scope, r));
  const subject = contractTitle === undefined ? "" : `${safeFilePart(contractTitle)}-`;
  return download(xlsxStream(sheets), XLSX_TYPE, `kaoping-export-${r.today}.xlsx`, `${r.t("exports.filename")}-${subject}${r.today}.xlsx`);
}

/** One table as CSV: 考核成绩导出-findings-2026-11-18.csv. */
export function csvDownload(table: ExportTable, scope: ExportScope, r: ExportReader): Response {
  return download(csvStream(exportSheet(db(), table, scope, r)), CSV_TYPE, `kaoping-${table}-${r.today}.csv`, `${r.t("exports.filename")}-${table}-${r.today}.csv`);
}
