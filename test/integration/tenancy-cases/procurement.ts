/**
 * Tenancy cases of issue 12: the organisation settings and procurement's
 * reads (db/queries/settings.ts, db/queries/procurement/*). Organisation A
 * (no contracts, no saved settings) asks on a day after B's finalised
 * quarter (2026-Q3 of B's contract), so anything of B's that leaked would be
 * counted: a list must be empty, the dossier null, A's settings the unsaved
 * defaults, and B's contract facts handed to `termRecords` with A's id must
 * come back without a single stored figure of B's (snapshot, quarter state,
 * finding or veto).
 *
 * setOrgSettings has no case here: it writes the caller's own organisation's
 * row (the harness refuses any write) and takes no other ids; its isolation is
 * tested in procurement-settings.test.ts (B saving leaves A's defaults, A
 * saving leaves B's).
 */
import type { Db } from "../../../db/client";
import * as procurement from "../../../db/queries/procurement";
import * as settings from "../../../db/queries/settings";
import { DEFAULT_RENEWAL_POLICY } from "../../../scoring/renewal";
import type { ServiceType } from "../../../scoring/types";
import type { World } from "../../helpers/world";

type Case = (db: Db, w: World) => Promise<unknown>;

/** After B's quarter 2026-Q3 ended and its finding's deadline passed. */
const today = "2026-11-18";
const policy = { ...DEFAULT_RENEWAL_POLICY };
const orgA = (w: World) => ({ orgId: w.orgA.id });
const bContract = (w: World) => w.b.contracts! as unknown as { id: string; title: string; contractorId: string; serviceType: ServiceType; startOn: string; endOn: string; annualValueFen: number; status: "active" };

/** B's contract's facts as a caller might hold them (not read through A). */
function bFacts(w: World): Map<string, procurement.TermContract> {
  const c = bContract(w);
  return new Map([
    [
      c.id,
      { id: c.id, title: c.title, code: null, contractorId: c.contractorId, contractorName: "乙", creditCode: "", serviceType: c.serviceType, startOn: c.startOn, endOn: c.endOn, annualValueFen: c.annualValueFen, status: c.status, siteIds: [] },
    ],
  ]);
}

/** What of B's stored data a term record carries (nothing, when scoped to A). */
function leaked(record: procurement.TermRecord): unknown[] {
  return [
    ...record.quarters.filter((q) => q.counted || q.revision > 0 || q.state === "finalised" || q.state === "reopened" || q.total !== null),
    ...(record.findings.total > 0 ? [record.findings] : []),
    ...(record.vetoes > 0 ? [{ vetoes: record.vetoes }] : []),
  ];
}

export const procurementCases: Record<string, Case> = {
  "settings.ts#getOrgSettings": (db, w) => settings.getOrgSettings(db, orgA(w)).then((s) => (s.saved ? { leaked: s } : null)),
  "procurement/term.ts#termContracts": async (db, w) => [
    ...(await procurement.termContracts(db, { ...orgA(w), contractIds: [bContract(w).id] })).values(),
    ...(await procurement.termContracts(db, { ...orgA(w), serviceType: bContract(w).serviceType })).values(),
    ...(await procurement.termContracts(db, orgA(w))).values(),
  ],
  "procurement/term.ts#termRecords": async (db, w) => {
    const records = await procurement.termRecords(db, bFacts(w), { ...orgA(w), today, policy });
    // The record is of the facts given; nothing stored of B's may be in it.
    return [...records.values()].flatMap(leaked);
  },
  "procurement/tender.ts#tenderView": async (db, w) => {
    // Twelve months and a day inside B's term and after it: B's contract must never show.
    const views = await Promise.all([
      procurement.tenderView(db, { ...orgA(w), today, horizonMonths: 12, policy }),
      procurement.tenderView(db, { ...orgA(w), today: "2027-12-01", horizonMonths: 3, policy }),
    ]);
    return views.flatMap((v) => v.rows);
  },
  "procurement/tender.ts#serviceTypeComparison": (db, w) => procurement.serviceTypeComparison(db, { ...orgA(w), serviceType: bContract(w).serviceType, today, policy }),
  "procurement/dossier.ts#contractDossier": (db, w) => procurement.contractDossier(db, { ...orgA(w), contractId: bContract(w).id, today, policy }),
  // B's contract has B's appeal (pending, 2026-Q3): named by A, for the term and for its quarter, it must not come back.
  "procurement/appeals.ts#contractAppeals": async (db, w) => [
    ...(await procurement.contractAppeals(db, { ...orgA(w), contractId: bContract(w).id })),
    ...(await procurement.contractAppeals(db, { ...orgA(w), contractId: bContract(w).id, period: "2026-Q3" })),
  ],
};
