import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { defaultRubric } from "../../scoring/index";
import { SERVICE_TYPES, SEVERITIES, type Rubric, type ServiceType } from "../../scoring/types";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { invariantResponse } from "~/utils/invariant";
import { useLocale } from "~/utils/localise";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.rubric.serviceType} · 考核细则 · 考评` : "考核细则 · 考评" },
];

export function loader({ params }: LoaderFunctionArgs) {
  const type = params.serviceType;
  invariantResponse(SERVICE_TYPES.includes(type as ServiceType), "Unknown service type", { status: 404 });
  return { rubric: defaultRubric(type as ServiceType) };
}

export default function RubricPage() {
  const { rubric } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <article className="page rubric">
      <p>
        <a href="/rubrics">← {t("rubrics.backToList")}</a>
      </p>
      <h1>
        {t(`serviceTypes.${rubric.serviceType}`)} · {t("rubrics.title")}
      </h1>
      <p className="muted">{t("rubrics.version", { version: rubric.version })}</p>
      <DimensionOverview rubric={rubric} />
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
    </article>
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
      <p>{t("rubrics.vetoBody")}</p>
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
