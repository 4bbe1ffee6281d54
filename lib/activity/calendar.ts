// Working days of metropolitan France, in Europe/Paris: a working day is a Monday to Friday
// that is not a French public holiday (@socialgouv/jours-feries, without the two extra
// holidays of Alsace-Moselle). Months are "YYYY-MM", calendar dates "YYYY-MM-DD". Pure: no
// I/O; "now" is a parameter.
import { TZDate } from "@date-fns/tz";
import joursFeries from "@socialgouv/jours-feries";
import { addHours, addMonths, eachDayOfInterval, endOfMonth, format, isWeekend } from "date-fns";
import { fr } from "date-fns/locale";
import { PARIS, todayIso } from "@/lib/dates";

/** "2026-05" */
export type MonthKey = string;

export type MonthResult = { ok: true; value: MonthKey } | { ok: false; message: string };

const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;
/** Reports concern the framework agreement's years; anything far outside is a typing error. */
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

/** Reads a month typed or taken from a URL ("2026-05"), with a French message when invalid. */
export function parseMonth(raw: string): MonthResult {
  const s = raw.trim();
  const m = MONTH_PATTERN.exec(s);
  if (!m) {
    return { ok: false, message: "Le mois doit être au format AAAA-MM, par exemple 2026-05 pour mai 2026." };
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) {
    return { ok: false, message: `Le mois « ${s} » n'existe pas : le numéro du mois va de 01 à 12.` };
  }
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return {
      ok: false,
      message: `L'année ${year} est hors de la période couverte (${MIN_YEAR}–${MAX_YEAR}).`,
    };
  }
  return { ok: true, value: s };
}

function parts(month: MonthKey): [number, number] {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return [y, m];
}

/** First day of the month: "2026-05" → "2026-05-01". */
export function monthStart(month: MonthKey): string {
  return `${month}-01`;
}

/** Last day of the month: "2026-02" → "2026-02-28". */
export function monthEnd(month: MonthKey): string {
  const [y, m] = parts(month);
  return format(endOfMonth(new TZDate(y, m - 1, 1, PARIS)), "yyyy-MM-dd");
}

/** The month of a calendar date: "2026-05-14" → "2026-05". */
export function monthOf(isoDate: string): MonthKey {
  return isoDate.slice(0, 7);
}

/** The current month in Paris. */
export function currentMonth(now: Date = new Date()): MonthKey {
  return monthOf(todayIso(now));
}

/** The month after: "2026-12" → "2027-01". */
export function nextMonth(month: MonthKey): MonthKey {
  const [y, m] = parts(month);
  return format(addMonths(new TZDate(y, m - 1, 1, PARIS), 1), "yyyy-MM");
}

/** The month before: "2027-01" → "2026-12". */
export function previousMonth(month: MonthKey): MonthKey {
  const [y, m] = parts(month);
  return format(addMonths(new TZDate(y, m - 1, 1, PARIS), -1), "yyyy-MM");
}

/** Every month touched by a period, in order: ("2026-03-02", "2026-05-10") → 03, 04, 05. */
export function monthsBetween(startIso: string, endIso: string): MonthKey[] {
  const out: MonthKey[] = [];
  if (endIso < startIso) return out;
  const last = monthOf(endIso);
  for (let m = monthOf(startIso); m <= last; m = nextMonth(m)) out.push(m);
  return out;
}

/** "2026-05" → "mai 2026" */
export function formatMonth(month: MonthKey): string {
  const [y, m] = parts(month);
  return format(new TZDate(y, m - 1, 1, PARIS), "MMMM yyyy", { locale: fr });
}

/** "2026-05" → "Mai 2026" (start of a sentence or a heading). */
export function formatMonthTitle(month: MonthKey): string {
  const s = formatMonth(month);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const holidayCache = new Map<number, Map<string, string>>();

/**
 * French public holidays of metropolitan France for a year: "YYYY-MM-DD" → name.
 * The library builds its dates at local midnight (of the process's time zone) and moves
 * some by multiples of 24 h; reading them at noon keeps the calendar day whatever the DST.
 */
export function publicHolidays(year: number): ReadonlyMap<string, string> {
  let map = holidayCache.get(year);
  if (!map) {
    map = new Map();
    for (const [name, date] of Object.entries(joursFeries(year, { alsace: false }))) {
      map.set(format(addHours(date, 12), "yyyy-MM-dd"), name);
    }
    holidayCache.set(year, map);
  }
  return map;
}

/** The public holiday's name on that date, or null. */
export function holidayName(isoDate: string): string | null {
  return publicHolidays(Number(isoDate.slice(0, 4))).get(isoDate) ?? null;
}

function parisDay(isoDate: string): TZDate {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, PARIS);
}

/** Monday to Friday and not a public holiday. */
export function isWorkingDay(isoDate: string): boolean {
  return !isWeekend(parisDay(isoDate)) && holidayName(isoDate) === null;
}

/** The working days of a period, both ends included (none when the period is empty). */
export function workingDaysBetween(startIso: string, endIso: string): string[] {
  if (endIso < startIso) return [];
  return eachDayOfInterval({ start: parisDay(startIso), end: parisDay(endIso) })
    .map((d) => format(d, "yyyy-MM-dd"))
    .filter(isWorkingDay);
}

/** Number of working days of a month. */
export function workingDaysInMonth(month: MonthKey): number {
  return workingDaysBetween(monthStart(month), monthEnd(month)).length;
}

/**
 * Working days of a month inside one or more periods (an assignment's, the order's): the
 * days a person can have worked that month for them. 0 when they do not meet the month.
 */
export function workingDaysInMonthWithin(
  month: MonthKey,
  ...periods: Array<{ startsOn: string; endsOn: string }>
): number {
  let start = monthStart(month);
  let end = monthEnd(month);
  for (const p of periods) {
    if (p.startsOn > start) start = p.startsOn;
    if (p.endsOn < end) end = p.endsOn;
  }
  return workingDaysBetween(start, end).length;
}

/** True when the period meets the month (at least one calendar day in common). */
export function periodMeetsMonth(month: MonthKey, period: { startsOn: string; endsOn: string }): boolean {
  return period.startsOn <= monthEnd(month) && period.endsOn >= monthStart(month);
}

/** The public holidays falling on a weekday of the month, for display: [{ date, name }]. */
export function weekdayHolidaysOfMonth(month: MonthKey): Array<{ date: string; name: string }> {
  const [y] = parts(month);
  return [...publicHolidays(y).entries()]
    .filter(([date]) => monthOf(date) === month && !isWeekend(parisDay(date)))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, name]) => ({ date, name }));
}
