/**
 * `draft` begins on the organisation's day, not the server's: the process runs
 * in UTC, the organisation in Asia/Shanghai (UTC+8), and "today" is what the
 * routes use — `todayFor(org)` (todayIn(org.timeZone, now())).
 */
// Node re-reads TZ when it is assigned, so this holds for every Date below (ESM hoists the imports above it, none of which formats a date at load).
process.env.TZ = "UTC";

import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { todayFor } from "../../app/utils/clock.server";
import { finaliseQuarter } from "../../db/queries/scores/finalise";
import { getQuarterScore } from "../../db/queries/scores/quarter";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeScoresWorld } from "../helpers/scores";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  vi.useRealTimers();
  await t.cleanup();
});

it("the process runs in UTC", () => {
  expect(new Date(2026, 9, 1).getTimezoneOffset()).toBe(0);
  expect(new Date(2026, 9, 1, 0, 0).toISOString()).toBe("2026-10-01T00:00:00.000Z");
});

it("at 2026-09-30T15:59:59Z Shanghai is still on 30 September (open, not_ended); at 16:00:00Z it is 1 October (draft, finalisable)", async () => {
  const w = await makeScoresWorld(t.db);
  const org = { timeZone: w.timeZone };
  expect(org.timeZone).toBe("Asia/Shanghai");
  vi.useFakeTimers({ toFake: ["Date"] });
  const scope = { orgId: w.orgId, contractId: w.contractId, period: "2026-Q3" };
  const finalise = (today: string) => finaliseQuarter(t.db, w.ctx, { contractId: w.contractId, period: "2026-Q3", today, overrideReason: "申诉期内先行定级", provisionalJustification: "无问卷" });

  vi.setSystemTime(new Date("2026-09-30T15:59:59Z"));
  const lastDay = todayFor(org);
  expect(lastDay).toBe("2026-09-30");
  expect(new Date().toISOString().slice(0, 10)).toBe("2026-09-30"); // UTC agrees here…
  expect((await getQuarterScore(t.db, { ...scope, today: lastDay }))?.state).toBe("open");
  expect(await finalise(lastDay)).toEqual({ ok: false, error: "not_ended" });

  vi.setSystemTime(new Date("2026-09-30T16:00:00Z"));
  const firstDay = todayFor(org);
  expect(firstDay).toBe("2026-10-01");
  expect(new Date().toISOString().slice(0, 10)).toBe("2026-09-30"); // …and here UTC is still on the 30th
  expect((await getQuarterScore(t.db, { ...scope, today: firstDay }))?.state).toBe("draft");
  expect(await finalise(firstDay)).toMatchObject({ ok: true, revision: 1 });
  expect((await getQuarterScore(t.db, { ...scope, today: firstDay }))?.asOf).toBe("2026-10-01");
});
