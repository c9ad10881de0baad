/**
 * Typed test/seed factories, one pair per table:
 * - `buildX(overrides)` is pure: a complete insert object (ids and timestamps
 *   filled in), so a caller can prepare rows without a database — or batch them;
 * - `makeX(db, overrides)` inserts through drizzle and returns the stored row,
 *   creating any parent it is not given (a contract without `contractorId` gets a
 *   new contractor of the same organisation).
 * Values are plausible and unique per process (a counter), so two calls never
 * collide on a UNIQUE column. seed/ passes its own values as overrides.
 */
import type { PaymentRule, QuarterInput, QuarterScore, Rubric, ServiceType } from "../../scoring/types";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db, DbOrTx } from "../../db/client";
import { newHumanCode, newId, newToken } from "../../db/ids";
import * as s from "../../db/schema";
import { nowIso } from "../../db/time";
import { listedColumns } from "../../db/queries/scores/finalise";
import { withUsccCheck } from "../../domain/uscc";

let counter = 0;
/** A process-wide sequence for unique, readable values. */
export const nextSeq = () => ++counter;

const DAY = "2026-07-15";
const PERIOD = "2026-Q3";
const label = (zh: string, en: string) => ({ "zh-CN": zh, en });

/** A valid USCC whose organisation code is the sequence number. */
export function sampleCreditCode(n: number = nextSeq()): string {
  return withUsccCheck(`91350100${String(n % 1e9).padStart(9, "0")}`);
}

/** A small rubric of the right shape (2 dimensions adding to 100); not one of the defaults. */
export function sampleRubric(serviceType: ServiceType = "property", version = "2026.1"): Rubric {
  return {
    id: `test-${serviceType}`,
    version,
    serviceType,
    dimensions: [
      {
        id: "quality",
        label: label("服务质量", "Service quality"),
        max: 70,
        source: "findings",
        items: [
          { id: `${serviceType}.quality.cleanliness`, label: label("保洁", "Cleanliness"), deduction: { minor: 1, major: 3, critical: 8 } },
          { id: `${serviceType}.quality.timeliness`, label: label("及时性", "Timeliness"), deduction: { minor: 1, major: 3, critical: 8 } },
          { id: `${serviceType}.quality.safety`, label: label("安全", "Safety"), deduction: { minor: 2, major: 5, critical: 10 } },
        ],
      },
      { id: "satisfaction", label: label("满意度", "Satisfaction"), max: 30, source: "survey", items: [] },
    ],
    vetoItems: [{ id: `${serviceType}.veto.major-accident`, label: label("重大安全事故", "Major safety accident") }],
    bonusItems: [{ id: `${serviceType}.bonus.emergency`, label: label("应急保障", "Emergency support"), points: 2 }],
    bonusCap: 5,
    gradeBands: [
      { grade: "excellent", min: 90 },
      { grade: "good", min: 80 },
      { grade: "pass", min: 60 },
      { grade: "fail", min: 0 },
    ],
    lateFactor: 1.5,
    overdueFactor: 2,
    satisfaction: { satisfiedAtOrAbove: 4, targetRate: 0.98, floorRate: 0.6, minRespondents: 10 },
    questionnaire: [
      { id: "overall", label: label("总体满意度", "Overall satisfaction") },
      { id: "attitude", label: label("服务态度", "Attitude") },
    ],
  };
}

export const samplePaymentRule: PaymentRule = {
  kind: "steps",
  steps: [
    { minTotal: 90, percent: 100 },
    { minTotal: 80, percent: 97 },
    { minTotal: 60, percent: 90 },
    { minTotal: 0, percent: 80 },
  ],
  vetoPercent: 70,
};

export function sampleQuarterInput(period = PERIOD): QuarterInput {
  return { period, asOf: "2026-10-08", survey: { respondents: 0, questions: {} }, findings: [] };
}

