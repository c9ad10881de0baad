/**
 * Worked examples of scoreQuarter with the numbers written out, on a small
 * hand-made rubric and on each default rubric.
 */
import { describe, expect, it } from "vitest";
import { defaultRubric } from "./rubrics/index";
import { scoreQuarter } from "./score";
import { SERVICE_TYPES, type QuarterFinding, type QuarterInput, type Rubric } from "./types";

const l = (zh: string, en: string) => ({ "zh-CN": zh, en });

const rubric: Rubric = {
  id: "golden",
  version: "1",
  serviceType: "property",
  dimensions: [
    {
      id: "quality",
      label: l("服务质量", "Quality"),
      max: 40,
      source: "findings",
      items: [
        { id: "property.quality.stairs", label: l("楼梯不洁", "Dirty stairs"), deduction: { minor: 1, major: 3, critical: 8 } },
        { id: "property.quality.litter", label: l("垃圾未清", "Litter"), deduction: { minor: 0.1, major: 0.2, critical: 0.3 } },
      ],
    },
    { id: "satisfaction", label: l("满意度", "Satisfaction"), max: 30, source: "survey", items: [] },
    {
      id: "duty",
      label: l("履职情况", "Duty"),
      max: 30,
      source: "findings",
      items: [{ id: "property.duty.patrol", label: l("未按时巡查", "Patrol missed"), deduction: { minor: 2, major: 5, critical: 10 } }],
    },
  ],
  vetoItems: [{ id: "property.veto.fire", label: l("重大火灾", "Major fire") }],
  bonusItems: [{ id: "property.bonus.flood", label: l("防汛值守", "Flood duty"), points: 1 }],
  bonusCap: 3,
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
    { id: "q1", label: l("总体满意度", "Overall") },
    { id: "q2", label: l("响应速度", "Response") },
  ],
};

/** 100 respondents, all satisfied: full satisfaction points. */
const happy = { respondents: 100, questions: { q1: [0, 0, 0, 10, 90] as [number, number, number, number, number] } };

const quarter = (findings: QuarterFinding[], extra: Partial<QuarterInput> = {}): QuarterInput => ({
  period: "2026-Q3",
  asOf: "2026-10-10",
  survey: happy,
  findings,
  ...extra,
});

const litter = (foundOn: string, rectifiedOn: string | null, dueOn = foundOn): QuarterFinding => ({
  itemId: "property.quality.litter",
  severity: "minor",
  foundOn,
  dueOn,
  rectifiedOn,
});

const dim = (input: QuarterInput, id: string) => scoreQuarter(rubric, input).dimensions.find((d) => d.id === id)!;

