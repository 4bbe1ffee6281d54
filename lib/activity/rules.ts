// Pure rules of monthly activity reports (comptes rendus d'activité): days in half-day steps,
// statuses and who moves a report from one to the next, the monthly and ramp-up limits.
// Days are exact decimals (decimal.js): never a floating-point sum.
import Decimal from "decimal.js";

/** Days are reported in half-days (DOMAIN: "days are reported in half-days"). */
export const DAY_STEP = new Decimal("0.5");
/** A month never has more than 23 working days; a single cell above 31 is a typing error. */
export const MAX_CELL_DAYS = new Decimal(31);
export const MAX_ACTIVITIES_LENGTH = 10_000;

export type DaysResult = { ok: true; value: Decimal } | { ok: false; message: string };

/**
 * Reads a number of days typed by a person: "2", "2,5" or "2.5"; blank means 0. Refuses
 * what is not a half-day step (0,25), negative days (unless `signed`, for the changes of an
 * adjusting entry), exponents, thousands separators and anything else that would be guessed.
 */
export function parseDays(raw: string, opts: { signed?: boolean } = {}): DaysResult {
  const s = raw.trim().replace(",", ".");
  if (s === "") return { ok: true, value: new Decimal(0) };
  if (!/^[-+]?\d{1,3}(\.\d{1,2})?$/.test(s)) {
    return {
      ok: false,
      message: "Indiquez un nombre de jours, par exemple 3 ou 2,5 (virgule décimale).",
    };
  }
  const value = new Decimal(s);
  if (value.isNegative() && !value.isZero() && !opts.signed) {
    return { ok: false, message: "Le nombre de jours ne peut pas être négatif." };
  }
  if (!value.mod(DAY_STEP).isZero()) {
    return { ok: false, message: "Les jours se déclarent par demi-journée : 0,5, 1, 1,5… (pas de 0,25)." };
  }
  if (value.abs().greaterThan(MAX_CELL_DAYS)) {
    return { ok: false, message: `Un nombre de jours ne peut pas dépasser ${MAX_CELL_DAYS} sur un mois.` };
  }
  return { ok: true, value: value.plus(0) };
}

/** Days in French: 2.5 → "2,5", 20 → "20". */
export function frDays(value: Decimal.Value): string {
  return new Decimal(value).toString().replace(".", ",");
}

/** "2,5 jours", "1 jour", "0,5 jour" (French: plural from 2). */
export function daysLabel(value: Decimal.Value): string {
  const d = new Decimal(value);
  return `${frDays(d)} jour${d.abs().greaterThanOrEqualTo(2) ? "s" : ""}`;
}

export const REPORT_STATUSES = ["DRAFT", "SUBMITTED", "VALIDATED", "REJECTED"] as const;
export type ReportStatusName = (typeof REPORT_STATUSES)[number];

export const REPORT_STATUS_LABELS: Record<ReportStatusName, string> = {
  DRAFT: "Brouillon",
  SUBMITTED: "Soumis, à valider",
  VALIDATED: "Validé",
  REJECTED: "Rejeté, à corriger",
};

/** Who moves a report: the contractor writes and submits, the beneficiary decides. */
export type ReportSide = "contractor" | "beneficiary";

export const REPORT_TRANSITIONS: ReadonlyArray<{
  from: ReportStatusName;
  to: ReportStatusName;
  by: ReportSide;
  action: string;
}> = [
  // Saving keeps a draft a draft, and a rejected report rejected until it is resubmitted.
  { from: "DRAFT", to: "DRAFT", by: "contractor", action: "activity.save" },
  { from: "REJECTED", to: "REJECTED", by: "contractor", action: "activity.save" },
  { from: "DRAFT", to: "SUBMITTED", by: "contractor", action: "activity.submit" },
  { from: "REJECTED", to: "SUBMITTED", by: "contractor", action: "activity.submit" },
  { from: "SUBMITTED", to: "VALIDATED", by: "beneficiary", action: "activity.validate" },
  { from: "SUBMITTED", to: "REJECTED", by: "beneficiary", action: "activity.reject" },
];

