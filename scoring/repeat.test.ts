/**
 * Repeat findings (SCORING.md: `repeatFactor` on the rubric, `repeatOf` on a
 * finding) and the 2026.1 / 2026.2 releases of the default rubrics: a repeat
 * never costs less, costs strictly more while repeatFactor > 1 and its
 * dimension has room, says so in its reason, and everything without repeats
 * scores exactly as before.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { arbAnyRubric, arbDefaultRubric, arbFinding, arbQuarterInput, arbRubric, arbRubricAndInput, errorPath } from "./arbitraries";
import {
  DEFAULT_RUBRIC_VERSION,
  DEFAULT_RUBRIC_VERSIONS,
  DEFAULT_RUBRICS,
  defaultRubric,
  defaultRubricVersion,
  scoreQuarter,
} from "./index";
import { SERVICE_TYPES, type QuarterFinding, type QuarterInput, type QuarterScore, type Rubric } from "./types";

const dimensionOf = (r: Rubric, itemId: string) => r.dimensions.find((d) => d.items.some((i) => i.id === itemId))!;
const dimScore = (s: QuarterScore, id: string) => s.dimensions.find((d) => d.id === id)!;
const probeOf = (s: QuarterScore, id: string) => dimScore(s, id).deductions.find((d) => d.findingId === "probe")!;

/** Thousandths left in the probe's dimension right after the probe was applied (deductions are listed in order). */
function roomAfterProbe(s: QuarterScore, id: string): number {
  const d = dimScore(s, id);
  let left = Math.round(d.max * 1000);
  for (const x of d.deductions) {
    left -= Math.round(x.points * 1000);
    if (x.findingId === "probe") return left;
  }
  throw new Error("probe not listed");
}

/** A rubric, a quarter, and one extra finding in two versions: plain, and a repeat of an earlier one. */
const arbRepeatPair = arbRubricAndInput().chain(([r, q]) =>
  arbFinding(r, q.period).map((f) => {
    const base = { ...f, id: "probe" };
    const with_ = (x: QuarterFinding): QuarterInput => ({ ...q, findings: [...q.findings, x] });
    return { r, q, dimensionId: dimensionOf(r, f.itemId).id, plain: with_(base), repeat: with_({ ...base, repeatOf: "earlier" }) };
  }),
);

/** Drops repeatFactor from a rubric (a stored rubric from before repeats). */
function withoutRepeatFactor(r: Rubric): Rubric {
  const { repeatFactor: _dropped, ...rest } = r;
  return rest;
}

/** Drops repeatOf from every finding of an input. */
function withoutRepeats(q: QuarterInput): QuarterInput {
  return { ...q, findings: q.findings.map(({ repeatOf: _dropped, ...f }) => f) };
}

describe("a repeat finding", () => {
  test.prop([arbRepeatPair])("never costs less than the same finding without repeatOf", ({ r, dimensionId, plain, repeat }) => {
    const a = scoreQuarter(r, plain);
    const b = scoreQuarter(r, repeat);
    expect(probeOf(b, dimensionId).cost!).toBeGreaterThanOrEqual(probeOf(a, dimensionId).cost!);
    expect(probeOf(b, dimensionId).points).toBeGreaterThanOrEqual(probeOf(a, dimensionId).points);
    expect(dimScore(b, dimensionId).points).toBeLessThanOrEqual(dimScore(a, dimensionId).points);
    expect(b.total).toBeLessThanOrEqual(a.total);
  });

  test.prop([arbRepeatPair])("costs strictly more while repeatFactor > 1 and its dimension is above 0", ({ r, dimensionId, plain, repeat }) => {
    const a = scoreQuarter(r, plain);
    const b = scoreQuarter(r, repeat);
    if ((r.repeatFactor ?? 1) > 1) {
      expect(probeOf(b, dimensionId).cost!).toBeGreaterThan(probeOf(a, dimensionId).cost!);
      // The plain finding left room in the dimension: the repeat takes more of it.
      if (roomAfterProbe(a, dimensionId) > 0) expect(probeOf(b, dimensionId).points).toBeGreaterThan(probeOf(a, dimensionId).points);
    } else {
      expect(probeOf(b, dimensionId).cost).toBe(probeOf(a, dimensionId).cost);
    }
  });

  test.prop([arbRepeatPair])("costs deduction × repeatFactor × its timeliness factor, rounded once", ({ r, dimensionId, plain, repeat }) => {
    const factor = r.repeatFactor ?? 1;
    const a = probeOf(scoreQuarter(r, plain), dimensionId).cost!;
    const b = probeOf(scoreQuarter(r, repeat), dimensionId).cost!;
    // Both are rounded to 0.001 once: b within 0.0005 of d×t×f, and a within 0.0005 of d×t,
    // so b is within 0.0005 × (1 + factor) of a × factor (a × factor carries a's rounding × factor).
    expect(Math.abs(b - a * factor)).toBeLessThanOrEqual(0.0005 * (1 + factor) + 1e-9);
  });

  test.prop([arbRepeatPair])("says in its reason that it is a repeat, in both languages", ({ r, dimensionId, plain, repeat }) => {
    const a = probeOf(scoreQuarter(r, plain), dimensionId).reason;
    const b = probeOf(scoreQuarter(r, repeat), dimensionId).reason;
    expect(b["zh-CN"]).toContain("重复出现");
    expect(b.en).toContain("repeat");
    expect(a["zh-CN"]).not.toContain("重复出现");
    expect(a.en).not.toContain("repeat");
  });

  test.prop([arbRepeatPair])("repeatOf null reads as no repeat", ({ r, plain }) => {
    const nulled = { ...plain, findings: plain.findings.map((f) => ({ ...f, repeatOf: null })) };
    expect(scoreQuarter(r, nulled)).toEqual(scoreQuarter(r, withoutRepeats(plain)));
  });

  test.prop([arbRubricAndInput(), fc.constantFrom("", 3, true, {})])("with a repeatOf that is not a non-empty string is refused, at findings[i].repeatOf", ([r, q], bad) => {
    fc.pre(q.findings.length > 0);
    const i = q.findings.length - 1;
    const findings = q.findings.map((f, k) => (k === i ? { ...f, repeatOf: bad as never } : f));
    expect(errorPath(() => scoreQuarter(r, { ...q, findings }))).toBe(`findings[${i}].repeatOf`);
  });

  test.prop([arbRubricAndInput()])("that names itself is refused", ([r, q]) => {
    fc.pre(q.findings.length > 0);
    const findings = [...q.findings.slice(1), { ...q.findings[0]!, id: "self", repeatOf: "self" }];
    expect(errorPath(() => scoreQuarter(r, { ...q, findings }))).toBe(`findings[${findings.length - 1}].repeatOf`);
  });
});

