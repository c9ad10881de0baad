/** The printable rectification notice (整改通知单) of one finding. */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { NoticeSheet, NoticeToolbar } from "~/findings/notice";
import { getFinding } from "~/queries.server";
import findingsCss from "~/styles/findings.css?url";
import { todayFor } from "~/utils/clock.server";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";

export const handle = { i18n: ["findings"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: findingsCss }];
export const meta: MetaFunction = () => [{ title: "整改通知单 · 考评" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  invariantResponse(params.id, ...NOT_FOUND);
  const today = todayFor(viewer.org);
  const finding = await getFinding(db(), { orgId: viewer.org.id, id: params.id, today });
  invariantResponse(finding, ...NOT_FOUND);
  return { finding, organisation: viewer.org.name, today };
}

export default function FindingNotice() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <NoticeToolbar back={`/supervisor/findings/${d.finding.id}`} />
      <NoticeSheet f={d.finding} organisation={d.organisation} today={d.today} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
