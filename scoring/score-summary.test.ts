import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { arbRubricAndInput } from "./arbitraries";
import { scoreQuarter, scoreQuarterSummary } from "./score";
import type { QuarterFinding, QuarterInput, Rubric } from "./types";

/** Many findings on one item, so dimensions reach their floor of 0 and the order of deductions would matter. */
function flooded([rubric, input]: [Rubric, QuarterInput], copies: number): [Rubric, QuarterInput] {
  const findings: QuarterFinding[] = input.findings.flatMap((f, i) => Array.from({ length: copies }, (_, k) => ({ ...f, id: `${f.id ?? i}-${k}` })));
  return [rubric, { ...input, findings }];
}

describe("scoreQuarterSummary", () => {
  test.prop([arbRubricAndInput(undefined, { repeats: true })], { numRuns: 300 })("gives scoreQuarter's total, grade, vetoed and provisional", ([r, q]) => {
    const full = scoreQuarter(r, q);
    expect(scoreQuarterSummary(r, q)).toEqual({ total: full.total, grade: full.grade, vetoed: full.vetoed, provisional: full.provisional });
  });

  test.prop([arbRubricAndInput(undefined, { repeats: true }), fc.integer({ min: 2, max: 12 })], { numRuns: 100 })(
    "also when dimensions are floored at 0",
    (pair, copies) => {
      const [r, q] = flooded(pair, copies);
      const full = scoreQuarter(r, q);
      expect(scoreQuarterSummary(r, q)).toEqual({ total: full.total, grade: full.grade, vetoed: full.vetoed, provisional: full.provisional });
    },
  );
});