export function sampleQuarterScore(period = PERIOD): QuarterScore {
  return {
    period,
    rubricId: "test-property",
    rubricVersion: "2026.1",
    total: 70,
    grade: "pass",
    vetoed: false,
    provisional: true,
    dimensions: [
      { id: "quality", max: 70, points: 70, deductions: [] },
      {
        id: "satisfaction",
        max: 30,
        points: 0,
        deductions: [{ itemId: "satisfaction", points: 30, reason: label("无调查答卷", "No survey responses") }],
      },
    ],
    bonus: 0,
    satisfaction: { respondents: 0, rate: null, sufficient: false },
    vetoes: [],
    bonuses: [],
  };
}

/** Insert and return the row (drizzle's `returning()` gives an array of one). */
async function insertOne<T extends SQLiteTable>(db: DbOrTx, table: T, row: T["$inferInsert"]): Promise<T["$inferSelect"]> {
  const rows = (await db.insert(table).values(row).returning()) as T["$inferSelect"][];
  return rows[0]!;
}

// ---------------------------------------------------------------- tenancy

export function buildOrg(o: Partial<s.NewOrganisation> = {}): s.NewOrganisation {
  const n = nextSeq();
  return { id: newId(), name: `测试机关服务中心 ${n}`, slug: `test-org-${n}`, timeZone: "Asia/Shanghai", createdAt: nowIso(), ...o };
}
export const makeOrg = (db: DbOrTx, o: Partial<s.NewOrganisation> = {}) => insertOne(db, s.organisations, buildOrg(o));

export function buildUser(o: Partial<s.NewUser> = {}): s.NewUser {
  const n = nextSeq();
  // Not a real hash: tests that sign in pass one made by the app's hasher.
  return { id: newId(), email: `user${n}@test.kaoping.test`, name: `测试用户${n}`, passwordHash: "not-a-hash", createdAt: nowIso(), ...o };
}
export const makeUser = (db: DbOrTx, o: Partial<s.NewUser> = {}) => insertOne(db, s.users, buildUser(o));

type WithOrg<T> = Partial<T> & { orgId: string };

export function buildMembership(o: WithOrg<s.NewMembership> & { userId: string }): s.NewMembership {
  return { id: newId(), role: "staff", createdAt: nowIso(), ...o };
}
export async function makeMembership(db: DbOrTx, o: WithOrg<s.NewMembership>) {
  const userId = o.userId ?? (await makeUser(db)).id;
  return insertOne(db, s.memberships, buildMembership({ ...o, userId }));
}

export function buildSession(o: WithOrg<s.NewSession> & { userId: string }): s.NewSession {
  const now = new Date();
  return {
    id: newToken(),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
    userAgent: "vitest",
    ...o,
  };
}
export async function makeSession(db: DbOrTx, o: WithOrg<s.NewSession>) {
  const userId = o.userId ?? (await makeUser(db)).id;
  return insertOne(db, s.sessions, buildSession({ ...o, userId }));
}

export function buildLoginAttempt(o: Partial<s.NewLoginAttempt> = {}): s.NewLoginAttempt {
  return { id: newId(), key: `email:user${nextSeq()}@test.kaoping.test`, attemptedAt: nowIso(), succeeded: false, ...o };
}
export const makeLoginAttempt = (db: DbOrTx, o: Partial<s.NewLoginAttempt> = {}) =>
  insertOne(db, s.loginAttempts, buildLoginAttempt(o));

export function buildInvitation(o: WithOrg<typeof s.invitations.$inferInsert>): typeof s.invitations.$inferInsert {
  const now = Date.now();
  return {
    id: newId(),
    email: `invitee${nextSeq()}@test.kaoping.test`,
    role: "staff",
    tokenHash: newToken(),
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 7 * 86_400_000).toISOString(),
    ...o,
  };
}

export function buildPasswordReset(o: WithOrg<typeof s.passwordResets.$inferInsert> & { userId: string }): typeof s.passwordResets.$inferInsert {
  const now = Date.now();
  return { id: newId(), tokenHash: newToken(), createdAt: new Date(now).toISOString(), expiresAt: new Date(now + 86_400_000).toISOString(), ...o };
}

// ---------------------------------------------------------------- directory

