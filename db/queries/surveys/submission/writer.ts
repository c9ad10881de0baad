/**
 * Taking an anonymous response: one atomic write per submission (grouped with
 * others arriving together), then a WAL checkpoint so the file keeps no trace
 * of which response came in the same commit as which invite or participation.
 */
import type { Client, InStatement } from "@libsql/client";
import { charLength, COMMENT_FORBIDDEN_CHARS, COMMENT_MAX_CHARS, isTokenShape, normaliseComment, normaliseInviteCode } from "../../../../domain/survey-rules";
import type { Db } from "../../../client";
import { newId } from "../../../ids";
import { isIsoDate } from "../../../../scoring/dates";
import { clientOf } from "../shared";
import { diagnose } from "./diagnose";
import type { SubmitResult } from "./reasons";
import {
  BY_ID,
  BY_TOKEN,
  participationSql,
  responseAfterParticipationSql,
  SQL_CONSUME_INVITE,
  SQL_INSERT_ANSWERS,
  SQL_RELEASE_GROUP,
  SQL_RESPONSE_AFTER_INVITE,
  SQL_RESPONSE_OPEN_LINK,
  SQL_UPSERT_COUNTS,
  SQL_UPSERT_DAY_COUNTS,
  SQL_UPSERT_TALLIES,
  stmt,
  type Args,
} from "./sql";

/** How the respondent reached the campaign. */
export type SubmitTarget =
  /** The open link / QR code (`allowOpenLink` must be on, unless a participant is given). */
  | { token: string }
  /** A single-use invite code (never combined with a participant). */
  | { inviteCode: string }
  /** A signed-in participant answering a campaign of their organisation (participant required). */
  | { campaignId: string; orgId: string };

export interface SubmitResponseInput {
  campaign: SubmitTarget;
  /** questionId → 1..5, exactly the campaign's questions. */
  answers: Record<string, number>;
  /** Optional, ≤ COMMENT_MAX_CHARS, no control characters but tab/newline; blank means none. */
  comment?: string | null;
  /** The day in the ORGANISATION's zone: `todayIn(campaign.timeZone, now)`. Counted per day, never stored with the response. */
  today: string;
  /** A signed-in staff member: recorded as having taken part (never linked to the response). */
  participant?: { userId: string };
}

export interface SubmitOptions {
  /**
   * Skip the WAL checkpoint after this submission's batch (default false).
   * For bulk writers that submit one at a time and call {@link truncateSurveyWal}
   * when done — the demo seed: a checkpoint per sequential submission made
   * seeding 4–8× slower. Never for a real respondent's submission.
   */
  deferCheckpoint?: boolean;
}

function isBusy(error: unknown): boolean {
  const e = error as { code?: string; message?: string; cause?: { code?: string } };
  return /SQLITE_BUSY|SQLITE_LOCKED/.test(`${e?.code ?? ""} ${e?.cause?.code ?? ""}`) || /database is locked/i.test(e?.message ?? "");
}

const BUSY_RETRIES = 4;

/** One submission's part of a group write: its gate and response statements, and what follows from them. */
interface PendingSubmission {
  statements: InStatement[];
  /** Index in `statements` of the response insert. */
  responseAt: number;
  entry: { rid: string; answers: Record<string, number>; straight: 0 | 1; day: string };
  /** Schedule no checkpoint: left to `truncateSurveyWal` (the demo seed). */
  deferCheckpoint: boolean;
  resolve: (written: boolean | "busy") => void;
  reject: (error: unknown) => void;
}

/** Most submissions written in one transaction. */
const MAX_GROUP = 64;
/**
 * Longest a write batch stays in the WAL before its checkpoint (the issue
 * allows a timer of a second or less; docs/decisions/004).
 */
export const CHECKPOINT_DELAY_MS = 200;

/**
 * Group commit: submissions that arrive while a write is under way are written
 * together in the next transaction — their gates and responses one by one, in
 * arrival order, then ONE statement each for all their answers, tallies,
 * counters and the tally release. Each submission keeps its own gate, so the
 * outcome is exactly as if they ran one after the other. If a group's batch
 * fails for any reason but a busy database, its submissions are retried one by
 * one, so one bad submission cannot fail others.
 *
 * Within CHECKPOINT_DELAY_MS after a write batch on an embedded file:
 * `PRAGMA wal_checkpoint(TRUNCATE)`. A batch is one commit in the WAL holding
 * the response beside the invite it used (or the participation); the
 * checkpoint copies the pages into the
 * database file, where the rows sit in separate b-trees, and empties the WAL
 * (docs/decisions/004-survey-anonymity.md; test/integration/survey-wal.test.ts).
 */
