/**
 * The sections of the contract dossier (tender file, issue 12), each one
 * table with a caption, scoped headers and a repeated head when printed: the
 * facts, the quarters with their revisions, dimension averages, findings by
 * item, the survey (released tallies only), bonuses and vetoes, appeals
 * with their outcomes (issue 14; also on the quarter page), fees and the
 * sign-off block. Everything shown comes from `contractDossier` (finalised
 * snapshots); nothing here computes a score.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ProcurementAppeal } from "../../db/queries/procurement/appeals";
import type { ContractDossier, DossierQuarter, DossierRevision } from "../../db/queries/procurement/dossier";
import { wanYuan } from "../../domain/procurement";
import { quarterPath } from "./paths";
import { formatFen } from "~/admin/money";
import { useLocale } from "~/utils/localise";

/** A revision with the day it was finalised in the organisation's zone. */
export type DossierRevisionView = DossierRevision & { createdOn: string };
/** The dossier as the page receives it: revisions carry their day. */
export type DossierView = Omit<ContractDossier, "quarters"> & {
  quarters: (Omit<DossierQuarter, "revisions"> & {
    revisions: DossierRevisionView[];
  })[];
};

const DASH = "—";

/** A table's column heads (repeated on every printed page the table spans); `[key, "num"]` right-aligns a number column. */
/** A share (0..1) as a percent with one decimal, "—" when there is none. */
function useRate() {
  const { percent } = useLocale();
  return (r: number | null) => (r === null ? DASH : percent(r, 1));
}

type Cols = (string | [string, "num"])[];

