import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportReader, xlsxDownload } from "~/procurement/exports.server";
import { requireProcurementReader } from "~/procurement/viewer.server";

/**
 * The organisation's export (issue 12): every contract's counted quarter
 * scores, its findings and its released survey tallies, one sheet each, streamed.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, today } = await requireProcurementReader(request);
  return xlsxDownload({ orgId: viewer.org.id }, await exportReader(request, today));
}
