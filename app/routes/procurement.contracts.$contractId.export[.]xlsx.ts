import type { LoaderFunctionArgs } from "@remix-run/node";
import { termContracts } from "~/queries.server";
import { db } from "~/db.server";
import { exportReader, xlsxDownload } from "~/procurement/exports.server";
import { requireProcurementReader } from "~/procurement/viewer.server";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";

/** One contract's export (issue 12): the organisation's export's sheets (scores, findings, survey, appeals) for this contract only; another organisation's contract is a 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, today } = await requireProcurementReader(request);
  const contractId = params.contractId ?? "";
  const found = await termContracts(db(), { orgId: viewer.org.id, contractIds: [contractId] });
  const contract = found.get(contractId);
  invariantResponse(contract, ...NOT_FOUND);
  return xlsxDownload({ orgId: viewer.org.id, contractId }, await exportReader(request, today), contract.title);
}
