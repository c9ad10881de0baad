/**
 * Golden quarters: one realistic quarter per default rubric, scored by hand.
 *
 * Each expected number below was worked out on paper from the rules in
 * shared/docs/SCORING.md, and the arithmetic is written out beside it:
 * - a finding costs deduction[severity] × factor, where the factor is
 *   1 if rectified on or before dueOn, lateFactor (1.5) if rectified after dueOn,
 *   overdueFactor (2) if still open at asOf with asOf after dueOn, and
 *   1 if still open but asOf is on or before dueOn;
 * - a dimension is max − Σ costs (never below 0), rounded half-up to 0.1;
 * - satisfaction = max × clamp((rate − 0.60) / (0.98 − 0.60), 0, 1), where
 *   rate = answers ≥ 4 ÷ all answers over all questions, rounded half-up to 0.1;
 * - total = Σ dimension points + min(bonusCap, Σ bonus, 100 − Σ points);
 * - grade = the highest band whose min ≤ total (90 / 80 / 60 / 0); a veto → fail.
 *
 * If one of these fails, re-check the arithmetic here before touching the engine.
 */
import { describe, expect, it } from "vitest";
import { defaultRubric, defaultRubricVersion, scoreQuarter } from "./index";
import type {
  AnswerCounts,
  QuarterFinding,
  QuarterInput,
  QuarterScore,
  Severity,
  SurveyTally,
} from "./types";

/** A finding; `rectifiedOn` null means still open. */
function finding(
  id: string,
  itemId: string,
  severity: Severity,
  foundOn: string,
  dueOn: string,
  rectifiedOn: string | null,
): QuarterFinding {
  return { id, itemId, severity, foundOn, dueOn, rectifiedOn };
}

function survey(respondents: number, questions: Record<string, AnswerCounts>): SurveyTally {
  return { respondents, questions };
}

function points(score: QuarterScore): Record<string, number> {
  return Object.fromEntries(score.dimensions.map((d) => [d.id, d.points]));
}

/** The points charged for one finding, wherever it landed. */
function charged(score: QuarterScore, findingId: string): number | undefined {
  for (const d of score.dimensions) {
    const hit = d.deductions.find((x) => x.findingId === findingId);
    if (hit !== undefined) return hit.points;
  }
  return undefined;
}

