/**
 * Item labels by the contract's own rubric: the organisation's version in
 * force over the service type's built-in one, so an item recorded before a
 * rubric change keeps its label and a new item of the organisation's own has
 * one. The portal, the dossier and its exports label items this way.
 */
import { defaultRubric } from "../../scoring/rubrics/index";
import type { LocalisedText, Rubric, ServiceType } from "../../scoring/types";
import type { Db } from "../client";
import { rubricsOf } from "./inspections/shared";

/** A rubric's finding items and veto items by id (pure). */
export function rubricItemLabels(rubric: Rubric): Map<string, LocalisedText> {
  return new Map<string, LocalisedText>([
    ...rubric.dimensions.flatMap((d) =>
      d.items.map((i) => [i.id, i.label] as const)
    ),
    ...rubric.vetoItems.map((v) => [v.id, v.label] as const),
  ]);
}

export type LabelSource = {
  serviceType: ServiceType;
  rubricVersionId: string | null;
};

/**
 * A lookup of item labels for many contracts of one organisation, loading each
 * rubric once (an export asks row by row). A version that is not the
 * organisation's reads as the built-in rubric alone.
 * @example const labelOf = itemLabeller(db, orgId); await labelOf(contract, "property.clean.lobby")
 */
export function itemLabeller(
  db: Db,
  orgId: string
): (
  contract: LabelSource,
  itemId: string | null
) => Promise<LocalisedText | null> {
  const cache = new Map<string, Promise<Map<string, LocalisedText>>>();
  const labelsOf = async (contract: LabelSource) => {
    const builtIn = rubricItemLabels(defaultRubric(contract.serviceType));
    if (!contract.rubricVersionId) return builtIn;
    const [own] = await rubricsOf(db, orgId, [contract]);
    return own ? new Map([...builtIn, ...rubricItemLabels(own)]) : builtIn;
  };
  return async (contract, itemId) => {
    if (itemId === null) return null;
    const key = `${contract.serviceType}|${contract.rubricVersionId ?? ""}`;
    let labels = cache.get(key);
    if (!labels) cache.set(key, (labels = labelsOf(contract)));
    return (await labels).get(itemId) ?? null;
  };
}
