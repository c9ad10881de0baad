/**
 * A streaming XLSX writer for exports (issue 12): one sheet per table, the
 * header row in the reader's language and frozen, column widths, and real
 * number, percent, date and money cells. Rows are committed as they are
 * written and the writer waits whenever the reader of the file falls behind,
 * so an organisation's full export holds a page of rows in memory, not the file.
 *
 * User text is always a string cell, never a formula: exceljs makes a
 * formula only of an object `{ formula }`, and {@link cellValue} — the one
 * place a value becomes a cell — gives it none. Text goes in as a one-run rich
 * text, which the streaming writer puts inline (`t="inlineStr"`, `<is>`):
 * a plain string would come out as `t="str"`, the type of a formula's cached
 * text, and shared strings (`t="s"`) would keep every distinct text in
 * memory until the end of the file.
 */
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";

export type ColumnKind = "text" | "integer" | "number" | "percent" | "date" | "money";

export interface ExportColumn {
  /** Already in the reader's language. */
  header: string;
  kind: ColumnKind;
  /** In Excel's character widths. */
  width: number;
}

export interface ExportSheet {
  /** At most 31 characters, none of \ / ? * [ ] : (Excel's rule; {@link sheetName} cleans it). */
  name: string;
  columns: ExportColumn[];
  /**
   * The rows, one value per column: text a string, integer/number/percent a
   * number (a share 0..1 for percent), date a "YYYY-MM-DD" day, money integer
   * fen (written as yuan); null or undefined leaves the cell empty.
   */
  rows: AsyncIterable<unknown[]>;
}

/** Excel's number formats per kind; text has none (General would re-read "007" as a number on edit, "@" keeps it text). */
const NUM_FMT: Record<ColumnKind, string> = {
  text: "@",
  integer: "0",
  number: "0.0",
  percent: "0.0%",
  date: "yyyy-mm-dd",
  money: "#,##0.00",
};

/** Rows between two looks at the output: whether the reader has fallen behind. */
const CHECK_EVERY = 200;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * One value as the cell exceljs writes for `kind`. Days become UTC midnight
 * (exceljs counts serial days in UTC, so the cell shows the same day in every
 * zone); fen become yuan; a value of the wrong type for its kind is written as
 * its text rather than dropped.
 */
export function cellValue(kind: ColumnKind, value: unknown): TextCell | number | Date | null {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case "text":
      return textCell(value);
    case "integer":
    case "number":
    case "percent":
      return typeof value === "number" && Number.isFinite(value) ? value : textCell(value);
    case "money":
      return typeof value === "number" && Number.isFinite(value) ? value / 100 : textCell(value);
    case "date": {
      const m = typeof value === "string" ? DAY.exec(value) : null;
      return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : textCell(value);
    }
  }
}

/** A text cell: always a string, whatever it starts with. */
export interface TextCell {
  richText: [{ text: string }];
}
const textCell = (value: unknown): TextCell => ({ richText: [{ text: String(value) }] });

/** A name Excel accepts for a sheet: no \ / ? * [ ] :, at most 31 characters, not empty. */
export function sheetName(name: string): string {
  const clean = name.replace(/[\\/?*[\]:]/g, "_").replace(/^'+|'+$/g, "").slice(0, 31);
  return clean || "Sheet";
}

/** Writes the workbook to `out`, sheet after sheet, waiting for `out` to drain when its reader is behind. */
export async function writeWorkbook(out: PassThrough, sheets: ExportSheet[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheetName(sheet.name), { views: [{ state: "frozen", ySplit: 1 }] });
    worksheet.columns = sheet.columns.map((c, i) => ({ key: `c${i}`, width: c.width, style: c.kind === "text" ? {} : { numFmt: NUM_FMT[c.kind] } }));
    const header = worksheet.addRow(sheet.columns.map((c) => textCell(c.header)));
    header.font = { bold: true };
    header.commit();
    let n = 0;
    for await (const row of sheet.rows) {
      worksheet.addRow(sheet.columns.map((c, i) => cellValue(c.kind, row[i]))).commit();
      if (++n % CHECK_EVERY === 0) await keepUp(out);
    }
    worksheet.commit();
    await keepUp(out);
  }
  await workbook.commit();
}

/**
 * Lets the zip and deflate stages run, then waits while `out` holds more than
 * its high-water mark — until it drains or closes: a download closed half-way
 * ends the writing (and the row generators, through their `return`) with an error.
 */
async function keepUp(out: PassThrough): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (out.writableNeedDrain && !out.destroyed) {
    await new Promise<void>((resolve) => {
      const done = () => {
        out.off("drain", done);
        out.off("close", done);
        resolve();
      };
      out.on("drain", done).on("close", done);
    });
  }
  if (out.destroyed) throw new Error("export: the download was closed");
}

/**
 * The workbook as a web stream for a Remix Response: written in the
 * background as the body is read; a failure (or the reader going away)
 * ends the body with an error instead of a truncated file that looks whole.
 */
export function xlsxStream(sheets: ExportSheet[]): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  writeWorkbook(out, sheets).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
