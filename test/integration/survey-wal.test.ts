/**
 * Issue 9 item 6: survey anonymity in the database FILES. A response and the
 * invite it consumed (or the staff participation) are written in one
 * transaction, so until a checkpoint the WAL holds them in one commit. The
 * submission path checkpoints with TRUNCATE within CHECKPOINT_DELAY_MS (200 ms)
 * of each write batch and the connection runs with secure_delete, so — read
 * while the connection is still open, as an operator could read a running
 * server's files, once that bound has passed — no WAL commit and no database
 * page holds a response beside its invite code or the participant's user id.
 *
 * The control at the end writes the same statements WITHOUT the checkpoint
 * and shows that the parser then does find the pairs (so the test can fail).
 */
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECKPOINT_DELAY_MS, createCampaign } from "../../db/queries/surveys";
import { todayIn } from "../../domain/days";
import { periodOfDate } from "../../scoring/index";
import * as inviteRoute from "../../app/routes/i.$code";
import * as openRoute from "../../app/routes/s.$token";
import * as staffSurvey from "../../app/routes/staff.surveys.$campaignId";
import { answerFieldName } from "../../app/surveys/schema";
import { member, post, type SignedIn } from "../helpers/admin-request";
import { installAppDb } from "../helpers/app-db";
import type { TestDb } from "../helpers/db";
import { makeContract, makeOrg } from "../helpers/factories";
import { found, readDbPages, readWal } from "../helpers/sqlite-file";

let t: TestDb;
let dbPath: string;
let campaignId: string;
let codes: string[];
let token: string;
let questionIds: string[];
let staff: SignedIn[];

const INVITES = 12;
const STAFF = 3;

function form(comment: string): Record<string, string> {
  return { ...Object.fromEntries(questionIds.map((id, i) => [answerFieldName(id), String((i % 5) + 1)])), comment };
}

async function responses(): Promise<{ id: string; comment: string | null }[]> {
  return (await t.client.execute(`SELECT id, comment FROM survey_responses WHERE campaign_id = '${campaignId}'`)).rows.map((r) => ({
    id: String(r.id),
    comment: r.comment === null ? null : String(r.comment),
  }));
}

beforeAll(async () => {
  t = await installAppDb();
  dbPath = path.join(t.dir, "test.db");
  const org = await makeOrg(t.db);
  const supervisor = await member(t.db, org.id, "supervisor");
  staff = [];
  for (let i = 0; i < STAFF; i++) staff.push(await member(t.db, org.id, "staff"));
  const today = todayIn("Asia/Shanghai", new Date());
  const contract = await makeContract(t.db, { orgId: org.id, serviceType: "catering", startOn: "2000-01-01", endOn: "2099-12-31" });
  const created = await createCampaign(
    t.db,
    { orgId: org.id, actorUserId: supervisor.userId },
    { contractId: contract.id, period: periodOfDate(today), opensOn: today, closesOn: today, allowOpenLink: true, inviteCount: INVITES + 2 },
  );
  if (!created.ok) throw new Error(created.error);
  campaignId = created.campaignId;
  codes = created.inviteCodes;
  token = created.openToken;
  const [row] = (await t.client.execute({ sql: "SELECT questionnaire FROM survey_campaigns WHERE id = ?", args: [campaignId] })).rows;
  questionIds = (JSON.parse(String(row!.questionnaire)) as { id: string }[]).map((q) => q.id);
});
afterAll(async () => t?.cleanup());

describe("the WAL and the pages of a running server's database", () => {
  it("secure_delete is on, also after a transaction and after a reconnect", async () => {
    const pragma = async () => Number((await t.client.execute("PRAGMA secure_delete")).rows[0]![0]);
    expect(await pragma()).toBe(1);
    await t.db.transaction(async (tx) => {
      await tx.run(sql`SELECT 1`);
    });
    expect(await pragma()).toBe(1);
    t.client.reconnect();
    expect(await pragma()).toBe(1);
  });

  it("hold no commit and no page pairing a response with its invite code or its participant", async () => {
    // Through the real actions: invites, staff from their own page, and the open link.
    // Half one after the other, half at once (so they share write batches and a checkpoint).
    for (let i = 0; i < INVITES / 2; i++) {
      const response = await post(inviteRoute.action, `/i/${codes[i]}`, form(`invite-marker-${i}`), "", { code: codes[i]! });
      expect(response.status).toBe(302);
    }
    const together = await Promise.all(
      codes.slice(INVITES / 2, INVITES).map((code, i) => post(inviteRoute.action, `/i/${code}`, form(`invite-marker-${INVITES / 2 + i}`), "", { code })),
    );
    expect(together.map((r) => r.status)).toEqual(together.map(() => 302));
    for (const [i, person] of staff.entries()) {
      const response = await post(staffSurvey.action, `/staff/surveys/${campaignId}`, form(`staff-marker-${i}`), person.cookie, { campaignId });
      expect(response.status).toBe(302);
    }
    expect((await post(openRoute.action, `/s/${token}`, form("open-marker"), "", { token })).status).toBe(302);

    // Read the files while the connection is still open (no close, no explicit checkpoint here),
    // once the writer's checkpoint delay has passed.
    await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_DELAY_MS + 300));
    const stored = await responses();
    expect(stored).toHaveLength(INVITES + STAFF + 1);
    const responseSide = stored.flatMap((r) => [r.id, ...(r.comment ? [r.comment] : [])]);
    const personSide = [...codes.slice(0, INVITES), ...staff.map((s) => s.userId)];

    const wal = readWal(`${dbPath}-wal`);
    const pages = readDbPages(dbPath);
    const walPairs = [...wal.commits.map((c) => c.pages), wal.uncommitted]
      .map((pagesOfCommit) => ({ r: found(pagesOfCommit, responseSide), p: found(pagesOfCommit, personSide) }))
      .filter(({ r, p }) => r.length > 0 && p.length > 0);
    const pagePairs = pages
      .map((page, n) => ({ n, r: found(page, responseSide), p: found(page, personSide) }))
      .filter(({ r, p }) => r.length > 0 && p.length > 0);
    console.info(`survey-wal: inspected ${wal.commits.length} WAL commits (${wal.bytes} bytes) and ${pages.length} database pages`);
    expect(walPairs).toEqual([]);
    expect(pagePairs).toEqual([]);
    // The rows are really in the file (the search itself works on these pages).
    expect(found(pages, responseSide).length).toBe(responseSide.length);
    expect(found(pages, personSide).length).toBe(personSide.length);
  });

  it("control: the same write without the checkpoint leaves a commit that pairs them (the parser finds it)", async () => {
    const code = codes[INVITES]!;
    const rid = "control-response-id-0123456789";
    await t.client.batch(
      [
        { sql: "UPDATE survey_invites SET used = 1 WHERE code = ?", args: [code] },
        { sql: "INSERT INTO survey_responses (id, org_id, campaign_id, comment) SELECT ?, org_id, id, NULL FROM survey_campaigns WHERE id = ?", args: [rid, campaignId] },
      ],
      "write",
    );
    const wal = readWal(`${dbPath}-wal`);
    const pairing = wal.commits.filter((c) => found(c.pages, [rid]).length > 0 && found(c.pages, [code]).length > 0);
    expect(pairing.length).toBeGreaterThan(0);
  });
});