export function buildContractor(o: WithOrg<s.NewContractor>): s.NewContractor {
  const n = nextSeq();
  return {
    id: newId(),
    name: `测试服务有限公司 ${n}`,
    creditCode: sampleCreditCode(n),
    contactName: "张经理",
    contactPhone: "13800000000",
    contactEmail: `contact${n}@contractor.test`,
    createdAt: nowIso(),
    ...o,
  };
}
export const makeContractor = (db: DbOrTx, o: WithOrg<s.NewContractor>) => insertOne(db, s.contractors, buildContractor(o));

export function buildSite(o: WithOrg<s.NewSite>): s.NewSite {
  return { id: newId(), name: `${nextSeq()}号办公楼`, kind: "building", address: "示范市人民路1号", createdAt: nowIso(), ...o };
}
export const makeSite = (db: DbOrTx, o: WithOrg<s.NewSite>) => insertOne(db, s.sites, buildSite(o));

export function buildGridCell(o: WithOrg<s.NewGridCell> & { siteId: string }): s.NewGridCell {
  const n = nextSeq();
  return { id: newId(), code: `T-${String(n).padStart(3, "0")}`, name: `网格 ${n}`, createdAt: nowIso(), ...o };
}
export async function makeGridCell(db: DbOrTx, o: WithOrg<s.NewGridCell>) {
  const siteId = o.siteId ?? (await makeSite(db, { orgId: o.orgId })).id;
  return insertOne(db, s.gridCells, buildGridCell({ ...o, siteId }));
}

// ---------------------------------------------------------------- rubrics and contracts

export function buildRubricVersion(o: WithOrg<s.NewRubricVersion> & { createdBy: string }): s.NewRubricVersion {
  const serviceType = o.serviceType ?? "property";
  const rubric = o.rubric ?? sampleRubric(serviceType, `2026.${nextSeq()}`);
  return {
    id: newId(),
    serviceType,
    rubricId: rubric.id,
    version: rubric.version,
    rubric,
    status: "draft",
    createdAt: nowIso(),
    ...o,
  };
}
export async function makeRubricVersion(db: DbOrTx, o: WithOrg<s.NewRubricVersion>) {
  const createdBy = o.createdBy ?? (await makeUser(db)).id;
  return insertOne(db, s.rubricVersions, buildRubricVersion({ ...o, createdBy }));
}

export function buildContract(o: WithOrg<s.NewContract> & { contractorId: string }): s.NewContract {
  return {
    id: newId(),
    serviceType: "property",
    title: `物业服务合同 ${nextSeq()}`,
    startOn: "2026-01-01",
    endOn: "2027-12-31",
    annualValueFen: 1_200_000_00,
    paymentRule: samplePaymentRule,
    status: "active",
    createdAt: nowIso(),
    ...o,
  };
}
export async function makeContract(db: DbOrTx, o: WithOrg<s.NewContract>) {
  const contractorId = o.contractorId ?? (await makeContractor(db, { orgId: o.orgId })).id;
  return insertOne(db, s.contracts, buildContract({ ...o, contractorId }));
}

export function buildContractSite(o: s.NewContractSite): s.NewContractSite {
  return { ...o };
}
export async function makeContractSite(db: DbOrTx, o: WithOrg<s.NewContractSite>) {
  const contractId = o.contractId ?? (await makeContract(db, { orgId: o.orgId })).id;
  const siteId = o.siteId ?? (await makeSite(db, { orgId: o.orgId })).id;
  return insertOne(db, s.contractSites, buildContractSite({ ...o, contractId, siteId }));
}

export function buildContractQuarter(o: WithOrg<s.NewContractQuarter> & { contractId: string }): s.NewContractQuarter {
  return { id: newId(), period: PERIOD, status: "open", revision: 0, createdAt: nowIso(), ...o };
}
/**
 * The quarter row with these fields — an upsert, because recording a finding,
 * a bonus or a campaign already opens the quarter (writes its row); the given
 * fields (e.g. `status: "finalised"`) then replace that row's.
 */
