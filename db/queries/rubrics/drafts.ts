/**
 * Drafts of an organisation's rubric versions (issue 13): copied from a
 * built-in default or one of the organisation's versions, saved as the editor
 * sends them (validated by scoring's `validateRubric`), deleted while still a
 * draft. A published version is never edited: a change is a new draft.
 *
 * "Never reusing a removed id": an item, veto, bonus or question id that an
 * earlier version of the type (the organisation's or a built-in default) had,
 * and that the draft's base does not have, may not appear in the draft — a
 * finding recorded under the old id must never read as the new item.
 */
import { and, eq, ne } from "drizzle-orm";
import { recordAudit } from "../../audit";
import type { Db } from "../../client";
import { newId } from "../../ids";
import { auditFields, auditIfChanged, isForeignKeyViolation, uniqueViolation } from "../../query-helpers";
import { organisations, rubricVersions } from "../../schema";
import { nowIso } from "../../time";
import { defaultRubric, defaultRubricVersion, DEFAULT_RUBRIC_VERSIONS, isDefaultRubricVersion, ScoringInputError, validateRubric } from "../../../scoring/index";
import type { Rubric, ServiceType } from "../../../scoring/types";
import { SERVICE_TYPES } from "../../../scoring/types";
import type { WriteContext } from "../context";
import type { CreateDraftResult, DeleteDraftResult, DraftSource, SaveDraftResult } from "./types";

const MAX_LABEL = 20;

/** Why a version label is refused, or null: 1–20 characters, no control or invisible ones, no surrounding spaces. */
function labelProblem(version: unknown): string | null {
  if (typeof version !== "string") return "must be text";
  if (version.length === 0 || version.trim() === "") return "must not be empty";
  if (version.trim() !== version) return "must not start or end with a space";
  if ([...version].length > MAX_LABEL) return `at most ${MAX_LABEL} characters`;
  if (/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/.test(version)) return "must not contain control or invisible characters";
  return null;
}

/** Every id a rubric gives to something that findings, events or answers refer to, with its path. */
function rubricIds(rubric: Rubric): { id: string; path: string }[] {
  const out: { id: string; path: string }[] = [];
  rubric.dimensions.forEach((d, i) => d.items.forEach((item, j) => out.push({ id: item.id, path: `dimensions[${i}].items[${j}].id` })));
  rubric.vetoItems.forEach((v, i) => out.push({ id: v.id, path: `vetoItems[${i}].id` }));
  rubric.bonusItems.forEach((b, i) => out.push({ id: b.id, path: `bonusItems[${i}].id` }));
  rubric.questionnaire.forEach((q, i) => out.push({ id: q.id, path: `questionnaire[${i}].id` }));
  return out;
}

/** The organisation's own rubric id for a type: "catering-<slug>". */
async function orgRubricId(db: Db, orgId: string, serviceType: ServiceType): Promise<string | null> {
  const [org] = await db.select({ slug: organisations.slug }).from(organisations).where(eq(organisations.id, orgId));
  return org ? `${serviceType}-${org.slug}` : null;
}

async function labelTaken(db: Db, orgId: string, serviceType: ServiceType, version: string, exceptId?: string): Promise<boolean> {
  const conditions = [eq(rubricVersions.orgId, orgId), eq(rubricVersions.serviceType, serviceType), eq(rubricVersions.version, version)];
  if (exceptId) conditions.push(ne(rubricVersions.id, exceptId));
  const [row] = await db.select({ id: rubricVersions.id }).from(rubricVersions).where(and(...conditions)).limit(1);
  return row !== undefined;
}

function isLabelViolation(error: unknown): boolean {
  const columns = uniqueViolation(error);
  return columns !== null && columns.includes("rubric_versions.version");
}

/**
 * A new draft of `serviceType`, copied from the built-in default or from one of
 * the organisation's versions of that type, under the organisation's own rubric
 * id and the admin's label. Audited.
 * @example await createRubricDraft(db, ctx, { serviceType: "catering", from: { kind: "default" }, version: "2027.1" });
 */
