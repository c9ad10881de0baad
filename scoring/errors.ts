/**
 * The one error the scoring module throws for bad input.
 *
 * `path` names the offending field in the argument that was refused, in the
 * usual JavaScript accessor notation: `"findings[2].itemId"`,
 * `"survey.questions.q1[2]"`, `"dimensions[1].items[3].deduction.major"`.
 * An empty path means the argument itself (e.g. not an object).
 *
 * @example
 * try {
 *   scoreQuarter(rubric, input);
 * } catch (e) {
 *   if (e instanceof ScoringInputError) console.log(e.path, e.message);
 * }
 */
export class ScoringInputError extends Error {
  /** The field that was refused, e.g. `"findings[2].itemId"`. */
  readonly path: string;

  constructor(path: string, message: string) {
    super(path === "" ? message : `${path}: ${message}`);
    this.name = "ScoringInputError";
    this.path = path;
  }
}

/**
 * Throws a {@link ScoringInputError} at `path`; usable as an expression.
 *
 * @example
 * if (dueOn < foundOn) fail("findings[0].dueOn", "the deadline is before the finding");
 */
export function fail(path: string, message: string): never {
  throw new ScoringInputError(path, message);
}

/**
 * A short, safe rendering of a refused value for error messages.
 *
 * @example
 * show("2026-02-30"); // "\"2026-02-30\""
 * show({});           // "an object"
 */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || value == null) return String(value);
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
