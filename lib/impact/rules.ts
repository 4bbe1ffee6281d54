// Pure rules of the impact indicators a product's team enters each month (CCTP §3.3: impact
// measures owed to DINUM) and of the cost per active user shown on the product page.
import { addMonths, format, parse } from "date-fns";
import { fr } from "date-fns/locale";

/** Monthly active users: a whole number, at most this (the column is a 32-bit integer). */
export const MAX_ACTIVE_USERS = 2_000_000_000;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * "12 500" → 12500. Spaces (also non-breaking ones) are allowed between thousands; anything
 * else than digits is refused: a count of people has no decimals and is never negative.
 */
export function parseActiveUsers(raw: string): Parsed<number> {
  const s = raw.replace(/[\s\u00a0\u202f]/g, "");
  if (s === "") return { ok: false, message: "Le nombre d'utilisateurs actifs est obligatoire." };
  if (!/^\d+$/.test(s)) {
    return {
      ok: false,
      message: "Le nombre d'utilisateurs actifs est un nombre entier positif ou nul, par exemple 12 500.",
    };
  }
  const n = Number(s);
  if (n > MAX_ACTIVE_USERS)
    return { ok: false, message: "Le nombre d'utilisateurs actifs est anormalement élevé." };
  return { ok: true, value: n };
}

/**
 * Satisfaction out of 10 with at most one decimal, "8,2" or "8.2" → 82 tenths. Empty → null
 * (the measure is optional).
 */
export function parseSatisfaction(raw: string): Parsed<number | null> {
  const s = raw.trim();
  if (s === "") return { ok: true, value: null };
  const m = /^(\d{1,2})(?:[.,](\d))?$/.exec(s);
  if (!m) {
    return {
      ok: false,
      message: "La satisfaction est une note sur 10 avec au plus une décimale, par exemple 8,2.",
    };
  }
  const tenths = Number(m[1]) * 10 + Number(m[2] ?? "0");
  if (tenths > 100) return { ok: false, message: "La satisfaction est une note entre 0 et 10." };
  return { ok: true, value: tenths };
}

/** 82 → "8,2 / 10" */
export function formatSatisfaction(tenths: number): string {
  return `${Math.trunc(tenths / 10)},${tenths % 10} / 10`;
}

/** 82 → "8,2" (to prefill the form). */
export function satisfactionToInput(tenths: number | null): string {
  return tenths === null ? "" : `${Math.trunc(tenths / 10)},${tenths % 10}`;
}

/** "YYYY-MM", a real month. */
export function isMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

/** "2026-03" → "2026-03-01" (the first day, stored in a DATE column). */
export function monthToIso(month: string): string {
  return `${month}-01`;
}

/** "2026-03-01" or "2026-03" → "mars 2026". */
export function formatMonth(isoOrMonth: string): string {
  return format(parse(isoOrMonth.slice(0, 7), "yyyy-MM", new Date(0)), "MMMM yyyy", { locale: fr });
}

/** Earliest month that may be entered: the framework agreement's teams started in 2015. */
export const FIRST_MONTH = "2015-01";

/** Why this month cannot be entered (future, or before FIRST_MONTH), or null. */
export function monthError(month: string, today: string): string | null {
  if (!isMonth(month)) return "Le mois n'est pas valide : choisissez un mois, par exemple 2026-03.";
  if (month > today.slice(0, 7)) return "On ne saisit pas les indicateurs d'un mois à venir.";
  if (month < FIRST_MONTH) return "Ce mois est trop ancien.";
  return null;
}

/**
 * The twelve-month window of certified spend ending today: decisions taken after the same
 * day twelve months ago, up to today included ("2026-11-24" → ("2025-11-24", "2026-11-24"]).
 */
export function twelveMonthWindow(today: string): { afterExclusive: string; untilInclusive: string } {
  const start = addMonths(parse(today, "yyyy-MM-dd", new Date(0)), -12);
  return { afterExclusive: format(start, "yyyy-MM-dd"), untilInclusive: today };
}

/**
 * Cost per active user, in cents: certified spend ÷ active users, half-up to the cent,
 * computed exactly on integers. null when there are no users (not computable).
 */
export function costPerActiveUserCents(spendCents: bigint, activeUsers: number | bigint): bigint | null {
  const users = BigInt(activeUsers);
  if (users <= 0n) return null;
  if (spendCents < 0n) throw new RangeError("a certified spend is never negative");
  const quotient = spendCents / users;
  const remainder = spendCents % users;
  return remainder * 2n >= users ? quotient + 1n : quotient;
}

/** Only http(s) addresses become links; anything else (javascript:, data:…) never does. */
export function safeHttpUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url.trim());
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : null;
  } catch {
    return null;
  }
}
