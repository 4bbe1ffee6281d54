// Seeded pseudo-random numbers for the data generator: the same seed gives the same data
// set, byte for byte, on every machine (sfc32, seeded through splitmix32; no Math.random).
import { isValidSiret } from "@/lib/siret";

function splitmix32(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const next = splitmix32(seed);
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A new generator whose sequence depends only on this one's next draw. */
  fork(): Rng {
    return new Rng(this.u32());
  }

  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Index drawn with the given (not necessarily normalised) weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i] as number;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /** A version-4 UUID made of seeded bits (the format of Prisma's uuid() default). */
  uuid(): string {
    const w0 = this.u32();
    const w1 = this.u32();
    const w2 = this.u32();
    const w3 = this.u32();
    const b = (w: number, s: number) => HEX[(w >>> s) & 0xff];
    return (
      `${b(w0, 24)}${b(w0, 16)}${b(w0, 8)}${b(w0, 0)}-${b(w1, 24)}${b(w1, 16)}-` +
      `${HEX[0x40 | ((w1 >>> 8) & 0x0f)]}${b(w1, 0)}-${HEX[0x80 | ((w2 >>> 24) & 0x3f)]}${b(w2, 16)}-` +
      `${b(w2, 8)}${b(w2, 0)}${b(w3, 24)}${b(w3, 16)}${b(w3, 8)}${b(w3, 0)}`
    );
  }
}

/** Cumulative Zipf-like weights 1/(i+1)^s: a few large, a long tail of small. */
export function zipfWeights(n: number, s = 1): number[] {
  return Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
}

/** A SIRET (14 digits) with a valid Luhn key, from a 13-digit stem. */
export function siretFrom(stem: number): string {
  const digits = String(stem).padStart(13, "0").slice(-13);
  for (let k = 0; k <= 9; k++) if (isValidSiret(digits + k)) return digits + k;
  throw new Error("unreachable: one key digit always completes a Luhn number");
}
