/**
 * The payment rule (扣减服务费, see SCORING.md `PaymentRule`) as the contract
 * form edits it: text fields for a step table or for "below N pays
 * (base + total) %". Pure and browser-safe, so the editor's live preview and
 * the action read the form the same way. Every complaint names the row and
 * the field, e.g. "第 3 档：起始分数与第 1 档相同（60 分）".
 */
import type { PaymentRule } from "../../scoring/types";
import { msg } from "~/utils/forms";

export const PAYMENT_KINDS = ["steps", "linear_below"] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];
export const MAX_STEPS = 20;

export interface StepRowValues {
  minTotal: string;
  percent: string;
}

export interface PaymentRuleValues {
  paymentKind: PaymentKind;
  steps: StepRowValues[];
  threshold?: string;
  base?: string;
  vetoPercent?: string;
}

export interface Issue {
  path: (string | number)[];
  message: string;
}

/** A usual table of the centres: 90+ full pay, then 97 %, 90 %, and 80 % below 60. */
export const DEFAULT_PAYMENT_RULE_VALUES: PaymentRuleValues = {
  paymentKind: "steps",
  steps: [
    { minTotal: "90", percent: "100" },
    { minTotal: "80", percent: "97" },
    { minTotal: "60", percent: "90" },
    { minTotal: "0", percent: "80" },
  ],
  threshold: "90",
  base: "10",
  vetoPercent: "",
};

// Values come from the browser or a posted form, so any of them may be something else than text
// (`vetoPercent=1&vetoPercent=2` is an array): such a value is "not a number", never a crash.
const isBlank = (s: unknown) => s === undefined || s === null || (typeof s === "string" && s.trim() === "");

/** A number within 0..100 with at most `decimals` decimals, or the message saying why not. */
function parseWithin100(input: unknown, decimals: number): number | string {
  if (typeof input !== "string" && input !== undefined && input !== null) return msg("admin.errors.number0to100");
  const s = (input ?? "").trim();
  if (s === "") return msg("form.required");
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return msg("admin.errors.number0to100");
  if ((m[2] ?? "").length > decimals) return msg("admin.errors.decimals", { decimals });
  const n = Number(s);
  if (n > 100) return msg("admin.errors.number0to100");
  return n;
}

/** The non-blank step rows with their index in the form (blank rows are ignored, so a spare row does no harm). */
function filledSteps(steps: StepRowValues[] | undefined) {
  return (Array.isArray(steps) ? (steps as unknown[]) : [])
    .map((row, index) => ({ row: (typeof row === "object" && row !== null ? row : {}) as StepRowValues, index }))
    .filter(({ row }) => !(isBlank(row.minTotal) && isBlank(row.percent)));
}

