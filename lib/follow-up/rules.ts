// Pure rules of the follow-up ("suivi"): what is left, what is left to certify, the monthly
// burn-down and the date the ordered days run out at the current pace. Days are exact
// decimals (decimal.js), money integer cents (bigint); nothing here reads a clock: "today"
// is always an argument.
import Decimal from "decimal.js";

/** The figures of a line, an order, a product or a whole scope, as read from the database. */
export type RawFigures = {
  orderedDays: Decimal;
  /** Billable days of validated reports (adjustments included): OrderLine.consumedDays. */
  validatedDays: Decimal;
  /** Days certified by service fait (admission or réfaction). */
  certifiedDays: Decimal;
  orderedHtCents: bigint;
  validatedHtCents: bigint;
  /** Certifying service-fait amounts before réfaction (days × frozen price). */
  certifiedGrossHtCents: bigint;
  /** Réfactions decided on those records (0 for a line: a réfaction is per record). */
  refactionHtCents: bigint;
  invoicedHtCents: bigint;
  paidHtCents: bigint;
};

export type Figures = RawFigures & {
  /** Certified amount net of réfactions: what the beneficiary owes. */
  certifiedHtCents: bigint;
  /** Ordered − validated. */
  remainingDays: Decimal;
  remainingHtCents: bigint;
  /** "Reste à certifier": validated − certified. */
  toCertifyDays: Decimal;
  toCertifyHtCents: bigint;
  /** Certified (net) not invoiced yet, and invoiced not paid yet. */
  toInvoiceHtCents: bigint;
  unpaidHtCents: bigint;
};

export function deriveFigures(raw: RawFigures): Figures {
  return {
    ...raw,
    certifiedHtCents: raw.certifiedGrossHtCents - raw.refactionHtCents,
    remainingDays: raw.orderedDays.minus(raw.validatedDays),
    remainingHtCents: raw.orderedHtCents - raw.validatedHtCents,
    toCertifyDays: raw.validatedDays.minus(raw.certifiedDays),
    toCertifyHtCents: raw.validatedHtCents - raw.certifiedGrossHtCents,
    toInvoiceHtCents: raw.certifiedGrossHtCents - raw.refactionHtCents - raw.invoicedHtCents,
    unpaidHtCents: raw.invoicedHtCents - raw.paidHtCents,
  };
}

export const ZERO_FIGURES: RawFigures = {
  orderedDays: new Decimal(0),
  validatedDays: new Decimal(0),
  certifiedDays: new Decimal(0),
  orderedHtCents: 0n,
  validatedHtCents: 0n,
  certifiedGrossHtCents: 0n,
  refactionHtCents: 0n,
  invoicedHtCents: 0n,
  paidHtCents: 0n,
};

/** Share of the ordered days already validated, in whole percent (rounded down); null when nothing was ordered. */
export function consumedPercent(f: Pick<RawFigures, "orderedDays" | "validatedDays">): number | null {
  if (f.orderedDays.isZero()) return null;
  return f.validatedDays.times(100).dividedBy(f.orderedDays).floor().toNumber();
}

// ── Months ──────────────────────────────────────────────────────────────────────────────

/** "2026-03-15" → "2026-03" */
export const monthOf = (iso: string) => iso.slice(0, 7);

function monthParts(month: string): [number, number] {
  return month.split("-").map(Number) as [number, number];
}

