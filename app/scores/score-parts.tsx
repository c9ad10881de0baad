/**
 * The pieces of a quarter's score as the score page shows them: the state
 * badge, the dimensions' points, every deduction with its finding, the bonus,
 * vetoes, satisfaction, why the quarter is provisional, the fee and the
 * revision history. Everything shown comes from the loaded view (live or
 * snapshot); nothing here computes a score.
 */
import { useTranslation } from "react-i18next";
import type { Deduction, Rubric } from "../../scoring/types";
import type { LoadedQuarter } from "./score-load.server";
import { formatFen } from "~/admin/money";
import { useLocale } from "~/utils/localise";

type View = LoadedQuarter;

export function StateBadge({ view }: { view: Pick<View, "state" | "revisions"> }) {
  const { t } = useTranslation();
  const revision = view.revisions.at(-1)?.revision ?? 0;
  return (
    <span className={`quarter-badge ${view.state}`} data-testid="quarter-state">
      {t(`quarter.state.${view.state}`, { revision })}
    </span>
  );
}

/** An item's label in the rubric (the survey dimension's own label for its deductions). */
export function itemLabel(rubric: Rubric, itemId: string, pick: (t: { "zh-CN": string; en: string }) => string): string {
  for (const d of rubric.dimensions) {
    if (d.id === itemId) return pick(d.label);
    const item = d.items.find((i) => i.id === itemId);
    if (item) return pick(item.label);
  }
  return itemId;
}

export function SourceLine({ view }: { view: View }) {
  const { t } = useTranslation();
  const last = view.revisions.at(-1);
  if (view.source === "snapshot" && last)
    return (
      <p className="quarter-source" data-testid="quarter-source">
        {t("quarter.source.snapshot", { revision: last.revision, asOf: view.asOf, on: last.createdOn, name: last.createdByName })}
      </p>
    );
  return (
    <p className="quarter-source" data-testid="quarter-source">
      {t(view.state === "reopened" ? "quarter.source.reopenedLive" : "quarter.source.live", { asOf: view.asOf })}
    </p>
  );
}

export function TotalPanel({ view }: { view: View }) {
  const { t } = useTranslation();
  const { number } = useLocale();
  return (
    <div className="quarter-total">
      <p>
        <span className="muted">{t("quarter.total")}</span> <strong data-testid="quarter-total">{number(view.score.total)}</strong>
      </p>
      <p>
        <span className="muted">{t("quarter.grade")}</span> <strong className={`grade-${view.score.grade}`}>{t(`grades.${view.score.grade}`)}</strong>
      </p>
      {view.score.vetoed ? <p className="quarter-warn">{t("quarter.vetoedNote")}</p> : null}
    </div>
  );
}

