/**
 * The editor's values as the fields a browser posts (test helper, not shipped):
 * `dimensions.0.items.1.deduction.major=6`, one entry per text field, in form order.
 */
export function formEntries(value: unknown, prefix = ""): [string, string][] {
  if (typeof value === "string") return [[prefix, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => formEntries(v, prefix ? `${prefix}.${i}` : String(i)));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => formEntries(v, prefix ? `${prefix}.${k}` : k));
  }
  return [];
}
