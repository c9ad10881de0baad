/**
 * The pieces of a contract's term record as the tender view and the
 * comparison show them: its facts, its quarters (a draft one marked as not
 * counted, the current one as in progress), the measures over the term, and
 * the renewal policy's thresholds. Everything shown comes from the loaded
 * term record (finalised snapshots only); nothing here scores anything.
 */
import { useTranslation } from "react-i18next";
import { wanYuan } from "../../domain/procurement";
import type { RenewalPolicy } from "../../scoring/types";
import type { TermQuarter, TermRecord } from "../../db/queries/procurement/term";
import { Sparkline } from "./sparkline";
import { formatFen } from "~/admin/money";
import { useLocale } from "~/utils/localise";

/** The counted quarters' values of one measure, oldest first. */
export function countedSeries(quarters: readonly TermQuarter[], pickValue: (q: TermQuarter) => number | null): { period: string; value: number }[] {
  return quarters.flatMap((q) => {
    const value = q.counted ? pickValue(q) : null;
    return value === null ? [] : [{ period: q.period, value }];
  });
}

/** The mean satisfaction rate of the counted quarters that have one; null without any. */
export function satisfactionAverage(quarters: readonly TermQuarter[]): number | null {
  const rates = countedSeries(quarters, (q) => q.satisfactionRate).map((x) => x.value);
  return rates.length === 0 ? null : rates.reduce((a, b) => a + b, 0) / rates.length;
}

/** The measures' texts in the reader's language, shared by the tender cards and the comparison table. */
export function useMeasureText() {
  const { t } = useTranslation();
  const { locale, number, percent } = useLocale();
  const none = t("procurement.measures.none");
  return {
    average: (r: TermRecord) => (r.averageTotal === null ? none : number(r.averageTotal)),
    rectification: (r: TermRecord) =>
      r.findings.rectificationRate === null
        ? t("procurement.measures.rectificationNone")
        : t("procurement.measures.rectificationValue", { rate: percent(r.findings.rectificationRate, 1), inTime: r.findings.inTime, due: r.findings.due }),
    satisfaction: (r: TermRecord) => {
      const avg = satisfactionAverage(r.quarters);
      return avg === null ? none : percent(avg, 1);
    },
    deducted: (r: TermRecord) => formatFen(r.deductedFen, locale),
    annualValue: (r: TermRecord) =>
      t("procurement.contract.annualValueText", { wan: number(wanYuan(r.contract.annualValueFen), 2), yuan: formatFen(r.contract.annualValueFen, locale) }),
    counted: (r: TermRecord) => r.quarters.filter((q) => q.counted).length,
  };
}

export function DaysLeft({ record }: { record: Pick<TermRecord, "daysLeft"> }) {
  const { t } = useTranslation();
  if (record.daysLeft < 0)
    return (
      <strong className="days-left ended" data-testid="days-left">
        {t("procurement.contract.ended", { count: -record.daysLeft })}
      </strong>
    );
  return (
    <span className={`days-left${record.daysLeft <= 30 ? " soon" : ""}`} data-testid="days-left">
      {record.daysLeft === 0 ? t("procurement.contract.endsToday") : t("procurement.contract.daysLeftValue", { count: record.daysLeft })}
    </span>
  );
}

export function ContractFacts({ record }: { record: TermRecord }) {
  const { t } = useTranslation();
  const text = useMeasureText();
  const c = record.contract;
  return (
    <dl className="tender-facts">
      <div>
        <dt>{t("procurement.contract.contractor")}</dt>
        <dd>
          {c.contractorName}
          <span className="meta">
            {t("procurement.contract.creditCode")} <span className="code">{c.creditCode}</span>
          </span>
        </dd>
      </div>
      <div>
        <dt>{t("procurement.contract.serviceType")}</dt>
        <dd>{t(`serviceTypes.${c.serviceType}`)}</dd>
      </div>
      <div>
        <dt>{t("procurement.contract.term")}</dt>
        <dd>{t("procurement.contract.termValue", { start: c.startOn, end: c.endOn })}</dd>
      </div>
      <div>
        <dt>{t("procurement.contract.annualValue")}</dt>
        <dd className="num-left">{text.annualValue(record)}</dd>
      </div>
      <div>
        <dt>{t("procurement.contract.daysLeft")}</dt>
        <dd>
          <DaysLeft record={record} />
        </dd>
      </div>
    </dl>
  );
}

