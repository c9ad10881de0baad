/** The patrol pages' shared bits: the month asked for in `?month=`, its label, and the colour level of a grid count. */
import { isMonth, monthOfDay } from "../../domain/patrols";

/** `?month=` when it is a month, else the month of `today`. */
export function monthParam(url: string, today: string): string {
  const wanted = new URL(url).searchParams.get("month");
  return isMonth(wanted) ? wanted : monthOfDay(today);
}

/** The legend's four levels (0, 1, 2–3, 4+): the count is written in every cell too, so colour is never the only signal. */
export function heatLevel(count: number): 0 | 1 | 2 | 3 {
  if (count <= 0) return 0;
  if (count === 1) return 1;
  return count <= 3 ? 2 : 3;
}

export function monthParts(month: string): { year: number; month: number } {
  return { year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) };
}