describe("golden quarter: property 2026-Q3 (安居物业, three office buildings)", () => {
  const rubric = defaultRubric("property");
  const input: QuarterInput = {
    period: "2026-Q3",
    asOf: "2026-10-10",
    findings: [
      // quality (max 40)
      finding("p1", "property.quality.cleaning-common-areas", "minor", "2026-07-03", "2026-07-04", "2026-07-04"),
      finding("p2", "property.quality.cleaning-common-areas", "major", "2026-07-15", "2026-07-16", "2026-07-16"),
      finding("p3", "property.quality.cleaning-common-areas", "minor", "2026-08-05", "2026-08-06", "2026-08-06"),
      finding("p4", "property.quality.waste-sorting", "minor", "2026-08-12", "2026-08-13", "2026-08-12"),
      finding("p5", "property.quality.repair-timeliness", "major", "2026-07-31", "2026-08-31", "2026-09-10"),
      finding("p6", "property.quality.fire-patrol", "minor", "2026-09-02", "2026-09-09", "2026-09-08"),
      finding("p7", "property.quality.lift-plant-room", "major", "2026-09-20", "2026-09-30", null),
      finding("p8", "property.quality.visitor-registration", "minor", "2026-09-25", "2026-10-15", null),
      // duty (max 15)
      finding("p9", "property.duty.repair-response", "minor", "2026-07-22", "2026-07-22", "2026-07-22"),
      finding("p10", "property.duty.guard-off-post", "major", "2026-08-18", "2026-08-19", "2026-08-19"),
      finding("p11", "property.duty.ledgers", "minor", "2026-09-15", "2026-09-22", "2026-09-18"),
      // personnel (max 15)
      finding("p12", "property.personnel.uniform-badge", "minor", "2026-07-08", "2026-07-08", "2026-07-08"),
    ],
    // 40 respondents, 8 questions; four questions skipped by one person each.
    survey: survey(40, {
      "property.q.cleaning": [0, 1, 2, 15, 22], //        40 answers, 37 satisfied
      "property.q.security": [0, 0, 0, 14, 26], //        40, 40
      "property.q.repair-response": [1, 1, 3, 16, 18], // 39, 34
      "property.q.repair-quality": [0, 1, 2, 17, 19], //  39, 36
      "property.q.facilities": [0, 0, 2, 16, 22], //      40, 38
      "property.q.reception": [0, 0, 1, 12, 26], //       39, 38
      "property.q.attitude": [0, 0, 0, 13, 27], //        40, 40
      "property.q.responsiveness": [0, 1, 1, 17, 20], //  39, 37
    }),
    bonuses: [{ itemId: "property.bonus.emergency-support", note: "7月防汛值守" }],
  };
  const score = scoreQuarter(rubric, input);

  it("charges in-time, late, overdue and not-yet-due findings by their factor", () => {
    // p5 repair timeliness, major 2, rectified 09-10 after due 08-31: 2 × 1.5 = 3
    expect(charged(score, "p5")).toBe(3);
    // p7 plant rooms, major 1.5, open at 10-10 after due 09-30: 1.5 × 2 = 3
    expect(charged(score, "p7")).toBe(3);
    // p8 visitor registration, minor 0.5, open at 10-10 but due 10-15: 0.5 × 1 = 0.5
    expect(charged(score, "p8")).toBe(0.5);
    // p4 waste sorting, minor 0.3, rectified before due: 0.3
    expect(charged(score, "p4")).toBe(0.3);
  });

  it("scores each dimension", () => {
    // quality: 0.2 + 0.5 + 0.2 (p1–p3 stairwells/toilets) + 0.3 (p4) + 3 (p5 late)
    //          + 1 (p6) + 3 (p7 overdue) + 0.5 (p8) = 8.7   → 40 − 8.7 = 31.3
    // satisfaction: answers 40+40+39+39+40+39+40+39 = 316,
    //          satisfied 37+40+34+36+38+38+40+37 = 300, rate = 300/316 = 0.94937
    //          30 × (300/316 − 0.6) / 0.38 = 30 × 110.4 / 120.08 = 27.582 → 27.6
    // duty:    0.3 (p9) + 2 (p10 guard off post) + 0.3 (p11) = 2.6 → 15 − 2.6 = 12.4
    // personnel: 0.1 (p12 badge) → 15 − 0.1 = 14.9
    expect(points(score)).toEqual({ quality: 31.3, satisfaction: 27.6, duty: 12.4, personnel: 14.9 });
    expect(score.satisfaction.respondents).toBe(40);
    expect(score.satisfaction.rate).toBeCloseTo(300 / 316, 12);
    expect(score.satisfaction.sufficient).toBe(true);
    expect(score.provisional).toBe(false);
  });

  it("adds the flood-duty bonus and grades the total", () => {
    // Σ points = 31.3 + 27.6 + 12.4 + 14.9 = 86.2
    // bonus = min(cap 3, flood duty 2, 100 − 86.2 = 13.8) = 2
    // total = 86.2 + 2 = 88.2 → good (80 ≤ 88.2 < 90)
    expect(score.bonus).toBe(2);
    expect(score.total).toBe(88.2);
    expect(score.grade).toBe("good");
    expect(score.vetoed).toBe(false);
    expect(score.rubricId).toBe("property");
    // defaultRubric is 2026.2 since issue 10 (was "2026.1", changed deliberately):
    // this quarter has no repeat, so every number above is the same under both.
    expect(score.rubricVersion).toBe("2026.2");
  });

  it("scores the same under 2026.1, which stays reachable by its version", () => {
    const old = scoreQuarter(defaultRubricVersion("property", "2026.1"), input);
    expect(old.rubricVersion).toBe("2026.1");
    expect({ ...old, rubricVersion: "2026.2" }).toEqual(score);
  });
});

