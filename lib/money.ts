// Money is integer euro cents; quantities are exact decimals (decimal.js). No floats.
import Decimal from "decimal.js";

const eur = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** 123456 → "1 234,56 €" (BigInt accepted for agreement-wide sums). */
export function formatEuros(cents: number | bigint): string {
  const c = typeof cents === "bigint" ? cents : BigInt(cents);
  const neg = c < 0n;
  const abs = neg ? -c : c;
  // Intl on the exact decimal string keeps every digit, even beyond 2^53 cents.
  const str = `${neg ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
  return eur.format(str as unknown as number);
}

/**
 * Parses a euro amount typed by a person ("1 234,56", "1234.5", "12 000 €") into cents.
 * Returns null when it is not a plain amount with at most two decimals.
 */
export function parseEurosToCents(raw: string): number | null {
  const s = raw.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const cents = new Decimal(s).times(100);
  if (!cents.isInteger() || cents.greaterThan(Number.MAX_SAFE_INTEGER)) return null;
  return cents.toNumber();
}

/** 1500 → "15,00" (for prefilling an input). */
export function centsToInput(cents: number): string {
  return new Decimal(cents).dividedBy(100).toFixed(2).replace(".", ",");
}

/** basis points → "20 %" */
export function formatRate(bp: number): string {
  return `${new Decimal(bp).dividedBy(100).toString().replace(".", ",")} %`;
}