describe("without repeats, scores are exactly as before", () => {
  test.prop([arbAnyRubric.chain((r) => fc.tuple(fc.constant(r), arbQuarterInput(r, { repeats: false })))])(
    "a rubric with or without repeatFactor gives identical output on inputs without repeatOf",
    ([r, q]) => {
      expect(scoreQuarter(withoutRepeatFactor(r), q)).toEqual(scoreQuarter({ ...r, repeatFactor: 2.5 }, q));
    },
  );

  test.prop([fc.constantFrom(...SERVICE_TYPES).chain((t) => fc.tuple(fc.constant(t), arbQuarterInput(defaultRubric(t), { repeats: false })))])(
    "2026.1 and 2026.2 with repeatFactor removed give identical output (but for the version) on inputs without repeats",
    ([type, q]) => {
      const old = scoreQuarter(defaultRubricVersion(type, "2026.1"), q);
      const current = scoreQuarter(withoutRepeatFactor(defaultRubricVersion(type, "2026.2")), q);
      expect(old.rubricVersion).toBe("2026.1");
      expect(current.rubricVersion).toBe("2026.2");
      expect({ ...old, rubricVersion: "x" }).toEqual({ ...current, rubricVersion: "x" });
      // and with repeatFactor kept: still identical, as nothing is a repeat
      expect({ ...scoreQuarter(defaultRubric(type), q), rubricVersion: "x" }).toEqual({ ...old, rubricVersion: "x" });
    },
  );

  test.prop([arbRubric().map(withoutRepeatFactor).chain((r) => fc.tuple(fc.constant(r), arbQuarterInput(r)))])(
    "a rubric without repeatFactor charges a repeat its plain cost (× 1), still naming it a repeat",
    ([r, q]) => {
      const plain = scoreQuarter(r, withoutRepeats(q));
      const marked = scoreQuarter(r, q);
      expect(marked.total).toBe(plain.total);
      expect(marked.dimensions.map((d) => d.points)).toEqual(plain.dimensions.map((d) => d.points));
    },
  );
});