describe("golden quarter: catering 2026-Q2 (百味团膳, east canteen)", () => {
  const rubric = defaultRubric("catering");
  const score = scoreQuarter(rubric, {
    period: "2026-Q2",
    asOf: "2026-07-05",
    findings: [
      // quality: food safety and service (max 45)
      finding("c1", "catering.quality.sample-retention", "minor", "2026-04-14", "2026-04-14", "2026-04-14"),
      finding("c2", "catering.quality.pests", "minor", "2026-05-06", "2026-05-08", "2026-05-10"),
      finding("c3", "catering.quality.menu", "minor", "2026-05-11", "2026-05-15", "2026-05-13"),
      finding("c4", "catering.quality.dining-hall-hygiene", "minor", "2026-06-02", "2026-06-02", "2026-06-02"),
      finding("c5", "catering.quality.pesticide-testing", "major", "2026-06-16", "2026-06-23", null),
      finding("c6", "catering.quality.kitchen-waste", "minor", "2026-06-25", "2026-07-10", null),
      // duty (max 10)
      finding("c7", "catering.duty.purchase-ledger", "minor", "2026-04-20", "2026-04-27", "2026-04-24"),
      finding("c8", "catering.duty.cost-pricing", "minor", "2026-05-20", "2026-05-27", "2026-06-03"),
      // personnel (max 10)
      finding("c9", "catering.personnel.health-certificate", "major", "2026-04-08", "2026-04-15", "2026-04-12"),
      finding("c10", "catering.personnel.morning-check", "minor", "2026-06-09", "2026-06-09", "2026-06-09"),
    ],
    // 36 respondents, every question answered by all: 288 answers.
    survey: survey(36, {
      "catering.q.taste": [0, 1, 2, 20, 13], //          3 not satisfied
      "catering.q.food-safety": [0, 0, 1, 18, 17], //    1
      "catering.q.variety": [0, 1, 2, 21, 12], //        3
      "catering.q.price": [0, 0, 2, 19, 15], //          2
      "catering.q.environment": [0, 0, 1, 17, 18], //    1
      "catering.q.attitude": [0, 0, 0, 16, 20], //       0
      "catering.q.punctuality": [0, 0, 1, 18, 17], //    1
      "catering.q.responsiveness": [0, 0, 1, 20, 15], // 1
    }),
    bonuses: [{ itemId: "catering.bonus.commendation", note: "机关党委赠送锦旗" }],
  });

  it("scores each dimension", () => {
    // quality: 4 (c1 one dish's sample under 125 g, minor) + 1 × 1.5 (c2 flies, rectified
    //          05-10 after due 05-08) + 0.5 (c3) + 0.3 (c4) + 2 × 2 (c5 pesticide tests,
    //          open at 07-05 after due 06-23) + 0.5 (c6, open but due 07-10)
    //          = 4 + 1.5 + 0.5 + 0.3 + 4 + 0.5 = 10.8 → 45 − 10.8 = 34.2
    // satisfaction: 288 answers, 3+1+3+2+1+0+1+1 = 12 not satisfied → 276 satisfied,
    //          rate = 276/288 = 0.958333
    //          35 × (276/288 − 0.6) / 0.38 = 35 × 103.2 / 109.44 = 33.0044 → 33.0
    // duty:    1 (c7) + 0.5 × 1.5 (c8 prices, rectified 06-03 after due 05-27) = 1.75
    //          → 10 − 1.75 = 8.25 → half-up → 8.3
    // personnel: 2 (c9 health certificate, major) + 0.5 (c10) = 2.5 → 10 − 2.5 = 7.5
    expect(charged(score, "c2")).toBe(1.5);
    expect(charged(score, "c5")).toBe(4);
    expect(charged(score, "c8")).toBe(0.75);
    expect(points(score)).toEqual({ quality: 34.2, satisfaction: 33, duty: 8.3, personnel: 7.5 });
    expect(score.satisfaction.rate).toBeCloseTo(276 / 288, 12);
  });

  it("adds the commendation and grades the total", () => {
    // Σ points = 34.2 + 33.0 + 8.3 + 7.5 = 83.0
    // bonus = min(cap 3, 锦旗 1, 100 − 83 = 17) = 1
    // total = 83.0 + 1 = 84.0 → good
    expect(score.bonus).toBe(1);
    expect(score.total).toBe(84);
    expect(score.grade).toBe("good");
    expect(score.vetoed).toBe(false);
  });
});