/** Everything wrong with the payment part of the form; empty when it makes a valid rule. */
export function paymentRuleIssues(values: PaymentRuleValues): Issue[] {
  const issues: Issue[] = [];
  if (!isBlank(values.vetoPercent)) {
    const veto = parseWithin100(values.vetoPercent, 2);
    if (typeof veto === "string") issues.push({ path: ["vetoPercent"], message: veto });
  }
  if (values.paymentKind === "linear_below") {
    for (const field of ["threshold", "base"] as const) {
      const n = parseWithin100(values[field], 1);
      if (typeof n === "string") issues.push({ path: [field], message: n });
    }
    return issues;
  }

  const rows = filledSteps(values.steps);
  if (rows.length === 0) return [...issues, { path: ["steps"], message: msg("admin.errors.stepsEmpty") }];
  if (Array.isArray(values.steps) && values.steps.length > MAX_STEPS) issues.push({ path: ["steps"], message: msg("admin.errors.stepsTooMany", { max: MAX_STEPS }) });
  const parsed: { index: number; minTotal: number; percent: number }[] = [];
  for (const { row, index } of rows) {
    const minTotal = parseWithin100(row.minTotal, 1);
    const percent = parseWithin100(row.percent, 2);
    if (typeof minTotal === "string") issues.push({ path: ["steps", index, "minTotal"], message: minTotal });
    if (typeof percent === "string") issues.push({ path: ["steps", index, "percent"], message: percent });
    if (typeof minTotal === "number" && typeof percent === "number") parsed.push({ index, minTotal, percent });
  }
  // Same start twice: which step applies would be ambiguous.
  const firstAt = new Map<number, number>();
  for (const step of parsed) {
    const earlier = firstAt.get(step.minTotal);
    if (earlier !== undefined) {
      issues.push({ path: ["steps", step.index, "minTotal"], message: msg("admin.errors.stepDuplicate", { row: earlier + 1, value: step.minTotal }) });
    } else firstAt.set(step.minTotal, step.index);
  }
  if (parsed.length === rows.length && !firstAt.has(0)) issues.push({ path: ["steps"], message: msg("admin.errors.stepsNeedZero") });
  // A higher score never pays a smaller share: that is always a typing slip.
  const ordered = [...parsed].sort((a, b) => a.minTotal - b.minTotal);
  for (let i = 1; i < ordered.length; i++) {
    const lower = ordered[i - 1]!;
    const higher = ordered[i]!;
    if (higher.percent < lower.percent && higher.minTotal !== lower.minTotal) {
      issues.push({
        path: ["steps", higher.index, "percent"],
        message: msg("admin.errors.stepNotMonotonic", { min: higher.minTotal, percent: higher.percent, lowerMin: lower.minTotal, lowerPercent: lower.percent }),
      });
    }
  }
  return issues;
}

/** The rule the form describes, highest step first; null while the form has issues. */
export function toPaymentRule(values: PaymentRuleValues): PaymentRule | null {
  if (paymentRuleIssues(values).length > 0) return null;
  const vetoPercent = isBlank(values.vetoPercent) ? undefined : Number(values.vetoPercent!.trim());
  const veto = vetoPercent === undefined ? {} : { vetoPercent };
  if (values.paymentKind === "linear_below") {
    return { kind: "linear_below", threshold: Number(values.threshold!.trim()), base: Number(values.base!.trim()), ...veto };
  }
  const steps = filledSteps(values.steps)
    .map(({ row }) => ({ minTotal: Number(row.minTotal.trim()), percent: Number(row.percent.trim()) }))
    .sort((a, b) => b.minTotal - a.minTotal);
  return { kind: "steps", steps, ...veto };
}

/** A stored rule as form text, for editing. */
export function paymentRuleValues(rule: PaymentRule): PaymentRuleValues {
  const vetoPercent = rule.vetoPercent === undefined ? "" : String(rule.vetoPercent);
  if (rule.kind === "linear_below") {
    return { ...DEFAULT_PAYMENT_RULE_VALUES, paymentKind: "linear_below", threshold: String(rule.threshold), base: String(rule.base), vetoPercent };
  }
  return {
    ...DEFAULT_PAYMENT_RULE_VALUES,
    paymentKind: "steps",
    steps: [...rule.steps].sort((a, b) => b.minTotal - a.minTotal).map((s) => ({ minTotal: String(s.minTotal), percent: String(s.percent) })),
    vetoPercent,
  };
}

/**
 * Form data arrives as `{ "0": {...}, "1": {...} }` (dotted names nest into
 * objects), react-hook-form gives an array: both become an array whose
 * indexes are the row numbers in the form.
 */
export function indexedRows(value: unknown): unknown {
  if (Array.isArray(value) || value === undefined || value === null || typeof value !== "object") return value ?? [];
  const entries = Object.entries(value as Record<string, unknown>).filter(([k]) => /^\d{1,3}$/.test(k));
  const out: unknown[] = [];
  for (const [k, row] of entries) out[Number(k)] = row;
  return Array.from(out, (row) => row ?? { minTotal: "", percent: "" });
}
