/** One inspection: where, who, which contract, and its findings; the printable notice and "add another finding". */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { FindingList } from "~/inspections/components/finding-list";
import { itemLabels } from "~/inspections/labels";
import { getInspection } from "~/queries.server";
import inspectionsCss from "~/styles/inspections.css?url";
import { todayFor } from "~/utils/clock.server";
import { invariantResponse } from "~/utils/invariant";
import { stepHref } from "~/inspections/steps";

export const handle = { i18n: ["inspections"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: inspectionsCss }];
export const meta: MetaFunction = () => [{ title: "检查详情 · 考评" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  invariantResponse(params.id, "Inspection not found", { status: 404 });
  const inspection = await getInspection(db(), { orgId: viewer.org.id, id: params.id, today: todayFor(viewer.org) });
  invariantResponse(inspection, "Inspection not found", { status: 404 });
  return { inspection, labels: itemLabels(inspection.findings.map((f) => f.itemId)), mine: inspection.inspectorUserId === viewer.user.id };
}

export default function InspectionPage() {
  const { inspection: i, labels, mine } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const again =
    i.kind === "patrol"
      ? stepHref({ kind: "patrol", cellId: i.gridCellId })
      : stepHref({ kind: i.kind, contractId: i.contractId, cellId: i.gridCellId, siteId: i.gridCellId ? null : i.siteId });
  return (
    <div className="page narrow inspections">
      <p>
        <a href="/supervisor/inspections">{t("inspections.detail.back")}</a>
      </p>
      <h1>{t("inspections.detail.title", { kind: t(`inspections.kinds.${i.kind}`), date: i.inspectedOn })}</h1>
      <dl className="recording-place">
        <div>
          <dt>{t("inspections.detail.place")}</dt>
          <dd>
            {i.cellCode ? `${i.cellCode} · ` : ""}
            {i.siteName}
          </dd>
        </div>
        {i.contractTitle ? (
          <div>
            <dt>{t("inspections.detail.contract")}</dt>
            <dd>{i.contractTitle}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("inspections.detail.inspector")}</dt>
          <dd>{i.inspectorName}</dd>
        </div>
      </dl>
      <p className="actions">
        {i.findings.length > 0 ? (
          <a className="button" href={`/supervisor/inspections/${i.id}/notice`}>
            {t("inspections.detail.notice")}
          </a>
        ) : null}
        {mine ? (
          <a className="button secondary" href={again}>
            {t("inspections.detail.addFinding")}
          </a>
        ) : null}
      </p>
      <section aria-labelledby="inspection-findings">
        <h2 id="inspection-findings">{t("inspections.detail.findingsTitle")}</h2>
        {i.findings.length === 0 ? <p className="notice">{t("inspections.detail.none")}</p> : <FindingList rows={i.findings} labels={labels} />}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
