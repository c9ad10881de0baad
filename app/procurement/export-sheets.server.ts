/**
 * The four tables of procurement's exports (issue 12) — quarter scores,
 * findings, survey tallies, and appeals (issue 14) — as sheets for the XLSX and CSV writers
 * (server/exports): headers and words in the reader's language, one value per
 * column in the column's kind, for one contract or the whole organisation.
 * The rows stream from db/queries/procurement/export-rows.ts a page at a time.
 */
import type { TFunction } from "i18next";
import type { Db } from "../../db/client";
import { appealRows, findingRows, quarterScoreRows, surveyTallyRows, type ExportScope } from "../../db/queries/procurement";
import { findingListStatus } from "../../domain/findings";
import type { LocalisedText } from "../../scoring/types";
import type { ExportColumn, ExportSheet } from "../../server/exports/xlsx";
import type { Locale } from "../i18n/config";
import { pick } from "../utils/localise";

export const EXPORT_TABLES = ["scores", "findings", "survey", "appeals"] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export function isExportTable(value: unknown): value is ExportTable {
  return typeof value === "string" && (EXPORT_TABLES as readonly string[]).includes(value);
}

export interface ExportReader {
  t: TFunction;
  locale: Locale;
  /** The organisation's day: an open finding past its deadline is overdue. */
  today: string;
}

/**
 * `t` remembering each key's text: a cell word (grade, severity, status, yes/no)
 * is looked up once per export instead of once per row (i18next's lookup was most of a 20,000-row sheet's time).
 */
function cached(t: TFunction): (key: string) => string {
  const texts = new Map<string, string>();
  return (key) => {
    let text = texts.get(key);
    if (text === undefined) texts.set(key, (text = t(key)));
    return text;
  };
}

const col = (t: (key: string) => string, key: string, kind: ExportColumn["kind"], width: number): ExportColumn => ({ header: t(`exports.columns.${key}`), kind, width });

/** One table as a sheet: localised headers and the rows in the same column order. */
export function exportSheet(db: Db, table: ExportTable, scope: ExportScope, r: ExportReader): ExportSheet {
  const { locale } = r;
  const t = cached(r.t);
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
        rows: mapRows(quarterScoreRows(db, scope), (s) => [
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
        rows: mapRows(findingRows(db, scope), (f) => [
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
        rows: mapRows(surveyTallyRows(db, scope), (s) => [s.contractTitle, s.period, s.questionId, text(s.label) ?? s.questionId, s.answered, ...s.counts, s.satisfiedShare]),
      };
    case "appeals": {
      // A lowered severity names both severities: interpolated, so not through the per-key cache.
      const outcome = (a: { status: string; outcome: string | null; severityFrom: string | null; severityTo: string | null }) =>
        a.outcome === "severity_lowered"
          ? r.t("exports.appealOutcome.severity_lowered", { from: a.severityFrom ? t(`severity.${a.severityFrom}`) : "", to: a.severityTo ? t(`severity.${a.severityTo}`) : "" })
          : a.outcome
          ? t(`exports.appealOutcome.${a.outcome}`)
          : a.status === "dismissed"
          ? t("exports.appealOutcome.dismissed")
          : null;
      return {
        name: t("exports.sheets.appeals"),
        columns: [
          col(t, "contract", "text", 30),
          col(t, "period", "text", 10),
          col(t, "filedOn", "date", 12),
          col(t, "appealTarget", "text", 12),
          col(t, "itemId", "text", 28),
          col(t, "item", "text", 30),
          col(t, "appealReason", "text", 50),
          col(t, "appealStatus", "text", 12),
          col(t, "appealOutcome", "text", 24),
          col(t, "decisionReason", "text", 50),
          col(t, "decidedOn", "date", 12),
        ],
        rows: mapRows(appealRows(db, scope), (a) => [
          a.contractTitle,
          a.period,
          a.filedOn,
          t(`exports.appealTarget.${a.target}`),
          a.itemId,
          text(a.itemLabel),
          a.reason,
          t(`exports.appealStatus.${a.status}`),
          outcome(a),
          a.decisionReason,
          a.decidedOn,
        ]),
      };
    }
  }
}

async function* mapRows<T>(rows: AsyncIterable<T>, cells: (row: T) => unknown[]): AsyncGenerator<unknown[]> {
  for await (const row of rows) yield cells(row);
}

