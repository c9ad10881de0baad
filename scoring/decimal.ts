/**
 * Exact decimal arithmetic for the scoring module (internal).
 *
 * Rubric numbers are written as decimals ("0.1", "1.5", "0.98"); binary
 * floating point cannot hold most of them exactly, so every computation that
 * ends up in a score goes through these helpers: a finite number is read as
 * the decimal its shortest representation spells (`String(0.1)` is `"0.1"`),
 * combined exactly with BigInt, and rounded once, half-up, at a stated scale.
 */

/** An exact decimal: `units / 10^scale`. */
export interface Decimal {
  units: bigint;
  scale: number;
}

const POW10: bigint[] = [1n];

/** 10^n as a BigInt (n ≥ 0), cached. */
export function pow10(n: number): bigint {
  for (let i = POW10.length; i <= n; i++) POW10.push(POW10[i - 1]! * 10n);
  return POW10[n]!;
}

const NUMBER_RE = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/**
 * The decimal a finite number stands for (its shortest round-trip spelling).
 *
 * @example
 * decimalOf(0.1);   // { units: 1n, scale: 1 }
 * decimalOf(1e21);  // { units: 1000000000000000000000n, scale: 0 }
 */
export function decimalOf(x: number): Decimal {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  if (Number.isInteger(x) && Number.isSafeInteger(x)) return { units: BigInt(x), scale: 0 };
  const m = NUMBER_RE.exec(String(x));
  if (m === null) throw new RangeError(`cannot read ${x} as a decimal`);
  const [, sign, int = "", frac = "", exp = "0"] = m;
  let units = BigInt(int + frac);
  if (sign === "-") units = -units;
  let scale = frac.length - Number(exp);
  if (scale < 0) {
    units *= pow10(-scale);
    scale = 0;
  }
  return { units, scale };
}

/** Integer division rounded half-up (towards +∞ on a tie); `d` must be > 0. */
export function divRoundHalfUp(n: bigint, d: bigint): bigint {
  return floorDiv(2n * n + d, 2n * d);
}

/** Floor division for BigInt; `d` must be > 0. */
export function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d !== 0n && n < 0n ? q - 1n : q;
}

/** `x` rounded half-up to `10^-scale`, as an integer count of those units. */
export function toUnits(x: number, scale: number): bigint {
  const d = decimalOf(x);
  return d.scale <= scale
    ? d.units * pow10(scale - d.scale)
    : divRoundHalfUp(d.units, pow10(d.scale - scale));
}

/** `a × b` rounded half-up to `10^-scale`, as an integer count of those units. */
export function productUnits(a: Decimal, b: Decimal, scale: number): bigint {
  const units = a.units * b.units;
  const s = a.scale + b.scale;
  return s <= scale ? units * pow10(scale - s) : divRoundHalfUp(units, pow10(s - scale));
}

/** Number of decimal places a finite number is written with (`0.25` → 2). */
export function decimalPlaces(x: number): number {
  return decimalOf(x).scale;
}

/**
 * The plain decimal spelling of `units / 10^scale`, without trailing zeros
 * unless `minScale` asks for them.
 *
 * @example
 * formatUnits(985n, 1);     // "98.5"
 * formatUnits(980n, 1);     // "98"
 * formatUnits(980n, 1, 1);  // "98.0"
 */
export function formatUnits(units: bigint, scale: number, minScale = 0): string {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  let int = digits.slice(0, digits.length - scale);
  let frac = digits.slice(digits.length - scale);
  while (frac.length > minScale && frac.endsWith("0")) frac = frac.slice(0, -1);
  digits = frac === "" ? int : `${int}.${frac}`;
  int = negative && /[1-9]/.test(digits) ? "-" : "";
  return int + digits;
}

/** The number nearest to `units / 10^scale` (exact for the decimals it can hold). */
export function unitsToNumber(units: bigint, scale: number): number {
  // A correctly rounded division of two exactly held numbers is the nearest
  // number to the quotient, i.e. to the decimal.
  const safe = units <= BigInt(Number.MAX_SAFE_INTEGER) && units >= -BigInt(Number.MAX_SAFE_INTEGER);
  return safe && scale <= 22 ? Number(units) / 10 ** scale : Number(formatUnits(units, scale));
}
