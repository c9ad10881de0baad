import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireCentreMember } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RubricAnnex } from "~/components/rubric-annex";
import { requireOrgRubric } from "~/rubrics/pages.server";
import annexCss from "~/styles/annex.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: annexCss }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `附件：考核细则 ${data.rubric.serviceType} ${data.rubric.version} · 考评` : "考核细则 · 考评" },
];
export const handle = { i18n: ["rubricpages"] };

/** An organisation's published version as a contract annex, for its members; another organisation's id is a 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  // The centre's people only: a contractor's person reads the public defaults (403 here).
  const viewer = await requireCentreMember(request);
  const version = await requireOrgRubric(viewer, params.id);
  return { id: version.id, rubric: version.rubric, orgName: viewer.org.name };
}

export default function OrgRubricAnnex() {
  const { id, rubric, orgName } = useLoaderData<typeof loader>();
  return <RubricAnnex rubric={rubric} orgName={orgName} backHref={`/rubrics/v/${id}`} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
