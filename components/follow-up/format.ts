// Display helpers of the follow-up screens (pure; server and browser).
import { format, parse } from "date-fns";
import { fr } from "date-fns/locale";
import type Decimal from "decimal.js";

const days = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

/** Exact days in French: 1560 → "1 560", 212.5 → "212,5" (the decimal string goes to Intl as is). */
export function formatDays(d: Decimal): string {
  return days.format(d.toFixed() as unknown as number);
}

/** "2026-03" → "mars 2026" */
export function formatMonth(month: string): string {
  return format(parse(month, "yyyy-MM", new Date(0)), "MMMM yyyy", { locale: fr });
}

/** "2026-03" → "03/26" (chart axis). */
export function shortMonth(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(2, 4)}`;
}