export async function createRubricDraft(
  db: Db,
  ctx: WriteContext,
  input: { serviceType: ServiceType; from: DraftSource; version: string },
): Promise<CreateDraftResult> {
  if (!(SERVICE_TYPES as readonly string[]).includes(input.serviceType)) return { ok: false, error: "invalid" };
  const author = ctx.actorUserId;
  if (!author) return { ok: false, error: "invalid" }; // a draft has an author
  if (labelProblem(input.version) !== null) return { ok: false, error: "invalid" };
  let source: Rubric;
  let basedOn: string;
  if (input.from.kind === "default") {
    source = defaultRubric(input.serviceType);
    basedOn = `${source.id}@${source.version}`;
  } else {
    const [row] = await db
      .select({ rubric: rubricVersions.rubric, rubricId: rubricVersions.rubricId, version: rubricVersions.version, serviceType: rubricVersions.serviceType })
      .from(rubricVersions)
      .where(and(eq(rubricVersions.orgId, ctx.orgId), eq(rubricVersions.id, input.from.id)));
    if (!row) return { ok: false, error: "not_found" };
    if (row.serviceType !== input.serviceType) return { ok: false, error: "invalid" };
    source = row.rubric;
    basedOn = `${row.rubricId}@${row.version}`;
  }
  const rubricId = await orgRubricId(db, ctx.orgId, input.serviceType);
  if (!rubricId) return { ok: false, error: "not_found" };
  if (await labelTaken(db, ctx.orgId, input.serviceType, input.version)) return { ok: false, error: "version_taken" };
  let rubric: Rubric;
  try {
    rubric = validateRubric({ ...source, id: rubricId, version: input.version });
  } catch (error) {
    if (error instanceof ScoringInputError) return { ok: false, error: "invalid" };
    throw error;
  }
  const at = nowIso();
  const row = {
    id: newId(),
    orgId: ctx.orgId,
    serviceType: input.serviceType,
    rubricId,
    version: input.version,
    basedOn,
    rubric,
    status: "draft" as const,
    publishedAt: null,
    createdBy: author,
    createdAt: at,
  };
  try {
    await db.batch([
      db.insert(rubricVersions).values(row),
      recordAudit(db, { ...auditFields(ctx, at), action: "rubric.draft_create", entity: "rubric_version", entityId: row.id, before: null, after: { serviceType: row.serviceType, rubricId, version: row.version, basedOn } }),
    ]);
  } catch (error) {
    if (isLabelViolation(error)) return { ok: false, error: "version_taken" };
    throw error;
  }
  return { ok: true, id: row.id };
}

/** The rubric a draft was copied from ("rubricId@version"), or null if it no longer exists. */
async function baseOf(db: Db, orgId: string, serviceType: ServiceType, basedOn: string | null): Promise<Rubric | null> {
  if (!basedOn) return null;
  const at = basedOn.lastIndexOf("@");
  const rubricId = basedOn.slice(0, at);
  const version = basedOn.slice(at + 1);
  if (rubricId === serviceType && isDefaultRubricVersion(version)) return defaultRubricVersion(serviceType, version);
  const [row] = await db
    .select({ rubric: rubricVersions.rubric })
    .from(rubricVersions)
    .where(and(eq(rubricVersions.orgId, orgId), eq(rubricVersions.serviceType, serviceType), eq(rubricVersions.rubricId, rubricId), eq(rubricVersions.version, version)));
  return row?.rubric ?? null;
}

/**
 * Every item, veto, bonus and question id the service type's rubrics have
 * used: the released defaults and each of the organisation's versions (but
 * `exceptId`), in one query — what a new id must avoid.
 * @example (await usedRubricIds(db, { orgId, serviceType: "catering" })).has("catering.q.taste"); // true
 */
export async function usedRubricIds(db: Db, q: { orgId: string; serviceType: ServiceType; exceptId?: string }): Promise<Set<string>> {
  const used = new Set<string>();
  for (const version of DEFAULT_RUBRIC_VERSIONS) for (const { id } of rubricIds(defaultRubricVersion(q.serviceType, version))) used.add(id);
  const versions = await db
    .select({ rubric: rubricVersions.rubric })
    .from(rubricVersions)
    .where(and(eq(rubricVersions.orgId, q.orgId), eq(rubricVersions.serviceType, q.serviceType), q.exceptId ? ne(rubricVersions.id, q.exceptId) : undefined));
  for (const { rubric } of versions) for (const { id } of rubricIds(rubric)) used.add(id);
  return used;
}

/** The first id of `draft` that an earlier version of the type had and its base does not: a removed id coming back. */
async function reusedId(db: Db, orgId: string, draftId: string, serviceType: ServiceType, basedOn: string | null, draft: Rubric): Promise<string | null> {
  const base = await baseOf(db, orgId, serviceType, basedOn);
  const kept = new Set(base ? rubricIds(base).map((x) => x.id) : []);
  const earlier = await usedRubricIds(db, { orgId, serviceType, exceptId: draftId });
  const reused = rubricIds(draft).find(({ id }) => earlier.has(id) && !kept.has(id));
  return reused?.path ?? null;
}

