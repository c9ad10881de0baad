import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { defaultRubric } from "../../scoring/index";
import { SERVICE_TYPES } from "../../scoring/types";
import { useLocale } from "~/utils/localise";

export const meta: MetaFunction = () => [{ title: "考核细则 · 考评" }];

export function loader() {
  return {
    rubrics: SERVICE_TYPES.map((type) => {
      const rubric = defaultRubric(type);
      return {
        serviceType: type,
        version: rubric.version,
        dimensions: rubric.dimensions.map((d) => ({ id: d.id, label: d.label, max: d.max, items: d.items.length })),
        itemCount: rubric.dimensions.reduce((n, d) => n + d.items.length, 0),
      };
    }),
  };
}

export default function RubricList() {
  const { rubrics } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { pick } = useLocale();
  return (
    <div className="page">
      <h1>{t("rubrics.title")}</h1>
      <p className="lead">{t("rubrics.intro")}</p>
      <ul className="card-grid">
        {rubrics.map((rubric) => (
          <li key={rubric.serviceType} className="card">
            <h2>
              <a href={`/rubrics/${rubric.serviceType}`}>{t(`serviceTypes.${rubric.serviceType}`)}</a>
            </h2>
            <p className="muted">
              {t("rubrics.version", { version: rubric.version })} · {t("rubrics.itemsCount", { count: rubric.itemCount })}
            </p>
            <ul className="weights" aria-label={t("rubrics.dimensions")}>
              {rubric.dimensions.map((d) => (
                <li key={d.id}>
                  <span>{pick(d.label)}</span>
                  <span className="weight-bar" style={{ width: `${d.max}%` }} aria-hidden="true" />
                  <span>{t("rubrics.points", { points: d.max })}</span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
