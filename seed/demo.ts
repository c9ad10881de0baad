/**
 * Creates the demo organisation (PRODUCT.md, "The demo organisation") from the
 * definitions in ./demo-data, through the same data-access functions the app
 * uses — `createMemberAccount`, `createSite`, `createGridCell`, `createContractor`,
 * `createContract` — so every row passes the app's checks and is audited like
 * a row an administrator made (the actor is null: the system).
 *
 * Deterministic: the content depends only on `today` and the fixed seed. The
 * ids are random (`newId()`, as everywhere) and the timestamps are the time of
 * the run, so two runs on the same day give the same rows up to ids and
 * timestamps — test/integration/seed.test.ts compares them that way.
 *
 * The demo database holds only the demo: `seedDemo` refuses a database that
 * has any other organisation (its accounts share a published password), and
 * that is what lets `--reset` delete the file (see `resetDemoDatabase`).
 */
import { existsSync, rmSync } from "node:fs";
import { and, eq, ne, sql } from "drizzle-orm";
import { recordAudit } from "../db/audit";
import { createDb, type Db } from "../db/client";
import type { WriteContext } from "../db/queries/context";
import { createContract } from "../db/queries/contracts";
import { createContractor } from "../db/queries/contractors";
import { createMemberAccount } from "../db/queries/members";
import { createOrganisation } from "../db/queries/orgs";
import { createGridCell, createSite } from "../db/queries/sites";
import { auditLog, organisations } from "../db/schema";
import {
  buildDemoData,
  DEMO_CONTRACTOR_SIGN_INS,
  DEMO_ORG,
  DEMO_SIGN_INS,
  type DemoContractKey,
  type DemoContractorKey,
  type DemoData,
  type DemoSiteKey,
  type DemoUserKey,
} from "./demo-data";
import { uploadsDir } from "../server/uploads";
import { seedDemoInspections, type SeedDemoInspectionsResult } from "./demo-inspections";
import { seedDemoScores, type DemoScoresSummary } from "./demo-scores";
import { seedDemoSurveys } from "./demo-surveys";
import { DEMO_SEED } from "./random";

/** The audit action written last by a complete seed: an interrupted one lacks it. */
export const DEMO_SEEDED_ACTION = "demo.seed";

export interface SeedDemoOptions {
  /** "YYYY-MM-DD" in Asia/Shanghai; every date of the demo is counted from it. */
  today: string;
  /**
   * The hash of DEMO_PASSWORD, shared by every demo account — or a function
   * that makes it, called only when the demo is actually created, so a start-up
   * with the demo in place costs one query and no hashing.
   */
  passwordHash: string | (() => Promise<string>);
  /** Where the demo's photos go (default: `uploadsDir()`, KAOPING_UPLOADS or data/uploads). */
  uploadsDir?: string;
}

/** The ids of what the seed created, by the keys of ./demo-data, for the parts that add history. */
export interface DemoIds {
  orgId: string;
  users: Record<DemoUserKey, string>;
  sites: Record<DemoSiteKey, string>;
  /** By cell code, "A-01". */
  gridCells: Record<string, string>;
  contractors: Record<DemoContractorKey, string>;
  /** The user id of each contractor's person (DEMO_CONTRACTOR_SIGN_INS), by contractor key. */
  contractorPeople: Record<DemoContractorKey, string>;
  contracts: Record<DemoContractKey, string>;
}

export type SeedDemoResult =
  | { created: true; orgId: string; data: DemoData; ids: DemoIds; inspections: SeedDemoInspectionsResult; scores: DemoScoresSummary }
  /** The demo exists; `complete` is false when an earlier seed was interrupted (rebuild it with --reset). */
  | { created: false; reason: "exists"; orgId: string; complete: boolean }
  /** The database holds real organisations: no accounts with a published password are added to it. */
  | { created: false; reason: "other_organisations"; organisations: string[] };