export function canTransition(from: ReportStatusName, to: ReportStatusName, by: ReportSide): boolean {
  return REPORT_TRANSITIONS.some((t) => t.from === from && t.to === to && t.by === by);
}

/** The contractor may still change the report (a validated one never changes: rule 6). */
export function isEditable(status: ReportStatusName): boolean {
  return canTransition(status, status, "contractor");
}

/** Orders that receive activity reports: acknowledged (work about to start) or in progress. */
export const REPORTABLE_ORDER_STATUSES = ["ACKNOWLEDGED", "IN_PROGRESS"] as const;

export function isReportableOrder(order: { status: string; correctsOrderId: string | null }): boolean {
  return (
    order.correctsOrderId === null && (REPORTABLE_ORDER_STATUSES as readonly string[]).includes(order.status)
  );
}

/**
 * Rule 5: a person's days in a month, over every order (billable + non-billable, every
 * report whatever its status), never exceed the month's working days. Returns the French
 * refusal, or null.
 */
export function stafferMonthError(input: {
  stafferName: string;
  monthLabel: string;
  workingDays: number;
  /** Days already counted for this person this month on other reports. */
  elsewhere: Decimal;
  /** Days this report gives the person. */
  requested: Decimal;
}): string | null {
  const total = input.elsewhere.plus(input.requested);
  if (total.lessThanOrEqualTo(input.workingDays)) return null;
  const left = Decimal.max(new Decimal(input.workingDays).minus(input.elsewhere), 0);
  return `${input.stafferName} ne peut pas dépasser ${daysLabel(input.workingDays)} ouvrés en ${input.monthLabel} : ${daysLabel(input.elsewhere)} sont déjà déclarés sur d'autres comptes rendus (toutes commandes confondues), il en reste ${daysLabel(left)} et ce compte rendu en déclare ${daysLabel(input.requested)}.`;
}

/** A cell's days (billable + non-billable) within the working days the assignment allows that month. */
export function cellCapError(input: {
  stafferName: string;
  monthLabel: string;
  /** Working days of the month inside the assignment's (and the order's) period. */
  cap: number;
  total: Decimal;
}): string | null {
  if (input.total.lessThanOrEqualTo(input.cap)) return null;
  return `${input.stafferName} : ${daysLabel(input.total)} déclarés, mais la période d'affectation ne compte que ${daysLabel(input.cap)} ouvrés en ${input.monthLabel}.`;
}

/**
 * CCTP §3.4: a replacement's ramp-up is at the contractor's cost. Its non-billable days, over
 * every month, never exceed the ramp-up days agreed on the assignment.
 */
export function rampUpError(input: {
  stafferName: string;
  rampUpDays: Decimal;
  /** Non-billable days already reported on other months. */
  elsewhere: Decimal;
  requested: Decimal;
}): string | null {
  if (input.requested.isZero()) return null;
  if (input.rampUpDays.isZero()) {
    return `${input.stafferName} n'est pas un remplacement avec montée en compétence : pas de jours non facturables.`;
  }
  if (input.elsewhere.plus(input.requested).lessThanOrEqualTo(input.rampUpDays)) return null;
  const left = Decimal.max(input.rampUpDays.minus(input.elsewhere), 0);
  return `${input.stafferName} : la montée en compétence prévue est de ${daysLabel(input.rampUpDays)} non facturables au total ; ${daysLabel(input.elsewhere)} sont déjà déclarés, il en reste ${daysLabel(left)}.`;
}

/** Sum of exact decimals. */
export function sumDays(values: Decimal.Value[]): Decimal {
  return values.reduce<Decimal>((a, b) => a.plus(b), new Decimal(0));
}
