// Calendar of the generated data set: days as integers (days since 1970-01-01, UTC), months
// as integers (year × 12 + month − 1), and the working days of metropolitan France —
// Monday to Friday, minus the public holidays of @socialgouv/jours-feries (without the two
// extra holidays of Alsace-Moselle), the same rule as the monthly activity reports.
import { createRequire } from "node:module";

// The package ships no types; required through createRequire so this file needs no ambient
// declaration of its own (the activity domain may declare one).
const joursFeries = createRequire(import.meta.url)("@socialgouv/jours-feries") as (
  year: number,
) => Record<string, Date>;

const DAY_MS = 86_400_000;

export type Day = number;
export type Month = number;

export function dayOf(iso: string): Day {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function monthOfDay(day: Day): Month {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

export function firstDayOfMonth(month: Month): Day {
  return Math.round(Date.UTC(Math.floor(month / 12), month % 12, 1) / DAY_MS);
}

export function lastDayOfMonth(month: Month): Day {
  return firstDayOfMonth(month + 1) - 1;
}

export function yearOfDay(day: Day): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** Adds calendar months, clamping the day of month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: Day, months: number): Day {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.round(Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / DAY_MS);
}

/** Working days of a span of years, with O(1) counts over any interval. */
export class WorkingCalendar {
  readonly firstDay: Day;
  readonly lastDay: Day;
  private readonly prefix: Int32Array;
  private readonly isoCache: string[];

  constructor(fromYear: number, toYear: number) {
    this.firstDay = dayOf(`${fromYear}-01-01`);
    this.lastDay = dayOf(`${toYear}-12-31`);
    const holidays = new Set<Day>();
    for (let y = fromYear; y <= toYear; y++) {
      for (const date of Object.values(joursFeries(y))) {
        // The package builds local-time dates: read them back in local time.
        holidays.add(Math.round(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / DAY_MS));
      }
    }
    const n = this.lastDay - this.firstDay + 1;
    this.prefix = new Int32Array(n + 1);
    this.isoCache = new Array(n);
    for (let i = 0; i < n; i++) {
      const day = this.firstDay + i;
      const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
      const working = weekday !== 0 && weekday !== 6 && !holidays.has(day);
      this.prefix[i + 1] = (this.prefix[i] as number) + (working ? 1 : 0);
      this.isoCache[i] = new Date(day * DAY_MS).toISOString().slice(0, 10);
    }
  }

  /** Working days in [from, to], both included (0 when to < from). */
  workingDays(from: Day, to: Day): number {
    const a = Math.max(from, this.firstDay) - this.firstDay;
    const b = Math.min(to, this.lastDay) - this.firstDay;
    if (b < a) return 0;
    return (this.prefix[b + 1] as number) - (this.prefix[a] as number);
  }

  monthWorkingDays(month: Month): number {
    return this.workingDays(firstDayOfMonth(month), lastDayOfMonth(month));
  }

  /** "YYYY-MM-DD" */
  iso(day: Day): string {
    const i = day - this.firstDay;
    return this.isoCache[i] ?? new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  /** An instant on that day, as an ISO timestamp (UTC), `seconds` after midnight. */
  at(day: Day, seconds: number): string {
    const s = Math.max(0, Math.min(86_399, Math.floor(seconds)));
    const hh = String(Math.floor(s / 3600)).padStart(2, "0");
    const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
    const ss = String(s % 60).padStart(2, "0");
    return `${this.iso(day)}T${hh}:${mm}:${ss}.000Z`;
  }
}
