import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvText, CSV_TYPE } from "../../server/exports/csv";
import { listInvites } from "~/queries.server";
import { requireRole } from "~/auth/session.server";
import { db } from "~/db.server";
import { serverT } from "~/i18n/instance";
import { getLocale } from "~/i18n/locale.server";
import { requireCampaign } from "~/surveys/campaigns.server";
import { attachmentHeader, safeFilePart } from "../../server/exports/download";
import { inviteUrl, publicOrigin } from "~/surveys/qr.server";

/**
 * The campaign's invite codes as CSV, one row per code: code, its link, used
 * or not — never when (no day is stored: docs/decisions/004-survey-anonymity.md). Written by the
 * exports' CSV helper: a UTF-8 byte-order mark (Excel on a Chinese Windows), CRLF, formula starts defused.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const campaign = await requireCampaign(viewer, params.campaignId);
  const [invites, locale] = await Promise.all([listInvites(db(), { orgId: viewer.org.id, campaignId: campaign.id }), getLocale(request)]);
  const t = serverT(locale);
  const origin = publicOrigin(request);
  const csv = csvText(
    [t("survey.csv.code"), t("survey.csv.link"), t("survey.csv.status")],
    invites.map((invite) => [invite.code, inviteUrl(origin, invite.code), invite.used ? t("survey.csv.used") : t("survey.csv.unused")]),
  );
  const name = `${t("survey.csv.filename")}-${safeFilePart(campaign.contractorName)}-${campaign.period}.csv`;
  return new Response(csv, {
    headers: {
      "Content-Type": CSV_TYPE,
      "Content-Disposition": attachmentHeader(`survey-invites-${campaign.period}.csv`, name),
      // Unused codes are secrets that let someone answer.
      "Cache-Control": "private, no-store",
    },
  });
}
