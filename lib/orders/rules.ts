// Pure rules of purchase orders: quantities, amounts, periods, numbers, transitions.
// Money is integer cents (bigint for sums), quantities exact decimals (decimal.js).
import Decimal from "decimal.js";

export const DAYS_PER_UO = 20;
/** One day: the smallest orderable fraction of a UO. */
export const QUANTITY_STEP = new Decimal("0.05");
/** A single line above this is certainly a typing error (100 UO = 2 000 days). */
export const MAX_LINE_QUANTITY = new Decimal(100);
export const MAX_LINES = 30;

export type QuantityResult = { ok: true; value: Decimal } | { ok: false; message: string };

/**
 * Reads a quantity typed by a person, in UO. "5,5" and "5.5" both mean 5.5; anything that
 * is not a plain decimal (exponents, NaN, thousands separators, signs) is refused rather
 * than guessed, so "5,5" can never become 5 or 55.
 */
export function parseQuantity(
  raw: string,
  opts: { allowNegative?: boolean; allowZero?: boolean } = {},
): QuantityResult {
  const s = raw.trim().replace(",", ".");
  if (s === "") return { ok: false, message: "Indiquez une quantité." };
  const pattern = opts.allowNegative ? /^-?\d{1,4}(\.\d{1,2})?$/ : /^\d{1,4}(\.\d{1,2})?$/;
  if (!pattern.test(s)) {
    return {
      ok: false,
      message: "La quantité doit être un nombre d'UO, par exemple 2 ou 2,5 (virgule décimale).",
    };
  }
  const value = new Decimal(s);
  if (value.isZero() && !opts.allowZero) {
    return { ok: false, message: "La quantité doit être supérieure à zéro." };
  }
  if (!opts.allowNegative && value.isNegative()) {
    return { ok: false, message: "La quantité doit être supérieure à zéro." };
  }
  if (!value.mod(QUANTITY_STEP).isZero()) {
    return {
      ok: false,
      message: "La quantité se commande par jour entier : un multiple de 0,05 UO (1 jour = 0,05 UO).",
    };
  }
  if (value.abs().greaterThan(MAX_LINE_QUANTITY)) {
    return { ok: false, message: `La quantité d'une ligne ne peut pas dépasser ${MAX_LINE_QUANTITY} UO.` };
  }
  return { ok: true, value };
}

/** Days of a quantity of UO (1 UO = 20 days). */
export function daysOf(quantity: Decimal.Value, daysPerUnit = DAYS_PER_UO): Decimal {
  return new Decimal(quantity).times(daysPerUnit);
}