export async function makeContractQuarter(db: DbOrTx, o: WithOrg<s.NewContractQuarter>) {
  const contractId = o.contractId ?? (await makeContract(db, { orgId: o.orgId })).id;
  const row = buildContractQuarter({ ...o, contractId });
  const { id: _id, ...set } = row;
  const [out] = await db
    .insert(s.contractQuarters)
    .values(row)
    .onConflictDoUpdate({ target: [s.contractQuarters.contractId, s.contractQuarters.period], set: { ...set, ...o, contractId } })
    .returning();
  return out!;
}

export function buildQuarterScore(
  o: WithOrg<s.NewQuarterScoreRow> & { contractId: string; createdBy: string },
): s.NewQuarterScoreRow {
  const period = o.period ?? PERIOD;
  const output = o.output ?? sampleQuarterScore(period);
  const rubric = o.rubric ?? sampleRubric();
  const fee: s.StoredQuarterFee = o.fee ?? { quarterFeeFen: 30_000_000, basis: "annual_quarter", termDays: 92, quarterDays: 92, rule: samplePaymentRule, percent: 100, payableFen: 30_000_000, deductedFen: 0 };
  return {
    id: newId(),
    period,
    revision: 1,
    input: sampleQuarterInput(period),
    output,
    rubricId: output.rubricId,
    rubricVersion: output.rubricVersion,
    rubric,
    asOf: "2026-10-08",
    fee,
    ...listedColumns(output, rubric, fee),
    createdAt: nowIso(),
    ...o,
  };
}
export async function makeQuarterScore(db: DbOrTx, o: WithOrg<s.NewQuarterScoreRow>) {
  const contractId = o.contractId ?? (await makeContract(db, { orgId: o.orgId })).id;
  const createdBy = o.createdBy ?? (await makeUser(db)).id;
  return insertOne(db, s.quarterScores, buildQuarterScore({ ...o, contractId, createdBy }));
}

// ---------------------------------------------------------------- surveys

export function buildSurveyCampaign(
  o: WithOrg<s.NewSurveyCampaign> & { contractId: string; createdBy: string },
): s.NewSurveyCampaign {
  const rubric = sampleRubric();
  return {
    id: newId(),
    period: PERIOD,
    rubricId: rubric.id,
    rubricVersion: rubric.version,
    questionnaire: rubric.questionnaire,
    opensOn: "2026-09-15",
    closesOn: "2026-09-30",
    status: "open",
    openToken: newToken(),
    allowOpenLink: true,
    createdAt: nowIso(),
    ...o,
  };
}
export async function makeSurveyCampaign(db: DbOrTx, o: WithOrg<s.NewSurveyCampaign>) {
  const contractId = o.contractId ?? (await makeContract(db, { orgId: o.orgId })).id;
  const createdBy = o.createdBy ?? (await makeUser(db)).id;
  return insertOne(db, s.surveyCampaigns, buildSurveyCampaign({ ...o, contractId, createdBy }));
}

type WithCampaign<T> = WithOrg<T> & { campaignId: string };

export function buildSurveyInvite(o: WithCampaign<s.NewSurveyInvite>): s.NewSurveyInvite {
  return { id: newId(), code: newHumanCode(), used: false, ...o };
}
export const makeSurveyInvite = (db: DbOrTx, o: WithCampaign<s.NewSurveyInvite>) =>
  insertOne(db, s.surveyInvites, buildSurveyInvite(o));

export function buildSurveyResponse(o: WithCampaign<s.NewSurveyResponse>): s.NewSurveyResponse {
  return { id: newId(), comment: null, ...o };
}
export const makeSurveyResponse = (db: DbOrTx, o: WithCampaign<s.NewSurveyResponse>) =>
  insertOne(db, s.surveyResponses, buildSurveyResponse(o));

export function buildSurveyAnswer(o: WithCampaign<s.NewSurveyAnswer> & { responseId: string }): s.NewSurveyAnswer {
  return { questionId: "overall", value: 4, ...o };
}
export const makeSurveyAnswer = (db: DbOrTx, o: WithCampaign<s.NewSurveyAnswer> & { responseId: string }) =>
  insertOne(db, s.surveyAnswers, buildSurveyAnswer(o));

