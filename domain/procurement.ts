/**
 * Procurement's rules that are not scores (issue 12): the tender horizons, the
 * window of recently ended contracts, "replaced", and money in 万元. Pure and browser-safe: the tender view, the dossier and the
 * exports all read them from here.
 */

/** How far ahead the tender view looks, in months; the organisation's setting picks the default. */
export const TENDER_HORIZONS = [3, 6, 12] as const;
export type TenderHorizon = (typeof TENDER_HORIZONS)[number];
export const DEFAULT_TENDER_HORIZON: TenderHorizon = 6;

/** Contracts that ended this many months ago or less stay in the tender view until replaced. */
export const RECENTLY_ENDED_MONTHS = 3;

export function isTenderHorizon(value: unknown): value is TenderHorizon {
  return (TENDER_HORIZONS as readonly unknown[]).includes(value);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The same day `months` months later (or earlier, when negative), clamped to the
 * month's last day: 2026-08-31 + 6 → 2027-02-28.
 * @example addMonths("2026-11-18", 3) // "2027-02-18"
 */
export function addMonths(day: string, months: number): string {
  const total = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const date = Math.min(Number(day.slice(8, 10)), daysIn(year, month));
  return `${pad(year, 4)}-${pad(month)}-${pad(date)}`;
}

/** Whole days from `today` to `endOn` (0 on the last day, negative once ended). */
export function daysLeft(endOn: string, today: string): number {
  return Math.round((Date.parse(`${endOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/**
 * Whether a contract belongs in the tender view on `today` with a horizon of
 * `months`: it ends within the horizon, or it ended in the last three months
 * and nothing has replaced it.
 */
export function inTenderWindow(c: { endOn: string; replaced: boolean }, today: string, months: TenderHorizon): boolean {
  if (c.endOn >= today) return c.endOn <= addMonths(today, months);
  return !c.replaced && c.endOn >= addMonths(today, -RECENTLY_ENDED_MONTHS);
}

/**
 * Whether `later` replaces `earlier`: another contract of the same service type
 * covering at least one of its sites, starting after it started.
 */
export function replaces(later: { id: string; serviceType: string; startOn: string; siteIds: readonly string[] }, earlier: { id: string; serviceType: string; startOn: string; siteIds: readonly string[] }): boolean {
  return (
    later.id !== earlier.id &&
    later.serviceType === earlier.serviceType &&
    later.startOn > earlier.startOn &&
    later.siteIds.some((s) => earlier.siteIds.includes(s))
  );
}

/**
 * Fen as 万元 (ten thousand yuan) with up to two decimals, the unit Chinese
 * procurement documents use for contract values.
 * @example wanYuan(240_000_000) // 240
 */
export function wanYuan(fen: number): number {
  return Math.round(fen / 10_000) / 100;
}
