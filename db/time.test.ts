import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { now, nowIso } from "./time";

/** `now()` as a fresh process with `env` sees it (the clock is read once per process). */
function nowInProcess(env: Record<string, string>): string {
  const script = 'import("./db/time.ts").then((m) => process.stdout.write(m.nowIso()))';
  return execFileSync(process.execPath, ["--import", "tsx", "-e", script], { env: { ...process.env, ...env }, encoding: "utf8" });
}

describe("nowIso", () => {
  it("writes instants in UTC with a Z", () => {
    expect(nowIso(new Date("2026-06-30T17:00:00+08:00"))).toBe("2026-06-30T09:00:00.000Z");
  });
});

describe("the process clock", () => {
  it("is real time without KAOPING_CLOCK", () => {
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it("starts at KAOPING_CLOCK and runs on from there", () => {
    const at = Date.parse(nowInProcess({ KAOPING_CLOCK: "2026-03-31T23:59:00+08:00" }));
    const start = Date.parse("2026-03-31T15:59:00Z");
    expect(at).toBeGreaterThanOrEqual(start);
    expect(at - start).toBeLessThan(60_000); // the process ran for seconds, not a minute
  });

  it("refuses a clock that is not an instant", () => {
    expect(() => nowInProcess({ KAOPING_CLOCK: "next tuesday" })).toThrow(/KAOPING_CLOCK must be an ISO instant/);
  });
});