class SubmissionWriter {
  readonly #client: Client;
  readonly #checkpoint: boolean;
  #queue: PendingSubmission[] = [];
  #flushing = false;
  #checkpointTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(client: Client) {
    this.#client = client;
    this.#checkpoint = client.protocol === "file";
  }

  write(pending: Omit<PendingSubmission, "resolve" | "reject">): Promise<boolean | "busy"> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ ...pending, resolve, reject });
      if (!this.#flushing) {
        // Wait one turn of the event loop: submissions whose requests are being
        // handled in this turn join the group.
        this.#flushing = true;
        setImmediate(() => void this.#flush());
      }
    });
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    try {
      while (this.#queue.length > 0) {
        const group = this.#queue.splice(0, MAX_GROUP);
        const settled: (() => void)[] = [];
        await this.#writeGroup(group, settled);
        if (!group.every((p) => p.deferCheckpoint)) this.#scheduleCheckpoint();
        for (const settle of settled) settle();
      }
    } finally {
      this.#flushing = false;
    }
  }

  /**
   * A checkpoint within CHECKPOINT_DELAY_MS of the first batch not yet
   * checkpointed, shared by every batch written meanwhile. (A checkpoint blocks
   * the event loop for about 3 ms here — bench/survey.ts — so one per batch cost
   * a fifth of the submissions per second under load.)
   */
  #scheduleCheckpoint(): void {
    if (!this.#checkpoint || this.#checkpointTimer) return;
    this.#checkpointTimer = setTimeout(() => {
      this.#checkpointTimer = undefined;
      void this.truncateWal();
    }, CHECKPOINT_DELAY_MS);
    this.#checkpointTimer.unref?.();
  }

  /** Writes one group and queues how each of its submissions is to be answered. */
  async #writeGroup(group: PendingSubmission[], settled: (() => void)[]): Promise<void> {
    try {
      const written = await this.#run(group);
      group.forEach((p, i) => settled.push(() => p.resolve(written === "busy" ? "busy" : written[i]!)));
    } catch (error) {
      if (group.length === 1) {
        settled.push(() => group[0]!.reject(error));
        return;
      }
      for (const p of group) {
        try {
          const written = await this.#run([p]);
          settled.push(() => p.resolve(written === "busy" ? "busy" : written[0]!));
        } catch (e) {
          settled.push(() => p.reject(e));
        }
      }
    }
  }

  async truncateWal(): Promise<void> {
    if (!this.#checkpoint) return;
    try {
      // Busy (another process reading an old snapshot) leaves the WAL for the next batch's checkpoint.
      await this.#client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch {
      // Never fail a stored response over its clean-up; the next batch checkpoints again.
    }
  }

  /** One transaction for the group: which responses were written, or "busy" after the retries. */
  async #run(group: PendingSubmission[]): Promise<boolean[] | "busy"> {
    const statements: InStatement[] = [];
    const responseAt: number[] = [];
    for (const p of group) {
      responseAt.push(statements.length + p.responseAt);
      statements.push(...p.statements);
    }
    const groupArgs = { group: JSON.stringify(group.map((p) => p.entry)) };
    statements.push(
      ...[SQL_INSERT_ANSWERS, SQL_UPSERT_TALLIES, SQL_UPSERT_COUNTS, SQL_UPSERT_DAY_COUNTS, ...SQL_RELEASE_GROUP].map((s) => stmt(s, groupArgs)),
    );
    for (let attempt = 0; ; attempt++) {
      try {
        const results = await this.#client.batch(statements, "write");
        return responseAt.map((i) => results[i]?.rowsAffected === 1);
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (attempt >= BUSY_RETRIES) return "busy";
        await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt + Math.random() * 20));
      }
    }
  }
}

const writers = new WeakMap<Client, SubmissionWriter>();
function writerOf(db: Db): SubmissionWriter {
  const client = clientOf(db);
  let writer = writers.get(client);
  if (!writer) {
    writer = new SubmissionWriter(client);
    writers.set(client, writer);
  }
  return writer;
}

/**
 * The shape checks that need no database: answers an object of whole numbers
 * 1..5 (which questions is the write's business), the comment within bounds.
 * Returns the normalised comment (trimmed, CRLF → LF, blank → null), or null when invalid.
 */
function checkShape(answers: unknown, comment: unknown): { comment: string | null } | null {
  if (typeof answers !== "object" || answers === null || Array.isArray(answers)) return null;
  const values = Object.values(answers as Record<string, unknown>);
  if (values.length === 0) return null;
  for (const v of values) if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 5) return null;
  if (comment !== undefined && comment !== null && typeof comment !== "string") return null;
  const c = normaliseComment(comment as string | null | undefined);
  if (c !== null && (charLength(c) > COMMENT_MAX_CHARS || COMMENT_FORBIDDEN_CHARS.test(c))) return null;
  return { comment: c };
}

