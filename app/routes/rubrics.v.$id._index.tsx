import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCentreMember } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RubricSections } from "~/components/rubric-sections";
import { requireOrgRubric } from "~/rubrics/pages.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.version.version} · 考核细则 · 考评` : "考核细则 · 考评" },
];
export const handle = { i18n: ["rubricpages"] };

/** One published version of the viewer's organisation, for any member; another organisation's id is a 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  // The centre's people only: a contractor's person reads the public defaults (403 here).
  const viewer = await requireCentreMember(request);
  const version = await requireOrgRubric(viewer, params.id);
  return { version, orgName: viewer.org.name };
}

export default function OrgRubricPage() {
  const { version, orgName } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const rubric = version.rubric;
  return (
    <article className="page rubric">
      <p>
        <a href="/rubrics">← {t("rubrics.backToList")}</a>
      </p>
      <h1>
        {t(`serviceTypes.${rubric.serviceType}`)} · {t("rubrics.title")}
      </h1>
      <p className="muted">
        <span className="status-badge">{t("rubricpages.orgVersionBadge")}</span> {orgName} · {t("rubrics.version", { version: version.version })} ·{" "}
        {t(`rubricpages.status.${version.status}`)}
        {version.publishedAt ? ` · ${t("rubricpages.publishedOn", { date: version.publishedAt.slice(0, 10) })}` : ""}
        {version.basedOn ? ` · ${t("rubricpages.basedOn", { ref: version.basedOn })}` : ""}
      </p>
      <p>
        <a href={`/rubrics/v/${version.id}/annex`}>{t("rubricpages.annexLink")}</a>
      </p>
      <RubricSections rubric={rubric} />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
