/**
 * The demo's inspection history as plain data (PRODUCT.md, "The demo
 * organisation"; issue 10, "Demo history"): eight quarters of grid patrols,
 * quarterly assessments, findings and their rectification, bonuses and vetoes,
 * telling each contract's story:
 *
 * | contract     | story in the findings                                                  |
 * |--------------|------------------------------------------------------------------------|
 * | property     | many findings at first, repairs and stairwells above all, often fixed late; both fade out |
 * | main canteen | steady, then a confirmed food-poisoning veto two quarters ago           |
 * | east canteen | steady, a few findings a month                                          |
 * | greening     | dead plants found again and again in the same cell (repeats), fixed later and later |
 * | meeting      | a handful of minor findings, fixed in time                              |
 *
 * Pure — no database, no clock, no files: everything is worked out from `today`
 * and the fixed seed (one `demoRandom` stream per part), so a given day always
 * gives the same history. About 800 findings a year across the 49 cells; every
 * cell patrolled by its leader about weekly, with gaps (a few cells not at all
 * this month). Nothing is dated after `today`: a step that would come later has
 * simply not happened yet, which is what leaves findings open, overdue or
 * awaiting verification on the seed day.
 *
 * Repeats are marked by the app's rule: the same item in the same cell (or at
 * the same site when either has no cell), found within REPEAT_WINDOW_DAYS after
 * an earlier finding that was not withdrawn.
 */
import { DEFAULT_DUE_DAYS, REPEAT_WINDOW_DAYS } from "../domain/findings";
import { addDays, dayNumber, periodEnd, periodOfDate, periodStart } from "../scoring/dates";
import { defaultRubric } from "../scoring/rubrics/index";
import type { RubricItem, ServiceType, Severity } from "../scoring/types";
import {
  DEMO_HISTORY_QUARTERS,
  DEMO_SITES,
  demoContracts,
  demoGridCells,
  demoQuarters,
  type DemoContract,
  type DemoContractKey,
  type DemoGridCell,
  type DemoSiteKey,
  type DemoUserKey,
} from "./demo-data";
import { demoRandom, type Random } from "./random";

// ---------------------------------------------------------------- the plan's shape

export interface PlannedInspection {
  key: number;
  kind: "patrol" | "assessment";
  /** Null for a patrol (each finding names its contract). */
  contractKey: DemoContractKey | null;
  siteKey: DemoSiteKey;
  cellCode: string | null;
  inspectorKey: DemoUserKey;
  day: string;
}

export type PlannedStepKind = "rectified" | "verified" | "verification_failed" | "withdrawn";

export interface PlannedStep {
  kind: PlannedStepKind;
  day: string;
  byKey: DemoUserKey;
  note: string;
}

export interface PlannedFinding {
  key: number;
  inspectionKey: number;
  contractKey: DemoContractKey;
  serviceType: ServiceType;
  siteKey: DemoSiteKey;
  cellCode: string | null;
  period: string;
  itemId: string;
  severity: Severity;
  note: string;
  foundOn: string;
  dueOn: string;
  createdByKey: DemoUserKey;
  /** What happened after it was recorded, in order, none after `today`. */
  steps: PlannedStep[];
  /** The earlier finding it repeats (the app's rule), or null. */
  repeatOfKey: number | null;
}

/** The stored state after the steps (domain/findings.ts FINDING_STATES). */
export interface FindingOutcome {
  status: "open" | "rectified" | "verified" | "withdrawn";
  rectifiedOn: string | null;
  verifiedOn: string | null;
  verifiedByKey: DemoUserKey | null;
  withdrawnReason: string | null;
}

export interface PlannedBonus {
  contractKey: DemoContractKey;
  siteKey: DemoSiteKey;
  itemId: string;
  note: string;
  occurredOn: string;
  recordedByKey: DemoUserKey;
}

export interface PlannedVeto {
  contractKey: DemoContractKey;
  siteKey: DemoSiteKey;
  itemId: string;
  note: string;
  occurredOn: string;
  recordedByKey: DemoUserKey;
  confirmedByKey: DemoUserKey;
  confirmedOn: string;
}