export function buildSurveyTally(o: WithCampaign<s.NewSurveyTallyRow>): s.NewSurveyTallyRow {
  return { questionId: "overall", v1: 0, v2: 0, v3: 0, v4: 1, v5: 0, ...o };
}
export const makeSurveyTally = (db: DbOrTx, o: WithCampaign<s.NewSurveyTallyRow>) =>
  insertOne(db, s.surveyTallies, buildSurveyTally(o));

export function buildSurveyCampaignCount(o: WithCampaign<s.NewSurveyCampaignCount>): s.NewSurveyCampaignCount {
  return { respondents: 1, ...o };
}
export const makeSurveyCampaignCount = (db: DbOrTx, o: WithCampaign<s.NewSurveyCampaignCount>) =>
  insertOne(db, s.surveyCampaignCounts, buildSurveyCampaignCount(o));

export function buildSurveyParticipation(o: WithCampaign<s.NewSurveyParticipation> & { userId: string }): s.NewSurveyParticipation {
  return { ...o };
}
export const makeSurveyParticipation = (db: DbOrTx, o: WithCampaign<s.NewSurveyParticipation> & { userId: string }) =>
  insertOne(db, s.surveyParticipations, buildSurveyParticipation(o));

// ---------------------------------------------------------------- inspections

export function buildInspection(
  o: WithOrg<s.NewInspection> & { siteId: string; inspectorUserId: string },
): s.NewInspection {
  return { id: newId(), inspectedOn: DAY, kind: "spot", note: null, createdAt: nowIso(), ...o };
}
/** A spot check of a new contract at a new site unless given; a patrol needs `gridCellId`. */
export async function makeInspection(db: DbOrTx, o: WithOrg<s.NewInspection>) {
  const contractId = o.contractId === undefined && o.kind !== "patrol" ? (await makeContract(db, { orgId: o.orgId })).id : o.contractId;
  const siteId = o.siteId ?? (await makeSite(db, { orgId: o.orgId })).id;
  const inspectorUserId = o.inspectorUserId ?? (await makeUser(db)).id;
  return insertOne(db, s.inspections, buildInspection({ ...o, contractId, siteId, inspectorUserId }));
}

export function buildFinding(
  o: WithOrg<s.NewFinding> & { inspectionId: string; contractId: string; siteId: string; createdBy: string },
): s.NewFinding {
  const now = nowIso();
  return {
    id: newId(),
    period: PERIOD,
    itemId: "property.quality.cleanliness",
    severity: "minor",
    note: "楼梯间地面有垃圾",
    foundOn: DAY,
    dueOn: "2026-07-18",
    status: "open",
    createdAt: now,
    updatedAt: now,
    ...o,
  };
}
/** Creates the inspection (and its contract and site) when not given; contract, site and cell follow the inspection's. */
export async function makeFinding(db: DbOrTx, o: WithOrg<s.NewFinding>) {
  const inspection = o.inspectionId
    ? { id: o.inspectionId, contractId: o.contractId, siteId: o.siteId, gridCellId: o.gridCellId }
    : await makeInspection(db, { orgId: o.orgId, contractId: o.contractId, siteId: o.siteId, gridCellId: o.gridCellId });
  const contractId = o.contractId ?? inspection.contractId;
  const siteId = o.siteId ?? inspection.siteId;
  if (!contractId || !siteId) throw new Error("makeFinding: pass contractId and siteId together with inspectionId");
  const createdBy = o.createdBy ?? (await makeUser(db)).id;
  return insertOne(
    db,
    s.findings,
    buildFinding({ ...o, inspectionId: inspection.id, contractId, siteId, gridCellId: inspection.gridCellId ?? null, createdBy }),
  );
}

export function buildFindingEvent(o: WithOrg<s.NewFindingEvent> & { findingId: string; byUserId: string }): s.NewFindingEvent {
  return { id: newId(), kind: "created", note: null, onDay: DAY, at: nowIso(), ...o };
}
export async function makeFindingEvent(db: DbOrTx, o: WithOrg<s.NewFindingEvent> & { findingId: string }) {
  const byUserId = o.byUserId ?? (await makeUser(db)).id;
  return insertOne(db, s.findingEvents, buildFindingEvent({ ...o, byUserId }));
}

