/**
 * The labels of rubric items named in a list (a finding stores the item's
 * id): looked up in the built-in rubrics, so a list needs no rubric per row.
 * An item of an organisation's own rubric version that the defaults lack
 * shows its id.
 */
import { DEFAULT_RUBRICS } from "../../scoring/rubrics/index";
import type { LocalisedText } from "../../scoring/types";

let all: Map<string, LocalisedText> | undefined;

/** The labels of `itemIds` that the built-in rubrics know. */
export function itemLabels(itemIds: Iterable<string>): Record<string, LocalisedText> {
  all ??= new Map(
    Object.values(DEFAULT_RUBRICS).flatMap((r) => r.dimensions.flatMap((d) => d.items.map((i) => [i.id, i.label] as const))),
  );
  const out: Record<string, LocalisedText> = {};
  for (const id of itemIds) {
    const label = all.get(id);
    if (label) out[id] = label;
  }
  return out;
}
