// Business dates are calendar dates in Europe/Paris, stored as `@db.Date` (UTC midnight).
// "Today" is computed inside each call, never at module load.
import { TZDate } from "@date-fns/tz";
import { format, isValid, parse } from "date-fns";
import { fr } from "date-fns/locale";

export const PARIS = "Europe/Paris";

/** Today's date in Paris, as "YYYY-MM-DD". */
export function todayIso(now: Date = new Date()): string {
  return format(new TZDate(now, PARIS), "yyyy-MM-dd");
}

/** "2026-11-24" → Date at UTC midnight (the value Prisma stores in a DATE column). */
export function isoToDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** Date from a DATE column → "2026-11-24". */
export function dateToIso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Strict "YYYY-MM-DD" check, including the calendar (no 2026-02-30). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = parse(s, "yyyy-MM-dd", new Date(0));
  return isValid(d) && format(d, "yyyy-MM-dd") === s;
}

/** Date column → "24 novembre 2026". */
export function formatDate(d: Date | string): string {
  const iso = typeof d === "string" ? d : dateToIso(d);
  return format(parse(iso, "yyyy-MM-dd", new Date(0)), "d MMMM yyyy", { locale: fr });
}

/** Instant → "24/11/2026 à 15:30" in Paris time. */
export function formatDateTime(d: Date): string {
  return format(new TZDate(d, PARIS), "dd/MM/yyyy 'à' HH:mm", { locale: fr });
}
