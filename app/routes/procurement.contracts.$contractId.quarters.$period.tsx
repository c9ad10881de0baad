/**
 * The quarter behind a reason (/procurement/contracts/:id/quarters/2026-Q3),
 * read-only, from the quarter's latest finalised snapshot only — never a live
 * score: a finalised quarter as `getQuarterScore` shows it (its snapshot), a
 * reopened one by its latest stored revision (what still counts until the
 * correction is finalised), and a quarter without a snapshot as "not yet
 * finalised" (200, no figures). A period that is not "YYYY-Qn" or lies outside
 * the term, or another organisation's contract, is a 404. The quarter's
 * appeals (issue 14) are listed with their outcomes either way.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isPeriod, periodOfDate } from "../../scoring/dates";
import { todayIn } from "../../domain/days";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { AppealsTable } from "~/procurement/dossier-sections";
import { dossierPath } from "~/procurement/paths";
import { requireProcurementReader } from "~/procurement/viewer.server";
import { contractAppeals, getQuarterScore, quarterRevisions, scoreContract } from "~/queries.server";
import type { LoadedQuarter } from "~/scores/score-load.server";
import { QuarterScoreSections, RevisionList } from "~/scores/score-parts";
import quarterCss from "~/styles/quarter.css?url";
import dossierCss from "~/styles/dossier.css?url";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";

export const handle = { i18n: ["dossier", "quarter"] };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: quarterCss },
  { rel: "stylesheet", href: dossierCss },
];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.contract.title} · ${data.period} · 考评` : "季度考核得分 · 考评" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, today } = await requireProcurementReader(request);
  const { contractId, period } = params;
  invariantResponse(contractId && isPeriod(period), ...NOT_FOUND);
  const scope = { orgId: viewer.org.id, contractId, period };
  const found = await scoreContract(db(), viewer.org.id, contractId);
  invariantResponse(found, ...NOT_FOUND);
  // A quarter outside the contract's term has no page ("2026-Q3" strings sort in calendar order).
  invariantResponse(periodOfDate(found.startOn) <= period && period <= periodOfDate(found.endOn), ...NOT_FOUND);
  const contract = { id: found.id, title: found.title, contractorName: found.contractorName };
  // No snapshot yet: nothing for procurement (and nothing is computed live); the appeals either way.
  const [history, appeals] = await Promise.all([quarterRevisions(db(), scope), contractAppeals(db(), scope)]);
  if (!history.latest) return { contract, period, state: null, view: null, appeals };

  const view = await getQuarterScore(db(), { ...scope, today });
  invariantResponse(view, ...NOT_FOUND);
  // getQuarterScore shows a reopened quarter live; procurement reads its latest snapshot instead.
  const latest = history.latest;
  const snapshot =
    view.source === "snapshot"
      ? view
      : { ...view, source: "snapshot" as const, asOf: latest.input.asOf, rubric: latest.rubric, input: latest.input, score: latest.output, fee: latest.fee };
  const dayOf = (at: string) => todayIn(viewer.org.timeZone, new Date(at));
  const loaded: LoadedQuarter = {
    ...snapshot,
    // The findings' notes, places and photos are the supervisors' pages; the snapshot's reasons say why each point was lost.
    findings: {},
    blocks: { pendingVetoes: 0, awaitingVerification: 0, pendingAppeals: 0, appealWindowClosesOn: null, appealWindowOpen: false },
    revisions: snapshot.revisions.map((r) => ({ ...r, createdOn: dayOf(r.createdAt) })),
    reopen: null,
  };
  return { contract, period, state: view.state, view: loaded, appeals };
}

export default function ProcurementQuarterPage() {
  const data = useLoaderData<typeof loader>();
  const view = data.view as unknown as LoadedQuarter | null;
  const { t } = useTranslation();
  const last = view?.revisions.at(-1);
  return (
    <div className="page narrow quarter-page dossier-quarter">
      <p className="no-print">
        <Link to={dossierPath(data.contract.id)}>{t("dossier.quarter.back")}</Link>
      </p>
      <h1 className="quarter-head">
        <span>
          {data.contract.title} · <span className="nowrap">{t("dossier.quarter.title", { period: data.period })}</span>
        </span>
      </h1>
      <p className="muted">{data.contract.contractorName}</p>
      {!view || !last ? (
        <section className="card quarter-section" data-testid="quarter-not-finalised" aria-live="polite">
          <p>
            <strong>{t("dossier.quarter.notFinalised")}</strong>
          </p>
          <p className="small muted">{t("dossier.quarter.notFinalisedHint")}</p>
        </section>
      ) : (
        <>
          <p className="quarter-source" data-testid="quarter-source">
            {t("dossier.quarter.snapshot", { revision: last.revision, on: last.createdOn, asOf: view.asOf })}
          </p>
          {data.state === "reopened" ? <p className="quarter-warn">{t("dossier.quarter.reopened")}</p> : null}

          <QuarterScoreSections
            view={view}
            titles={{ score: t("dossier.quarter.score"), deductions: t("dossier.quarter.deductions"), extras: t("dossier.quarter.extras"), fee: t("dossier.quarter.fee") }}
          />

          <section className="card quarter-section" aria-labelledby="revisions-title">
            <h2 id="revisions-title">{t("dossier.quarter.revisions")}</h2>
            <RevisionList view={view} findingLinks={false} />
          </section>
        </>
      )}
      <section className="card quarter-section" aria-labelledby="quarter-appeals-title" data-testid="quarter-appeals">
        <h2 id="quarter-appeals-title">{t("dossier.appeals.quarterTitle")}</h2>
        <AppealsTable appeals={data.appeals} showPeriod={false} none={t("dossier.appeals.quarterNone")} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
