/**
 * What the quarter's score page and its printable sheet load: the signed-in
 * supervisor (or admin), the quarter's `getQuarterScore` view — the snapshot
 * once finalised, never a recomputation — and the days of its revisions and
 * reopening in the organisation's zone. Another organisation's contract, or a
 * period that is not "YYYY-Qn", is a 404.
 */
import type { Params } from "@remix-run/react";
import { requireRole } from "~/auth/session.server";
import { db } from "~/db.server";
import { getQuarterScore } from "~/queries.server";
import { todayFor } from "~/utils/clock.server";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";
import { todayIn } from "../../domain/days";
import { isPeriod } from "../../scoring/dates";

export async function loadQuarterScore(request: Request, params: Params) {
  const viewer = await requireRole(request, "supervisor", "admin");
  const { contractId, period } = params;
  invariantResponse(contractId && isPeriod(period), ...NOT_FOUND);
  const today = todayFor(viewer.org);
  const view = await getQuarterScore(db(), { orgId: viewer.org.id, contractId, period, today });
  invariantResponse(view, ...NOT_FOUND);
  const dayOf = (at: string) => todayIn(viewer.org.timeZone, new Date(at));
  return {
    viewer,
    today,
    view: {
      ...view,
      revisions: view.revisions.map((r) => ({ ...r, createdOn: dayOf(r.createdAt) })),
      reopen: view.reopen ? { ...view.reopen, on: view.reopen.at ? dayOf(view.reopen.at) : null } : null,
    },
  };
}

export type LoadedQuarter = Awaited<ReturnType<typeof loadQuarterScore>>["view"];
