/**
 * The four built-in assessment rubrics (默认考核细则), one per service type, and
 * the display labels shared by every rubric.
 *
 * The published data is frozen; {@link defaultRubric} hands out a deep copy that
 * an organisation may adjust and save as its own rubric.
 */
import type { Grade, LocalisedText, Rubric, ServiceType, Severity } from "../types";
import { cateringRubric } from "./catering";
import { greeningRubric } from "./greening";
import { meetingRubric } from "./meeting";
import { propertyRubric } from "./property";

export { cateringRubric, greeningRubric, meetingRubric, propertyRubric };

/** The version of the built-in rubrics shipped with this release. */
export const DEFAULT_RUBRIC_VERSION = "2026.1";

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * The published default rubrics, keyed by service type. Frozen: read them, never
 * change them (use {@link defaultRubric} for a copy to adjust).
 */
export const DEFAULT_RUBRICS: Readonly<Record<ServiceType, Rubric>> = deepFreeze({
  property: propertyRubric,
  catering: cateringRubric,
  greening: greeningRubric,
  meeting: meetingRubric,
});

/**
 * A deep copy of the built-in rubric of a service type: mutating it never changes
 * the published data or the next call's result.
 *
 * @example
 * const rubric = defaultRubric("catering");
 * rubric.dimensions.find((d) => d.id === "satisfaction")?.max; // 35
 *
 * @throws Error for a value that is not a service type.
 */
export function defaultRubric(type: ServiceType): Rubric {
  if (typeof type !== "string" || !Object.hasOwn(DEFAULT_RUBRICS, type)) {
    throw new Error(`No default rubric for service type ${JSON.stringify(type)}`);
  }
  return structuredClone(DEFAULT_RUBRICS[type]);
}

/** Names of the service types, as the app shows them. */
export const SERVICE_TYPE_LABELS: Readonly<Record<ServiceType, LocalisedText>> = deepFreeze({
  property: { "zh-CN": "物业服务", en: "Property management" },
  catering: { "zh-CN": "餐饮服务", en: "Catering" },
  greening: { "zh-CN": "绿化养护", en: "Greening" },
  meeting: { "zh-CN": "会务保障", en: "Meeting services" },
});

/** Names of the finding severities (问题等级). */
export const SEVERITY_LABELS: Readonly<Record<Severity, LocalisedText>> = deepFreeze({
  minor: { "zh-CN": "一般", en: "Minor" },
  major: { "zh-CN": "较重", en: "Major" },
  critical: { "zh-CN": "严重", en: "Critical" },
});

/** Names of the grades (考核等次). */
export const GRADE_LABELS: Readonly<Record<Grade, LocalisedText>> = deepFreeze({
  excellent: { "zh-CN": "优秀", en: "Excellent" },
  good: { "zh-CN": "良好", en: "Good" },
  pass: { "zh-CN": "合格", en: "Pass" },
  fail: { "zh-CN": "不合格", en: "Fail" },
});

/**
 * Generic names of the four standard dimensions (考核要素). A rubric's own
 * dimension label wins where it is more specific (catering's quality dimension
 * is 食品安全与服务质量).
 */
export const DIMENSION_LABELS: Readonly<
  Record<"quality" | "satisfaction" | "duty" | "personnel", LocalisedText>
> = deepFreeze({
  quality: { "zh-CN": "服务质量", en: "Service quality" },
  satisfaction: { "zh-CN": "满意度", en: "Satisfaction" },
  duty: { "zh-CN": "履职情况", en: "Duty performance" },
  personnel: { "zh-CN": "人员管理", en: "Personnel management" },
});