describe("the released default rubrics", () => {
  it("2026.2 is current and carries repeatFactor 1.5; 2026.1 carries none", () => {
    expect(DEFAULT_RUBRIC_VERSION).toBe("2026.2");
    expect(DEFAULT_RUBRIC_VERSIONS).toEqual(["2026.1", "2026.2"]);
    for (const t of SERVICE_TYPES) {
      expect(defaultRubric(t).version).toBe("2026.2");
      expect(defaultRubric(t).repeatFactor).toBe(1.5);
      expect(DEFAULT_RUBRICS[t].version).toBe("2026.2");
      expect("repeatFactor" in defaultRubricVersion(t, "2026.1")).toBe(false);
    }
  });

  it("2026.2 differs from 2026.1 only by its version and repeatFactor", () => {
    for (const t of SERVICE_TYPES) {
      const { version: _v, repeatFactor: _f, ...current } = defaultRubricVersion(t, "2026.2");
      const { version: _w, ...old } = defaultRubricVersion(t, "2026.1");
      expect(current).toEqual(old);
    }
  });

  it("2026.1 is byte-for-byte what was released (its JSON hashes as recorded)", () => {
    // FNV-1a of JSON.stringify, recorded when 2026.2 was released: editing 2026.1 in any way breaks this.
    const hashes = Object.fromEntries(SERVICE_TYPES.map((t) => [t, fnv1a(JSON.stringify(defaultRubricVersion(t, "2026.1")))]));
    expect(hashes).toEqual(RELEASED_2026_1);
  });

  it("refuses a version that was never released", () => {
    expect(() => defaultRubricVersion("greening", "2025.9")).toThrow(/2025\.9/);
    expect(() => defaultRubricVersion("greening", "toString")).toThrow(Error);
    expect(() => defaultRubricVersion("cleaning" as never, "2026.1")).toThrow(/cleaning/);
  });

  it("hands out copies", () => {
    const copy = defaultRubricVersion("catering", "2026.1");
    copy.lateFactor = 9;
    expect(defaultRubricVersion("catering", "2026.1").lateFactor).toBe(1.5);
  });

  test.prop([arbDefaultRubric])("every current default validates with its repeatFactor", (r) => {
    expect(r.repeatFactor).toBe(1.5);
  });
});

describe("golden repeat: greening 2026-Q2, dead plants found again within 30 days", () => {
  const dead = "greening.quality.dead-plants-not-replaced"; // minor 0.5, major 1, critical 2; quality max 45
  const findings: QuarterFinding[] = [
    { id: "g1", itemId: dead, severity: "major", foundOn: "2026-04-07", dueOn: "2026-04-14", rectifiedOn: "2026-04-12" },
    { id: "g2", itemId: dead, severity: "major", foundOn: "2026-04-28", dueOn: "2026-05-05", rectifiedOn: "2026-05-04", repeatOf: "g1" },
    { id: "g3", itemId: dead, severity: "major", foundOn: "2026-05-20", dueOn: "2026-05-27", rectifiedOn: "2026-06-03", repeatOf: "g2" },
    { id: "g4", itemId: dead, severity: "minor", foundOn: "2026-06-10", dueOn: "2026-06-17", rectifiedOn: null, repeatOf: "g3" },
  ];
  const input: QuarterInput = { period: "2026-Q2", asOf: "2026-07-06", findings, survey: { respondents: 0, questions: {} } };
  const score = scoreQuarter(defaultRubric("greening"), input);
  const quality = dimScore(score, "quality");
  const cost = (id: string) => quality.deductions.find((d) => d.findingId === id)!;

  it("charges each finding by its factors", () => {
    // g1: 1 (in time, not a repeat)
    expect(cost("g1").points).toBe(1);
    // g2: 1 × 1.5 (repeat, in time) = 1.5
    expect(cost("g2").points).toBe(1.5);
    // g3: 1 × 1.5 (repeat) × 1.5 (late) = 2.25
    expect(cost("g3").points).toBe(2.25);
    // g4: 0.5 × 1.5 (repeat) × 2 (overdue at 07-06) = 1.5
    expect(cost("g4").points).toBe(1.5);
    // quality: 45 − (1 + 1.5 + 2.25 + 1.5) = 45 − 6.25 = 38.75 → 38.8
    expect(quality.points).toBe(38.8);
  });

  it("names the repeat and the other factor in the reason", () => {
    expect(cost("g1").reason["zh-CN"]).toBe("死株、缺株未及时清除补植（较重）");
    expect(cost("g3").reason["zh-CN"]).toBe("死株、缺株未及时清除补植（较重），重复出现 ×1.5，逾期整改 ×1.5");
    expect(cost("g4").reason.en).toBe("Dead or missing plants not removed and replaced promptly (minor), repeat ×1.5, overdue, not rectified ×2");
  });

  it("under 2026.1 (no repeatFactor) the same findings cost as if none were a repeat", () => {
    const old = dimScore(scoreQuarter(defaultRubricVersion("greening", "2026.1"), input), "quality");
    // 1 + 1 + 1.5 + 1 = 4.5 → 40.5
    expect(old.points).toBe(40.5);
    expect(old.deductions.find((d) => d.findingId === "g2")!.reason.en).toContain("repeat");
  });
});

/** FNV-1a 32-bit over UTF-16 code units, as hex. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

const RELEASED_2026_1: Record<string, string> = { property: "494b0287", catering: "9a90589a", greening: "35fc8c69", meeting: "81259e01" };
