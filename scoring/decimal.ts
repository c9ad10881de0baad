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

/**
 * 10^n as a BigInt (n ≥ 0), cached.
 *
 * @example
 * pow10(3); // 1000n
 */
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

/**
 * Integer division rounded half-up (towards +∞ on a tie); `d` must be > 0.
 *
 * @example
 * divRoundHalfUp(15n, 10n); // 2n
 * divRoundHalfUp(-15n, 10n); // -1n
 */
export function divRoundHalfUp(n: bigint, d: bigint): bigint {
  return floorDiv(2n * n + d, 2n * d);
}

/** Floor division for BigInt; `d` must be > 0. */
function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d !== 0n && n < 0n ? q - 1n : q;
}

/**
 * `x` in thousandths when it is written with at most three decimals, else
 * null. Exact: if `m / 1000 === x`, the decimal `m / 1000` is the one `x`
 * spells (two different decimals of ≤ 3 places cannot share a number this
 * small).
 *
 * @example
 * exactMilli(0.15);   // 150
 * exactMilli(0.1234); // null
 */
export function exactMilli(x: number): number | null {
  const m = Math.round(x * 1000);
  return m / 1000 === x && Math.abs(m) < 2 ** 50 ? m : null;
}

/**
 * `x` rounded half-up to 0.001, in thousandths (`x` finite).
 *
 * @example
 * toMilli(12.5);    // 12500
 * toMilli(0.12345); // 123
 */
export function toMilli(x: number): number {
  return exactMilli(x) ?? Number(toUnits(x, 3));
}

/**
 * `a × b` rounded half-up to 0.001, in thousandths: the cost of a deduction
 * `a` times a factor `b`.
 *
 * @example
 * productMilli(0.1, 1.5); // 150
 */
export function productMilli(a: number, b: number): number {
  const am = exactMilli(a);
  const bm = exactMilli(b);
  if (am !== null && bm !== null && am >= 0 && bm >= 0 && am * bm < 2 ** 50) {
    const n = 2 * am * bm + 1000; // half-up: floor((2ab + 1000) / 2000)
    return (n - (n % 2000)) / 2000;
  }
  return Number(productUnits(decimalOf(a), decimalOf(b), 3));
}

/**
 * `a × f1 × f2 × …` computed exactly and rounded half-up to 0.001 once, in
 * thousandths: the cost of a deduction `a` times several factors (a repeat
 * that was also rectified late). With one factor it equals {@link productMilli}.
 *
 * @example
 * productMilliOf(0.3, [1.5, 1.5]); // 675
 */
export function productMilliOf(a: number, factors: readonly number[]): number {
  if (factors.length === 1) return productMilli(a, factors[0]!);
  let product = decimalOf(a);
  for (const f of factors) {
    const d = decimalOf(f);
    product = { units: product.units * d.units, scale: product.scale + d.scale };
  }
  const { units, scale } = product;
  if (units < 0n) throw new RangeError(`negative cost: ${a}`);
  return Number(scale <= 3 ? units * pow10(3 - scale) : divRoundHalfUp(units, pow10(scale - 3)));
}

/**
 * `x` rounded half-up to `10^-scale`, as an integer count of those units.
 *
 * @example
 * toUnits(85.25, 1); // 853n
 */
export function toUnits(x: number, scale: number): bigint {
  const d = decimalOf(x);
  return d.scale <= scale
    ? d.units * pow10(scale - d.scale)
    : divRoundHalfUp(d.units, pow10(d.scale - scale));
}

/** `a × b` rounded half-up to `10^-scale`, as an integer count of those units. */
function productUnits(a: Decimal, b: Decimal, scale: number): bigint {
  const units = a.units * b.units;
  const s = a.scale + b.scale;
  return s <= scale ? units * pow10(scale - s) : divRoundHalfUp(units, pow10(s - scale));
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

/**
 * The number nearest to `units / 10^scale`: the number that the decimal's
 * spelling parses to.
 *
 * @example
 * unitsToNumber(2368n, 3); // 2.368
 */
export function unitsToNumber(units: bigint, scale: number): number {
  // A correctly rounded division of two exactly held numbers is the nearest
  // number to the quotient, i.e. to the decimal.
  const safe = units <= BigInt(Number.MAX_SAFE_INTEGER) && units >= -BigInt(Number.MAX_SAFE_INTEGER);
  return safe && scale <= 22 ? Number(units) / 10 ** scale : Number(formatUnits(units, scale));
}
