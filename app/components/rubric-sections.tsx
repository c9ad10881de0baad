/**
 * The sections of a rubric as people read it — on /rubrics (a default or an
 * organisation's version) and in the printable contract annex (考核细则附件):
 * dimensions with their items' deductions per severity, the satisfaction rule
 * and questionnaire, the late/overdue/repeat factors, veto and bonus items,
 * grade bands. Texts: the common `rubrics.*` and `rubricpages.*` (a route
 * using these declares `handle = { i18n: ["rubricpages"] }`).
 */
import { useTranslation } from "react-i18next";
import { SEVERITIES, type Rubric } from "../../scoring/types";
import { useLocale } from "~/utils/localise";

/** Every section of the rubric in reading order; `overview` adds the in-page table of dimensions (not in the annex). */
export function RubricSections({ rubric, overview = true }: { rubric: Rubric; overview?: boolean }) {
  return (
    <>
      {overview ? <DimensionOverview rubric={rubric} /> : null}
      {rubric.dimensions.map((dimension) =>
        dimension.source === "survey" ? (
          <SatisfactionSection key={dimension.id} rubric={rubric} max={dimension.max} label={dimension.label} />
        ) : (
          <FindingsDimension key={dimension.id} dimension={dimension} />
        ),
      )}
      <FactorsSection rubric={rubric} />
      <VetoSection rubric={rubric} />
      <BonusSection rubric={rubric} />
      <GradesSection rubric={rubric} />
    </>
  );
}

function DimensionOverview({ rubric }: { rubric: Rubric }) {
  const { t } = useTranslation();
  const { pick } = useLocale();
  return (
    <nav aria-label={t("rubrics.dimensions")} className="dimension-overview">
      <ul className="weights">
        {rubric.dimensions.map((d) => (
          <li key={d.id}>
            <a href={`#dim-${d.id}`}>{pick(d.label)}</a>
            <span className="weight-bar" style={{ width: `${d.max}%` }} aria-hidden="true" />
            <span>{t("rubrics.points", { points: d.max })}</span>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function FindingsDimension({ dimension }: { dimension: Rubric["dimensions"][number] }) {
  const { t } = useTranslation();
  const { pick, number } = useLocale();
  return (
    <section id={`dim-${dimension.id}`} aria-labelledby={`dim-${dimension.id}-title`}>
      <h2 id={`dim-${dimension.id}-title`}>
        {pick(dimension.label)} <span className="points-badge">{t("rubrics.points", { points: dimension.max })}</span>
      </h2>
      <div className="table-scroll">
        <table className="rubric-items">
          <caption className="visually-hidden">
            {pick(dimension.label)} · {t("rubrics.deductionPerSeverity")}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("rubrics.item")}</th>
              {SEVERITIES.map((s) => (
                <th scope="col" key={s} className={`num sev-${s}`}>
                  {t(`severity.${s}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {dimension.items.map((item) => (
              <tr key={item.id} id={item.id}>
                <th scope="row">{pick(item.label)}</th>
                {SEVERITIES.map((s) => (
                  <td key={s} className="num">
                    −{number(item.deduction[s], 2)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function SatisfactionSection({ rubric, max, label }: { rubric: Rubric; max: number; label: Rubric["dimensions"][number]["label"] }) {
  const { t } = useTranslation();
  const { pick, percent } = useLocale();
  const rule = rubric.satisfaction;
  return (
    <section id="dim-satisfaction" aria-labelledby="dim-satisfaction-title">
      <h2 id="dim-satisfaction-title">
        {pick(label)} <span className="points-badge">{t("rubrics.points", { points: max })}</span>
      </h2>
      <p className="muted">{t("rubrics.surveyDimension")}</p>
      <h3>{t("rubrics.satisfactionTitle")}</h3>
      <p>
        {t("rubrics.satisfactionRule", {
          threshold: rule.satisfiedAtOrAbove,
          target: percent(rule.targetRate),
          floor: percent(rule.floorRate),
          max,
          min: rule.minRespondents,
        })}
      </p>
      <h3>{t("rubrics.questionnaireTitle")}</h3>
      <ol className="questionnaire">
        {rubric.questionnaire.map((q) => (
          <li key={q.id}>{pick(q.label)}</li>
        ))}
      </ol>
      <p className="muted small">{t("rubrics.scale")}</p>
    </section>
  );
}

function FactorsSection({ rubric }: { rubric: Rubric }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="factors-title">
      <h2 id="factors-title">{t("rubrics.factorsTitle")}</h2>
      <p>{t("rubrics.factorsBody")}</p>
      <ul>
        <li>{t("rubrics.lateFactor", { factor: rubric.lateFactor })}</li>
        <li>{t("rubrics.overdueFactor", { factor: rubric.overdueFactor })}</li>
        <li>{(rubric.repeatFactor ?? 1) > 1 ? t("rubricpages.repeatFactor", { factor: rubric.repeatFactor }) : t("rubricpages.noRepeatFactor")}</li>
      </ul>
    </section>
  );
}

function VetoSection({ rubric }: { rubric: Rubric }) {
  const { t } = useTranslation();
  const { pick } = useLocale();
  return (
    <section aria-labelledby="veto-title" className="veto">
      <h2 id="veto-title">{t("rubrics.vetoTitle")}</h2>
      {rubric.vetoItems.length === 0 ? <p>{t("rubricpages.noVetoItems")}</p> : <p>{t("rubrics.vetoBody")}</p>}
      <ul>
        {rubric.vetoItems.map((v) => (
          <li key={v.id} id={v.id}>
            {pick(v.label)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function BonusSection({ rubric }: { rubric: Rubric }) {
  const { t } = useTranslation();
  const { pick } = useLocale();
  return (
    <section aria-labelledby="bonus-title">
      <h2 id="bonus-title">{t("rubrics.bonusTitle")}</h2>
      {rubric.bonusItems.length === 0 ? <p>{t("rubricpages.noBonusItems")}</p> : null}
      <ul>
        {rubric.bonusItems.map((b) => (
          <li key={b.id} id={b.id}>
            {pick(b.label)} <span className="points-badge plus">{t("rubrics.bonusPoints", { points: b.points })}</span>
          </li>
        ))}
      </ul>
      <p className="muted">{t("rubrics.bonusCap", { cap: rubric.bonusCap })}</p>
    </section>
  );
}

function GradesSection({ rubric }: { rubric: Rubric }) {
  const { t } = useTranslation();
  const bands = [...rubric.gradeBands].sort((a, b) => b.min - a.min);
  return (
    <section aria-labelledby="grades-title">
      <h2 id="grades-title">{t("rubrics.gradesTitle")}</h2>
      <dl className="grades">
        {bands.map((band, i) => (
          <div key={band.grade} className={`grade grade-${band.grade}`}>
            <dt>{t(`grades.${band.grade}`)}</dt>
            <dd>
              {band.min > 0 || i === 0
                ? t("rubrics.gradeAtLeast", { min: band.min })
                : t("rubrics.gradeBelow", { min: bands[i - 1]?.min ?? 0 })}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