describe("golden quarter: catering 2026-Q1 with a food-poisoning veto (禾丰餐饮, main canteen)", () => {
  const rubric = defaultRubric("catering");
  const score = scoreQuarter(rubric, {
    period: "2026-Q1",
    asOf: "2026-04-08",
    findings: [
      finding("v1", "catering.quality.taste-portion", "minor", "2026-01-20", "2026-01-22", "2026-01-21"),
    ],
    // 30 respondents, every question answered: 240 answers, 5 not satisfied.
    survey: survey(30, {
      "catering.q.taste": [0, 0, 1, 12, 17],
      "catering.q.food-safety": [0, 1, 0, 11, 18],
      "catering.q.variety": [0, 0, 1, 14, 15],
      "catering.q.price": [0, 0, 0, 13, 17],
      "catering.q.environment": [0, 0, 0, 10, 20],
      "catering.q.attitude": [0, 0, 0, 9, 21],
      "catering.q.punctuality": [0, 0, 1, 12, 17],
      "catering.q.responsiveness": [0, 0, 1, 13, 16],
    }),
    vetoes: [
      { itemId: "catering.veto.food-poisoning", occurredOn: "2026-03-12", note: "午餐后23人腹泻，疾控确认诺如病毒" },
    ],
  });

  it("keeps the points", () => {
    // quality: 45 − 0.5 (v1) = 44.5; duty 10; personnel 10
    // satisfaction: 240 answers, 235 satisfied, rate 0.979167 (< 0.98, so not full marks)
    //          35 × (235/240 − 0.6) / 0.38 = 35 × 91 / 91.2 = 34.923 → 34.9
    // total = 44.5 + 34.9 + 10 + 10 = 99.4, no bonus
    expect(points(score)).toEqual({ quality: 44.5, satisfaction: 34.9, duty: 10, personnel: 10 });
    expect(score.bonus).toBe(0);
    expect(score.total).toBe(99.4);
  });

  it("fails the quarter outright (一票否决)", () => {
    expect(score.vetoed).toBe(true);
    expect(score.grade).toBe("fail");
  });
});

