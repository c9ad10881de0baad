/**
 * Inspections, findings, rectification, bonuses and vetoes (issue 10). One
 * re-export line per module; shared.ts stays internal except for its types.
 */
export * from "./record";
export * from "./list";
export * from "./lifecycle";
export * from "./detail";
export * from "./scoring-input";
export * from "./events";
export * from "./patrols";
export type { EvidenceOwner, StoredPhotoMeta } from "./shared";
