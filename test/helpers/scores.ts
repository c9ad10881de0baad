/**
 * A scoring world for the quarter-score integration tests: an organisation in
 * Asia/Shanghai with two supervisors (one records, the other verifies fixes
 * and confirms vetoes), a contract scored with an organisation rubric of known
 * numbers, and one site per finding (so no finding becomes a repeat of
 * another by accident). Everything is written through the real queries.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { recordFinding } from "../../db/queries/inspections/record";
import { rectifyFinding, verifyFinding } from "../../db/queries/inspections/lifecycle";
import type { StoredPhotoMeta } from "../../db/queries/inspections/shared";
import type { WriteContext } from "../../db/queries/context";
import type { PaymentRule, Rubric, Severity } from "../../scoring/types";
import { makeContract, makeContractSite, makeMembership, makeOrg, makeRubricVersion, makeSite, makeUser, nextSeq, sampleRubric } from "./factories";

/** sampleRubric (quality 70: cleanliness 1/3/8, timeliness 1/3/8, safety 2/5/10; satisfaction 30; bonus 2, cap 5; late ×1.5, overdue ×2) with repeats ×1.5. */
export function scoresRubric(version = `2026.${nextSeq()}`): Rubric {
  return { ...sampleRubric("property", version), repeatFactor: 1.5 };
}

export const ITEM = {
  cleanliness: "property.quality.cleanliness",
  timeliness: "property.quality.timeliness",
  safety: "property.quality.safety",
  bonus: "property.bonus.emergency",
  veto: "property.veto.major-accident",
} as const;

export interface ScoresWorld {
  orgId: string;
  timeZone: string;
  /** The recording supervisor. */
  ctx: WriteContext;
  /** Another supervisor: verifies fixes and confirms vetoes. */
  ctx2: WriteContext;
  contractId: string;
  rubricVersionId: string;
  rubric: Rubric;
  /** A new site covered by the contract. */
  newSite: () => Promise<string>;
}

export async function makeScoresWorld(
  db: Db,
  o: { startOn?: string; endOn?: string; annualValueFen?: number; quarterlyFeeFen?: number | null; paymentRule?: PaymentRule; rubric?: Rubric } = {},
): Promise<ScoresWorld> {
  const org = await makeOrg(db, { timeZone: "Asia/Shanghai" });
  const sup = await makeUser(db);
  const sup2 = await makeUser(db);
  await makeMembership(db, { orgId: org.id, userId: sup.id, role: "supervisor" });
  await makeMembership(db, { orgId: org.id, userId: sup2.id, role: "supervisor" });
  const rubric = o.rubric ?? scoresRubric();
  const version = await makeRubricVersion(db, { orgId: org.id, createdBy: sup.id, rubric, rubricId: rubric.id, version: rubric.version, status: "published" });
  const contract = await makeContract(db, {
    orgId: org.id,
    serviceType: "property",
    startOn: o.startOn ?? "2026-01-01",
    endOn: o.endOn ?? "2027-12-31",
    annualValueFen: o.annualValueFen ?? 1_200_000_00,
    quarterlyFeeFen: o.quarterlyFeeFen ?? null,
    rubricVersionId: version.id,
    ...(o.paymentRule ? { paymentRule: o.paymentRule } : {}),
  });
  const newSite = async () => {
    const site = await makeSite(db, { orgId: org.id });
    await makeContractSite(db, { orgId: org.id, contractId: contract.id, siteId: site.id });
    return site.id;
  };
  return {
    orgId: org.id,
    timeZone: org.timeZone,
    ctx: { orgId: org.id, actorUserId: sup.id },
    ctx2: { orgId: org.id, actorUserId: sup2.id },
    contractId: contract.id,
    rubricVersionId: version.id,
    rubric,
    newSite,
  };
}

/** A photo as server/photos.ts would have stored it (no file needed: nothing here reads it). */
export function storedPhoto(): StoredPhotoMeta {
  const n = nextSeq();
  return { storageKey: `p/${n}.jpg`, thumbKey: `t/${n}.jpg`, mimeType: "image/jpeg", bytes: 1000, width: 800, height: 600, sha256: n.toString(16).padStart(64, "0") };
}

export interface FindingSpec {
  itemId?: string;
  severity?: Severity;
  foundOn: string;
  dueOn: string;
  /** Default: a new site (no accidental repeat). */
  siteId?: string;
  today?: string;
}

/** Records a spot-check finding through `recordFinding`; returns its id. */
export async function addFinding(db: Db, w: ScoresWorld, f: FindingSpec): Promise<string> {
  const r = await recordFinding(db, w.ctx, {
    kind: "spot",
    contractId: w.contractId,
    siteId: f.siteId ?? (await w.newSite()),
    itemId: f.itemId ?? ITEM.cleanliness,
    severity: f.severity ?? "major",
    note: "测试问题",
    foundOn: f.foundOn,
    dueOn: f.dueOn,
    today: f.today ?? f.foundOn,
    photos: [storedPhoto()],
  });
  if (!r.ok) throw new Error(`addFinding refused: ${r.error}`);
  return r.finding.id;
}

/** Records the fix (by the recorder) and, when `verifiedOn` is given, its verification (by the other supervisor). */
export async function fixFinding(db: Db, w: ScoresWorld, findingId: string, fixedOn: string, verifiedOn?: string): Promise<void> {
  const r = await rectifyFinding(db, w.ctx, { findingId, fixedOn, note: "已整改", photos: [storedPhoto()], today: verifiedOn ?? fixedOn });
  if (!r.ok) throw new Error(`rectifyFinding refused: ${r.error}`);
  if (verifiedOn === undefined) return;
  const v = await verifyFinding(db, w.ctx2, { findingId, today: verifiedOn });
  if (!v.ok) throw new Error(`verifyFinding refused: ${v.error}`);
}

/** Row counts of the given tables. */
export async function countRows(db: Db, tables: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${t}`));
    out[t] = Number(row!.n);
  }
  return out;
}

/** The organisation's audit entries, oldest first (after parsed). */
export async function auditEntries(db: Db, orgId: string): Promise<{ action: string; entityId: string; actorUserId: string | null; after: unknown }[]> {
  const rows = await db.all<{ action: string; entity_id: string; actor_user_id: string | null; after: string | null }>(
    sql`SELECT action, entity_id, actor_user_id, after FROM audit_log WHERE org_id = ${orgId} ORDER BY id`,
  );
  return rows.map((r) => ({ action: r.action, entityId: r.entity_id, actorUserId: r.actor_user_id, after: r.after ? JSON.parse(r.after) : null }));
}