function TableHead({ cols }: { cols: Cols }) {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        {cols.map((col) => {
          const [key, align] = typeof col === "string" ? [col, undefined] : col;
          return (
            <th key={key} scope="col" className={align}>
              {t(key)}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

/** A section of the dossier: a heading and what it holds, kept off a page break's edge when printed. */
export function DossierSection({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="dossier-section" aria-labelledby={`${id}-title`} data-testid={`section-${id}`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** A dossier table: scrolls sideways on a phone, captioned, its column heads repeated on every printed page. */
function DataTable({ testId, caption, cols, children }: { testId: string; caption: string; cols: Cols; children: React.ReactNode }) {
  return (
    <div className="table-scroll">
      <table className="dossier-table" data-testid={testId}>
        <caption>{caption}</caption>
        <TableHead cols={cols} />
        {children}
      </table>
    </div>
  );
}

export function FactsTable({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const { locale, number } = useLocale();
  const { contract: c, daysLeft, averageTotal } = dossier.record;
  const days =
    daysLeft > 0
      ? t("dossier.facts.daysLeftValue", { count: daysLeft })
      : daysLeft === 0
      ? t("dossier.facts.endsToday")
      : t("dossier.facts.ended", { days: -daysLeft });
  const rows: [string, React.ReactNode][] = [
    [t("dossier.facts.contract"), c.title],
    [t("procurement.contract.code"), c.code ?? DASH],
    [t("procurement.contract.contractor"), c.contractorName],
    [
      t("procurement.contract.creditCode"),
      <span key="code" className="dossier-code">
        {c.creditCode}
      </span>,
    ],
    [t("procurement.contract.serviceType"), t(`serviceTypes.${c.serviceType}`)],
    [t("procurement.contract.term"), t("procurement.contract.termValue", { start: c.startOn, end: c.endOn })],
    [
      t("procurement.contract.annualValue"),
      t("dossier.facts.annualValueValue", {
        wan: new Intl.NumberFormat(locale, {
          minimumFractionDigits: 2,
          maximumFractionDigits: 2,
        }).format(wanYuan(c.annualValueFen)),
        yuan: formatFen(c.annualValueFen, locale),
      }),
    ],
    [t("dossier.facts.status"), t(`dossier.contractStatus.${c.status}`)],
    [t("procurement.contract.daysLeft"), days],
    [t("dossier.facts.averageTotal"), averageTotal === null ? DASH : number(averageTotal)],
    [t("dossier.facts.appeals"), <span key="appeals" data-testid="facts-appeals">{t("dossier.facts.appealsValue", { ...dossier.appealCounts })}</span>],
  ];
  return (
    <table className="dossier-table dossier-facts" data-testid="dossier-facts">
      <caption className="visually-hidden">{t("dossier.facts.title")}</caption>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The numbered revision notes: every revision of a corrected quarter (one with more than one), in order. */
function revisionNotes(dossier: DossierView) {
  const notes: { period: string; n: number; revision: DossierRevisionView }[] = [];
  for (const q of dossier.quarters) {
    if (q.revisions.length < 2) continue;
    for (const r of q.revisions) notes.push({ period: q.period, n: notes.length + 1, revision: r });
  }
  return notes;
}

export function QuarterTable({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const { number, percent } = useLocale();
  const contractId = dossier.record.contract.id;
  const notes = revisionNotes(dossier);
  if (dossier.record.quarters.length === 0) return <p className="muted">{t("dossier.quarters.none")}</p>;
  return (
    <>
      <DataTable
        testId="dossier-quarters"
        caption={t("dossier.quarters.caption")}
        cols={[
          "dossier.quarters.period",
          "dossier.quarters.state",
          ["dossier.quarters.total", "num"],
          "dossier.quarters.grade",
          ["dossier.quarters.satisfaction", "num"],
          "dossier.quarters.revisions",
          "dossier.quarters.counted",
        ]}
      >
        <tbody>
          {dossier.record.quarters.map((q) => {
            const mine = notes.filter((n) => n.period === q.period);
            return (
              <tr key={q.period} data-period={q.period} data-counted={q.counted} className={q.counted ? undefined : "dossier-not-counted"}>
                <th scope="row">
                  {q.counted ? (
                    <Link
                      to={quarterPath(contractId, q.period)}
                      aria-label={t("dossier.quarters.openLabel", {
                        period: q.period,
                      })}
                    >
                      {q.period}
                    </Link>
                  ) : (
                    q.period
                  )}
                </th>
                <td>{t(`dossier.quarters.stateName.${q.state}`)}</td>
                <td className="num" data-testid="quarter-total">
                  {q.total === null ? DASH : number(q.total)}
                </td>
                <td>
                  {q.grade ? t(`grades.${q.grade}`) : DASH}
                  {q.provisional ? `（${t("dossier.quarters.provisional")}）` : ""}
                  {q.vetoed ? <strong className="dossier-veto">（{t("dossier.quarters.vetoed")}）</strong> : null}
                </td>
                <td className="num">{q.satisfactionRate === null ? DASH : percent(q.satisfactionRate, 1)}</td>
                <td>
                  {mine.length === 0
                    ? q.counted && q.revision > 0
                      ? t("dossier.quarters.revisionMark", {
                          revision: q.revision,
                        })
                      : DASH
                    : mine.map((n, i) => (
                        <span key={n.n} className="nowrap">
                          {i > 0 ? "、" : ""}
                          {t("dossier.quarters.revisionMark", {
                            revision: n.revision.revision,
                          })}
                          <sup>
                            <a href={`#revision-note-${n.n}`} id={`revision-ref-${n.n}`}>
                              {n.n}
                            </a>
                          </sup>
                        </span>
                      ))}
                </td>
                <td>{q.counted ? t("dossier.quarters.countedYes") : <strong>{t("dossier.quarters.notCounted")}</strong>}</td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
      {notes.length > 0 ? (
        <div className="dossier-notes" data-testid="revision-notes">
          <h3>{t("dossier.quarters.notesTitle")}</h3>
          <ol>
            {notes.map((n) => {
              const r = n.revision;
              const values = {
                revision: r.revision,
                on: r.createdOn,
                total: number(r.total),
                grade: t(`grades.${r.grade}`),
                reason: r.reason ?? "",
              };
              return (
                <li key={n.n} id={`revision-note-${n.n}`} data-period={n.period} data-revision={r.revision}>
                  {n.period} · {r.reason ? t("dossier.quarters.revisionNote", values) : t("dossier.quarters.revisionFirst", values)}
                </li>
              );
            })}
          </ol>
        </div>
      ) : null}
    </>
  );
}

export function DimensionAverages({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const { pick, number, percent } = useLocale();
  if (dossier.dimensionAverages.length === 0) return <p className="muted">{t("dossier.dimensions.none")}</p>;
  return (
    <DataTable
      testId="dossier-dimension-table"
      caption={t("dossier.dimensions.caption")}
      cols={["dossier.dimensions.dimension", ["dossier.dimensions.average", "num"], ["dossier.dimensions.max", "num"], "dossier.dimensions.share"]}
    >
      <tbody>
        {dossier.dimensionAverages.map((d) => {
          const share = d.max > 0 ? d.average / d.max : 0;
          return (
            <tr key={d.id}>
              <th scope="row">{pick(d.label)}</th>
              <td className="num">{number(d.average)}</td>
              <td className="num">{number(d.max)}</td>
              <td>
                <span className="num">{percent(share, 1)}</span>
                <span className="dossier-bar" aria-hidden="true">
                  <span style={{ width: `${Math.round(share * 100)}%` }} />
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}

export function FindingsTable({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const { pick } = useLocale();
  const f = dossier.record.findings;
  const rate = useRate();
  if (f.total === 0) return <p className="muted">{t("dossier.findings.none")}</p>;
  return (
    <>
      <p data-testid="findings-summary">
        {t("dossier.findings.summary", {
          total: f.total,
          due: f.due,
          inTime: f.inTime,
          rate: rate(f.rectificationRate),
          repeats: f.repeats,
        })}
      </p>
      <DataTable
        testId="dossier-findings"
        caption={t("dossier.findings.caption")}
        cols={[
          "dossier.findings.item",
          "dossier.findings.severity",
          ["dossier.findings.total", "num"],
          ["dossier.findings.due", "num"],
          ["dossier.findings.inTime", "num"],
          ["dossier.findings.rate", "num"],
          ["dossier.findings.repeats", "num"],
        ]}
      >
        <tbody>
          {dossier.findingsByItem.map((g) => (
            <tr key={`${g.itemId}|${g.severity}`}>
              <th scope="row">{pick(g.label)}</th>
              <td className={g.severity === "critical" ? "sev-critical" : undefined}>{t(`severity.${g.severity}`)}</td>
              <td className="num">{g.total}</td>
              <td className="num">{g.due}</td>
              <td className="num">{g.inTime}</td>
              <td className="num">{rate(g.rectificationRate)}</td>
              <td className="num">{g.repeats}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}

export function SurveyTables({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const { pick, number } = useLocale();
  const counted = dossier.record.quarters.filter((q) => q.counted);
  const rate = useRate();
  return (
    <>
      <p className="small muted">{t("dossier.survey.anonymity")}</p>
      {counted.length > 0 ? (
        <DataTable
          testId="dossier-participation"
          caption={t("dossier.survey.participationCaption")}
          cols={["dossier.survey.period", ["dossier.survey.respondents", "num"], ["dossier.survey.rate", "num"], ["dossier.survey.targetRate", "num"]]}
        >
          <tbody>
            {counted.map((q) => (
              <tr key={q.period}>
                <th scope="row">{q.period}</th>
                <td className="num">{q.respondents ?? DASH}</td>
                <td className="num">{rate(q.satisfactionRate)}</td>
                <td className="num">{rate(q.targetRate)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      {dossier.questions.length === 0 ? (
        <p className="muted">{t("dossier.survey.noQuestions")}</p>
      ) : (
        <DataTable
          testId="dossier-questions"
          caption={t("dossier.survey.questionsCaption")}
          cols={["dossier.survey.question", ["dossier.survey.answered", "num"], ["dossier.survey.mean", "num"], ["dossier.survey.satisfied", "num"]]}
        >
          <tbody>
            {dossier.questions.map((q) => (
              <tr key={q.id}>
                <th scope="row">{pick(q.label)}</th>
                <td className="num">{q.answered}</td>
                <td className="num">{q.mean === null ? DASH : number(q.mean, 2)}</td>
                <td className="num">{rate(q.satisfiedShare)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </>
  );
}

export function EventsTable({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const { pick } = useLocale();
  if (dossier.events.length === 0) return <p className="muted">{t("dossier.events.none")}</p>;
  return (
    <DataTable
      testId="dossier-events"
      caption={t("dossier.events.caption")}
      cols={["dossier.events.day", "dossier.events.period", "dossier.events.kind", "dossier.events.item", "dossier.events.note"]}
    >
      <tbody>
        {dossier.events.map((e, i) => (
          <tr key={`${e.kind}-${e.occurredOn}-${i}`} data-kind={e.kind}>
            <th scope="row" className="nowrap">
              {e.occurredOn}
            </th>
            <td className="nowrap">{e.period}</td>
            <td className="nowrap">{e.kind === "veto" ? <strong className="dossier-veto">{t("dossier.events.veto")}</strong> : t("dossier.events.bonus")}</td>
            <td>{pick(e.label)}</td>
            <td className="dossier-text">{e.note}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/**
 * Appeals with their outcomes, oldest quarter first: the day filed, what was
 * contested (the finding, its repeat mark or a veto, with the item), the
 * contractor's reason, the status and outcome, the decision's reason and day.
 * `showPeriod: false` on the quarter page (one quarter).
 */
export function AppealsTable({ appeals, showPeriod = true, none }: { appeals: readonly ProcurementAppeal[]; showPeriod?: boolean; none: string }) {
  const { t } = useTranslation();
  const { pick } = useLocale();
  if (appeals.length === 0) return <p className="muted">{none}</p>;
  const sev = (s: string | null) => (s ? t(`severity.${s}`) : "");
  const outcome = (a: ProcurementAppeal) =>
    a.outcome
      ? t(`dossier.appeals.outcomeName.${a.outcome}`, { from: sev(a.severityFrom), to: sev(a.severityTo) })
      : a.status === "dismissed"
      ? t("dossier.appeals.outcomeName.dismissed")
      : null;
  return (
    <DataTable
      testId="dossier-appeals"
      caption={t("dossier.appeals.caption")}
      cols={[
        "dossier.appeals.filedOn",
        ...(showPeriod ? ["dossier.appeals.period"] : []),
        "dossier.appeals.target",
        "dossier.appeals.reason",
        "dossier.appeals.result",
        "dossier.appeals.decision",
      ]}
    >
      <tbody>
        {appeals.map((a) => {
          const o = outcome(a);
          return (
            <tr key={a.id} data-period={a.period} data-status={a.status} data-outcome={a.outcome ?? ""}>
              <th scope="row" className="nowrap">
                {a.filedOn}
              </th>
              {showPeriod ? <td className="nowrap">{a.period}</td> : null}
              <td>
                <span className="nowrap">{t(`dossier.appeals.targetName.${a.target}`)}</span>
                {a.itemId ? <span className="small"> · {a.itemLabel ? pick(a.itemLabel) : a.itemId}</span> : null}
              </td>
              <td className="dossier-text">{a.reason}</td>
              <td>
                {a.status === "pending" ? <strong>{t("dossier.appeals.statusName.pending")}</strong> : t(`dossier.appeals.statusName.${a.status}`)}
                {o ? <span className="small">（{o}）</span> : null}
              </td>
              <td className="dossier-text">
                {a.decisionReason ?? DASH}
                {a.decidedOn ? <span className="small muted nowrap"> · {t("dossier.appeals.decidedOn", { day: a.decidedOn })}</span> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}

export function FeesTable({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const { locale, number } = useLocale();
  const fen = (v: number) => formatFen(v, locale);
  if (dossier.quarters.length === 0) return <p className="muted">{t("dossier.fees.none")}</p>;
  const sum = (pick: (f: DossierQuarter["fee"]) => number) => dossier.quarters.reduce((a, q) => a + pick(q.fee), 0);
  return (
    <DataTable
      testId="dossier-fees"
      caption={t("dossier.fees.caption")}
      cols={[
        "dossier.fees.period",
        ["dossier.fees.quarterFee", "num"],
        ["dossier.fees.percent", "num"],
        ["dossier.fees.payable", "num"],
        ["dossier.fees.deducted", "num"],
      ]}
    >
      <tbody>
        {dossier.quarters.map((q) => (
          <tr key={q.period}>
            <th scope="row">{q.period}</th>
            <td className="num">{fen(q.fee.quarterFeeFen)}</td>
            <td className="num">{number(q.fee.percent, 2)}%</td>
            <td className="num">{fen(q.fee.payableFen)}</td>
            <td className="num">{fen(q.fee.deductedFen)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t("dossier.fees.total")}</th>
          <td className="num">{fen(sum((f) => f.quarterFeeFen))}</td>
          <td />
          <td className="num">{fen(sum((f) => f.payableFen))}</td>
          <td className="num" data-testid="fees-deducted-total">
            <strong>{fen(dossier.record.deductedFen)}</strong>
          </td>
        </tr>
      </tfoot>
    </DataTable>
  );
}

/** 编制人 (pre-filled with the printing user and today), 审核人, 批准人: blank lines for a hand signature and the day. */
export function SignOff({ preparedBy, today }: { preparedBy: string; today: string }) {
  const { t } = useTranslation();
  const rows = [
    { key: "preparedBy", name: preparedBy, day: today },
    { key: "reviewedBy", name: "", day: "" },
    { key: "approvedBy", name: "", day: "" },
  ];
  return (
    <div className="dossier-signoff" data-testid="dossier-signoff">
      {rows.map((r) => (
        <div key={r.key} className="dossier-sign" data-role={r.key}>
          <p className="dossier-sign-role">
            <strong>{t(`dossier.signoff.${r.key}`)}</strong>
            {r.name ? (
              <span className="dossier-sign-name" data-testid="prepared-by">
                {r.name}
              </span>
            ) : null}
          </p>
          <p className="dossier-sign-line">
            <span>{t("dossier.signoff.signature")}</span>
            <span className="line" />
          </p>
          <p className="dossier-sign-line">
            <span>{t("dossier.signoff.date")}</span>
            <span className="line">{r.day}</span>
          </p>
        </div>
      ))}
    </div>
  );
}