/** Metadata only: no bytes are written to an uploads folder. Give exactly one owner. */
export function buildEvidenceFile(o: WithOrg<s.NewEvidenceFile> & { uploadedBy: string }): s.NewEvidenceFile {
  const id = o.id ?? newId();
  return {
    id,
    storageKey: `${o.orgId}/${id}.jpg`,
    thumbKey: `${o.orgId}/${id}.thumb.jpg`,
    mimeType: "image/jpeg",
    bytes: 1024,
    width: 1600,
    height: 1200,
    sha256: "0".repeat(64),
    uploadedAt: nowIso(),
    ...o,
  };
}
export async function makeEvidenceFile(db: DbOrTx, o: WithOrg<s.NewEvidenceFile>) {
  const uploadedBy = o.uploadedBy ?? (await makeUser(db)).id;
  return insertOne(db, s.evidenceFiles, buildEvidenceFile({ ...o, uploadedBy }));
}

// ---------------------------------------------------------------- bonus and veto events

export function buildBonusEvent(o: WithOrg<s.NewBonusEvent> & { contractId: string; recordedBy: string }): s.NewBonusEvent {
  return { id: newId(), period: PERIOD, itemId: "property.bonus.emergency", note: "防汛值守", occurredOn: DAY, status: "counted", createdAt: nowIso(), ...o };
}
export async function makeBonusEvent(db: DbOrTx, o: WithOrg<s.NewBonusEvent>) {
  const contractId = o.contractId ?? (await makeContract(db, { orgId: o.orgId })).id;
  const recordedBy = o.recordedBy ?? (await makeUser(db)).id;
  return insertOne(db, s.bonusEvents, buildBonusEvent({ ...o, contractId, recordedBy }));
}

export function buildVetoEvent(o: WithOrg<s.NewVetoEvent> & { contractId: string; recordedBy: string }): s.NewVetoEvent {
  return { id: newId(), period: PERIOD, itemId: "property.veto.major-accident", note: "电梯困人事故", occurredOn: DAY, status: "pending", createdAt: nowIso(), ...o };
}
export async function makeVetoEvent(db: DbOrTx, o: WithOrg<s.NewVetoEvent>) {
  const contractId = o.contractId ?? (await makeContract(db, { orgId: o.orgId })).id;
  const recordedBy = o.recordedBy ?? (await makeUser(db)).id;
  return insertOne(db, s.vetoEvents, buildVetoEvent({ ...o, contractId, recordedBy }));
}

// ---------------------------------------------------------------- appeals and the calendar

export function buildAppeal(
  o: WithOrg<s.NewAppeal> & { contractId: string; contractorId: string; filedBy: string; target: s.AppealTarget },
): s.NewAppeal {
  return { id: newId(), period: PERIOD, reason: "整改已按时完成，现场照片为证", status: "pending", filedOn: DAY, createdAt: nowIso(), ...o };
}
export async function makeAppeal(db: DbOrTx, o: WithOrg<s.NewAppeal> & { contractId: string; contractorId: string; filedBy: string; target: s.AppealTarget }) {
  return insertOne(db, s.appeals, buildAppeal(o));
}

export function buildCalendarDay(o: WithOrg<typeof s.orgCalendarDays.$inferInsert> & { day: string }): typeof s.orgCalendarDays.$inferInsert {
  return { kind: "non_working", note: "单位活动日", updatedAt: nowIso(), ...o };
}

// ---------------------------------------------------------------- audit

export function buildAuditEntry(o: Partial<s.NewAuditEntry> = {}): s.NewAuditEntry {
  return { action: "contractor.create", entity: "contractor", entityId: newId(), before: null, after: { name: "x" }, at: nowIso(), ...o };
}
export const makeAuditEntry = (db: DbOrTx, o: Partial<s.NewAuditEntry> = {}) => insertOne(db, s.auditLog, buildAuditEntry(o));

// ---------------------------------------------------------------- everything at once

/** A table and a row for it (typed when built by `add` below). */
export type Seeded = { table: SQLiteTable; row: Record<string, unknown> };

