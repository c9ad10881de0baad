/**
 * The printable rectification notices (整改通知单) of one inspection: a sheet
 * per finding that is not withdrawn. (`$id_`: not nested in whatever page the
 * inspection itself has.)
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { NoticeSheet, NoticeToolbar } from "~/findings/notice";
import { getInspectionNotice } from "~/queries.server";
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
  const notice = await getInspectionNotice(db(), { orgId: viewer.org.id, inspectionId: params.id, today });
  invariantResponse(notice, ...NOT_FOUND);
  return { ...notice, organisation: viewer.org.name, today };
}

export default function InspectionNotice() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const first = d.findings[0];
  return (
    <div className="page">
      <NoticeToolbar back={first ? `/supervisor/findings/${first.id}` : "/supervisor"} />
      {d.findings.length === 0 ? <p>{t("findings.notice.none")}</p> : null}
      {d.findings.map((f) => (
        <NoticeSheet key={f.id} f={f} organisation={d.organisation} today={d.today} />
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