export interface InspectionPlan {
  today: string;
  quarters: string[];
  inspections: PlannedInspection[];
  /** By `foundOn`, then key: an earlier finding always comes first. */
  findings: PlannedFinding[];
  bonuses: PlannedBonus[];
  vetoes: PlannedVeto[];
}

// ---------------------------------------------------------------- the stories, as numbers

/** Which contract a cell's findings concern: the contract whose sites include the cell's site. */
export const CONTRACT_OF_SITE: Readonly<Record<DemoSiteKey, DemoContractKey>> = {
  "building-1": "property",
  "building-2": "property",
  "building-3": "property",
  "main-canteen": "main-canteen",
  "east-canteen": "east-canteen",
  conference: "meeting",
  campus: "greening",
};

interface FindingStory {
  /** Findings in each full demo quarter, oldest first (the current quarter gets its share of the days so far). */
  perQuarter: readonly number[];
  /** Chance that a fix comes after the deadline, by quarter. */
  lateRate: readonly number[];
  /** Item weights by quarter index (items not listed weigh 1). */
  weights: (q: number) => Readonly<Record<string, number>>;
  /** Chance of each severity [minor, major, critical]. */
  severity: readonly [number, number, number];
}

const GREENING_DEAD = "greening.quality.dead-plants-not-replaced";

/** Dead-plant findings found again in the same cell within the repeat window, by greening quarter. */
export const GREENING_REPEAT_CHAINS: readonly number[] = [1, 1, 2, 3, 4, 5, 6, 7];

const STORIES: Readonly<Record<DemoContractKey, FindingStory>> = {
  property: {
    perQuarter: [118, 108, 100, 92, 84, 78, 72, 68],
    lateRate: [0.5, 0.42, 0.34, 0.26, 0.18, 0.12, 0.08, 0.05],
    weights: (q) => ({
      "property.quality.repair-timeliness": 14 - q * 1.6,
      "property.duty.repair-response": 8 - q * 0.9,
      "property.quality.cleaning-common-areas": 12 - q * 1.2,
      "property.quality.facilities-intact-rate": 5 - q * 0.5,
      "property.quality.waste-sorting": 3,
      "property.quality.security-patrol": 2,
    }),
    severity: [0.6, 0.33, 0.07],
  },
  "main-canteen": {
    perQuarter: [22, 20, 22, 21, 23, 30, 24, 22],
    lateRate: [0.08, 0.06, 0.08, 0.06, 0.08, 0.2, 0.1, 0.06],
    weights: () => ({ "catering.quality.kitchen-hygiene": 4, "catering.quality.dining-hall-hygiene": 3, "catering.quality.taste-portion": 3 }),
    severity: [0.62, 0.3, 0.08],
  },
  "east-canteen": {
    perQuarter: [20, 21, 19, 22, 20, 21, 20, 21],
    lateRate: [0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08],
    weights: () => ({ "catering.quality.taste-portion": 4, "catering.quality.menu": 3, "catering.quality.dining-hall-hygiene": 3 }),
    severity: [0.7, 0.26, 0.04],
  },
  greening: {
    perQuarter: [26, 30, 34, 38, 44, 50, 56, 60],
    lateRate: [0.1, 0.15, 0.2, 0.28, 0.35, 0.42, 0.5, 0.58],
    weights: (q) => ({ [GREENING_DEAD]: 2 + q, "greening.quality.survival-rate": 1 + q * 0.5, "greening.quality.pruning": 3, "greening.quality.lawn": 3 }),
    severity: [0.55, 0.37, 0.08],
  },
  meeting: {
    perQuarter: [8, 7, 8, 6, 7, 6, 7, 6],
    lateRate: [0, 0, 0, 0, 0, 0, 0, 0],
    weights: () => ({ "meeting.quality.tea-service": 3, "meeting.quality.supplies": 3, "meeting.quality.room-setup": 2 }),
    severity: [0.85, 0.15, 0],
  },
};

