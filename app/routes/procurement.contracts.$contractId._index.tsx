/**
 * The contract dossier (tender file, issue 12; /procurement/contracts/:id): one
 * contract's term as a printable A4 document — the facts, the quarters with
 * their revisions, the trend, dimension averages, findings, the survey's
 * released tallies, bonuses and vetoes, appeals and their outcomes, fees, the renewal recommendation with
 * its reasons and a sign-off block — all from `contractDossier`, i.e. the
 * finalised snapshots only. Another organisation's contract is a 404.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { defaultRubric } from "../../scoring/rubrics/index";
import { todayIn } from "../../domain/days";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { RecommendationBlock } from "~/procurement/recommendation";
import {
  AppealsTable,
  DimensionAverages,
  DossierSection,
  EventsTable,
  FactsTable,
  FeesTable,
  FindingsTable,
  QuarterTable,
  SignOff,
  SurveyTables,
  type DossierView,
} from "~/procurement/dossier-sections";
import { contractExportPath, TENDER_PATH } from "~/procurement/paths";
import { requireProcurementReader } from "~/procurement/viewer.server";
import { contractDossier } from "~/queries.server";
import { scoreChartLinks } from "~/scores/components/chart-figure";
import { TrendChart } from "~/scores/components/trend-chart";
import dossierCss from "~/styles/dossier.css?url";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";
import { useLocale } from "~/utils/localise";

export const handle = { i18n: ["dossier", "scores"] };
export const links: LinksFunction = () => [...scoreChartLinks, { rel: "stylesheet", href: dossierCss }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.dossier.record.contract.title} · 合同考核档案 · 考评` : "合同考核档案 · 考评" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, today, settings } = await requireProcurementReader(request);
  invariantResponse(params.contractId, ...NOT_FOUND);
  const found = await contractDossier(db(), { orgId: viewer.org.id, contractId: params.contractId, today, policy: settings.renewalPolicy });
  invariantResponse(found, ...NOT_FOUND);
  const dayOf = (at: string) => todayIn(viewer.org.timeZone, new Date(at));
  const dossier: DossierView = {
    ...found,
    quarters: found.quarters.map((q) => ({ ...q, revisions: q.revisions.map((r) => ({ ...r, createdOn: dayOf(r.createdAt) })) })),
  };
  return {
    dossier,
    today,
    organisation: viewer.org.name,
    preparedBy: viewer.user.name,
    // The grade bands behind the trend: the service type's rubric (every snapshot's bands are its version's).
    gradeBands: defaultRubric(found.record.contract.serviceType).gradeBands,
  };
}

export default function ContractDossierPage() {
  const { dossier, today, organisation, preparedBy, gradeBands } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { number } = useLocale();
  const { contract, recommendation, averageTotal } = dossier.record;
  const title = t("dossier.title");
  return (
    <div className="page dossier-page">
      <div className="dossier-toolbar no-print">
        <Link to={TENDER_PATH}>{t("dossier.back")}</Link>
        <button type="button" className="primary" onClick={() => window.print()} data-testid="dossier-print">
          {t("dossier.print")}
        </button>
        <a href={contractExportPath(contract.id)} download data-testid="dossier-export">
          {t("procurement.links.export")}
        </a>
        <p className="small muted">{t("dossier.printHint")}</p>
      </div>
      <article className="dossier" aria-labelledby="dossier-title">
        <header className="dossier-head">
          <p className="dossier-org">{organisation}</p>
          <h1 id="dossier-title">
            {title}
            <span className="dossier-contract">{contract.title}</span>
          </h1>
          <p className="dossier-subtitle">{t("dossier.subtitle")}</p>
          <p className="small">{t("dossier.generated", { today })}</p>
        </header>

        <DossierSection id="facts" title={t("dossier.facts.title")}>
          <FactsTable dossier={dossier} />
        </DossierSection>

        <DossierSection id="quarters" title={t("dossier.quarters.title")}>
          <QuarterTable dossier={dossier} />
        </DossierSection>

        <DossierSection id="trend" title={t("dossier.trend.title")}>
          <TrendChart
            points={dossier.record.quarters.map((q) => ({ period: q.period, total: q.total, grade: q.grade, state: q.state, provisional: q.provisional }))}
            bands={gradeBands}
            label={t("dossier.trend.label", { contractor: contract.contractorName })}
          />
        </DossierSection>

        <DossierSection id="dimensions" title={t("dossier.dimensions.title")}>
          <DimensionAverages dossier={dossier} />
        </DossierSection>

        <DossierSection id="findings" title={t("dossier.findings.title")}>
          <FindingsTable dossier={dossier} />
        </DossierSection>

        <DossierSection id="survey" title={t("dossier.survey.title")}>
          <SurveyTables dossier={dossier} />
        </DossierSection>

        <DossierSection id="events" title={t("dossier.events.title")}>
          <EventsTable dossier={dossier} />
        </DossierSection>

        <DossierSection id="appeals" title={t("dossier.appeals.title")}>
          {dossier.appealCounts.filed > 0 ? <p data-testid="appeals-summary">{t("dossier.appeals.summary", { ...dossier.appealCounts })}</p> : null}
          <AppealsTable appeals={dossier.appeals} none={t("dossier.appeals.none")} />
        </DossierSection>

        <DossierSection id="fees" title={t("dossier.fees.title")}>
          <FeesTable dossier={dossier} />
        </DossierSection>

        <DossierSection id="recommendation" title={t("dossier.recommendation.title")}>
          <RecommendationBlock contractId={contract.id} recommendation={recommendation} />
          {averageTotal !== null ? <p className="small">{t("dossier.recommendation.average", { average: number(averageTotal) })}</p> : null}
        </DossierSection>

        <DossierSection id="signoff" title={t("dossier.signoff.title")}>
          <SignOff preparedBy={preparedBy} today={today} />
        </DossierSection>

        <footer className="dossier-footer small muted">{t("dossier.footer", { org: organisation, title: contract.title, today })}</footer>
      </article>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
