/**
 * Who reads procurement's pages and exports, and what every one of them
 * needs: the organisation's day and its renewal policy. Procurement is a
 * read-only role; supervisors and admins read the same pages (they prepare
 * the same tender files). Staff and contractor people get 403.
 */
import { getOrgSettings, type OrgSettings } from "~/queries.server";
import { requireRole, type Viewer } from "~/auth/session.server";
import { db } from "~/db.server";
import { todayFor } from "~/utils/clock.server";

export const PROCUREMENT_READERS = ["procurement", "supervisor", "admin"] as const;

export interface ProcurementReader {
  viewer: Viewer;
  /** The organisation's day (the clock: KAOPING_CLOCK in tests). */
  today: string;
  settings: OrgSettings;
}

/** Requires a reader's role (403 otherwise) and loads the day and the settings. */
export async function requireProcurementReader(request: Request): Promise<ProcurementReader> {
  const viewer = await requireRole(request, ...PROCUREMENT_READERS);
  const settings = await getOrgSettings(db(), { orgId: viewer.org.id });
  return { viewer, today: todayFor(viewer.org), settings };
}
