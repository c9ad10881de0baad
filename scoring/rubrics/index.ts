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

/** The version of the built-in rubrics shipped with this release: what {@link defaultRubric} returns. */
export const DEFAULT_RUBRIC_VERSION = "2026.2";

/** Every released version of the built-in rubrics, oldest first. A released version is never edited. */
export const DEFAULT_RUBRIC_VERSIONS = ["2026.1", "2026.2"] as const;
export type DefaultRubricVersion = (typeof DEFAULT_RUBRIC_VERSIONS)[number];

/** The repeat factor the built-in rubrics carry from 2026.2 on (2026.1 has none: a repeat costs × 1). */
export const DEFAULT_REPEAT_FACTOR = 1.5;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** 2026.1 exactly as released (the files in this folder, never edited). */
const RUBRICS_2026_1: Record<ServiceType, Rubric> = {
  property: propertyRubric,
  catering: cateringRubric,
  greening: greeningRubric,
  meeting: meetingRubric,
};

/** 2026.2: 2026.1's items, weights and rules, plus repeatFactor 1.5 (issue 10: repeat findings cost more). */
function release2026_2(r: Rubric): Rubric {
  return { ...structuredClone(r), version: "2026.2", repeatFactor: DEFAULT_REPEAT_FACTOR };
}

/** Every released version of the built-in rubrics, by version then service type. Frozen. */
export const DEFAULT_RUBRICS_BY_VERSION: Readonly<Record<DefaultRubricVersion, Readonly<Record<ServiceType, Rubric>>>> =
  deepFreeze({
    "2026.1": RUBRICS_2026_1,
    "2026.2": {
      property: release2026_2(propertyRubric),
      catering: release2026_2(cateringRubric),
      greening: release2026_2(greeningRubric),
      meeting: release2026_2(meetingRubric),
    },
  });

/**
 * The current default rubrics ({@link DEFAULT_RUBRIC_VERSION}), keyed by service
 * type. Frozen: read them, never change them (use {@link defaultRubric} for a
 * copy to adjust).
 */
export const DEFAULT_RUBRICS: Readonly<Record<ServiceType, Rubric>> = DEFAULT_RUBRICS_BY_VERSION[DEFAULT_RUBRIC_VERSION];

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
  return defaultRubricVersion(type, DEFAULT_RUBRIC_VERSION);
}

/**
 * A deep copy of one released version of a built-in rubric, for whatever was
 * recorded or scored under it (a stored snapshot naming "2026.1").
 *
 * @example
 * defaultRubricVersion("greening", "2026.1").repeatFactor; // undefined: a repeat costs × 1
 * defaultRubricVersion("greening", "2026.2").repeatFactor; // 1.5
 *
 * @throws Error for a value that is not a service type or a released version.
 */
export function defaultRubricVersion(type: ServiceType, version: string): Rubric {
  if (typeof version !== "string" || !isDefaultRubricVersion(version)) {
    throw new Error(`No released default rubric version ${JSON.stringify(version)}`);
  }
  const byType = DEFAULT_RUBRICS_BY_VERSION[version];
  if (typeof type !== "string" || !Object.hasOwn(byType, type)) {
    throw new Error(`No default rubric for service type ${JSON.stringify(type)}`);
  }
  return structuredClone(byType[type]);
}

/** Whether `version` is a released version of the built-in rubrics. */
export function isDefaultRubricVersion(version: string): version is DefaultRubricVersion {
  return (DEFAULT_RUBRIC_VERSIONS as readonly string[]).includes(version);
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
