import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RubricAnnex } from "~/components/rubric-annex";
import { requireDefaultRubric } from "~/rubrics/pages.server";
import annexCss from "~/styles/annex.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: annexCss }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `附件：考核细则 ${data.rubric.serviceType} ${data.rubric.version} · 考评` : "考核细则 · 考评" },
];
export const handle = { i18n: ["rubricpages"] };

/** The built-in default as a contract annex: public like the default itself. */
export function loader({ params }: LoaderFunctionArgs) {
  return { rubric: requireDefaultRubric(params.serviceType) };
}

export default function DefaultRubricAnnex() {
  const { rubric } = useLoaderData<typeof loader>();
  return <RubricAnnex rubric={rubric} orgName={null} backHref={`/rubrics/${rubric.serviceType}`} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