/** The demo organisation, or null. */
export async function findDemoOrg(db: Db) {
  const [org] = await db.select().from(organisations).where(eq(organisations.slug, DEMO_ORG.slug)).limit(1);
  return org ?? null;
}

/** Names of the organisations other than the demo (at most `limit`). */
export async function otherOrganisations(db: Db, limit = 5): Promise<string[]> {
  const rows = await db
    .select({ name: organisations.name, slug: organisations.slug })
    .from(organisations)
    .where(ne(organisations.slug, DEMO_ORG.slug))
    .orderBy(organisations.createdAt)
    .limit(limit);
  return rows.map((r) => `${r.name} (${r.slug})`);
}

async function isDemoComplete(db: Db, orgId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, DEMO_SEEDED_ACTION)))
    .limit(1);
  return row !== undefined;
}

/** A data-access function's refusal is a bug in the demo data: stop with what was refused. */
function must<R extends { ok: boolean }>(result: R, what: string): Extract<R, { ok: true }> {
  if (!result.ok) throw new Error(`demo seed: ${what} was refused: ${JSON.stringify(result)}`);
  return result as Extract<R, { ok: true }>;
}

/**
 * Creates the demo organisation for `today`, unless it exists (then nothing
 * is written) or the database holds another organisation.
 * @example await seedDemo(db, { today: "2026-07-15", passwordHash: await hashPassword(DEMO_PASSWORD) })
 */
export async function seedDemo(db: Db, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const existing = await findDemoOrg(db);
  if (existing) return { created: false, reason: "exists", orgId: existing.id, complete: await isDemoComplete(db, existing.id) };
  const others = await otherOrganisations(db);
  if (others.length > 0) return { created: false, reason: "other_organisations", organisations: others };

  const data = buildDemoData(options.today); // validates `today` before anything is written
  const passwordHash = typeof options.passwordHash === "string" ? options.passwordHash : await options.passwordHash();

  // The organisation and its first admin, as `npm run org:create` makes them.
  const firstAdmin = data.users.find((u) => u.role === "admin");
  if (!firstAdmin) throw new Error("demo seed: the demo data has no admin");
  const org = await createOrganisation(db, {
    name: data.org.name,
    slug: data.org.slug,
    timeZone: data.org.timeZone,
    admin: { email: firstAdmin.email, name: firstAdmin.name, passwordHash },
  });
  if (!org.ok) {
    // Another process created it a moment ago.
    const now = await findDemoOrg(db);
    if (!now) throw new Error("demo seed: the demo slug is taken but no demo organisation was found");
    return { created: false, reason: "exists", orgId: now.id, complete: await isDemoComplete(db, now.id) };
  }
  const ctx: WriteContext = { orgId: org.org.id, actorUserId: null };

  const ids = await seedDirectory(db, ctx, data, passwordHash, { key: firstAdmin.key, userId: org.adminUserId });
  // The survey, inspection and scoring parts add their quarters here, in this
  // order, each from its own streams (`demoRandom("surveys/…")`…):
  await seedDemoSurveys(db, { today: data.today, ids });
  const inspections = await seedDemoInspections(db, { today: data.today, ids, uploadsDir: options.uploadsDir ?? uploadsDir() });
  const scores = await seedDemoScores(db, { today: data.today, ids });

  await recordAudit(db, {
    orgId: ctx.orgId,
    actorUserId: null,
    action: DEMO_SEEDED_ACTION,
    entity: "organisation",
    entityId: ctx.orgId,
    before: null,
    after: { today: data.today, seed: DEMO_SEED, quarters: data.quarters },
  });
  return { created: true, orgId: ctx.orgId, data, ids, inspections, scores };
}