/** The demo's supervisors (the patrol leaders and verifiers). */
const SUPERVISORS: readonly DemoUserKey[] = ["supervisor", "chen-zhiqiang", "sun-haiyan", "zhou-wei"];

/** Chance a week's patrol of a cell is skipped. */
const PATROL_GAP_RATE = 0.12;
/** Cells with no patrol at all in the current month (the home page lists them). */
const CELLS_UNPATROLLED_THIS_MONTH = 4;
/** Findings of the last weeks left open past their deadline on the seed day, by contract. */
const OVERDUE_TODAY: Readonly<Partial<Record<DemoContractKey, number>>> = { greening: 3, property: 2, "east-canteen": 1, "main-canteen": 1 };
/** Findings whose fix is recorded but not yet verified on the seed day. */
const AWAITING_TODAY = 5;

const FIX_NOTES = ["已按要求整改完毕", "现场已整改，附整改后照片", "已更换并清理完毕", "已补齐并建立台账", "整改完成，已安排专人每日检查"];
const VERIFY_NOTES = ["复查合格", "现场复核，整改到位", "复查通过"];
const FAIL_NOTES = ["复查未通过：问题仍然存在", "整改不彻底，请重新整改"];
const WITHDRAW_NOTES = ["重复登记，撤回", "经核实不属于本合同范围"];

// ---------------------------------------------------------------- the plan

/**
 * The whole inspection history for `today`; the same day always gives the same plan.
 * @example planDemoInspections("2026-11-18").findings.length // about 1 700
 */
export function planDemoInspections(today: string): InspectionPlan {
  const quarters = demoQuarters(today);
  const contracts = new Map(demoContracts(today).map((c) => [c.key, c]));
  const cells = demoGridCells();
  const rubricItems = new Map<ServiceType, RubricItem[]>();
  const itemsOf = (type: ServiceType) => {
    let items = rubricItems.get(type);
    if (!items) {
      items = defaultRubric(type).dimensions.flatMap((d) => (d.source === "findings" ? d.items : []));
      rubricItems.set(type, items);
    }
    return items;
  };

  const inspections = planPatrols(today, quarters, cells);
  let nextKey = inspections.length;
  // One quarterly assessment (季度考核) per contract and past quarter, by the demo supervisor, at its first site.
  for (const [qi, period] of quarters.entries()) {
    if (qi === quarters.length - 1) break;
    for (const c of contracts.values()) {
      inspections.push({
        key: nextKey++,
        kind: "assessment",
        contractKey: c.key,
        siteKey: c.siteKeys[0]!,
        cellCode: null,
        inspectorKey: "supervisor",
        day: addDays(periodEnd(period), -6),
      });
    }
  }

  const findings: PlannedFinding[] = [];
  const cellByCode = new Map(cells.map((c) => [c.code, c]));
  const patrolsBy = groupPatrols(inspections, cellByCode);
  let findingKey = 0;
  const add = (c: DemoContract, insp: PlannedInspection, itemId: string, severity: Severity, random: Random, qi: number, late?: boolean) => {
    const item = itemsOf(c.serviceType).find((i) => i.id === itemId);
    if (!item) throw new Error(`demo seed: ${itemId} is not an item of the ${c.serviceType} rubric`);
    const foundOn = insp.day;
    const dueOn = addDays(foundOn, DEFAULT_DUE_DAYS[severity]);
    const place = insp.cellCode ? cellByCode.get(insp.cellCode)!.name : siteName(insp.siteKey);
    const f: PlannedFinding = {
      key: findingKey++,
      inspectionKey: insp.key,
      contractKey: c.key,
      serviceType: c.serviceType,
      siteKey: insp.siteKey,
      cellCode: insp.cellCode,
      period: periodOfDate(foundOn),
      itemId,
      severity,
      note: `${place}：${item.label["zh-CN"]}`,
      foundOn,
      dueOn,
      createdByKey: insp.inspectorKey,
      steps: [],
      repeatOfKey: null,
    };
    f.steps = planSteps(f, today, random, late ?? random.chance(STORIES[c.key].lateRate[qi]!), insp.inspectorKey);
    findings.push(f);
    return f;
  };

  for (const c of contracts.values()) {
    const story = STORIES[c.key];
    for (const [qi, period] of quarters.entries()) {
      const random = demoRandom(`inspections/${c.key}/${period}`);
      const patrols = patrolsBy.get(`${c.key}|${period}`) ?? [];
      if (patrols.length === 0) continue;
      const share = quarterShare(period, today);
      const count = Math.round(story.perQuarter[qi]! * share);
      const weights = story.weights(qi);
      const items = itemsOf(c.serviceType);
      for (let k = 0; k < count; k++) {
        const itemId = weightedPick(random, items.map((i) => [i.id, weights[i.id] ?? 1] as const));
        add(c, random.pick(patrols), itemId, severityOf(random, story.severity), random, qi);
      }
      if (c.key === "greening") {
        // Dead plants found again in the same cell a few weeks later: the repeats grow quarter by quarter.
        const chains = Math.round(GREENING_REPEAT_CHAINS[qi]! * share);
        for (let k = 0; k < chains; k++) {
          const first = random.pick(patrols);
          const again = patrols.filter(
            (p) => p.cellCode === first.cellCode && p.day > first.day && dayNumber(p.day) - dayNumber(first.day) <= REPEAT_WINDOW_DAYS - 2,
          );
          if (again.length === 0) continue;
          add(c, first, GREENING_DEAD, "major", random, qi);
          add(c, random.pick(again), GREENING_DEAD, random.chance(0.5) ? "major" : "minor", random, qi);
        }
      }
      // A few findings at the quarterly assessment.
      const assessment = inspections.find((i) => i.kind === "assessment" && i.contractKey === c.key && periodOfDate(i.day) === period);
      if (assessment) {
        for (let k = random.int(0, 2); k > 0; k--) {
          const itemId = weightedPick(random, items.map((i) => [i.id, weights[i.id] ?? 1] as const));
          add(c, assessment, itemId, "minor", random, qi);
        }
      }
    }
  }

  const random = demoRandom("inspections/today");
  leaveOverdueToday(findings, today, random);
  leaveAwaitingToday(findings, today, random);

  findings.sort((a, b) => (a.foundOn < b.foundOn ? -1 : a.foundOn > b.foundOn ? 1 : a.key - b.key));
  markRepeats(findings);

  return {
    today,
    quarters,
    inspections: inspections.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.key - b.key)),
    findings,
    bonuses: planBonuses(today, quarters),
    vetoes: planVetoes(today, quarters),
  };
}

