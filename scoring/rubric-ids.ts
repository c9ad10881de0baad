/**
 * Ids for new rubric items and questions: readable where a hint allows,
 * never one already taken (the caller passes every id any version of the
 * organisation's rubric ever used, so a removed id is never reused).
 */
import type { ServiceType } from "./types";

/** At most this many characters of a hint go into an id. */
const MAX_SLUG = 40;

/**
 * A new inspection, veto or bonus item id, `<serviceType>.<dimensionId>.<slug>`:
 * the slug is made of the hint's ASCII letters and digits
 * ("Allergen labels" → "allergen-labels"), or "item" when the hint has none
 * (a Chinese label), with "-2", "-3", … appended until the id is not in
 * `taken`. The result passes `validateRubric`'s id rule (it starts with
 * `<serviceType>.`). Deterministic: add each id you hand out to `taken`
 * before asking for the next.
 *
 * @example
 * newRubricItemId("catering", "quality", new Set(["catering.quality.allergens"]), "Allergens");
 * // "catering.quality.allergens-2"
 * newRubricItemId("catering", "veto", taken, "食物中毒"); // "catering.veto.item-1" (or -2, … if taken)
 */
export function newRubricItemId(serviceType: ServiceType, dimensionId: string, taken: ReadonlySet<string>, hint?: string): string {
  const dim = slug(dimensionId) || "item";
  return freeId(`${serviceType}.${dim}.`, slug(hint ?? ""), taken);
}

/**
 * A new question id not in `taken`, like {@link newRubricItemId}: with the
 * questionnaire's own prefix when `taken` holds ids such as "catering.q.taste"
 * (→ "catering.q.<slug>"), otherwise "q-<slug>"; "question" when the hint
 * has no ASCII letters or digits.
 *
 * @example
 * newQuestionId(new Set(["catering.q.taste"]), "Cleanliness"); // "catering.q.cleanliness"
 * newQuestionId(new Set(), "满意吗"); // "q-question-1"
 */
export function newQuestionId(taken: ReadonlySet<string>, hint?: string): string {
  let prefix = "q-";
  for (const id of taken) {
    const m = /^([a-z]+)\.q\./.exec(id);
    if (m !== null) {
      prefix = `${m[1]}.q.`;
      break;
    }
  }
  return freeId(prefix, slug(hint ?? ""), taken, "question");
}

/** `prefix + base` if free, else the first free `prefix + base-n` (n ≥ 2; from 1 without a base). */
function freeId(prefix: string, base: string, taken: ReadonlySet<string>, fallback = "item"): string {
  if (base !== "" && !taken.has(prefix + base)) return prefix + base;
  const stem = base === "" ? fallback : base;
  for (let n = base === "" ? 1 : 2; ; n++) {
    const id = `${prefix}${stem}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Lower-case ASCII letters and digits of `text`, runs of anything else as one "-", trimmed. */
function slug(text: string): string {
  const s = text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return s.slice(0, MAX_SLUG).replace(/-+$/, "");
}