/** People, sites, grid cells, contractors and contracts, in an order that satisfies every reference. */
async function seedDirectory(
  db: Db,
  ctx: WriteContext,
  data: DemoData,
  passwordHash: string,
  firstAdmin: { key: DemoUserKey; userId: string },
): Promise<DemoIds> {
  const users = {} as Record<DemoUserKey, string>;
  users[firstAdmin.key] = firstAdmin.userId;
  for (const user of data.users) {
    if (user.key === firstAdmin.key) continue;
    const added = must(await createMemberAccount(db, ctx, { email: user.email, name: user.name, role: user.role, passwordHash }), `member ${user.email}`);
    users[user.key] = added.userId;
  }

  const sites = {} as Record<DemoSiteKey, string>;
  for (const site of data.sites) {
    sites[site.key] = must(await createSite(db, ctx, { name: site.name, kind: site.kind, address: site.address }), `site ${site.name}`).id;
  }

  const gridCells: Record<string, string> = {};
  for (const cell of data.gridCells) {
    const created = await createGridCell(db, ctx, {
      siteId: sites[cell.siteKey],
      code: cell.code,
      name: cell.name,
      patrolLeaderUserId: users[cell.leaderKey],
    });
    gridCells[cell.code] = must(created, `grid cell ${cell.code}`).id;
  }

  const contractors = {} as Record<DemoContractorKey, string>;
  for (const c of data.contractors) {
    const created = await createContractor(db, ctx, {
      name: c.name,
      creditCode: c.creditCode,
      contactName: c.contactName,
      contactPhone: c.contactPhone,
      contactEmail: c.contactEmail,
    });
    contractors[c.key] = must(created, `contractor ${c.name}`).id;
  }

  // Each contractor's site manager, linked to it: the contractor portal's sign-ins.
  const contractorPeople = {} as Record<DemoContractorKey, string>;
  for (const person of data.contractorPeople) {
    const added = await createMemberAccount(db, ctx, {
      email: person.email,
      name: person.name,
      role: "contractor",
      contractorId: contractors[person.contractorKey],
      passwordHash,
    });
    contractorPeople[person.contractorKey] = must(added, `contractor person ${person.email}`).userId;
  }

  const contracts = {} as Record<DemoContractKey, string>;
  for (const c of data.contracts) {
    const created = await createContract(db, ctx, {
      contractorId: contractors[c.contractorKey],
      serviceType: c.serviceType,
      title: c.title,
      code: c.code,
      startOn: c.startOn,
      endOn: c.endOn,
      annualValueFen: c.annualValueFen,
      paymentRule: c.paymentRule,
      siteIds: c.siteKeys.map((key) => sites[key]),
      status: "active",
    });
    contracts[c.key] = must(created, `contract ${c.title}`).id;
  }

  return { orgId: ctx.orgId, users, sites, gridCells, contractors, contractorPeople, contracts };
}

// ---------------------------------------------------------------- reset

export class DemoResetRefused extends Error {
  override name = "DemoResetRefused";
}

/** The files SQLite keeps beside a database in WAL (and rollback) mode. */
const SIDE_FILES = ["-wal", "-shm", "-journal"];

/**
 * Rebuilding the demo = deleting its database file; the caller then migrates
 * and seeds a fresh one.
 *
 * Why not delete the demo's rows? The audit log is append-only (migration
 * 0001's triggers abort every UPDATE and DELETE) and every foreign key is
 * RESTRICT, so the organisation, its users and every row an audit entry or a
 * later row points at cannot be removed — and dropping the triggers for a
 * reset would make the guarantee worthless. Renaming the old organisation
 * away ("demo-archived-1") keeps the log intact but leaves the fixed demo
 * e-mails taken (users.email is unique across organisations) and piles up
 * dead tenants. The demo database, though, is a local file (the seed refuses
 * anything else) holding nothing but the demo (`seedDemo` refuses a database
 * with another organisation), so throwing the whole file away loses nothing
 * and rewrites no history: there simply is a new database.
 *
 * Refuses — and deletes nothing — when the file holds any organisation other
 * than the demo, or is not a Kaoping database at all. Stop the server first:
 * a running server keeps the deleted file open.
 *
 * @returns whether a database file was deleted.
 */
