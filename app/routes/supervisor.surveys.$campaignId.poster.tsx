import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireCampaign } from "~/surveys/campaigns.server";
import { QrCode } from "~/surveys/components/qr-code";
import { usePeriodLabel } from "~/surveys/components/status-badge";
import { useHydrated } from "~/surveys/components/use-hydrated";
import { openLinkUrl, publicOrigin, qrPath } from "~/surveys/qr.server";
import { invariantResponse } from "~/utils/invariant";
import surveyCss from "~/styles/survey.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyCss }];
export const meta: MetaFunction = () => [{ title: "满意度调查海报 · 考评" }];

/** A printable A4 poster of the open link for canteen tables and lobbies. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const campaign = await requireCampaign(viewer, params.campaignId);
  invariantResponse(campaign.allowOpenLink, "This survey has no open link", { status: 404 });
  const url = openLinkUrl(publicOrigin(request), campaign.openToken);
  return {
    id: campaign.id,
    orgName: viewer.org.name,
    contractorName: campaign.contractorName,
    serviceType: campaign.serviceType,
    period: campaign.period,
    closesOn: campaign.closesOn,
    url,
    qr: qrPath(url),
  };
}

export default function Poster() {
  const p = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const periodLabel = usePeriodLabel();
  const hydrated = useHydrated();
  return (
    <div className="page">
      <div className="print-toolbar">
        <a href={`/supervisor/surveys/${p.id}`}>← {t("survey.poster.back")}</a>
        {hydrated ? (
          <button type="button" className="primary" onClick={() => window.print()}>
            {t("survey.poster.print")}
          </button>
        ) : null}
        <p className="hint">{t("survey.poster.printHint")}</p>
      </div>
      <article className="poster" aria-label={t("survey.poster.title")}>
        <header>
          <p className="poster-org">{p.orgName}</p>
          <h1 className="poster-title">{t("survey.poster.title")}</h1>
          <p className="poster-contractor">{p.contractorName}</p>
          <p className="poster-service">{t(`serviceTypes.${p.serviceType}`)}</p>
          <p className="poster-period">
            {periodLabel(p.period)} · {t("survey.poster.closesOn", { date: p.closesOn })}
          </p>
        </header>
        <QrCode qr={p.qr} label={t("survey.monitor.qrAlt", { url: p.url })} className="poster-qr" />
        <footer>
          <p className="poster-scan">{t("survey.poster.scan")}</p>
          <p className="poster-note">{t("survey.poster.anonymous")}</p>
          <p className="poster-url">
            {t("survey.poster.orVisit")} <span>{p.url}</span>
          </p>
          <p className="poster-brand">{t("app.name")}</p>
        </footer>
      </article>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
