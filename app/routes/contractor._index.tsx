import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { todayIn } from "../../domain/days";
import { requireContractor } from "~/auth/session.server";
import { RoleHome } from "~/components/role-home";
import { db } from "~/db.server";
import { appealsOfContractor, contractorScores, getContractor, listContractorFindings, listContractorVetoes } from "~/queries.server";
import { ContractorAppealList } from "~/portal/appeal-list";
import { PortalFindingCard } from "~/portal/finding-card";
import { FinalScores, LiveScores } from "~/portal/score-cards";
import { VetoList } from "~/portal/veto-list";
import findingsCss from "~/styles/findings.css?url";
import { now } from "~/utils/clock.server";

export const handle = { i18n: ["contractor", "findings", "quarter", "appeals"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: findingsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireContractor(request);
  const scope = { orgId: viewer.org.id, contractorId: viewer.membership.contractorId };
  const today = todayIn(viewer.org.timeZone, now());
  const [contractor, listed, appeals, vetoes] = await Promise.all([
    getContractor(db(), { orgId: scope.orgId, id: scope.contractorId }),
    listContractorFindings(db(), { ...scope, today }),
    appealsOfContractor(db(), scope),
    listContractorVetoes(db(), scope),
  ]);
  const findings = listed.rows;
  const openIds = findings.filter((f) => !f.awaitsVerification).map((f) => f.id);
  const scores = await contractorScores(db(), { ...scope, today, openFindingIds: openIds });
  return { orgName: viewer.org.name, userName: viewer.user.name, contractorName: contractor?.name ?? "", findings, findingsTotal: listed.total, scores, appeals, vetoes };
}

/**
 * The contractor person's home (on a phone first): what is still to rectify,
 * overdue first, with photos and what being late costs; the fixes waiting for
 * the supervisor's check; the live score of the quarters still being written;
 * its appeals; and the finalised quarters with their deductions and fees.
 */
export default function ContractorHome() {
  const { orgName, userName, contractorName, findings, findingsTotal, scores, appeals, vetoes } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const open = findings.filter((f) => !f.awaitsVerification);
  const waiting = findings.filter((f) => f.awaitsVerification);
  return (
    <RoleHome role="contractor" orgName={orgName} userName={userName}>
      <p>{t("contractor.contractorLine", { name: contractorName })}</p>
      <section aria-labelledby="open-findings">
        <h2 id="open-findings">
          {t("contractor.open.title")} {open.length > 0 ? <small>{t("contractor.open.count", { count: open.length })}</small> : null}
        </h2>
        {open.length === 0 ? (
          <p className="notice">{t("contractor.open.empty")}</p>
        ) : (
          <ul className="portal-findings">
            {open.map((f) => (
              <PortalFindingCard key={f.id} finding={f} cost={scores.costs[f.id]} />
            ))}
          </ul>
        )}
      </section>
      {findingsTotal > findings.length ? <p className="notice">{t("contractor.open.limited", { shown: findings.length, total: findingsTotal })}</p> : null}
      <section aria-labelledby="waiting-findings">
        <h2 id="waiting-findings">{t("contractor.waiting.title")}</h2>
        {waiting.length === 0 ? (
          <p className="notice">{t("contractor.waiting.empty")}</p>
        ) : (
          <ul className="portal-findings">
            {waiting.map((f) => (
              <PortalFindingCard key={f.id} finding={f} />
            ))}
          </ul>
        )}
      </section>
      {vetoes.length > 0 ? <VetoList vetoes={vetoes} /> : null}
      <LiveScores scores={scores.live} />
      <ContractorAppealList appeals={appeals} />
      <FinalScores scores={scores.finalised} />
    </RoleHome>
  );
}