/** The term's quarters, oldest first: total and grade of the counted ones, the state of the others. */
export function TermQuarters({ record }: { record: TermRecord }) {
  const { t } = useTranslation();
  const { number } = useLocale();
  if (record.quarters.length === 0) return <p className="muted">{t("procurement.quarters.none")}</p>;
  return (
    <ol className="term-quarters" aria-label={t("procurement.quarters.caption", { title: record.contract.title })}>
      {record.quarters.map((q) => (
        <li key={q.period} className={`term-quarter ${q.state}${q.counted ? " counted" : ""}`} data-period={q.period} data-state={q.state}>
          <span className="term-quarter-period">{q.period}</span>
          {q.counted && q.total !== null ? (
            <span className="term-quarter-score">
              <strong>{number(q.total)}</strong> {q.grade ? <span className={`grade-${q.grade}`}>{t(`grades.${q.grade}`)}</span> : null}
              {q.vetoed ? <span className="flag flag-bad">{t("procurement.quarters.vetoed")}</span> : null}
              {q.provisional ? <span className="flag flag-warn">{t("procurement.quarters.provisional")}</span> : null}
              {q.revision > 1 ? <span className="meta">{t("procurement.quarters.revision", { revision: q.revision })}</span> : null}
            </span>
          ) : null}
          {q.state !== "finalised" ? <span className={`term-quarter-state ${q.state}`}>{t(`procurement.states.${q.state}`)}</span> : null}
        </li>
      ))}
    </ol>
  );
}

/** The sparklines' value ranges: totals 0..100, satisfaction rates from 50 % (below that is rare and just drawn at the bottom). */
const SPARK_RANGE = { totals: [0, 100], satisfaction: [0.5, 1] } as const;

/** A measure's counted values as a sparkline named by the list of them, or a "none yet" text without any. */
function SeriesSpark({ kind, series, format }: { kind: keyof typeof SPARK_RANGE; series: { period: string; value: number }[]; format: (v: number) => string }) {
  const { t } = useTranslation();
  if (series.length === 0) return <span className="muted">{t(`procurement.measures.${kind}None`)}</span>;
  const items = series.map((x) => t("procurement.measures.item", { period: x.period, value: format(x.value) })).join(t("procurement.listSeparator"));
  const [min, max] = SPARK_RANGE[kind];
  return (
    <Sparkline values={series.map((x) => x.value)} min={min} max={max} label={t(`procurement.measures.${kind}Label`, { items })} testId={`${kind}-sparkline`} />
  );
}

/** Average, totals sparkline, rectification in time, repeats, vetoes, satisfaction trend, fees deducted. */
export function TermMeasures({ record }: { record: TermRecord }) {
  const { t } = useTranslation();
  const { number, percent } = useLocale();
  const text = useMeasureText();
  const totals = countedSeries(record.quarters, (q) => q.total);
  const rates = countedSeries(record.quarters, (q) => q.satisfactionRate);
  return (
    <dl className="tender-measures">
      <div>
        <dt>{t("procurement.measures.average")}</dt>
        <dd data-testid="average">
          <strong>{text.average(record)}</strong>
        </dd>
      </div>
      <div>
        <dt>{t("procurement.measures.totals")}</dt>
        <dd>
          <SeriesSpark kind="totals" series={totals} format={(v) => number(v)} />
        </dd>
      </div>
      <div>
        <dt>{t("procurement.measures.rectification")}</dt>
        <dd data-testid="rectification">{text.rectification(record)}</dd>
      </div>
      <div>
        <dt>{t("procurement.measures.repeats")}</dt>
        <dd data-testid="repeats">{record.findings.repeats}</dd>
      </div>
      <div>
        <dt>{t("procurement.measures.vetoes")}</dt>
        <dd data-testid="vetoes" className={record.vetoes > 0 ? "bad" : undefined}>
          {record.vetoes}
        </dd>
      </div>
      <div>
        <dt>{t("procurement.measures.satisfaction")}</dt>
        <dd>
          <SeriesSpark kind="satisfaction" series={rates} format={(v) => percent(v, 1)} />
          {rates.length > 1 ? (
            <span className="meta">
              {t("procurement.measures.satisfactionChange", { first: percent(rates[0]!.value, 1), last: percent(rates.at(-1)!.value, 1) })}
            </span>
          ) : null}
        </dd>
      </div>
      <div>
        <dt>{t("procurement.measures.deducted")}</dt>
        <dd data-testid="deducted">{text.deducted(record)}</dd>
      </div>
    </dl>
  );
}

/** The renewal policy's thresholds, as the recommendation applies them. */
export function PolicyThresholds({ policy }: { policy: RenewalPolicy }) {
  const { t } = useTranslation();
  const keys = ["minQuarters", "renewMinAverage", "renewMinQuarter", "conditionalMinAverage", "failStreakToReject"] as const;
  return (
    <section className="tender-policy" aria-labelledby="policy-title" data-testid="policy">
      <h2 id="policy-title">{t("procurement.policy.title")}</h2>
      <p className="muted small">{t("procurement.policy.intro")}</p>
      <ul>
        {keys.map((key) => (
          <li key={key} data-key={key}>
            {t(`procurement.policy.${key}`, { value: policy[key] })}
          </li>
        ))}
      </ul>
    </section>
  );
}