export function addMonths(month: string, n: number): string {
  const [y, m] = monthParts(month);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Every month from `from` to `to`, inclusive ("YYYY-MM"). */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

function daysInMonth(month: string): number {
  const [y, m] = monthParts(month);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

// ── Burn-down ───────────────────────────────────────────────────────────────────────────

/** Validated and certified days of the work of one month (the month the days were worked). */
export type MonthlyDays = { month: string; validatedDays: Decimal; certifiedDays: Decimal };

export type BurnDownPoint = {
  month: string;
  /** Days validated for the work of this month. */
  validatedDays: Decimal;
  /** Ordered − validated up to the end of this month; null for months not begun yet. */
  remainingDays: Decimal | null;
  /** Days certified for the work up to the end of this month; null for months not begun yet. */
  certifiedCumulativeDays: Decimal | null;
};

/**
 * One point per month of the period (extended to any month that has days outside it): the
 * ordered days left at the end of the month, and the days certified so far, both by month of
 * work. Months after the current one have no value yet.
 */
export function burnDownSeries({
  orderedDays,
  startsOn,
  endsOn,
  monthly,
  today,
}: {
  orderedDays: Decimal;
  startsOn: string;
  endsOn: string;
  monthly: MonthlyDays[];
  today: string;
}): BurnDownPoint[] {
  const sorted = [...monthly].sort((a, b) => a.month.localeCompare(b.month));
  const first = [monthOf(startsOn), ...sorted.map((m) => m.month)].sort()[0] as string;
  const last = [monthOf(endsOn), ...sorted.map((m) => m.month)].sort().at(-1) as string;
  const byMonth = new Map(sorted.map((m) => [m.month, m]));
  const current = monthOf(today);
  let validated = new Decimal(0);
  let certified = new Decimal(0);
  return monthRange(first, last).map((month) => {
    const m = byMonth.get(month);
    validated = validated.plus(m?.validatedDays ?? 0);
    certified = certified.plus(m?.certifiedDays ?? 0);
    const begun = month <= current;
    return {
      month,
      validatedDays: m?.validatedDays ?? new Decimal(0),
      remainingDays: begun ? orderedDays.minus(validated) : null,
      certifiedCumulativeDays: begun ? certified : null,
    };
  });
}

// ── Run-out date ────────────────────────────────────────────────────────────────────────

/** How many full months the current pace is measured on. */
export const RATE_WINDOW_MONTHS = 3;

export type RunOut =
  /** No day left. */
  | { kind: "exhausted" }
  /** No full month of work yet, or nothing validated in the window: no pace to project. */
  | { kind: "noRate" }
  | { kind: "date"; date: string; daysPerMonth: Decimal; monthsMeasured: number };

/**
 * The date the remaining days reach zero at the current pace. The pace is the average of the
 * validated days (by month of work) over the last three full months before today's month —
 * fewer when the order started less than three months ago. The projection starts at the end
 * of the last full month: t = remaining ÷ pace months later, the fraction of a month counted
 * in that month's calendar days (rounded up to a whole day).
 */
export function runOutDate({
  remainingDays,
  monthly,
  startsOn,
  today,
}: {
  remainingDays: Decimal;
  monthly: Array<Pick<MonthlyDays, "month" | "validatedDays">>;
  startsOn: string;
  today: string;
}): RunOut {
  if (remainingDays.lessThanOrEqualTo(0)) return { kind: "exhausted" };
  const current = monthOf(today);
  const start = monthOf(startsOn);
  const window: string[] = [];
  for (let i = 1; i <= RATE_WINDOW_MONTHS; i++) {
    const m = addMonths(current, -i);
    if (m < start) break;
    window.push(m);
  }
  if (window.length === 0) return { kind: "noRate" };
  const total = monthly
    .filter((m) => window.includes(m.month))
    .reduce((s, m) => s.plus(m.validatedDays), new Decimal(0));
  if (total.lessThanOrEqualTo(0)) return { kind: "noRate" };
  const daysPerMonth = total.dividedBy(window.length);
  const months = remainingDays.dividedBy(daysPerMonth);
  const whole = months.floor().toNumber();
  const fraction = months.minus(whole);
  // The month in which the last day is used, and how far into it.
  const month = addMonths(current, whole);
  const into = fraction.times(daysInMonth(month)).ceil().toNumber();
  const [y, m] = monthParts(month);
  // into = 0: the days run out exactly at the end of the previous month.
  const date = new Date(Date.UTC(y, m - 1, into === 0 ? 0 : into)).toISOString().slice(0, 10);
  return { kind: "date", date, daysPerMonth, monthsMeasured: window.length };
}