describe("scoreQuarter worked examples", () => {
  it("takes ten 0.1-point findings off exactly: 40 − 1.0 = 39", () => {
    const findings = Array.from({ length: 10 }, (_, i) => litter(`2026-07-${String(i + 10)}`, `2026-07-${String(i + 10)}`));
    expect(dim(quarter(findings), "quality").points).toBe(39);
    expect(scoreQuarter(rubric, quarter(findings)).total).toBe(99);
  });

  it("rounds a late 0.1 × 1.5 = 0.15 half-up: 39.85 is reported as 39.9", () => {
    const d = dim(quarter([litter("2026-07-01", "2026-07-03")]), "quality");
    expect(d.points).toBe(39.9);
    expect(d.deductions[0]).toMatchObject({ points: 0.15, cost: 0.15, reason: { "zh-CN": "垃圾未清（一般），逾期整改 ×1.5", en: "Litter (minor), rectified late ×1.5" } });
  });

  it("doubles a finding still open after its deadline, and says so", () => {
    const d = dim(quarter([{ id: "f-7", itemId: "property.quality.stairs", severity: "major", foundOn: "2026-08-01", dueOn: "2026-08-03" }]), "quality");
    expect(d.points).toBe(34);
    expect(d.deductions).toEqual([
      { itemId: "property.quality.stairs", findingId: "f-7", points: 6, cost: 6, reason: { "zh-CN": "楼梯不洁（较重），逾期未整改 ×2", en: "Dirty stairs (major), overdue, not rectified ×2" } },
    ]);
  });

  it("charges an open finding still within its deadline at its plain deduction", () => {
    const input = quarter([{ itemId: "property.quality.stairs", severity: "critical", foundOn: "2026-09-28", dueOn: "2026-10-15" }]);
    expect(dim(input, "quality").points).toBe(32);
  });

  it("treats a rectification after asOf as not rectified", () => {
    const input = quarter([{ itemId: "property.quality.stairs", severity: "minor", foundOn: "2026-09-01", dueOn: "2026-09-05", rectifiedOn: "2026-10-20" }]);
    expect(dim(input, "quality").deductions[0]!.cost).toBe(2);
  });

  it("stops a dimension at 0 and still lists the deductions past the floor", () => {
    const patrol = (day: string): QuarterFinding => ({ itemId: "property.duty.patrol", severity: "critical", foundOn: day, dueOn: day, rectifiedOn: day });
    const d = dim(quarter([patrol("2026-07-04"), patrol("2026-07-01"), patrol("2026-07-03"), patrol("2026-07-02")]), "duty");
    expect(d.points).toBe(0);
    expect(d.deductions.map((x) => x.points)).toEqual([10, 10, 10, 0]);
    expect(d.deductions[3]!.reason["zh-CN"]).toContain("本维度已扣至 0 分");
  });

  it("maps a 95 % satisfaction rate linearly between 60 % and 98 %: 30 × 35/38 = 27.6", () => {
    const input = quarter([], { survey: { respondents: 100, questions: { q1: [5, 0, 0, 45, 50] } } });
    const d = dim(input, "satisfaction");
    expect(d.points).toBe(27.6);
    expect(d.deductions).toEqual([
      { itemId: "satisfaction", points: 2.368, cost: 2.368, reason: { "zh-CN": "满意率 95.0%，低于目标 98%", en: "Satisfaction rate 95.0%, below the 98% target" } },
    ]);
  });

  it("pools all questions' answers and ignores skipped ones", () => {
    const input = quarter([], { survey: { respondents: 20, questions: { q1: [0, 0, 0, 10, 10], q2: [0, 0, 2, 0, 0] } } });
    expect(scoreQuarter(rubric, input).satisfaction).toEqual({ respondents: 20, rate: 20 / 22, sufficient: true });
  });

  it("gives 0 satisfaction points at or below the floor rate, with the reason", () => {
    const d = dim(quarter([], { survey: { respondents: 10, questions: { q1: [2, 2, 0, 3, 3] } } }), "satisfaction");
    expect(d.points).toBe(0);
    expect(d.deductions[0]!.reason.en).toBe("Satisfaction rate 60.0%, at or below the 60% floor: satisfaction scores 0");
  });

  it("scores no survey at all as 0 satisfaction points, provisionally", () => {
    const s = scoreQuarter(rubric, quarter([], { survey: { respondents: 0, questions: {} } }));
    expect(s).toMatchObject({ total: 70, grade: "pass", provisional: true, satisfaction: { respondents: 0, rate: null, sufficient: false } });
    expect(s.dimensions[1]!.deductions).toEqual([
      { itemId: "satisfaction", points: 30, cost: 30, reason: { "zh-CN": "无有效问卷，满意度得分记 0", en: "No survey answers: satisfaction scores 0" } },
    ]);
  });

  it("counts each bonus entry, up to the cap and the room below 100", () => {
    const flood = { itemId: "property.bonus.flood" };
    const findings = [{ itemId: "property.quality.stairs", severity: "minor", foundOn: "2026-07-01", dueOn: "2026-07-09", rectifiedOn: "2026-07-02" } as const];
    const s = scoreQuarter(rubric, quarter([...findings, ...findings], { bonuses: [flood, flood, flood, flood] }));
    expect(s.bonus).toBe(2);
    expect(s.total).toBe(100);
    expect(s.bonuses.map((b) => b.points)).toEqual([1, 1, 0, 0]);
  });

  it("fails a vetoed quarter but keeps its points", () => {
    const s = scoreQuarter(rubric, quarter([], { vetoes: [{ itemId: "property.veto.fire", occurredOn: "2026-08-08", note: "kitchen" }] }));
    expect(s).toMatchObject({ total: 100, grade: "fail", vetoed: true, vetoes: [{ itemId: "property.veto.fire", occurredOn: "2026-08-08", label: l("重大火灾", "Major fire") }] });
  });
});

describe.each(SERVICE_TYPES)("the default %s rubric", (type) => {
  const r = defaultRubric(type);
  const quality = r.dimensions.find((d) => d.source === "findings")!;
  const item = quality.items[0]!;

  it("scores a clean quarter with a full survey at 100, excellent", () => {
    const survey = { respondents: 50, questions: { [r.questionnaire[0]!.id]: [0, 0, 0, 0, 50] as [number, number, number, number, number] } };
    expect(scoreQuarter(r, { period: "2026-Q2", asOf: "2026-07-05", survey, findings: [] })).toMatchObject({ total: 100, grade: "excellent", bonus: 0 });
  });

  it("costs a late major finding its deduction × lateFactor, naming the item", () => {
    const survey = { respondents: 50, questions: { [r.questionnaire[0]!.id]: [0, 0, 0, 0, 50] as [number, number, number, number, number] } };
    const finding = { itemId: item.id, severity: "major", foundOn: "2026-04-10", dueOn: "2026-04-12", rectifiedOn: "2026-04-20" } as const;
    const s = scoreQuarter(r, { period: "2026-Q2", asOf: "2026-07-05", survey, findings: [finding] });
    const d = s.dimensions.find((x) => x.id === quality.id)!;
    const cost = Math.round(item.deduction.major * r.lateFactor * 1000) / 1000;
    expect(d.deductions[0]!.cost).toBe(cost);
    expect(d.points).toBe(Math.floor((quality.max - cost) * 10 + 0.5 + 1e-9) / 10);
    expect(d.deductions[0]!.reason["zh-CN"]).toBe(`${item.label["zh-CN"]}（较重），逾期整改 ×${r.lateFactor}`);
  });
});
