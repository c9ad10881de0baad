import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { defaultRubric } from "../../scoring/index";
import { SERVICE_TYPES } from "../../scoring/types";
import { getOptionalViewer, isContractorPerson } from "~/auth/session.server";
import { OrgVersionList, RubricInForceTable } from "~/components/org-rubrics";
import { orgRubrics } from "~/rubrics/pages.server";
import { useLocale } from "~/utils/localise";

export const meta: MetaFunction = () => [{ title: "考核细则 · 考评" }];
export const handle = { i18n: ["rubricpages"] };

/** The defaults for everyone; for a signed-in member also the organisation's published versions and each contract's version in force. */
export async function loader({ request }: LoaderFunctionArgs) {
  // A contractor's person sees what the public sees: the organisation's part lists every contract.
  const signedIn = await getOptionalViewer(request);
  const viewer = signedIn && !isContractorPerson(signedIn) ? signedIn : null;
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
    org: viewer ? await orgRubrics(viewer) : null,
  };
}

export default function RubricList() {
  const { rubrics, org } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { pick } = useLocale();
  return (
    <div className="page">
      <h1>{t("rubrics.title")}</h1>
      <p className="lead">{t("rubrics.intro")}</p>
      {org ? (
        <section aria-labelledby="org-rubrics-title" data-testid="org-rubrics">
          <h2 id="org-rubrics-title">{t("rubricpages.orgTitle")}</h2>
          <p className="muted">{t("rubricpages.orgIntro")}</p>
          {org.versions.length === 0 ? <p>{t("rubricpages.orgEmpty")}</p> : <OrgVersionList versions={org.versions} />}
          <h2 id="contract-rubrics-title">{t("rubricpages.contractsTitle")}</h2>
          <p className="muted">{t("rubricpages.contractsIntro")}</p>
          <RubricInForceTable contracts={org.contracts} labelledBy="contract-rubrics-title" />
        </section>
      ) : null}
      <h2>{t("rubricpages.defaultsTitle")}</h2>
      <p className="muted">{t("rubricpages.defaultsIntro")}</p>
      <ul className="card-grid">
        {rubrics.map((rubric) => (
          <li key={rubric.serviceType} className="card">
            <h3>
              <a href={`/rubrics/${rubric.serviceType}`}>{t(`serviceTypes.${rubric.serviceType}`)}</a>
            </h3>
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