describe("golden quarter: greening 2026-Q2 (绿源园林, whole campus)", () => {
  const rubric = defaultRubric("greening");
  const score = scoreQuarter(rubric, {
    period: "2026-Q2",
    asOf: "2026-07-08",
    findings: [
      // quality (max 45)
      finding("g1", "greening.quality.dead-plants-not-replaced", "major", "2026-04-10", "2026-04-30", "2026-05-20"),
      finding("g2", "greening.quality.replanting-after-notice", "major", "2026-05-06", "2026-05-20", null),
      finding("g3", "greening.quality.survival-rate", "minor", "2026-06-30", "2026-07-31", null),
      finding("g4", "greening.quality.clippings", "minor", "2026-04-22", "2026-04-22", "2026-04-22"),
      finding("g5", "greening.quality.clippings", "minor", "2026-05-27", "2026-05-27", "2026-05-27"),
      finding("g6", "greening.quality.lawn", "major", "2026-06-03", "2026-06-06", "2026-06-05"),
      finding("g7", "greening.quality.pests", "minor", "2026-06-12", "2026-06-15", "2026-06-19"),
      finding("g8", "greening.quality.bare-soil", "minor", "2026-04-15", "2026-04-30", "2026-04-28"),
      // duty (max 15)
      finding("g9", "greening.duty.work-log", "major", "2026-05-12", "2026-05-19", "2026-05-26"),
      finding("g10", "greening.duty.staffing", "minor", "2026-06-08", "2026-06-08", "2026-06-08"),
      finding("g11", "greening.duty.response", "minor", "2026-06-22", "2026-06-24", null),
      // personnel (max 15)
      finding("g12", "greening.personnel.uniform-badge", "minor", "2026-04-17", "2026-04-17", "2026-04-17"),
      finding("g13", "greening.personnel.certificates", "major", "2026-05-14", "2026-05-28", "2026-05-25"),
    ],
    // 24 respondents; 12 answers skipped in all: 180 answers.
    survey: survey(24, {
      "greening.q.landscape": [0, 1, 3, 12, 8], //        24 answers, 20 satisfied
      "greening.q.plant-health": [1, 2, 3, 11, 7], //     24, 18
      "greening.q.lawn": [0, 1, 2, 11, 8], //             22, 19
      "greening.q.pruning": [0, 1, 3, 10, 8], //          22, 18
      "greening.q.tidiness": [0, 2, 2, 11, 8], //         23, 19
      "greening.q.pest-control": [0, 1, 2, 10, 8], //     21, 18
      "greening.q.seasonal-flowers": [0, 1, 2, 12, 7], // 22, 19
      "greening.q.responsiveness": [1, 1, 1, 11, 8], //   22, 19
    }),
  });

  it("charges the ignored written notice at the overdue rate", () => {
    // g2 still not replanted after a written notice, major 4, open at 07-08 after due 05-20: 4 × 2 = 8
    expect(charged(score, "g2")).toBe(8);
    // g1 dead plants, major 1, replanted 05-20 after due 04-30: 1 × 1.5 = 1.5
    expect(charged(score, "g1")).toBe(1.5);
  });

  it("scores each dimension", () => {
    // quality: 1.5 (g1 late) + 8 (g2 overdue) + 2 (g3 survival < 95 %, open but due 07-31)
    //          + 0.3 + 0.3 (g4, g5 clippings) + 1 (g6 lawn) + 1 × 1.5 (g7 pests, late)
    //          + 0.3 (g8 bare soil) = 14.9 → 45 − 14.9 = 30.1
    // satisfaction: answers 24+24+22+22+23+21+22+22 = 180,
    //          satisfied 20+18+19+18+19+18+19+19 = 150, rate = 150/180 = 0.833333
    //          25 × (150/180 − 0.6) / 0.38 = 25 × 42 / 68.4 = 15.351 → 15.4
    // duty:    1 × 1.5 (g9 work log, late) + 0.5 (g10) + 0.3 × 2 (g11, open after due 06-24)
    //          = 1.5 + 0.5 + 0.6 = 2.6 → 15 − 2.6 = 12.4
    // personnel: 0.2 (g12) + 2 (g13) = 2.2 → 15 − 2.2 = 12.8
    expect(points(score)).toEqual({ quality: 30.1, satisfaction: 15.4, duty: 12.4, personnel: 12.8 });
    expect(score.satisfaction.rate).toBeCloseTo(150 / 180, 12);
    expect(score.provisional).toBe(false);
  });

  it("grades the total, with no bonus", () => {
    // total = 30.1 + 15.4 + 12.4 + 12.8 = 70.7 → pass (60 ≤ 70.7 < 80)
    expect(score.bonus).toBe(0);
    expect(score.total).toBe(70.7);
    expect(score.grade).toBe("pass");
  });
});