/**
 * Records one anonymous response and its tallies atomically.
 *
 * The write is a single `client.batch(statements, "write")` — libSQL runs it
 * as BEGIN IMMEDIATE … COMMIT on one connection and rolls everything back if
 * a statement fails — and nothing is read before it:
 * 1. the gate, which carries the guards (sql.ts `acceptsResponsesSql`: campaign
 *    open on `today`, quarter writable; the answers name exactly the campaign's questions):
 *    - invite: `UPDATE survey_invites SET used = 1 WHERE code = ? AND used = 0 AND EXISTS (<guards>)`;
 *    - participant: `INSERT INTO survey_participations … SELECT … WHERE <guards> AND <member> ON CONFLICT DO NOTHING`;
 *    - open link: none — step 2 carries the guards and `allow_open_link = 1`;
 * 2. `INSERT INTO survey_responses … SELECT … WHERE changes() = 1` — `changes()`
 *    is the row count of the gate, the statement just before on the same connection;
 * 3. the answers, tallies, respondents (+ straight-lined), the day's counter and,
 *    every RELEASE_EVERY respondents, the released tally — each hanging on
 *    `survey_responses r WHERE r.id = <fresh random id>`.
 * So either the gate changed a row and everything is written, or nothing is.
 * The write lock (BEGIN IMMEDIATE) serialises concurrent batches, also from
 * other processes; the second consumer of an invite finds `used` set.
 * When the write changed nothing, a read works out why. SQLITE_BUSY (another
 * process holding the lock beyond the busy timeout) is retried, then "busy".
 *
 * Nothing of the response identifies the respondent: a random id and the
 * comment; no day, no audit row.
 *
 * @example
 * const r = await submitResponse(db, { campaign: { inviteCode: "K7QW3MZD" },
 *   answers: { "catering.q.taste": 5, … }, comment: "", today: todayIn(campaign.timeZone, now()) });
 * if (!r.ok && r.error === "invite_used") …
 */
export async function submitResponse(db: Db, input: SubmitResponseInput, options: SubmitOptions = {}): Promise<SubmitResult> {
  if (typeof input.today !== "string" || !isIsoDate(input.today)) return { ok: false, error: "invalid" };
  const target = input.campaign;
  if ("inviteCode" in target && input.participant) return { ok: false, error: "invalid" };
  if ("campaignId" in target && !input.participant) return { ok: false, error: "invalid" };
  const checked = checkShape(input.answers, input.comment);
  if (!checked) return { ok: false, error: "invalid" };

  let code: string | undefined;
  if ("inviteCode" in target) {
    code = normaliseInviteCode(target.inviteCode) ?? undefined;
    if (!code) return { ok: false, error: "not_found" };
  } else if ("token" in target && !isTokenShape(target.token)) {
    return { ok: false, error: "not_found" };
  }

  const values = Object.values(input.answers);
  const rid = newId();
  const args: Args = {
    rid,
    today: input.today,
    comment: checked.comment,
    answers: JSON.stringify(input.answers),
    code: code ?? null,
    token: "token" in target ? target.token : null,
    cid: "campaignId" in target ? target.campaignId : null,
    org: "campaignId" in target ? target.orgId : null,
    uid: input.participant?.userId ?? null,
  };
  let statements: InStatement[];
  if ("inviteCode" in target) {
    statements = [stmt(SQL_CONSUME_INVITE, args), stmt(SQL_RESPONSE_AFTER_INVITE, args)];
  } else if (input.participant) {
    const selector = "token" in target ? BY_TOKEN : BY_ID;
    statements = [stmt(participationSql(selector), args), stmt(responseAfterParticipationSql(selector), args)];
  } else {
    statements = [stmt(SQL_RESPONSE_OPEN_LINK, args)];
  }
  const written = await writerOf(db).write({
    statements,
    responseAt: statements.length - 1,
    entry: { rid, answers: input.answers, straight: values.length >= 2 && values.every((v) => v === values[0]) ? 1 : 0, day: input.today },
    deferCheckpoint: options.deferCheckpoint === true,
  });
  if (written === true) return { ok: true };
  if (written === "busy") return { ok: false, error: "busy" };
  return { ok: false, error: await diagnose(db, input, code) };
}

/**
 * `PRAGMA wal_checkpoint(TRUNCATE)` on the database's connection (embedded
 * file only): what the writer does after each batch, for bulk writers that
 * deferred it (`submitResponse(…, { deferCheckpoint: true })`).
 * @example await truncateSurveyWal(db);
 */
export async function truncateSurveyWal(db: Db): Promise<void> {
  await writerOf(db).truncateWal();
}