/** The stored state a finding's steps leave behind. */
export function outcomeOf(f: Pick<PlannedFinding, "steps">): FindingOutcome {
  const out: FindingOutcome = { status: "open", rectifiedOn: null, verifiedOn: null, verifiedByKey: null, withdrawnReason: null };
  for (const s of f.steps) {
    if (s.kind === "rectified") Object.assign(out, { status: "rectified", rectifiedOn: s.day });
    else if (s.kind === "verification_failed") Object.assign(out, { status: "open", rectifiedOn: null });
    else if (s.kind === "verified") Object.assign(out, { status: "verified", verifiedOn: s.day, verifiedByKey: s.byKey });
    else Object.assign(out, { status: "withdrawn", withdrawnReason: s.note });
  }
  return out;
}

// ---------------------------------------------------------------- patrols

/** Each cell by its leader about weekly (a weekday of every week), with gaps; none after today. */
function planPatrols(today: string, quarters: string[], cells: DemoGridCell[]): PlannedInspection[] {
  const random = demoRandom("inspections/patrols");
  const first = periodStart(quarters[0]!);
  const monthStart = `${today.slice(0, 7)}-01`;
  const idle = new Set(random.shuffle(cells.map((c) => c.code)).slice(0, CELLS_UNPATROLLED_THIS_MONTH));
  const monday = addDays(first, (8 - isoWeekday(first)) % 7);
  const out: PlannedInspection[] = [];
  for (const cell of cells) {
    for (let week = monday; week <= today; week = addDays(week, 7)) {
      if (random.chance(PATROL_GAP_RATE)) continue;
      const day = addDays(week, random.int(0, 4));
      if (day > today || (idle.has(cell.code) && day >= monthStart)) continue;
      out.push({ key: out.length, kind: "patrol", contractKey: null, siteKey: cell.siteKey, cellCode: cell.code, inspectorKey: cell.leaderKey, day });
    }
  }
  return out;
}