export function DimensionTable({ view }: { view: View }) {
  const { t } = useTranslation();
  const { pick, number } = useLocale();
  return (
    <table className="quarter-dimensions">
      <caption className="visually-hidden">{t("quarter.dimensions.title")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("quarter.dimensions.dimension")}</th>
          <th scope="col">{t("quarter.dimensions.points")}</th>
        </tr>
      </thead>
      <tbody>
        {view.score.dimensions.map((d) => {
          const dim = view.rubric.dimensions.find((x) => x.id === d.id);
          return (
            <tr key={d.id}>
              <th scope="row">{dim ? pick(dim.label) : d.id}</th>
              <td>
                <span className="num">{t("quarter.points", { points: number(d.points), max: number(d.max) })}</span>
                <span className="quarter-bar" aria-hidden="true">
                  <span style={{ width: `${d.max > 0 ? Math.round((d.points / d.max) * 100) : 0}%` }} />
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function DeductionEntry({ view, x }: { view: View; x: Deduction }) {
  const { t } = useTranslation();
  const { pick, number } = useLocale();
  const finding = x.findingId ? view.findings[x.findingId] : undefined;
  const input = x.findingId ? view.input.findings.find((f) => f.id === x.findingId) : undefined;
  const place = finding ? [finding.siteName, finding.gridCellCode].filter(Boolean).join(" · ") : "";
  return (
    <li className="quarter-deduction" data-testid="deduction">
      {finding?.photoId ? (
        <img className="quarter-thumb" src={`/files/${finding.photoId}/thumb`} alt={t("quarter.deductions.photo", { place })} width={96} height={72} loading="lazy" />
      ) : null}
      <div>
        {/* The reason names the item and says why it cost what it cost (severity, late, overdue, repeat, factors). */}
        <p className="quarter-deduction-head">
          <strong className="quarter-reason">{pick(x.reason)}</strong>{" "}
          <span className="points-badge">{t("quarter.deductions.pointsValue", { points: number(x.points) })}</span>
          {x.cost !== undefined && x.cost > x.points ? <span className="small muted"> {t("quarter.deductions.cost", { cost: number(x.cost) })}</span> : null}
        </p>
        {input ? (
          <p className="small muted">
            <span className={input.severity === "critical" ? "sev-critical" : undefined}>{t(`severity.${input.severity}`)}</span> ·{" "}
            {t("quarter.deductions.foundOn", { day: input.foundOn })} · {t("quarter.deductions.dueOn", { day: input.dueOn })} ·{" "}
            {input.rectifiedOn ? t("quarter.deductions.rectifiedOn", { day: input.rectifiedOn }) : t("quarter.deductions.notRectified")}
          </p>
        ) : null}
        {finding ? (
          <p className="small">
            {place ? `${place} · ` : ""}
            <span className="quarter-note">{finding.note}</span>{" "}
            <a href={`/supervisor/findings/${finding.id}`}>{t("quarter.deductions.open")}</a>
          </p>
        ) : null}
      </div>
    </li>
  );
}

export function DeductionList({ view }: { view: View }) {
  const { t } = useTranslation();
  const { pick } = useLocale();
  const withDeductions = view.score.dimensions.filter((d) => d.deductions.length > 0);
  if (withDeductions.length === 0) return <p className="muted">{t("quarter.deductions.none")}</p>;
  return (
    <>
      {withDeductions.map((d) => {
        const dim = view.rubric.dimensions.find((x) => x.id === d.id);
        return (
          <section key={d.id} aria-labelledby={`ded-${d.id}`}>
            <h3 id={`ded-${d.id}`}>{dim ? pick(dim.label) : d.id}</h3>
            <ul className="quarter-deductions">
              {d.deductions.map((x, i) => (
                <DeductionEntry key={x.findingId ?? `${x.itemId}-${i}`} view={view} x={x} />
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

export function BonusAndVetoes({ view }: { view: View }) {
  const { t } = useTranslation();
  const { pick, number } = useLocale();
  const earned = view.score.bonuses;
  return (
    <>
      <h3>{t("quarter.bonus.title")}</h3>
      <p data-testid="quarter-bonus">{t("quarter.bonus.value", { points: number(view.score.bonus), cap: number(view.rubric.bonusCap) })}</p>
      {earned.length ? (
        <ul>
          {earned.map((b, i) => (
            <li key={`${b.itemId}-${i}`}>{t("quarter.bonus.entry", { label: pick(b.label), points: number(b.points) })}</li>
          ))}
        </ul>
      ) : null}
      <h3>{t("quarter.vetoes.title")}</h3>
      {view.score.vetoes.length ? (
        <ul className="quarter-vetoes">
          {view.score.vetoes.map((v, i) => (
            <li key={`${v.itemId}-${i}`} className="veto">
              {t("quarter.vetoes.entry", { day: v.occurredOn, label: pick(v.label) })}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("quarter.vetoes.none")}</p>
      )}
    </>
  );
}

export function SatisfactionLine({ view }: { view: View }) {
  const { t } = useTranslation();
  const { percent } = useLocale();
  const s = view.score.satisfaction;
  const target = percent(view.rubric.satisfaction.targetRate, 1);
  return (
    <p data-testid="quarter-satisfaction">
      {s.rate === null ? t("quarter.satisfaction.noRate", { target }) : t("quarter.satisfaction.rate", { rate: percent(s.rate, 1), target })} ·{" "}
      {t("quarter.satisfaction.respondents", { count: s.respondents })} ·{" "}
      {view.responseRate === null ? t("quarter.satisfaction.responseRateNone") : t("quarter.satisfaction.responseRate", { rate: percent(view.responseRate, 1) })}
    </p>
  );
}

/** Why the quarter is provisional (nothing when it is not). */
export function ProvisionalNote({ view }: { view: View }) {
  const { t } = useTranslation();
  if (!view.score.provisional) return null;
  return (
    <p className="quarter-warn" data-testid="quarter-provisional">
      <strong>{t("quarter.provisional.title")}</strong>：
      {view.campaign
        ? t("quarter.provisional.fewRespondents", { count: view.score.satisfaction.respondents, min: view.rubric.satisfaction.minRespondents })
        : t("quarter.provisional.noCampaign")}
    </p>
  );
}

export function FeeTable({ view }: { view: View }) {
  const { t } = useTranslation();
  const { locale, number } = useLocale();
  const f = view.fee;
  return (
    <>
      <dl className="quarter-fee" data-testid="quarter-fee">
        <dt>{t("quarter.fee.quarterFee")}</dt>
        <dd className="num">{formatFen(f.quarterFeeFen, locale)}</dd>
        <dt>{t("quarter.fee.percent")}</dt>
        <dd className="num">{number(f.percent, 2)}%</dd>
        <dt>{t("quarter.fee.payable")}</dt>
        <dd className="num">{formatFen(f.payableFen, locale)}</dd>
        <dt>{t("quarter.fee.deducted")}</dt>
        <dd className="num">{formatFen(f.deductedFen, locale)}</dd>
      </dl>
      <p className="small muted">{t(`quarter.fee.basis.${f.basis}`, { termDays: f.termDays, quarterDays: f.quarterDays })}</p>
    </>
  );
}

/** `findingLinks: false` where the reader cannot open a finding (procurement's quarter page). */
export function RevisionList({ view, findingLinks = true }: { view: View; findingLinks?: boolean }) {
  const { t } = useTranslation();
  const { pick, number } = useLocale();
  if (view.revisions.length === 0) return <p className="muted">{t("quarter.revisions.none")}</p>;
  const label = (itemId: string) => itemLabel(view.rubric, itemId, pick);
  return (
    <ol className="quarter-revisions" data-testid="revisions">
      {view.revisions.map((r) => (
        <li key={r.id} data-testid="revision">
          <p>
            <strong>{t("quarter.revisions.entry", { revision: r.revision, total: number(r.total), grade: t(`grades.${r.grade}`) })}</strong>
          </p>
          <p className="small muted">{t("quarter.revisions.by", { on: r.createdOn, name: r.createdByName, asOf: r.asOf })}</p>
          {r.reason ? <p className="quarter-text">{t("quarter.revisions.reason", { reason: r.reason })}</p> : null}
          {r.overrideReason ? <p className="quarter-text">{t("quarter.revisions.overrideReason", { reason: r.overrideReason })}</p> : null}
          {r.provisionalJustification ? <p className="quarter-text">{t("quarter.revisions.justification", { reason: r.provisionalJustification })}</p> : null}
          {r.changes ? (
            <ul className="small">
              {r.changes.totalBefore !== r.changes.totalAfter ? (
                <li>{t("quarter.revisions.totalChange", { before: number(r.changes.totalBefore), after: number(r.changes.totalAfter) })}</li>
              ) : null}
              {r.changes.gradeBefore !== r.changes.gradeAfter ? (
                <li>{t("quarter.revisions.gradeChange", { before: t(`grades.${r.changes.gradeBefore}`), after: t(`grades.${r.changes.gradeAfter}`) })}</li>
              ) : null}
              {r.changes.deductions.map((c) => (
                <li key={c.key}>
                  {c.before === null
                    ? t("quarter.revisions.added", { item: label(c.itemId), points: number(c.after ?? 0) })
                    : c.after === null
                      ? t("quarter.revisions.removed", { item: label(c.itemId), points: number(c.before) })
                      : t("quarter.revisions.changedPoints", { item: label(c.itemId), before: number(c.before), after: number(c.after) })}
                  {c.findingId && findingLinks ? (
                    <>
                      {" "}
                      <a href={`/supervisor/findings/${c.findingId}`}>{t("quarter.deductions.open")}</a>
                    </>
                  ) : null}
                </li>
              ))}
              {r.changes.totalBefore === r.changes.totalAfter && r.changes.gradeBefore === r.changes.gradeAfter && r.changes.deductions.length === 0 ? (
                <li>{t("quarter.revisions.noChange")}</li>
              ) : null}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * The four sections every page showing a quarter's score has: the total with
 * its dimensions, the deductions, satisfaction with bonus and vetoes, and the
 * fee. Each page names them in its own words.
 */
export function QuarterScoreSections({ view, titles }: { view: View; titles: { score: string; deductions: string; extras: string; fee: string } }) {
  const { t } = useTranslation();
  return (
    <>
      <section className="card quarter-section" aria-labelledby="score-title">
        <h2 id="score-title">{titles.score}</h2>
        <TotalPanel view={view} />
        <ProvisionalNote view={view} />
        <h3>{t("quarter.dimensions.title")}</h3>
        <DimensionTable view={view} />
      </section>

      <section className="card quarter-section" aria-labelledby="deductions-title">
        <h2 id="deductions-title">{titles.deductions}</h2>
        <DeductionList view={view} />
      </section>

      <section className="card quarter-section" aria-labelledby="extras-title">
        <h2 id="extras-title">{titles.extras}</h2>
        <SatisfactionLine view={view} />
        <BonusAndVetoes view={view} />
      </section>

      <section className="card quarter-section" aria-labelledby="fee-title">
        <h2 id="fee-title">{titles.fee}</h2>
        <FeeTable view={view} />
      </section>
    </>
  );
}