/** Rounds a decimal number of cents half away from zero (half-up on magnitudes). */
function roundCents(cents: Decimal): bigint {
  return BigInt(cents.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
}

/** Line HT = unit price × quantity, rounded half-up to the cent. */
export function lineAmountHtCents(unitPriceHtCents: number, quantity: Decimal.Value): bigint {
  return roundCents(new Decimal(unitPriceHtCents).times(quantity));
}

export type Totals = { htCents: bigint; vatCents: bigint; ttcCents: bigint };

/** Total HT = sum of lines; TVA = HT × rate rounded half-up; TTC = HT + TVA. */
export function orderTotals(lineAmountsHtCents: bigint[], vatRateBp: number): Totals {
  const htCents = lineAmountsHtCents.reduce((a, b) => a + b, 0n);
  const vatCents = roundCents(new Decimal(htCents.toString()).times(vatRateBp).dividedBy(10_000));
  return { htCents, vatCents, ttcCents: htCents + vatCents };
}

/** "BDC-2026-0042" */
export function formatOrderNumber(year: number, n: number): string {
  return `BDC-${year}-${String(n).padStart(4, "0")}`;
}

export const EJ_PATTERN = /^\d{10}$/;

/** Period checks: start ≤ end, inside the agreement. Dates are "YYYY-MM-DD". */
export function periodErrors(
  period: { startsOn: string; endsOn: string },
  agreement: { startsOn: string; endsOn: string },
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (period.endsOn < period.startsOn) {
    errors.endsOn = ["La date de fin doit être postérieure ou égale à la date de début."];
  }
  if (period.startsOn < agreement.startsOn || period.endsOn > agreement.endsOn) {
    errors.startsOn = [
      `La période doit être comprise dans celle de l'accord-cadre (du ${agreement.startsOn.split("-").reverse().join("/")} au ${agreement.endsOn.split("-").reverse().join("/")}).`,
    ];
  }
  return errors;
}

/** Whole months between two dates are irrelevant here: "at most one month" = end ≤ start + 1 month − 1 day. */
export function isAtMostOneMonth(startsOn: string, endsOn: string): boolean {
  const [y, m, d] = startsOn.split("-").map(Number) as [number, number, number];
  const limit = new Date(Date.UTC(y, m, d - 1)); // same day next month, minus one day
  return new Date(`${endsOn}T00:00:00Z`) <= limit;
}

export const ORDER_STATUSES = [
  "DRAFT",
  "ISSUED",
  "ACKNOWLEDGED",
  "IN_PROGRESS",
  "COMPLETED",
  "CLOSED",
  "CANCELLED",
] as const;
export type OrderStatusName = (typeof ORDER_STATUSES)[number];

export const ORDER_STATUS_LABELS: Record<OrderStatusName, string> = {
  DRAFT: "Brouillon",
  ISSUED: "Émis",
  ACKNOWLEDGED: "Accusé de réception",
  IN_PROGRESS: "En cours",
  COMPLETED: "Terminé",
  CLOSED: "Clôturé",
  CANCELLED: "Annulé",
};

/** Who makes each transition ("beneficiary": the ordering organisation's correspondent). */
export type Side = "beneficiary" | "contractor" | "system";
export const TRANSITIONS: ReadonlyArray<{
  from: OrderStatusName;
  to: OrderStatusName;
  by: Side;
  action: string;
}> = [
  { from: "DRAFT", to: "ISSUED", by: "beneficiary", action: "order.issue" },
  { from: "DRAFT", to: "CANCELLED", by: "beneficiary", action: "order.cancel" },
  { from: "ISSUED", to: "CANCELLED", by: "beneficiary", action: "order.cancel" },
  { from: "ISSUED", to: "ACKNOWLEDGED", by: "contractor", action: "order.acknowledge" },
  { from: "ACKNOWLEDGED", to: "IN_PROGRESS", by: "system", action: "order.start" },
  // By the work (lib/orders/lifecycle.ts): every ordered day certified, or the period ended
  // with its final service fait. The beneficiary may also declare the work over earlier.
  { from: "IN_PROGRESS", to: "COMPLETED", by: "system", action: "order.complete" },
  { from: "IN_PROGRESS", to: "COMPLETED", by: "beneficiary", action: "order.complete" },
  { from: "COMPLETED", to: "CLOSED", by: "beneficiary", action: "order.close" },
];

export function canTransition(from: OrderStatusName, to: OrderStatusName, by: Side): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to && t.by === by);
}

/**
 * A corrective line's signed amount: what the corrected line is worth after the change minus
 * what it was worth before, each rounded half-up at the original frozen unit price. The
 * changes of one line therefore telescope: the original amount plus all issued changes is
 * exactly round(unit × corrected quantity), never negative, never a cent adrift.
 */
export function correctionAmountHtCents(
  unitPriceHtCents: number,
  currentQuantity: Decimal.Value,
  newQuantity: Decimal.Value,
): bigint {
  return (
    lineAmountHtCents(unitPriceHtCents, newQuantity) - lineAmountHtCents(unitPriceHtCents, currentQuantity)
  );
}

/** The amount consumed on a line: consumed days in UO × unit price, half-up to the cent. */
export function consumedAmountHtCents(
  unitPriceHtCents: number,
  consumedDays: Decimal.Value,
  daysPerUnit = DAYS_PER_UO,
): bigint {
  return roundCents(new Decimal(unitPriceHtCents).times(consumedDays).dividedBy(daysPerUnit));
}

/** Orders that may receive a corrective order (bon de commande modificatif). */
export const CORRECTABLE_STATUSES: readonly OrderStatusName[] = ["ISSUED", "ACKNOWLEDGED", "IN_PROGRESS"];