/**
 * One organisation with one row in every table, in an order that satisfies
 * the foreign keys — built without a database, so a caller can insert the rows
 * its own way (the migrations test inserts only the columns a migration has).
 */
export function buildWorld(): Seeded[] {
  const out: Seeded[] = [];
  const add = <T extends SQLiteTable>(table: T, row: T["$inferInsert"]) => {
    out.push({ table, row: row as Record<string, unknown> });
    return row;
  };
  const org = add(s.organisations, buildOrg());
  const orgId = org.id!;
  const admin = add(s.users, buildUser());
  const staff = add(s.users, buildUser());
  add(s.memberships, buildMembership({ orgId, userId: admin.id!, role: "admin" }));
  add(s.memberships, buildMembership({ orgId, userId: staff.id!, role: "staff" }));
  add(s.sessions, buildSession({ orgId, userId: admin.id! }));
  add(s.loginAttempts, buildLoginAttempt({ key: `email:${admin.email}`, succeeded: true }));
  add(s.invitations, buildInvitation({ orgId, invitedByUserId: admin.id! }));
  add(s.passwordResets, buildPasswordReset({ orgId, userId: staff.id!, createdByUserId: admin.id! }));
  const contractor = add(s.contractors, buildContractor({ orgId }));
  // A second contractor with one person of its own (the portal's attacker in tenancy tests: same
  // organisation, another contractor); every other row below belongs to the first.
  const otherContractor = add(s.contractors, buildContractor({ orgId, name: "另一服务企业" }));
  const otherPerson = add(s.users, buildUser({ name: "他方现场负责人" }));
  add(s.memberships, buildMembership({ orgId, userId: otherPerson.id!, role: "contractor", contractorId: otherContractor.id! }));
  const site = add(s.sites, buildSite({ orgId }));
  const cell = add(s.gridCells, buildGridCell({ orgId, siteId: site.id!, patrolLeaderUserId: admin.id! }));
  const rubric = add(s.rubricVersions, buildRubricVersion({ orgId, createdBy: admin.id!, status: "published", publishedAt: nowIso() }));
  const contract = add(s.contracts, buildContract({ orgId, contractorId: contractor.id!, rubricVersionId: rubric.id! }));
  add(s.contractSites, buildContractSite({ orgId, contractId: contract.id!, siteId: site.id! }));
  add(s.contractQuarters, buildContractQuarter({ orgId, contractId: contract.id!, status: "finalised", revision: 1, finalisedAt: nowIso(), finalisedBy: admin.id! }));
  add(s.quarterScores, buildQuarterScore({ orgId, contractId: contract.id!, createdBy: admin.id! }));
  const campaign = add(s.surveyCampaigns, buildSurveyCampaign({ orgId, contractId: contract.id!, createdBy: admin.id! }));
  const campaignId = campaign.id!;
  add(s.surveyInvites, buildSurveyInvite({ orgId, campaignId, used: true }));
  const response = add(s.surveyResponses, buildSurveyResponse({ orgId, campaignId, comment: "很好" }));
  add(s.surveyAnswers, buildSurveyAnswer({ orgId, campaignId, responseId: response.id!, questionId: "overall", value: 5 }));
  add(s.surveyAnswers, buildSurveyAnswer({ orgId, campaignId, responseId: response.id!, questionId: "attitude", value: 4 }));
  add(s.surveyTallies, buildSurveyTally({ orgId, campaignId, questionId: "overall", v4: 0, v5: 1 }));
  add(s.surveyTallies, buildSurveyTally({ orgId, campaignId, questionId: "attitude", v4: 1 }));
  add(s.surveyCampaignCounts, buildSurveyCampaignCount({ orgId, campaignId, respondents: 1 }));
  add(s.surveyCampaignDayCounts, { orgId, campaignId, day: "2026-09-20", respondents: 1 });
  add(s.surveyTallyReleases, { orgId, campaignId, respondents: 5, straightLined: 0, questions: { overall: [0, 0, 0, 0, 5] } });
  add(s.surveyParticipations, buildSurveyParticipation({ orgId, campaignId, userId: staff.id! }));
  const inspection = add(
    s.inspections,
    buildInspection({ orgId, contractId: contract.id!, siteId: site.id!, gridCellId: cell.id!, inspectorUserId: admin.id! }),
  );
  const finding = add(
    s.findings,
    buildFinding({ orgId, inspectionId: inspection.id!, contractId: contract.id!, siteId: site.id!, gridCellId: cell.id!, createdBy: admin.id! }),
  );
  const event = add(s.findingEvents, buildFindingEvent({ orgId, findingId: finding.id!, byUserId: admin.id! }));
  add(s.evidenceFiles, buildEvidenceFile({ orgId, findingEventId: event.id!, uploadedBy: admin.id! }));
  add(s.bonusEvents, buildBonusEvent({ orgId, contractId: contract.id!, recordedBy: admin.id! }));
  const veto = add(s.vetoEvents, buildVetoEvent({ orgId, contractId: contract.id!, recordedBy: admin.id! }));
  const contractorPerson = add(s.users, buildUser({ name: "现场负责人" }));
  add(s.memberships, buildMembership({ orgId, userId: contractorPerson.id!, role: "contractor", contractorId: contractor.id! }));
  const appeal = add(
    s.appeals,
    buildAppeal({ orgId, contractId: contract.id!, contractorId: contractor.id!, filedBy: contractorPerson.id!, target: "finding", findingId: finding.id! }),
  );
  add(s.appeals, buildAppeal({ orgId, contractId: contract.id!, contractorId: contractor.id!, filedBy: contractorPerson.id!, target: "veto", vetoEventId: veto.id! }));
  add(s.evidenceFiles, buildEvidenceFile({ orgId, appealId: appeal.id!, uploadedBy: contractorPerson.id! }));
  add(s.orgCalendarDays, buildCalendarDay({ orgId, day: "2026-10-12", updatedBy: admin.id! }));
  add(s.notifications, {
    id: newId(),
    orgId,
    userId: contractorPerson.id!,
    rule: "finding_overdue",
    objectKind: "finding",
    objectId: finding.id!,
    day: "2026-07-16",
    link: `/contractor/findings/${finding.id!}`,
    params: { dueOn: "2026-07-15" },
    createdAt: nowIso(),
  });
  add(s.orgReminderRules, { orgId, rule: "veto_pending", enabled: false, days: null, updatedAt: nowIso(), updatedBy: admin.id! });
  // Sealed values are opaque text to the database; the tests that open them seal them first.
  const channel = add(s.notificationChannels, {
    id: newId(),
    orgId,
    kind: "dingtalk",
    name: "监管群",
    urlSealed: "sealed:url",
    urlHint: "oapi.dingtalk.com …a1b2",
    secretSealed: "sealed:secret",
    rules: ["finding_due_tomorrow"],
    createdBy: admin.id!,
  });
  add(s.deliveries, {
    id: newId(),
    orgId,
    channelId: channel.id!,
    purpose: "digest",
    rule: "finding_due_tomorrow",
    day: "2026-07-15",
    dedupeKey: `digest:${channel.id!}:finding_due_tomorrow:2026-07-15`,
    payload: { msgtype: "markdown" },
    nextAttemptAt: nowIso(),
  });
  // Not the defaults, so a read that leaks them shows.
  add(s.orgSettings, { orgId, renewalMinQuarters: 3, renewMinAverage: 92, renewMinQuarter: 85, conditionalMinAverage: 82, failStreakToReject: 3, tenderHorizonMonths: 12, quietFrom: "22:30", quietTo: "07:00", updatedAt: nowIso(), updatedBy: admin.id! });
  add(s.auditLog, buildAuditEntry({ orgId, actorUserId: admin.id! }));
  return out;
}

/** Inserts `buildWorld()` through drizzle, in one atomic batch. */
export async function makeWorld(db: Db): Promise<Seeded[]> {
  const world = buildWorld();
  const [first, ...rest] = world.map(({ table, row }) => db.insert(table).values(row as never));
  await db.batch([first!, ...rest]);
  return world;
}
