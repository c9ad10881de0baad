/**
 * What changed between two revisions of a quarter's score: the total, the
 * grade and the deductions (by finding, or by item for the survey dimension).
 * Read from the two stored outputs only; nothing is re-scored.
 */
import type { Deduction, QuarterScore } from "../../../scoring/types";

export interface DeductionChange {
  /** The finding's id, or the item id of a deduction without a finding (the survey dimension). */
  key: string;
  findingId: string | null;
  itemId: string;
  /** Points taken off before and after (null: not there). */
  before: number | null;
  after: number | null;
  reason: Deduction["reason"];
}

export interface RevisionChanges {
  totalBefore: number;
  totalAfter: number;
  gradeBefore: QuarterScore["grade"];
  gradeAfter: QuarterScore["grade"];
  /** Deductions added, removed or costing a different number of points. */
  deductions: DeductionChange[];
}

function deductionsOf(score: QuarterScore): Map<string, Deduction> {
  const byKey = new Map<string, Deduction>();
  for (const d of score.dimensions) for (const x of d.deductions) byKey.set(x.findingId ?? `item:${x.itemId}`, x);
  return byKey;
}

/**
 * The changes from `before` to `after`.
 * @example revisionChanges(rev1.output, rev2.output).deductions // [{ key: "f1", before: 2, after: null, … }]
 */
export function revisionChanges(before: QuarterScore, after: QuarterScore): RevisionChanges {
  const was = deductionsOf(before);
  const now = deductionsOf(after);
  const deductions: DeductionChange[] = [];
  for (const key of new Set([...was.keys(), ...now.keys()])) {
    const a = was.get(key);
    const b = now.get(key);
    if (a && b && a.points === b.points) continue;
    const shown = (b ?? a)!;
    deductions.push({ key, findingId: shown.findingId ?? null, itemId: shown.itemId, before: a?.points ?? null, after: b?.points ?? null, reason: shown.reason });
  }
  return { totalBefore: before.total, totalAfter: after.total, gradeBefore: before.grade, gradeAfter: after.grade, deductions };
}
