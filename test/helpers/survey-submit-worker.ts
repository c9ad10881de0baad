/**
 * A second (third, …) process for the concurrency test: opens the same
 * database file with `createDb` — its own connection, as another server
 * process would — waits until the agreed instant, fires `count` submissions of
 * one invite code at once and prints the results as one JSON line.
 *
 *   node --import tsx test/helpers/survey-submit-worker.ts '<json args>'
 *   args: { url, code, answers, today, count, startAt }
 */
import { createDb } from "../../db/client";
import { submitResponse } from "../../db/queries/surveys";

interface Args {
  url: string;
  code: string;
  answers: Record<string, number>;
  today: string;
  count: number;
  /** Epoch milliseconds at which to fire. */
  startAt: number;
}

const args = JSON.parse(process.argv[2] ?? "{}") as Args;
const { db, ready, client } = createDb({ url: args.url });
await ready;
// Warm the connection (prepare the schema) so the start is as simultaneous as possible.
await client.execute("SELECT count(*) FROM survey_invites");
await new Promise((resolve) => setTimeout(resolve, Math.max(0, args.startAt - Date.now())));
const settled = await Promise.allSettled(
  Array.from({ length: args.count }, () =>
    submitResponse(db, { campaign: { inviteCode: args.code }, answers: args.answers, today: args.today }),
  ),
);
const results = settled.map((s) => (s.status === "fulfilled" ? s.value : { thrown: String(s.reason) }));
process.stdout.write(`${JSON.stringify({ pid: process.pid, results })}\n`);
client.close();