/**
 * Saves a draft as the editor sends it: its label and its whole rubric, which
 * `validateRubric` checks (a refusal names the field: "dimensions[1].items[3].deduction.major").
 * The rubric's id and version are the draft's own. Nothing is written on a refusal.
 */
export async function saveRubricDraft(db: Db, ctx: WriteContext, input: { id: string; version: string; rubric: unknown }): Promise<SaveDraftResult> {
  const [row] = await db
    .select({ serviceType: rubricVersions.serviceType, rubricId: rubricVersions.rubricId, version: rubricVersions.version, status: rubricVersions.status, basedOn: rubricVersions.basedOn, rubric: rubricVersions.rubric })
    .from(rubricVersions)
    .where(and(eq(rubricVersions.orgId, ctx.orgId), eq(rubricVersions.id, input.id)));
  if (!row) return { ok: false, error: "not_found" };
  if (row.status !== "draft") return { ok: false, error: "not_draft" };
  const problem = labelProblem(input.version);
  if (problem !== null) return { ok: false, error: "invalid", path: "version", message: problem };
  let rubric: Rubric;
  try {
    const sent = typeof input.rubric === "object" && input.rubric !== null && !Array.isArray(input.rubric) ? { ...input.rubric, id: row.rubricId, version: input.version } : input.rubric;
    rubric = validateRubric(sent);
  } catch (error) {
    if (error instanceof ScoringInputError) return { ok: false, error: "invalid", path: error.path, message: error.message };
    throw error;
  }
  if (rubric.serviceType !== row.serviceType) return { ok: false, error: "invalid", path: "serviceType", message: `must be ${JSON.stringify(row.serviceType)}` };
  const reused = await reusedId(db, ctx.orgId, input.id, row.serviceType, row.basedOn, rubric);
  if (reused !== null) return { ok: false, error: "reused_id", path: reused };
  if (input.version !== row.version && (await labelTaken(db, ctx.orgId, row.serviceType, input.version, input.id))) return { ok: false, error: "version_taken" };
  if (input.version === row.version && JSON.stringify(rubric) === JSON.stringify(row.rubric)) return { ok: true };
  const at = nowIso();
  try {
    const [update] = await db.batch([
      db
        .update(rubricVersions)
        .set({ version: input.version, rubric })
        .where(and(eq(rubricVersions.orgId, ctx.orgId), eq(rubricVersions.id, input.id), eq(rubricVersions.status, "draft"))),
      auditIfChanged(db, ctx, { action: "rubric.draft_save", entity: "rubric_version", entityId: input.id, before: { version: row.version, rubric: row.rubric }, after: { version: input.version, rubric }, at }),
    ]);
    if (update.rowsAffected !== 1) return { ok: false, error: "not_draft" }; // published in between
  } catch (error) {
    if (isLabelViolation(error)) return { ok: false, error: "version_taken" };
    throw error;
  }
  return { ok: true };
}

/** Deletes a draft (never a published or retired version). Audited. */
export async function deleteRubricDraft(db: Db, ctx: WriteContext, input: { id: string }): Promise<DeleteDraftResult> {
  const [row] = await db
    .select({ status: rubricVersions.status, serviceType: rubricVersions.serviceType, version: rubricVersions.version, rubricId: rubricVersions.rubricId })
    .from(rubricVersions)
    .where(and(eq(rubricVersions.orgId, ctx.orgId), eq(rubricVersions.id, input.id)));
  if (!row) return { ok: false, error: "not_found" };
  if (row.status !== "draft") return { ok: false, error: "not_draft" };
  try {
    const [removed] = await db.batch([
      db.delete(rubricVersions).where(and(eq(rubricVersions.orgId, ctx.orgId), eq(rubricVersions.id, input.id), eq(rubricVersions.status, "draft"))),
      auditIfChanged(db, ctx, { action: "rubric.draft_delete", entity: "rubric_version", entityId: input.id, before: { serviceType: row.serviceType, rubricId: row.rubricId, version: row.version }, after: null, at: nowIso() }),
    ]);
    if (removed.rowsAffected !== 1) return { ok: false, error: "not_draft" };
  } catch (error) {
    if (isForeignKeyViolation(error)) return { ok: false, error: "in_use" };
    throw error;
  }
  return { ok: true };
}
