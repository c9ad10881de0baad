/**
 * Procurement's two lists (issue 12): the tender view (contracts ending within
 * the horizon, and those ended in the last three months that nothing has
 * replaced, soonest first) and the comparison of every contract of one
 * service type across the organisation, best average first.
 */
import { inTenderWindow, replaces, type TenderHorizon } from "../../../domain/procurement";
import type { RenewalPolicy, ServiceType } from "../../../scoring/types";
import type { Db } from "../../client";
import { termContracts, termRecords, type TermRecord } from "./term";

export interface TenderView {
  horizonMonths: TenderHorizon;
  policy: RenewalPolicy;
  /** Soonest end first (ended ones, being sooner, lead). */
  rows: TenderRecord[];
}

export interface TenderRecord extends TermRecord {
  /** Ended already (and not replaced). */
  ended: boolean;
}

/**
 * The tender view on `today`.
 * @example const view = await tenderView(db, { orgId, today, horizonMonths: 6, policy });
 */
export async function tenderView(db: Db, q: { orgId: string; today: string; horizonMonths: TenderHorizon; policy: RenewalPolicy }): Promise<TenderView> {
  // "Replaced" needs the organisation's other contracts of the same type and sites, so all are read (a few hundred at most).
  const all = [...(await termContracts(db, { orgId: q.orgId })).values()];
  const inWindow = new Map(
    all
      .filter((c) => inTenderWindow({ endOn: c.endOn, replaced: all.some((other) => replaces(other, c)) }, q.today, q.horizonMonths))
      .sort((a, b) => a.endOn.localeCompare(b.endOn) || a.title.localeCompare(b.title, "zh-CN"))
      .map((c) => [c.id, c]),
  );
  const records = await termRecords(db, inWindow, q);
  return {
    horizonMonths: q.horizonMonths,
    policy: q.policy,
    rows: [...records.values()].map((r) => ({ ...r, ended: r.daysLeft < 0 })),
  };
}

export interface ServiceTypeComparison {
  serviceType: ServiceType;
  policy: RenewalPolicy;
  /** Every quarter any of the contracts has, oldest first (the chart's axis). */
  periods: string[];
  /** Every contract of the type, past ones too: best average first, those without a counted quarter last. */
  rows: TermRecord[];
}

/**
 * Every contract of one service type across the organisation, with the same
 * measures as the tender view, so the next tender can name who performed best.
 * @example const cmp = await serviceTypeComparison(db, { orgId, serviceType: "catering", today, policy });
 */
export async function serviceTypeComparison(db: Db, q: { orgId: string; serviceType: ServiceType; today: string; policy: RenewalPolicy }): Promise<ServiceTypeComparison> {
  const given = await termContracts(db, { orgId: q.orgId, serviceType: q.serviceType });
  const records = [...(await termRecords(db, given, q)).values()];
  records.sort(
    (a, b) =>
      (b.averageTotal ?? -1) - (a.averageTotal ?? -1) ||
      a.contract.contractorName.localeCompare(b.contract.contractorName, "zh-CN") ||
      a.contract.startOn.localeCompare(b.contract.startOn),
  );
  const periods = [...new Set(records.flatMap((r) => r.quarters.map((x) => x.period)))].sort();
  return { serviceType: q.serviceType, policy: q.policy, periods, rows: records };
}
