import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/session.server";
import { requireCampaign } from "~/surveys/campaigns.server";
import { openLinkUrl, publicOrigin, qrSvg } from "~/surveys/qr.server";
import { invariantResponse } from "~/utils/invariant";

/** The open link's QR code as an SVG to download (scales to any print size). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const campaign = await requireCampaign(viewer, params.campaignId);
  invariantResponse(campaign.allowOpenLink, "This survey has no open link", { status: 404 });
  const svg = await qrSvg(openLinkUrl(publicOrigin(request), campaign.openToken));
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="survey-qr-${campaign.period}.svg"`,
      "Cache-Control": "private, no-store",
    },
  });
}
