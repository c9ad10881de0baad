import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listInvites } from "~/queries.server";
import { requireRole } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { requireCampaign } from "~/surveys/campaigns.server";
import { QrCode } from "~/surveys/components/qr-code";
import { usePeriodLabel } from "~/surveys/components/status-badge";
import { useHydrated } from "~/surveys/components/use-hydrated";
import { inviteEntryUrl, inviteUrl, publicOrigin, qrPath } from "~/surveys/qr.server";
import surveyCss from "~/styles/survey.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyCss }];
export const meta: MetaFunction = () => [{ title: "邀请条 · 满意度调查 · 考评" }];

const PER_SHEET = 10;
/** Slips per screen: 20 A4 sheets; more are on the next pages. */
const PER_PAGE = 200;

/**
 * Printable invite slips, ten to an A4 page: the code, its QR code (the link
 * `/i/<code>`) and how to type it in by hand. Unused codes only, unless `?all=1`.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const campaign = await requireCampaign(viewer, params.campaignId);
  const search = new URL(request.url).searchParams;
  const all = search.get("all") === "1";
  const invites = await listInvites(db(), { orgId: viewer.org.id, campaignId: campaign.id });
  const chosen = all ? invites : invites.filter((i) => !i.used);
  const pages = Math.max(1, Math.ceil(chosen.length / PER_PAGE));
  const page = Math.min(pages, Math.max(1, Math.trunc(Number(search.get("page")) || 1)));
  const origin = publicOrigin(request);
  const slips = chosen.slice((page - 1) * PER_PAGE, page * PER_PAGE).map((invite) => ({
    code: invite.code,
    used: invite.used,
    qr: qrPath(inviteUrl(origin, invite.code)),
  }));
  return {
    id: campaign.id,
    contractorName: campaign.contractorName,
    serviceType: campaign.serviceType,
    period: campaign.period,
    closesOn: campaign.closesOn,
    entryUrl: inviteEntryUrl(origin),
    all,
    page,
    pages,
    counts: { all: invites.length, unused: invites.filter((i) => !i.used).length },
    slips,
  };
}

export default function Slips() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const periodLabel = usePeriodLabel();
  const hydrated = useHydrated();
  const sheets: (typeof d.slips)[] = [];
  for (let i = 0; i < d.slips.length; i += PER_SHEET) sheets.push(d.slips.slice(i, i + PER_SHEET));
  const pageLink = (page: number) => `?${new URLSearchParams({ ...(d.all ? { all: "1" } : {}), page: String(page) })}`;
  return (
    <div className="page">
      <div className="print-toolbar">
        <a href={`/supervisor/surveys/${d.id}`}>← {t("survey.poster.back")}</a>
        {hydrated && d.slips.length > 0 ? (
          <button type="button" className="primary" onClick={() => window.print()}>
            {t("survey.poster.print")}
          </button>
        ) : null}
        {d.all ? (
          <a href="?">{t("survey.slips.onlyUnused", { count: d.counts.unused })}</a>
        ) : (
          <a href="?all=1">{t("survey.slips.showAll", { count: d.counts.all })}</a>
        )}
        {d.pages > 1 ? (
          <nav aria-label={t("survey.slips.title")} className="actions">
            {d.page > 1 ? <a href={pageLink(d.page - 1)}>{t("audit.prev")}</a> : null}
            <span>{t("audit.page", { page: d.page })} / {d.pages}</span>
            {d.page < d.pages ? <a href={pageLink(d.page + 1)}>{t("audit.next")}</a> : null}
          </nav>
        ) : null}
      </div>
      <div className="no-print">
        <h1>
          {t("survey.slips.title")}{" "}
          <small>
            {d.contractorName} · {t(`serviceTypes.${d.serviceType}`)} · {periodLabel(d.period)}
          </small>
        </h1>
        <p className="hint">{t("survey.slips.intro")}</p>
        <p className="hint">{t("survey.poster.printHint")}</p>
      </div>
      {d.slips.length === 0 ? <p className="notice">{t("survey.slips.none")}</p> : null}
      {sheets.map((sheet, s) => (
        <section key={s} className="slip-sheet" aria-label={`${t("survey.slips.title")} ${s + 1}`}>
          {sheet.map((slip) => (
            <article key={slip.code} className={slip.used ? "slip used" : "slip"}>
              <div className="slip-text">
                <p className="slip-title">
                  {t("survey.poster.title")} · {periodLabel(d.period)}
                </p>
                <p className="slip-meta">
                  {d.contractorName} · {t(`serviceTypes.${d.serviceType}`)}
                </p>
                <p className="slip-code-label">{t("survey.slips.code")}</p>
                <p className="slip-code">{slip.code}</p>
                <p className="slip-how">{t("survey.slips.howTo", { url: d.entryUrl })}</p>
                <p className="slip-how">
                  {t("survey.slips.anonymous")} · {t("survey.poster.closesOn", { date: d.closesOn })}
                </p>
              </div>
              <QrCode qr={slip.qr} label={slip.code} className="slip-qr" />
            </article>
          ))}
        </section>
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
