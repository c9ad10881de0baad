import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { arbAnyRubric } from "./arbitraries";
import { newQuestionId, newRubricItemId } from "./rubric-ids";
import { defaultRubric } from "./rubrics/index";
import type { Rubric } from "./types";
import { validateRubric } from "./validate";

/** Every item, veto, bonus and question id of a rubric. */
function idsOf(r: Rubric): Set<string> {
  return new Set([
    ...r.dimensions.flatMap((d) => d.items.map((i) => i.id)),
    ...r.vetoItems.map((v) => v.id),
    ...r.bonusItems.map((b) => b.id),
    ...r.questionnaire.map((q) => q.id),
  ]);
}

const arbHint = fc.option(fc.oneof(fc.string(), fc.constantFrom("Allergen labels", "过敏原", "  --  ", "Ünïcödé ítem", "a".repeat(80))), { nil: undefined });

describe("newRubricItemId", () => {
  it("makes a readable id from the hint, with the service type and dimension", () => {
    expect(newRubricItemId("catering", "quality", new Set(), "Allergen labels")).toBe("catering.quality.allergen-labels");
    expect(newRubricItemId("catering", "quality", new Set(["catering.quality.allergen-labels"]), "Allergen labels")).toBe(
      "catering.quality.allergen-labels-2",
    );
    expect(newRubricItemId("catering", "quality", new Set(), "过敏原标识")).toBe("catering.quality.item-1");
    expect(newRubricItemId("greening", "veto", new Set(["greening.veto.item-1"]))).toBe("greening.veto.item-2");
  });

  it("never reuses an id a version once had, even one since removed", () => {
    const r = defaultRubric("catering");
    const taken = idsOf(r);
    const removed = r.dimensions[0]!.items.shift()!;
    const label = removed.label.en;
    const id = newRubricItemId("catering", "quality", taken, label);
    expect(id).not.toBe(removed.id);
    expect(taken.has(id)).toBe(false);
  });

  test.prop([arbAnyRubric, fc.array(fc.string(), { maxLength: 5 }), arbHint, fc.integer({ min: 1, max: 30 })])(
    "a run of new ids: all fresh, distinct, and accepted by validateRubric",
    (r, extra, hint, n) => {
      const taken = new Set([...idsOf(r), ...extra]);
      const before = new Set(taken);
      const dims = r.dimensions.filter((d) => d.source === "findings");
      const fresh: string[] = [];
      for (let k = 0; k < n; k++) {
        const dim = dims[k % dims.length]!;
        const id = newRubricItemId(r.serviceType, dim.id, taken, hint);
        expect(taken.has(id)).toBe(false);
        expect(id.startsWith(`${r.serviceType}.`)).toBe(true);
        taken.add(id);
        fresh.push(id);
        dim.items.push({ id, label: { "zh-CN": "新", en: "New" }, deduction: { minor: 0.1, major: 0.1, critical: 0.1 } });
      }
      expect(new Set(fresh).size).toBe(n);
      expect(fresh.some((id) => before.has(id))).toBe(false);
      expect(() => validateRubric(r)).not.toThrow();
    },
  );

  test.prop([arbAnyRubric, arbHint])("a new veto or bonus item id is accepted too", (r, hint) => {
    const taken = idsOf(r);
    const veto = newRubricItemId(r.serviceType, "veto", taken, hint);
    r.vetoItems.push({ id: veto, label: { "zh-CN": "否决", en: "Veto" } });
    taken.add(veto);
    r.bonusItems.push({ id: newRubricItemId(r.serviceType, "bonus", taken, hint), label: { "zh-CN": "加分", en: "Bonus" }, points: 1 });
    expect(() => validateRubric(r)).not.toThrow();
  });
});

describe("newQuestionId", () => {
  it("follows the questionnaire's prefix", () => {
    const taken = idsOf(defaultRubric("catering"));
    expect(newQuestionId(taken, "Cleanliness")).toBe("catering.q.cleanliness");
    expect(newQuestionId(taken, "Taste")).toBe("catering.q.taste-2");
    expect(newQuestionId(new Set(["q1"]), "满意吗")).toBe("q-question-1");
    expect(newQuestionId(new Set(["q-question-1"]))).toBe("q-question-2");
  });

  test.prop([arbAnyRubric, fc.array(fc.string(), { maxLength: 5 }), arbHint, fc.integer({ min: 1, max: 20 })])(
    "a run of new question ids: fresh, distinct, accepted by validateRubric",
    (r, extra, hint, n) => {
      const taken = new Set([...idsOf(r), ...extra]);
      const fresh = new Set<string>();
      for (let k = 0; k < n; k++) {
        const id = newQuestionId(taken, hint);
        expect(taken.has(id)).toBe(false);
        taken.add(id);
        fresh.add(id);
        r.questionnaire.push({ id, label: { "zh-CN": "新问题", en: "New question" } });
      }
      expect(fresh.size).toBe(n);
      expect(() => validateRubric(r)).not.toThrow();
    },
  );
});
