import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listAppeals, listCampaigns, listContracts, supervisorAttention } from "~/queries.server";
import { todayIn } from "../../domain/days";
import { periodEnd, periodOfDate, periodStart } from "../../scoring/index";
import { requireRole } from "~/auth/session.server";
import { RoleHome } from "~/components/role-home";
import { db } from "~/db.server";
import { CampaignTable } from "~/surveys/components/campaign-table";
import { usePeriodLabel } from "~/surveys/components/status-badge";
import { AttentionPanel } from "~/patrols/attention-panel";
import patrolsCss from "~/styles/patrols.css?url";
import surveyCss from "~/styles/survey.css?url";
import { now } from "~/utils/clock.server";

export const handle = { i18n: ["survey", "patrols", "appeals"] };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: surveyCss },
  { rel: "stylesheet", href: patrolsCss },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const today = todayIn(viewer.org.timeZone, now());
  const period = periodOfDate(today);
  const [attention, campaigns, contracts, pendingAppeals] = await Promise.all([
    supervisorAttention(db(), { orgId: viewer.org.id, userId: viewer.user.id, today }),
    listCampaigns(db(), { orgId: viewer.org.id, period, pageSize: 100 }),
    listContracts(db(), { orgId: viewer.org.id, status: "active", pageSize: 100 }),
    listAppeals(db(), { orgId: viewer.org.id, status: "pending", pageSize: 1 }),
  ]);
  const surveyed = new Set(campaigns.rows.map((c) => c.contractId));
  // Active contracts whose term covers the quarter and that have no campaign for it yet.
  const withoutCampaign = contracts.rows
    .filter((c) => !surveyed.has(c.id) && c.startOn <= periodEnd(period) && c.endOn >= periodStart(period))
    .map((c) => ({ id: c.id, title: c.title, contractorName: c.contractorName, serviceType: c.serviceType }));
  return { orgName: viewer.org.name, userName: viewer.user.name, period, campaigns: campaigns.rows, withoutCampaign, attention, pendingAppeals: pendingAppeals.total };
}

/** The supervisor home: what needs attention now, then this quarter's satisfaction surveys per contract, and the contracts still without one. */
export default function SupervisorHome() {
  const { orgName, userName, period, campaigns, withoutCampaign, attention, pendingAppeals } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const periodLabel = usePeriodLabel();
  return (
    <RoleHome role="supervisor" orgName={orgName} userName={userName}>
      <p className="actions"><a className="button secondary" href="/supervisor/scores">{t("nav.scores")}</a> <a className="button secondary" href="/supervisor/appeals">{t("appeals.queueLink", { count: pendingAppeals })}</a></p>
      <AttentionPanel attention={attention} />
      <section className="panel" aria-labelledby="quarter-surveys">
        <div className="page-head">
          <h2 id="quarter-surveys">{t("survey.supervisor.homeTitle", { period: periodLabel(period) })}</h2>
          <p className="actions">
            <a className="button" href="/supervisor/surveys/new">
              {t("survey.supervisor.create")}
            </a>
            <a className="button secondary" href="/supervisor/surveys">
              {t("survey.supervisor.all")}
            </a>
          </p>
        </div>
        {campaigns.length === 0 ? <p>{t("survey.supervisor.homeEmpty")}</p> : <CampaignTable rows={campaigns} />}
        {withoutCampaign.length > 0 ? (
          <>
            <h3>{t("survey.supervisor.noCampaign")}</h3>
            <ul className="survey-cards">
              {withoutCampaign.map((c) => (
                <li key={c.id} className="survey-card">
                  <h3>
                    {c.contractorName} · {t(`serviceTypes.${c.serviceType}`)}
                  </h3>
                  <p className="meta">{c.title}</p>
                  <a className="button secondary" href={`/supervisor/surveys/new?${new URLSearchParams({ contractId: c.id, period })}`}>
                    {t("survey.supervisor.createFor")}
                    <span className="visually-hidden">: {c.contractorName}</span>
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </RoleHome>
  );
}
