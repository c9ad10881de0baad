import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvDownload, exportReader, isExportTable } from "~/procurement/exports.server";
import { requireProcurementReader } from "~/procurement/viewer.server";
import { invariantResponse } from "~/utils/invariant";

/** One table of the organisation's export as CSV: `?table=scores|findings|survey|appeals`; anything else is a 400 with a localised message. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, today } = await requireProcurementReader(request);
  const reader = await exportReader(request, today);
  const table = new URL(request.url).searchParams.get("table");
  invariantResponse(isExportTable(table), reader.t("exports.errors.table"));
  return csvDownload(table, { orgId: viewer.org.id }, reader);
}
