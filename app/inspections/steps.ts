/** The URL of a step of recording (/supervisor/inspections/new?kind=…&cellId=…); empty values are left out. */
export function stepHref(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const query = search.toString();
  return `/supervisor/inspections/new${query ? `?${query}` : ""}`;
}