/** Patrols by "contract|period": the cells of a contract's sites. */
function groupPatrols(inspections: PlannedInspection[], cells: Map<string, DemoGridCell>): Map<string, PlannedInspection[]> {
  const out = new Map<string, PlannedInspection[]>();
  for (const i of inspections) {
    if (i.kind !== "patrol") continue;
    const key = `${CONTRACT_OF_SITE[cells.get(i.cellCode!)!.siteKey]}|${periodOfDate(i.day)}`;
    const list = out.get(key) ?? [];
    list.push(i);
    out.set(key, list);
  }
  return out;
}

/** 1 = Monday … 7 = Sunday. */
function isoWeekday(day: string): number {
  return ((dayNumber(day) % 7) + 7 + 3) % 7 + 1; // dayNumber 0 (1970-01-01) was a Thursday
}

// ---------------------------------------------------------------- findings

/** The share of a quarter's days up to today: 1 for a past quarter. */
function quarterShare(period: string, today: string): number {
  const start = dayNumber(periodStart(period));
  const end = dayNumber(periodEnd(period));
  const upTo = Math.min(end, dayNumber(today));
  return Math.max(0, Math.min(1, (upTo - start + 1) / (end - start + 1)));
}

function severityOf(random: Random, [minor, major]: readonly [number, number, number]): Severity {
  const x = random.next();
  return x < minor ? "minor" : x < minor + major ? "major" : "critical";
}

function weightedPick(random: Random, options: readonly (readonly [string, number])[]): string {
  const total = options.reduce((s, [, w]) => s + Math.max(0, w), 0);
  let x = random.next() * total;
  for (const [id, w] of options) {
    x -= Math.max(0, w);
    if (x < 0) return id;
  }
  return options.at(-1)![0];
}

/**
 * The fix (in time or late), its verification (now and then failed once and
 * fixed again), or a rare withdrawal; steps after today are left out.
 */
function planSteps(f: PlannedFinding, today: string, random: Random, late: boolean, leader: DemoUserKey): PlannedStep[] {
  const steps: PlannedStep[] = [];
  if (random.chance(0.01)) {
    steps.push({ kind: "withdrawn", day: addDays(f.foundOn, random.int(0, 2)), byKey: leader, note: random.pick(WITHDRAW_NOTES) });
    return steps.filter((s) => s.day <= today);
  }
  const allowed = dayNumber(f.dueOn) - dayNumber(f.foundOn);
  let fixedOn = late ? addDays(f.dueOn, random.int(1, 12)) : addDays(f.foundOn, random.int(0, allowed));
  const verifier = () => random.pick(SUPERVISORS);
  steps.push({ kind: "rectified", day: fixedOn, byKey: leader, note: random.pick(FIX_NOTES) });
  if (random.chance(0.05)) {
    const failedOn = addDays(fixedOn, random.int(0, 2));
    steps.push({ kind: "verification_failed", day: failedOn, byKey: verifier(), note: random.pick(FAIL_NOTES) });
    fixedOn = addDays(failedOn, random.int(1, 4));
    steps.push({ kind: "rectified", day: fixedOn, byKey: leader, note: random.pick(FIX_NOTES) });
  }
  steps.push({ kind: "verified", day: addDays(fixedOn, random.int(0, 3)), byKey: verifier(), note: random.pick(VERIFY_NOTES) });
  return steps.filter((s) => s.day <= today);
}

/** A few recent findings whose deadline has passed stay unfixed: open and overdue on the seed day. */
function leaveOverdueToday(findings: PlannedFinding[], today: string, random: Random): void {
  for (const [contractKey, n] of Object.entries(OVERDUE_TODAY) as [DemoContractKey, number][]) {
    const candidates = findings.filter(
      (f) => f.contractKey === contractKey && f.dueOn < today && dayNumber(today) - dayNumber(f.foundOn) <= 45 && f.steps.every((s) => s.kind !== "withdrawn"),
    );
    for (const f of random.shuffle(candidates).slice(0, n)) f.steps = [];
  }
}

