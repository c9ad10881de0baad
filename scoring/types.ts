/**
 * The scoring module's public types: the contract in shared/docs/SCORING.md.
 * Add fields freely; never rename or drop the ones listed there.
 */

export const SERVICE_TYPES = ["property", "catering", "greening", "meeting"] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const SEVERITIES = ["minor", "major", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const GRADES = ["excellent", "good", "pass", "fail"] as const;
export type Grade = (typeof GRADES)[number];

export type LocalisedText = { "zh-CN": string; en: string };

/** "YYYY-MM-DD", a calendar day in the organisation's time zone. */
export type IsoDate = string;
/** A calendar quarter, "2026-Q3". */
export type Period = string;

export interface RubricItem {
  id: string;
  label: LocalisedText;
  deduction: Record<Severity, number>;
}

export interface RubricDimension {
  /** "quality" | "satisfaction" | "duty" | "personnel" | ... */
  id: string;
  label: LocalisedText;
  max: number;
  /** Exactly one dimension has source "survey"; its items are []. */
  source: "findings" | "survey";
  items: RubricItem[];
}

export interface SatisfactionRule {
  /** Answers at or above this value count as satisfied (default 4). */
  satisfiedAtOrAbove: number;
  /** A rate at or above this earns the dimension's full points (default 0.98). */
  targetRate: number;
  /** At or below this earns none; linear in between (default 0.60). */
  floorRate: number;
  /** Fewer respondents: the quarter is provisional (default 10). */
  minRespondents: number;
}

/** A rubric is plain, JSON-serialisable data, versioned. */
export interface Rubric {
  id: string;
  version: string;
  serviceType: ServiceType;
  /** Their max points add up to exactly 100. */
  dimensions: RubricDimension[];
  vetoItems: { id: string; label: LocalisedText }[];
  bonusItems: { id: string; label: LocalisedText; points: number }[];
  bonusCap: number;
  gradeBands: { grade: Grade; min: number }[];
  /** A finding rectified after dueOn costs deduction × lateFactor (> 1). */
  lateFactor: number;
  /** Still unrectified after dueOn at asOf: × overdueFactor (≥ lateFactor). */
  overdueFactor: number;
  /**
   * ≥ 1: a repeat finding (one with `repeatOf`) costs deduction × repeatFactor
   * (× lateFactor or overdueFactor). The defaults from 2026.2 carry 1.5; a
   * rubric without it (2026.1, stored copies) reads as 1.
   */
  repeatFactor?: number;
  satisfaction: SatisfactionRule;
  questionnaire: { id: string; label: LocalisedText }[];
}

export type AnswerCounts = [number, number, number, number, number];

export interface SurveyTally {
  respondents: number;
  /**
   * Answers per question: counts of the values 1..5, index 0 is value 1.
   * A question may have fewer answers than respondents (skipped), never more.
   */
  questions: Record<string, AnswerCounts>;
}

export interface QuarterFinding {
  /** The app's id, echoed back in deductions. */
  id?: string;
  /** An item of one of the rubric's findings dimensions. */
  itemId: string;
  severity: Severity;
  /** Inside the period. */
  foundOn: IsoDate;
  /** Rectification deadline, not before foundOn. */
  dueOn: IsoDate;
  rectifiedOn?: IsoDate | null;
  /** The app's id of an earlier finding of the same item at the same place (it may be in an earlier quarter). */
  repeatOf?: string | null;
}

export interface QuarterInput {
  period: Period;
  /** The day the score is computed for (finalising uses the finalisation day). */
  asOf: IsoDate;
  survey: SurveyTally;
  findings: QuarterFinding[];
  bonuses?: { itemId: string; note?: string }[];
  /** Inside the period. */
  vetoes?: { itemId: string; occurredOn: IsoDate; note?: string }[];
}

export interface Deduction {
  /** The inspection item; for the survey dimension, the dimension's id. */
  itemId: string;
  findingId?: string;
  /** Points actually taken off (0 when the dimension was already at 0). */
  points: number;
  /** The full cost (deduction × factor) before the dimension's floor of 0. */
  cost?: number;
  reason: LocalisedText;
}

/** A veto event behind a failed quarter. */
export interface QuarterVeto {
  itemId: string;
  occurredOn: IsoDate;
  label: LocalisedText;
}

/** A bonus entry and the points it actually earned (0 once the cap is reached). */
export interface QuarterBonus {
  itemId: string;
  points: number;
  label: LocalisedText;
}

export interface DimensionScore {
  id: string;
  max: number;
  /** Within 0..max, one decimal. */
  points: number;
  deductions: Deduction[];
}

export interface QuarterScore {
  period: Period;
  rubricId: string;
  rubricVersion: string;
  /** 0..100, one decimal. */
  total: number;
  grade: Grade;
  /** A vetoed quarter keeps its points but its grade is "fail". */
  vetoed: boolean;
  /** Too few (or no) survey respondents. */
  provisional: boolean;
  dimensions: DimensionScore[];
  /** Applied: min(bonusCap, Σ bonus items, 100 − Σ dimension points). */
  bonus: number;
  satisfaction: { respondents: number; rate: number | null; sufficient: boolean };
  /** The veto events of the quarter, by date then item id. */
  vetoes: QuarterVeto[];
  /** Every bonus entry with the points it earned, by item id; they add up to `bonus`. */
  bonuses: QuarterBonus[];
}

export type Decision =
  | "renew"
  | "renew_with_conditions"
  | "retender"
  | "do_not_renew"
  | "insufficient_data";

export interface RenewalReason {
  /** Stable machine-readable id: "veto", "fail_streak", "too_few_quarters", ... */
  rule: string;
  detail: LocalisedText;
  /** The quarters behind it. */
  periods: Period[];
}

export interface RenewalRecommendation {
  decision: Decision;
  reasons: RenewalReason[];
  averageTotal: number | null;
}

export interface RenewalPolicy {
  /** [2] fewer scored quarters: insufficient_data */
  minQuarters: number;
  /** [90] */
  renewMinAverage: number;
  /** [80] no quarter below this to renew outright */
  renewMinQuarter: number;
  /** [80] */
  conditionalMinAverage: number;
  /** [2] failed quarters in a row, in calendar order */
  failStreakToReject: number;
}

/** Service-fee deduction (扣减服务费): what share of the quarter's fee is paid. */
export type PaymentRule =
  | { kind: "steps"; steps: { minTotal: number; percent: number }[]; vetoPercent?: number }
  | { kind: "linear_below"; threshold: number; base: number; vetoPercent?: number };

export interface QuarterPayment {
  percent: number;
  payableFen: number;
  deductedFen: number;
}
