// Pure rules of staffing: staffers' fields, assignment periods, overlaps, replacements and
// their ramp-up days (CCTP §3.4: the newcomer's training is at the contractor's cost).
// Dates are "YYYY-MM-DD" strings (calendar dates, compared as strings); days are exact
// decimals (decimal.js), never floats.
import Decimal from "decimal.js";

export const STAFFER_STATUSES = ["EMPLOYEE", "INDEPENDENT", "SUBCONTRACTOR"] as const;
export type StafferStatusName = (typeof STAFFER_STATUSES)[number];

export const STAFFER_STATUS_LABELS: Record<StafferStatusName, string> = {
  EMPLOYEE: "Salarié du titulaire",
  INDEPENDENT: "Indépendant",
  SUBCONTRACTOR: "Sous-traitant",
};

/**
 * beta.gouv.fr username (content/_authors/<username>.md): lower-case letters without accents
 * and digits, in groups joined by single dots or dashes, e.g. "prenom.nom" or "jean-marie.dupont2".
 */
export const BETA_USERNAME_PATTERN = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

export function isBetaUsername(s: string): boolean {
  return s.length <= 100 && BETA_USERNAME_PATTERN.test(s);
}

/** E-mail addresses are compared trimmed and lower-case (the database checks the same). */
export function normalizeEmail(s: string): string {
  return s.trim().toLowerCase();
}

/** Orders whose lines may receive (and change) assignments: received by the contractor, work not over. */
export const STAFFABLE_ORDER_STATUSES = ["ACKNOWLEDGED", "IN_PROGRESS"] as const;

export function isStaffableOrder(order: { status: string; correctsOrderId: string | null }): boolean {
  return (
    order.correctsOrderId === null && (STAFFABLE_ORDER_STATUSES as readonly string[]).includes(order.status)
  );
}

// ── Ramp-up days ──

/** At most two working weeks of ramp-up per replacement. */
export const MAX_RAMP_UP_DAYS = new Decimal(10);
export const RAMP_UP_STEP = new Decimal("0.5");

export type DaysResult = { ok: true; value: Decimal } | { ok: false; message: string };

/**
 * Reads ramp-up days typed by a person: "1,5" and "1.5" mean 1.5; empty means 0. Half-day
 * steps from 0 to 10; anything else (0.25, "1e1", "-1", "un") is refused, never rounded.
 */
export function parseRampUpDays(raw: string): DaysResult {
  const s = raw.trim().replace(",", ".");
  if (s === "") return { ok: true, value: new Decimal(0) };
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) {
    return {
      ok: false,
      message: "Les jours de montée en compétence s'écrivent en nombre de jours, par exemple 2 ou 1,5.",
    };
  }
  const value = new Decimal(s);
  if (!value.mod(RAMP_UP_STEP).isZero()) {
    return {
      ok: false,
      message: "Les jours de montée en compétence se comptent par demi-journée : 0,5, 1, 1,5…",
    };
  }
  if (value.greaterThan(MAX_RAMP_UP_DAYS)) {
    return {
      ok: false,
      message: `La montée en compétence compte au plus ${MAX_RAMP_UP_DAYS.toString()} jours.`,
    };
  }
  return { ok: true, value };
}

// ── Periods ──

export type Period = { startsOn: string; endsOn: string };

/** "2026-12-01" → "01/12/2026" */
export function frDate(iso: string): string {
  return iso.split("-").reverse().join("/");
}

/** The day before a date ("2027-03-01" → "2027-02-28"). */
export function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Why an assignment period does not fit the order's period, per form field, or {} when it
 * fits: start ≤ end, both inside the order's planned period.
 */
export function assignmentPeriodErrors(period: Period, order: Period): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (period.endsOn < period.startsOn) {
    errors.endsOn = ["La date de fin doit être postérieure ou égale à la date de début."];
  }
  const inside = `La période d'affectation doit être comprise dans celle du bon de commande (du ${frDate(order.startsOn)} au ${frDate(order.endsOn)}).`;
  if (period.startsOn < order.startsOn || period.startsOn > order.endsOn) errors.startsOn = [inside];
  if (period.endsOn > order.endsOn || period.endsOn < order.startsOn) {
    errors.endsOn = [...(errors.endsOn ?? []), inside];
  }
  return errors;
}

/** Two closed date intervals share at least one day. */
export function periodsOverlap(a: Period, b: Period): boolean {
  return a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;
}

/** The first of `others` that shares a day with `period`, or undefined. */
export function findOverlap<T extends Period>(period: Period, others: readonly T[]): T | undefined {
  return others.find((o) => periodsOverlap(period, o));
}

// ── Reported days and period changes ──

/** "2026-12-01" (first day of a month) → "décembre 2026". */
export function frMonth(monthIso: string): string {
  const [y, m] = monthIso.split("-").map(Number) as [number, number];
  const names = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
  ];
  return `${names[m - 1]} ${y}`;
}

/**
 * The months (first days, "YYYY-MM-01") with reported days that a period would no longer
 * cover. Reports are monthly: a month is still covered when the period has at least one of
 * its days. `reported` lists each month's net days (billable and ramp-up), adjustments
 * included; a month whose days net to zero has nothing reported.
 */
export function reportedMonthsOutside(
  period: Period,
  reported: ReadonlyArray<{ month: string; days: Decimal.Value; nonBillableDays: Decimal.Value }>,
): string[] {
  const first = `${period.startsOn.slice(0, 7)}-01`;
  const last = `${period.endsOn.slice(0, 7)}-01`;
  // Per month: [billable, ramp-up] net of adjustments.
  const net = new Map<string, [Decimal, Decimal]>();
  for (const r of reported) {
    const month = `${r.month.slice(0, 7)}-01`;
    const [days, nonBillable] = net.get(month) ?? [new Decimal(0), new Decimal(0)];
    net.set(month, [days.plus(r.days), nonBillable.plus(r.nonBillableDays)]);
  }
  const months: string[] = [];
  for (const [month, [days, nonBillable]] of net) {
    const reportedThere = !days.isZero() || !nonBillable.isZero();
    if (reportedThere && (month < first || month > last)) months.push(month);
  }
  return months.sort();
}

/**
 * A replacement from `from`: the replaced assignment then ends the day before, so `from`
 * must fall after its first day and no later than its last day.
 */
export function replacementDateError(replaced: Period, from: string): string | null {
  if (from <= replaced.startsOn) {
    return `Le remplacement doit commencer après le premier jour de l'affectation remplacée (le ${frDate(replaced.startsOn)}).`;
  }
  if (from > replaced.endsOn) {
    return `Le remplacement doit commencer au plus tard le dernier jour de l'affectation remplacée (le ${frDate(replaced.endsOn)}).`;
  }
  return null;
}

/** "1.5" → "1,5 jour" / "2 jours" (French, exact). */
export function formatDays(days: Decimal.Value): string {
  const d = new Decimal(days);
  return `${d.toString().replace(".", ",")} ${d.greaterThanOrEqualTo(2) ? "jours" : "jour"}`;
}
