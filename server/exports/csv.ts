/**
 * CSV for exports: UTF-8 with a byte-order mark (so Excel on a Chinese
 * Windows reads the headers as Chinese instead of mojibake), CRLF line ends,
 * and text that a spreadsheet would run as a formula defused: a text cell
 * starting with =, +, -, @, a tab or a carriage return gets a leading `'`
 * (OWASP's CSV-injection advice). Numbers stay numbers (−3 is a number, not a formula).
 */
import { Readable } from "node:stream";
import { stringify, type Options } from "csv-stringify";
import { stringify as stringifySync } from "csv-stringify/sync";
import type { ColumnKind, ExportSheet } from "./xlsx";

// A lone \r or \n inside a cell is quoted too (the default quotes only the whole CRLF), so no reader splits the row there.
const OPTIONS: Options = { bom: true, record_delimiter: "windows", quoted_match: /[\r\n]/ };

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell that a spreadsheet will show as text. */
export function defuse(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One value as its CSV cell: text defused, money fen as yuan with two decimals, empty for none. */
export function csvCell(kind: ColumnKind, value: unknown): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" && Number.isFinite(value)) {
    if (kind === "money") return (value / 100).toFixed(2);
    if (kind !== "text") return value;
  }
  return defuse(String(value));
}

/** A whole small CSV at once (the survey's invite codes): every cell is text. */
export function csvText(headers: string[], rows: unknown[][]): string {
  return stringifySync([headers, ...rows].map((row) => row.map((v) => csvCell("text", v))), OPTIONS);
}

/** One export table as a streamed CSV body, header row first. */
export function csvStream(sheet: Pick<ExportSheet, "columns" | "rows">): ReadableStream<Uint8Array> {
  const { columns, rows } = sheet;
  async function* records() {
    yield columns.map((c) => defuse(c.header));
    for await (const row of rows) yield columns.map((c, i) => csvCell(c.kind, row[i]));
  }
  // Readable.from pulls the rows only as fast as the body is read.
  const source = Readable.from(records());
  const out = source.pipe(stringify(OPTIONS));
  source.on("error", (error) => out.destroy(error));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

export const CSV_TYPE = "text/csv; charset=utf-8";
