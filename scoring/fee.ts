/**
 * The service fee a contract-quarter is worth before any deduction: what
 * `quarterPayment` takes as its `quarterFeeFen`.
 */
import { dayNumber, parseIsoDate, parsePeriod, periodEnd, periodStart } from "./dates";
import { divRoundHalfUp } from "./decimal";
import { fail, show } from "./errors";
import { integer, record } from "./read";
import type { IsoDate, Period } from "./types";

/** What `quarterFee` reads of a contract; money in whole fen (0.01 yuan). */
export interface FeeContract {
  annualValueFen: number;
  /** The first and last day of the term, both included. */
  startOn: IsoDate;
  endOn: IsoDate;
  /** The contract's own fee for a full quarter; null or absent: a quarter of the annual value. */
  quarterlyFeeFen?: number | null;
}

export interface QuarterFee {
  quarterFeeFen: number;
  /**
   * `quarterly_fee`: the contract's own quarterly fee; `annual_quarter`: the
   * annual value ÷ 4 (Q4 carries the remainder); `partial_days`: the quarter
   * is not wholly inside the term and pays its share by days.
   */
  basis: "quarterly_fee" | "annual_quarter" | "partial_days";
  /** Days of the quarter inside the term. */
  termDays: number;
  /** Days of the quarter. */
  quarterDays: number;
}

/**
 * The fee of one calendar quarter of a contract, in whole fen.
 *
 * A full quarter's fee is the contract's own `quarterlyFeeFen` when set,
 * else the annual value ÷ 4 rounded down, the remainder going to Q4 so the
 * four quarters of a calendar year add up to the annual value exactly. A
 * quarter only partly inside [startOn, endOn] pays fee × termDays ÷
 * quarterDays rounded half-up to the fen; one wholly outside pays 0.
 *
 * @example
 * quarterFee({ annualValueFen: 1_000_003, startOn: "2026-01-01", endOn: "2026-12-31" }, "2026-Q4");
 * // { quarterFeeFen: 250_003, basis: "annual_quarter", termDays: 92, quarterDays: 92 }
 * quarterFee({ annualValueFen: 1_200_000, startOn: "2026-02-16", endOn: "2027-02-15" }, "2026-Q1");
 * // { quarterFeeFen: 146_667, basis: "partial_days", termDays: 44, quarterDays: 90 }  (300 000 × 44 ÷ 90)
 */
export function quarterFee(contract: FeeContract, period: Period): QuarterFee {
  const c = record(contract, "contract");
  const annual = wholeFen(c.annualValueFen, "contract.annualValueFen");
  const own = c.quarterlyFeeFen == null ? null : wholeFen(c.quarterlyFeeFen, "contract.quarterlyFeeFen");
  parseIsoDate(c.startOn, "contract.startOn");
  parseIsoDate(c.endOn, "contract.endOn");
  const start = dayNumber(c.startOn as IsoDate);
  const end = dayNumber(c.endOn as IsoDate);
  if (end < start) fail("contract.endOn", `the term ends (${show(c.endOn)}) before it starts (${show(c.startOn)})`);
  const { quarter } = parsePeriod(period, "period");

  const first = dayNumber(periodStart(period));
  const last = dayNumber(periodEnd(period));
  const quarterDays = last - first + 1;
  const termDays = Math.max(0, Math.min(end, last) - Math.max(start, first) + 1);

  // Math.floor of a safe integer ÷ 4 is exact (a division by a power of two).
  const full = own ?? Math.floor(annual / 4) + (quarter === 4 ? annual % 4 : 0);
  if (termDays === quarterDays) return { quarterFeeFen: full, basis: own === null ? "annual_quarter" : "quarterly_fee", termDays, quarterDays };
  const share = divRoundHalfUp(BigInt(full) * BigInt(termDays), BigInt(quarterDays));
  return { quarterFeeFen: Number(share), basis: "partial_days", termDays, quarterDays };
}

function wholeFen(value: unknown, path: string): number {
  const n = integer(value, path);
  if (n < 0) fail(path, `expected a whole number of fen ≥ 0, got ${n}`);
  return n;
}
