import { isTenderHorizon, type TenderHorizon } from "../../domain/procurement";

/**
 * The tender view's `?months=` as a horizon: 3, 6 or 12; anything else (absent,
 * garbage, another number) is the organisation's default, never an error.
 * @example horizonOf("12", 6) // 12
 * @example horizonOf("7", 6) // 6
 */
export function horizonOf(asked: string | null, fallback: TenderHorizon): TenderHorizon {
  const text = asked?.trim() ?? "";
  const months = /^\d{1,2}$/.test(text) ? Number(text) : null;
  return isTenderHorizon(months) ? months : fallback;
}
