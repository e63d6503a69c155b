/**
 * Numbers as exact regular languages over their JSON spelling.
 *
 * Output form of numbers: plain decimals `-?(0|[1-9][0-9]*)(\.[0-9]+)?` — no exponent (the
 * canonical serializer writes every double as its shortest round-trip digits, expanded). Within
 * this form the spellings of one value differ only by trailing fraction zeros and `-0`, and every
 * language built here contains all spellings of a value or none, so intersections and
 * complements are exact.
 *
 * Comparisons are decimal-exact against the bound's shortest round-trip decimal (for shortest
 * spellings, which the serializer writes, this equals comparing doubles).
 */
import type { L, Langs } from "./lang.js";

export interface Decimal {
  neg: boolean;
  /** integer digits without leading zeros ("0" for zero) */
  int: string;
  /** fraction digits without trailing zeros */
  frac: string;
}

/** exact decimal expansion of a double's shortest round-trip repr */
export function toDecimal(n: number): Decimal {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  const neg = n < 0 || Object.is(n, -0);
  let s = Math.abs(n).toString();
  let exp = 0;
  const e = s.indexOf("e");
  if (e >= 0) {
    exp = Number(s.slice(e + 1));
    s = s.slice(0, e);
  }
  let [ip, fp = ""] = s.split(".") as [string, string?];
  let digits = ip + fp;
  let point = ip.length + exp;
  if (point < 0) {
    digits = "0".repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits + "0".repeat(point - digits.length);
  let int = digits.slice(0, point).replace(/^0+/, "") || "0";
  let frac = digits.slice(point).replace(/0+$/, "");
  void ip;
  void fp;
  const isZero = int === "0" && frac === "";
  return { neg: neg && !isZero, int, frac };
}

/** plain decimal text of a double (the serializer's number form) */
export function formatNumber(n: number): string {
  const d = toDecimal(n);
  return (d.neg ? "-" : "") + d.int + (d.frac ? "." + d.frac : "");
}

export class NumberLangs {
  readonly MAG: L; // unsigned magnitude spellings
  readonly NUMBER: L;
  readonly INT_PART: L;
  readonly FRAC_OPT: L;
  readonly ZERO: L; // 0, 0.0, ...
  readonly INTEGER: L;
  private readonly dRange: (a: number, b: number) => L;

  constructor(private readonly l: Langs) {
    this.dRange = (a, b) => (a > b ? l.EMPTY : l.chars([[0x30 + a, 0x30 + b]]));
    const nz = this.dRange(1, 9);
    this.INT_PART = l.or(l.lit("0"), l.seq(nz, l.DIGITS));
    this.FRAC_OPT = l.opt(l.seq(l.lit("."), l.repeat(l.DIGIT, 1, Infinity)));
    this.MAG = l.seq(this.INT_PART, this.FRAC_OPT);
    this.NUMBER = l.seq(l.opt(l.lit("-")), this.MAG);
    this.ZERO = l.seq(l.lit("0"), l.opt(l.seq(l.lit("."), l.repeat(l.lit("0"), 1, Infinity))));
    this.INTEGER = l.seq(l.opt(l.lit("-")), this.INT_PART, l.opt(l.seq(l.lit("."), l.repeat(l.lit("0"), 1, Infinity))));
  }

  private digitsN(n: number): L {
    return this.l.repeat(this.l.DIGIT, n, n);
  }

  /** canonical integers (no leading zeros) > n */
  private intGt(n: string): L {
    const l = this.l;
    const k = n.length;
    const alts: L[] = [l.seq(this.dRange(1, 9), l.repeat(l.DIGIT, k, Infinity))];
    for (let i = 0; i < k; i++) {
      const d = n.charCodeAt(i) - 48;
      if (d < 9) alts.push(l.seq(l.lit(n.slice(0, i)), this.dRange(i === 0 ? Math.max(d + 1, 1) : d + 1, 9), this.digitsN(k - i - 1)));
    }
    return l.or(...alts);
  }

  /** canonical integers < n */
  private intLt(n: string): L {
    const l = this.l;
    const k = n.length;
    const alts: L[] = [];
    if (k >= 2) alts.push(l.or(l.lit("0"), l.seq(this.dRange(1, 9), l.repeat(l.DIGIT, 0, k - 2))));
    for (let i = 0; i < k; i++) {
      const d = n.charCodeAt(i) - 48;
      const lo = i === 0 && k > 1 ? 1 : 0;
      if (d - 1 >= lo) alts.push(l.seq(l.lit(n.slice(0, i)), this.dRange(lo, d - 1), this.digitsN(k - i - 1)));
    }
    return l.or(...alts);
  }

  /** fraction digit strings d (non-empty) with 0.d ≥ 0.f / > / ≤ / < */
  private fracCmp(f: string, op: "ge" | "gt" | "le" | "lt"): L {
    const l = this.l;
    const m = f.length;
    const alts: L[] = [];
    const any1 = l.repeat(l.DIGIT, 1, Infinity);
    if (m === 0) {
      if (op === "ge") return any1;
      if (op === "gt") return l.seq(l.DIGITS, this.dRange(1, 9), l.DIGITS);
      if (op === "le") return l.repeat(l.lit("0"), 1, Infinity);
      return l.EMPTY;
    }
    for (let i = 0; i < m; i++) {
      const d = f.charCodeAt(i) - 48;
      if (op === "ge" || op === "gt") alts.push(l.seq(l.lit(f.slice(0, i)), this.dRange(d + 1, 9), l.DIGITS));
      else alts.push(l.seq(l.lit(f.slice(0, i)), this.dRange(0, d - 1), l.DIGITS));
    }
    if (op === "ge") alts.push(l.seq(l.lit(f), l.DIGITS));
    if (op === "gt") alts.push(l.seq(l.lit(f), l.DIGITS, this.dRange(1, 9), l.DIGITS));
    if (op === "le" || op === "lt") for (let j = 1; j < m; j++) alts.push(l.lit(f.slice(0, j)));
    if (op === "le") alts.push(l.seq(l.lit(f), l.repeat(l.lit("0"), 0, Infinity)));
    return l.or(...alts);
  }

  /** unsigned magnitudes compared with |a| */
  private magCmp(a: Decimal, op: "ge" | "gt" | "le" | "lt"): L {
    const l = this.l;
    const dot = l.lit(".");
    const sameInt = (() => {
      const fc = this.fracCmp(a.frac, op);
      // no fraction at all means fraction 0
      const noFrac = op === "le" || (op === "ge" && a.frac === "") || (op === "lt" && a.frac !== "");
      return l.seq(l.lit(a.int), l.or(noFrac ? l.EPS : l.EMPTY, l.seq(dot, fc)));
    })();
    const other = op === "ge" || op === "gt" ? this.intGt(a.int) : this.intLt(a.int);
    return l.or(l.seq(other, this.FRAC_OPT), sameInt);
  }

  /** spellings of numbers x with x (op) a */
  cmp(op: "ge" | "gt" | "le" | "lt", n: number): L {
    const l = this.l;
    const a = toDecimal(n);
    const minus = l.lit("-");
    const isZero = a.int === "0" && a.frac === "";
    const flip = { ge: "le", gt: "lt", le: "ge", lt: "gt" } as const;
    if (!a.neg) {
      // a ≥ 0
      switch (op) {
        case "ge":
          return l.or(this.magCmp(a, "ge"), isZero ? l.seq(minus, this.ZERO) : l.EMPTY);
        case "gt":
          return this.magCmp(a, "gt");
        case "le":
          return l.or(l.seq(minus, this.MAG), this.magCmp(a, "le"));
        case "lt":
          return isZero ? l.seq(minus, this.magCmp(a, "gt")) : l.or(l.seq(minus, this.MAG), this.magCmp(a, "lt"));
      }
    }
    // a < 0: x op a  ⇔  for negative x, |x| flip(op) |a|
    switch (op) {
      case "ge":
      case "gt":
        return l.or(this.MAG, l.seq(minus, this.magCmp(a, flip[op])));
      case "le":
      case "lt":
        return l.seq(minus, this.magCmp(a, flip[op]));
    }
  }

  /**
   * Multiples of `m` (> 0), when m = p / 10^q with p = 2^a·5^b (divisibility then depends on the
   * last few digits only). Returns undefined for other divisors (the caller reports them).
   */
  multipleOf(m: number): L | undefined {
    const l = this.l;
    const d = toDecimal(m);
    if (d.neg || (d.int === "0" && d.frac === "")) return undefined;
    const q = d.frac.length;
    let p = BigInt((d.int + d.frac).replace(/^0+/, "") || "0");
    let a = 0;
    let b = 0;
    while (p % 2n === 0n) {
      p /= 2n;
      a++;
    }
    while (p % 5n === 0n) {
      p /= 5n;
      b++;
    }
    const r = Number(p);
    if (r > 50) return undefined;
    const alts: L[] = [];
    const nz = this.dRange(1, 9);
    const zeros = l.repeat(l.lit("0"), 0, Infinity);
    for (let f = 0; f <= q; f++) {
      const pa = Math.max(a - (q - f), 0);
      const pb = Math.max(b - (q - f), 0);
      const P = 2n ** BigInt(pa) * 5n ** BigInt(pb);
      const Lf = Math.max(pa, pb);
      if (Lf > 6) return undefined;
      // the digit string I·F (|F| = f, last digit of F nonzero) must be ≡ 0 mod P; that depends on its last Lf digits
      const suffixes: L[] = [];
      const mod = 10n ** BigInt(Lf);
      for (let v = 0n; v < mod; v += P) {
        const s = v.toString().padStart(Lf, "0");
        if (f > 0 && Lf >= 1 && f <= Lf && s[Lf - 1] === "0") continue;
        if (Lf <= f) {
          // constraint within the fraction
          if (f === 0) suffixes.push(this.INT_PART);
          else if (Lf === 0) suffixes.push(l.seq(this.INT_PART, l.lit("."), this.digitsN(f - 1), nz));
          else if (Lf === f) suffixes.push(l.seq(this.INT_PART, l.lit("."), l.lit(s)));
          else if (s[Lf - 1] !== "0") suffixes.push(l.seq(this.INT_PART, l.lit("."), this.digitsN(f - Lf), l.lit(s)));
        } else {
          const s1 = s.slice(0, Lf - f);
          const s2 = s.slice(Lf - f);
          const canon = s1.replace(/^0+/, "") || "0";
          const intPart = l.or(l.and(l.seq(nz, l.DIGITS), l.seq(l.DIGITS, l.lit(s1))), l.lit(canon));
          suffixes.push(f === 0 ? intPart : l.seq(intPart, l.lit("."), l.lit(s2)));
        }
      }
      if (suffixes.length > 2000) return undefined;
      const body = l.or(...suffixes);
      alts.push(f === 0 ? l.seq(body, l.opt(l.seq(l.lit("."), l.repeat(l.lit("0"), 1, Infinity)))) : l.seq(body, zeros));
    }
    const pow = l.seq(l.opt(l.lit("-")), l.or(...alts));
    return r === 1 ? pow : l.and(pow, this.residueZero(r));
  }

  /**
   * Spellings whose digits, read as one integer (ignoring "-" and "."), are ≡ 0 mod r (r coprime
   * to 10): for such r, x·10^k is a multiple of r iff x is, so the decimal point does not matter.
   * Built from the residue automaton by state elimination (a DAG of size O(r³)).
   */
  private residueZero(r: number): L {
    const l = this.l;
    const R: L[][] = [];
    for (let i = 0; i < r; i++) {
      R.push([]);
      for (let j = 0; j < r; j++) {
        const digits: Array<[number, number]> = [];
        for (let d = 0; d <= 9; d++) if ((10 * i + d) % r === j) digits.push([0x30 + d, 0x30 + d]);
        let e = digits.length ? l.chars(digits) : l.EMPTY;
        if (i === j) e = l.or(e, l.lit("."));
        R[i]!.push(e);
      }
    }
    for (let k = r - 1; k >= 1; k--) {
      const loop = l.star(R[k]![k]!);
      for (let i = 0; i < k; i++) {
        if (R[i]![k]!.id === l.x.EMPTY) continue;
        for (let j = 0; j < k; j++) {
          if (R[k]![j]!.id === l.x.EMPTY) continue;
          R[i]![j] = l.or(R[i]![j]!, l.seq(R[i]![k]!, loop, R[k]![j]!));
        }
      }
    }
    return l.seq(l.opt(l.lit("-")), l.star(R[0]![0]!));
  }
}
