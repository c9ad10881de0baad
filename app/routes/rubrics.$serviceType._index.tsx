import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getOptionalViewer, isContractorPerson } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OrgVersionList } from "~/components/org-rubrics";
import { RubricSections } from "~/components/rubric-sections";
import { orgVersionsOf, requireDefaultRubric } from "~/rubrics/pages.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.rubric.serviceType} · 考核细则 · 考评` : "考核细则 · 考评" },
];
export const handle = { i18n: ["rubricpages"] };

/** The built-in default of the type, public; a signed-in member also gets the organisation's published versions of the type. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const rubric = requireDefaultRubric(params.serviceType);
  // A contractor's person sees the public default only (the organisation's versions are the centre's).
  const signedIn = await getOptionalViewer(request);
  const viewer = signedIn && !isContractorPerson(signedIn) ? signedIn : null;
  const versions = viewer ? await orgVersionsOf(viewer, rubric.serviceType) : null;
  return { rubric, versions };
}

export default function RubricPage() {
  const { rubric, versions } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <article className="page rubric">
      <p>
        <a href="/rubrics">← {t("rubrics.backToList")}</a>
      </p>
      <h1>
        {t(`serviceTypes.${rubric.serviceType}`)} · {t("rubrics.title")}
      </h1>
      <p className="muted">
        <span className="status-badge">{t("rubricpages.defaultBadge")}</span> {t("rubrics.version", { version: rubric.version })} ·{" "}
        <a href={`/rubrics/${rubric.serviceType}/annex`}>{t("rubricpages.annexLink")}</a>
      </p>
      {versions ? (
        <section aria-labelledby="org-versions-title">
          <h2 id="org-versions-title">{t("rubricpages.orgVersionsOfType")}</h2>
          {versions.length === 0 ? <p>{t("rubricpages.orgVersionsOfTypeEmpty")}</p> : <OrgVersionList versions={versions} />}
        </section>
      ) : null}
      <RubricSections rubric={rubric} />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