describe("golden quarter: meeting 2026-Q3 (嘉会会务, conference centre)", () => {
  const rubric = defaultRubric("meeting");
  const score = scoreQuarter(rubric, {
    period: "2026-Q3",
    asOf: "2026-10-09",
    findings: [
      // quality (max 35)
      finding("m1", "meeting.quality.tea-service", "minor", "2026-07-09", "2026-07-09", "2026-07-09"),
      finding("m2", "meeting.quality.room-setup", "minor", "2026-08-04", "2026-08-04", "2026-08-04"),
      finding("m3", "meeting.quality.supplies", "minor", "2026-08-20", "2026-08-21", "2026-08-22"),
      finding("m4", "meeting.quality.disinfection", "minor", "2026-09-11", "2026-09-11", "2026-09-11"),
      // duty (max 15)
      finding("m5", "meeting.duty.records", "minor", "2026-07-28", "2026-08-04", "2026-08-01"),
      finding("m6", "meeting.duty.staff-late", "minor", "2026-09-18", "2026-09-18", "2026-09-18"),
      // personnel (max 15)
      finding("m7", "meeting.personnel.appearance", "minor", "2026-08-12", "2026-08-12", "2026-08-12"),
      finding("m8", "meeting.personnel.etiquette", "minor", "2026-09-24", "2026-09-30", null),
    ],
    // 45 respondents, every question answered: 360 answers, 5 not satisfied.
    survey: survey(45, {
      "meeting.q.room-setup": [0, 0, 0, 10, 35],
      "meeting.q.av": [0, 0, 1, 12, 32],
      "meeting.q.tea-service": [0, 0, 1, 11, 33],
      "meeting.q.punctuality": [0, 0, 0, 9, 36],
      "meeting.q.etiquette": [0, 0, 0, 8, 37],
      "meeting.q.confidentiality": [0, 0, 0, 7, 38],
      "meeting.q.hygiene": [0, 0, 1, 10, 34],
      "meeting.q.responsiveness": [0, 1, 1, 12, 31],
    }),
    bonuses: [
      { itemId: "meeting.bonus.major-event", note: "全市经济工作会议保障" },
      { itemId: "meeting.bonus.commendation", note: "市委办公室表扬信" },
      { itemId: "meeting.bonus.commendation", note: "参会单位锦旗" },
    ],
  });

  it("scores each dimension", () => {
    // quality: 0.3 (m1 tea) + 1 (m2 name card) + 0.2 × 1.5 (m3 supplies, late) + 0.5 (m4)
    //          = 0.3 + 1 + 0.3 + 0.5 = 2.1 → 35 − 2.1 = 32.9
    // satisfaction: 360 answers, 355 satisfied, rate = 0.98611 ≥ target 0.98 → full 35
    // duty:    0.3 (m5) + 0.5 (m6) = 0.8 → 15 − 0.8 = 14.2
    // personnel: 0.2 (m7) + 0.2 × 2 (m8, open at 10-09 after due 09-30) = 0.6 → 14.4
    expect(charged(score, "m3")).toBe(0.3);
    expect(charged(score, "m8")).toBe(0.4);
    expect(points(score)).toEqual({ quality: 32.9, satisfaction: 35, duty: 14.2, personnel: 14.4 });
    expect(score.satisfaction.rate).toBeCloseTo(355 / 360, 12);
  });

  it("caps the bonus and grades the total", () => {
    // Σ points = 32.9 + 35 + 14.2 + 14.4 = 96.5
    // Σ bonus = 2 + 1 + 1 = 4; applied = min(cap 3, 4, 100 − 96.5 = 3.5) = 3
    // total = 96.5 + 3 = 99.5 → excellent
    expect(score.bonus).toBe(3);
    expect(score.total).toBe(99.5);
    expect(score.grade).toBe("excellent");
  });
});
