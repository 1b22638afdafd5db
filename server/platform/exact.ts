/**
 * Exact fractions of bigints, for engines that compare figures with thresholds: a report's verdict must not
 * depend on how a float happened to round (0.85 × 4.5 is 3.8249999999999997 in floating point). Floats appear
 * only when a value is turned into a number for display.
 */

/** n / d with d > 0. Results of the operations below are in lowest terms; inputs need not be. */
export interface Fraction { n: bigint; d: bigint }

export const ZERO: Fraction = { n: 0n, d: 1n };
export const ONE: Fraction = { n: 1n, d: 1n };

const abs = (x: bigint) => (x < 0n ? -x : x);

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/** n / d in lowest terms with a positive denominator; a zero denominator is a programming error. */
export function fraction(n: bigint, d: bigint = 1n): Fraction {
  if (d === 0n) throw new RangeError('zero denominator');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

const decimalPattern = /^\d+(\.\d+)?$/;

/** Whether the text is a plain non-negative decimal ("12", "12.50"): no sign, no exponent, no grouping. */
export function isDecimal(text: string): boolean {
  return decimalPattern.test(text);
}

/** A non-negative decimal text as a fraction ("12.5" → 25/2); anything else → null. */
export function parseDecimal(text: string): Fraction | null {
  if (!isDecimal(text)) return null;
  const [whole, part = ''] = text.split('.');
  return fraction(BigInt(whole + part), 10n ** BigInt(part.length));
}

/** A figure as it arrives: a decimal text, or an integer number (a float number is refused, as its digits are already lost). */
export function amountOf(value: string | number): Fraction | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? fraction(BigInt(value)) : null;
  return parseDecimal(value.trim());
}

export const add = (a: Fraction, b: Fraction): Fraction => fraction(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Fraction, b: Fraction): Fraction => fraction(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Fraction, b: Fraction): Fraction => fraction(a.n * b.n, a.d * b.d);
export const div = (a: Fraction, b: Fraction): Fraction => fraction(a.n * b.d, a.d * b.n);
/**
 * Σ of many fractions over their least common denominator, reduced once at the end: reducing after every
 * addition would run Euclid on the growing sum each time (a county's 400 schools took seconds).
 */
export function sum(list: Fraction[]): Fraction {
  let d = 1n;
  for (const f of list) d = (d / gcd(d, f.d)) * f.d;
  let n = 0n;
  for (const f of list) n += f.n * (d / f.d);
  return fraction(n, d);
}

/** -1, 0 or 1 as a is below, equal to or above b. */
export function compare(a: Fraction, b: Fraction): -1 | 0 | 1 {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

export const atLeast = (a: Fraction, b: Fraction): boolean => compare(a, b) >= 0;
export const isZero = (a: Fraction): boolean => a.n === 0n;

/** The smallest integer not below the fraction. */
export function ceil(a: Fraction): bigint {
  const q = a.n / a.d;
  return a.n > 0n && q * a.d !== a.n ? q + 1n : q;
}

/** "n/d", or "n" for a whole number: the exact value in a form JSON can carry. */
export function fractionText(a: Fraction): string {
  const f = fraction(a.n, a.d);
  return f.d === 1n ? f.n.toString() : `${f.n}/${f.d}`;
}

const bits = (x: bigint) => abs(x).toString(2).length;

/** The fraction for display; never compare this. Terms too long for a float are shortened alike first. */
export function toNumber(a: Fraction): number {
  const shift = BigInt(Math.max(0, Math.max(bits(a.n), bits(a.d)) - 1000));
  return Number(a.n >> shift) / Number(a.d >> shift);
}

function placed(scaled: bigint, places: number, negative: boolean): string {
  const s = scaled.toString().padStart(places + 1, '0');
  const text = places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`;
  return negative && scaled !== 0n ? `-${text}` : text;
}

/** The fraction as a decimal text with `places` places, rounded half away from zero (1812.5 → "1812.50"). */
export function decimalText(a: Fraction, places: number): string {
  const scale = 10n ** BigInt(places);
  const n = abs(a.n);
  return placed((n * scale * 2n + a.d) / (2n * a.d), places, a.n < 0n);
}

/** ⌊√x⌋ of a non-negative integer, by Newton's method from a power of two above the root. */
function isqrt(x: bigint): bigint {
  if (x < 2n) return x;
  let r = 1n << BigInt(Math.ceil(bits(x) / 2));
  for (;;) {
    const next = (r + x / r) >> 1n;
    if (next >= r) return r;
    r = next;
  }
}

/** √a of a non-negative fraction as a decimal text with `places` places, rounded half up exactly (no float). */
export function sqrtText(a: Fraction, places: number): string {
  const scale = 10n ** BigInt(2 * places);
  // ⌊√(a·10^2p)⌋ equals ⌊√⌊a·10^2p⌋⌋, so an integer root gives the truncated digits
  const m = isqrt((a.n * scale) / a.d);
  // round up when √(a·10^2p) ≥ m + ½, i.e. 4·a·10^2p ≥ (2m + 1)²
  const up = 4n * a.n * scale >= (2n * m + 1n) ** 2n * a.d;
  return placed(up ? m + 1n : m, places, false);
}

/** The exact square root of a fraction whose terms are both perfect squares; otherwise null (the root is irrational). */
function rationalSqrt(a: Fraction): Fraction | null {
  const f = fraction(a.n, a.d);
  const n = isqrt(f.n);
  const d = isqrt(f.d);
  return n * n === f.n && d * d === f.d ? { n, d } : null;
}

/**
 * Σ √qᵢ compared exactly with a fraction (-1 below, 0 equal, 1 above), for a mean of coefficients of variation
 * against its threshold. Rational roots are added exactly; the irrational ones are bounded by integer roots at
 * growing precision. That always ends: a sum of square roots of positive rationals with an irrational term is
 * itself irrational, so it cannot equal the target, and a fine enough bound separates them.
 */
export function compareRootSum(qs: Fraction[], target: Fraction): -1 | 0 | 1 {
  let exact = ZERO;
  const irrational: Fraction[] = [];
  for (const q of qs) {
    const root = rationalSqrt(q);
    if (root) exact = add(exact, root);
    else irrational.push(q);
  }
  const rest = sub(target, exact);
  if (!irrational.length) return compare(ZERO, rest);
  for (let digits = 20n; ; digits *= 2n) {
    const scale = 10n ** digits;
    // each root lies in [l/scale, (l + 1)/scale)
    const low = irrational.reduce((s, q) => s + isqrt((q.n * scale * scale) / q.d), 0n);
    const lower: Fraction = { n: low, d: scale };
    const upper: Fraction = { n: low + BigInt(irrational.length), d: scale };
    if (compare(lower, rest) >= 0) return 1;
    if (compare(upper, rest) <= 0) return -1;
  }
}