export async function resetDemoDatabase(target: { filePath: string; url: string }): Promise<boolean> {
  if (!existsSync(target.filePath)) {
    for (const suffix of SIDE_FILES) rmSync(target.filePath + suffix, { force: true });
    return false;
  }
  const { db, client, ready } = createDb({ url: target.url });
  try {
    try {
      await ready;
    } catch (error) {
      throw new DemoResetRefused(`cannot open ${target.filePath} as a database (${(error as Error).message}); it was not deleted.`);
    }
    let tables: string[];
    try {
      const rows = await db.all<{ name: string }>(sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`);
      tables = rows.map((r) => r.name);
    } catch (error) {
      throw new DemoResetRefused(`cannot read ${target.filePath} as a database (${(error as Error).message}); it was not deleted.`);
    }
    if (tables.length > 0 && !tables.includes("organisations")) {
      throw new DemoResetRefused(`${target.filePath} is not a Kaoping database (no organisations table); it was not deleted.`);
    }
    if (tables.includes("organisations")) {
      const others = await otherOrganisations(db);
      if (others.length > 0) {
        throw new DemoResetRefused(
          `${target.filePath} holds organisations other than the demo: ${others.join(", ")}. ` +
            "--reset rebuilds the demo by deleting the whole database file, so it refuses here; nothing was deleted.",
        );
      }
    }
  } finally {
    client.close();
  }
  rmSync(target.filePath, { force: true });
  for (const suffix of SIDE_FILES) rmSync(target.filePath + suffix, { force: true });
  return true;
}

// ---------------------------------------------------------------- reporting

/** What a seed run did, for the console. */
export function describeSeed(result: SeedDemoResult, where: string): string {
  if (!result.created && result.reason === "other_organisations") {
    return (
      `Demo organisation not created in ${where}: it holds other organisations (${result.organisations.join(", ")}). ` +
      "The demo accounts share a published password, so they only go into a database of their own."
    );
  }
  if (!result.created) {
    return result.complete
      ? `The demo organisation ${DEMO_ORG.name} exists already in ${where}; nothing changed. Rebuild it with: npm run db:seed -- --reset`
      : `The demo organisation in ${where} is incomplete (an earlier seed was interrupted). Rebuild it with: npm run db:seed -- --reset`;
  }
  const { data, inspections: i, scores } = result;
  const lines = [
    `Created the demo organisation ${data.org.name} in ${where} (today = ${data.today}, quarters ${data.quarters[0]} … ${data.quarters.at(-1)}):`,
    `  ${data.users.length} members (and ${data.contractorPeople.length} contractor people), ${data.sites.length} sites, ${data.gridCells.length} grid cells, ` +
      `${data.contractors.length} contractors, ${data.contracts.length} contracts`,
    `  ${i.inspections} inspections, ${i.findings} findings (${i.findingEvents} history events), ${i.bonuses} bonuses, ${i.vetoes} vetoes, ` +
      `${i.evidenceFiles} photos`,
    `  ${scores.finalised} quarters finalised (${scores.correction.contractKey} ${scores.correction.period} corrected as revision 2), ` +
      `${scores.drafts} drafts awaiting sign-off (${data.quarters.at(-2)}), the current quarter live`,
    ...data.contracts.map((c) => `  - ${c.title}: ${c.startOn} → ${c.endOn}`),
    "  Sign in with (password kaoping-demo):",
    ...DEMO_SIGN_INS.map((u) => `    ${u.role.padEnd(12)} ${u.email}`),
    ...DEMO_CONTRACTOR_SIGN_INS.map((u) => `    ${"contractor".padEnd(12)} ${u.email} (${data.contractors.find((c) => c.key === u.contractorKey)?.name ?? u.contractorKey})`),
  ];
  return lines.join("\n");
}