/** A few recent fixes are recorded but not yet verified on the seed day. */
function leaveAwaitingToday(findings: PlannedFinding[], today: string, random: Random): void {
  const candidates = findings.filter(
    (f) => dayNumber(today) - dayNumber(f.foundOn) <= 20 && f.steps.length >= 2 && f.steps.at(-1)!.kind === "verified",
  );
  for (const f of random.shuffle(candidates).slice(0, AWAITING_TODAY)) f.steps = f.steps.slice(0, -1);
}

/**
 * The app's repeat rule over findings sorted by `foundOn`: the latest earlier
 * finding of the same item in the same cell (or the same site when either has
 * no cell), found at most REPEAT_WINDOW_DAYS before, and not withdrawn.
 */
export function markRepeats(findings: PlannedFinding[]): void {
  const latest = new Map<string, PlannedFinding[]>();
  for (const f of findings) {
    const earlier = (latest.get(`${f.siteKey}|${f.itemId}`) ?? []).filter(
      (g) =>
        (f.cellCode === null || g.cellCode === null || g.cellCode === f.cellCode) &&
        dayNumber(f.foundOn) - dayNumber(g.foundOn) <= REPEAT_WINDOW_DAYS &&
        outcomeOf(g).status !== "withdrawn",
    );
    f.repeatOfKey = earlier.at(-1)?.key ?? null;
    const list = latest.get(`${f.siteKey}|${f.itemId}`) ?? [];
    list.push(f);
    latest.set(`${f.siteKey}|${f.itemId}`, list);
  }
}

// ---------------------------------------------------------------- bonuses and vetoes

/** Flood duty (防汛值守) in the latest July of the history, by the property contractor; a typhoon clean-up by the greening one. */
function planBonuses(today: string, quarters: string[]): PlannedBonus[] {
  const out: PlannedBonus[] = [];
  const q3s = quarters.filter((q) => q.endsWith("-Q3") && `${q.slice(0, 4)}-07-20` <= today);
  const latest = q3s.at(-1);
  if (latest) {
    out.push({
      contractKey: "property",
      siteKey: "building-1",
      itemId: "property.bonus.emergency-support",
      note: "7月暴雨期间连续48小时防汛值守，及时排除地下车库积水",
      occurredOn: `${latest.slice(0, 4)}-07-20`,
      recordedByKey: "supervisor",
    });
  }
  const earliest = q3s[0];
  if (earliest && earliest !== latest) {
    out.push({
      contractKey: "greening",
      siteKey: "campus",
      itemId: "greening.bonus.emergency-support",
      note: "台风过境后连夜清理倒伏树木，次日早上道路恢复通行",
      occurredOn: `${earliest.slice(0, 4)}-09-03`,
      recordedByKey: "zhou-wei",
    });
  }
  return out;
}

/** The main canteen's food poisoning two quarters ago: recorded by its patrol leader, confirmed by a second supervisor. */
function planVetoes(today: string, quarters: string[]): PlannedVeto[] {
  const period = quarters[DEMO_HISTORY_QUARTERS - 3]!;
  const occurredOn = addDays(periodStart(period), 40);
  if (occurredOn > today) return [];
  return [
    {
      contractKey: "main-canteen",
      siteKey: "main-canteen",
      itemId: "catering.veto.food-poisoning",
      note: "午餐后23人出现腹泻、呕吐症状，区疾控中心调查确认为诺如病毒食物中毒",
      occurredOn,
      recordedByKey: "zhou-wei",
      confirmedByKey: "supervisor",
      confirmedOn: addDays(occurredOn, 1),
    },
  ];
}

const SITE_NAMES = new Map(DEMO_SITES.map((s) => [s.key, s.name]));

function siteName(key: DemoSiteKey): string {
  return SITE_NAMES.get(key) ?? key;
}
