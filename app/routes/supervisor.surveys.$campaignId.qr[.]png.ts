import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/session.server";
import { requireCampaign } from "~/surveys/campaigns.server";
import { openLinkUrl, publicOrigin, qrPng } from "~/surveys/qr.server";
import { invariantResponse } from "~/utils/invariant";

/** The open link's QR code as a PNG to download (1024 px: sharp on an A4 poster). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const campaign = await requireCampaign(viewer, params.campaignId);
  invariantResponse(campaign.allowOpenLink, "This survey has no open link", { status: 404 });
  const png = await qrPng(openLinkUrl(publicOrigin(request), campaign.openToken));
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      "Content-Disposition": `attachment; filename="survey-qr-${campaign.period}.png"`,
      // The code carries the open link's secret: never in a shared cache.
      "Cache-Control": "private, no-store",
    },
  });
}
