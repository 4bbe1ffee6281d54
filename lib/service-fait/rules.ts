// Pure rules of service fait (procès-verbal de service fait): months of a period, the
// amount the validated days are worth, what each decision certifies, numbers.
// Money is integer cents (bigint), days exact decimals (decimal.js): no floating point.
import Decimal from "decimal.js";
import { consumedAmountHtCents, DAYS_PER_UO, orderTotals } from "@/lib/orders/rules";

export const DECISIONS = ["ADMISSION", "REFACTION", "AJOURNEMENT", "REJET"] as const;
export type Decision = (typeof DECISIONS)[number];

export const DECISION_LABELS: Record<Decision, string> = {
  ADMISSION: "Admission",
  REFACTION: "Admission avec réfaction",
  AJOURNEMENT: "Ajournement",
  REJET: "Rejet",
};

/** The decision in words, as printed on the procès-verbal and explained in the form. */
export const DECISION_WORDING: Record<Decision, string> = {
  ADMISSION:
    "Les prestations de la période sont admises : le service fait est constaté pour le montant calculé sur les jours validés.",
  REFACTION:
    "Les prestations de la période sont admises avec réfaction : le service fait est constaté pour le montant calculé diminué de la réfaction motivée ci-dessous.",
  AJOURNEMENT:
    "La décision est ajournée : aucun montant n'est certifié, les comptes rendus de la période restent à certifier.",
  REJET: "Les prestations de la période ne sont pas admises : aucun montant n'est certifié.",
};

/** What the comment is, per decision (required for all but admission). */
export const COMMENT_LABELS: Record<Decision, string> = {
  ADMISSION: "Observations",
  REFACTION: "Motif de la réfaction",
  AJOURNEMENT: "Motif de l'ajournement",
  REJET: "Motif du rejet",
};

/** Admission and réfaction certify the reports (and the days); ajournement and rejet do not. */
export function isCertifying(decision: Decision): boolean {
  return decision === "ADMISSION" || decision === "REFACTION";
}

/** The order statuses in which the beneficiary certifies service fait. */
export const CERTIFIABLE_ORDER_STATUSES = ["ACKNOWLEDGED", "IN_PROGRESS", "COMPLETED"] as const;

/** "SF-2026-0007" */
export function formatServiceFaitNumber(year: number, n: number): string {
  return `SF-${year}-${String(n).padStart(4, "0")}`;
}

// ── Months ("YYYY-MM") ──

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isMonth(s: string): boolean {
  return MONTH_PATTERN.test(s);
}

/** "2026-04" → "2026-04-01" */
export function monthStart(month: string): string {
  return `${month}-01`;
}

/** "2026-02" → "2026-02-28" (calendar-exact, leap years included). */
export function monthEnd(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, "0")}`;
}

/** "2026-04-17" → "2026-04" */
export function monthOf(isoDate: string): string {
  return isoDate.slice(0, 7);
}

/** Every month from `from` to `to`, both included ([] when inverted). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

const MONTH_NAMES = [
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

/** "2026-04" → "avril 2026" */
export function formatMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return `${MONTH_NAMES[m - 1]} ${y}`;
}

/** "avril 2026" for one month, "avril 2026 à juin 2026" for several. */
export function formatMonthRange(from: string, to: string): string {
  return from === to ? formatMonth(from) : `${formatMonth(from)} à ${formatMonth(to)}`;
}

/**
 * The months chosen must be in order and inside the order's period (a month counts when the
 * order runs during part of it). Dates are "YYYY-MM-DD"; errors keyed by form field.
 */
export function monthPeriodErrors(
  period: { from: string; to: string },
  order: { startsOn: string; endsOn: string },
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (period.to < period.from) {
    errors.to = ["Le dernier mois doit être le même que le premier mois ou venir après."];
    return errors;
  }
  const first = monthOf(order.startsOn);
  const last = monthOf(order.endsOn);
  if (period.from < first || period.to > last) {
    errors.from = [
      `La période doit être comprise dans celle du bon de commande (de ${formatMonth(first)} à ${formatMonth(last)}).`,
    ];
  }
  return errors;
}

// ── Amounts ──

export type DaysEntry = { orderLineId: string; days: Decimal.Value };

/** Billable days per order line (signed entries of adjusting reports included). */
export function daysPerLine(entries: DaysEntry[]): Map<string, Decimal> {
  const out = new Map<string, Decimal>();
  for (const e of entries) {
    out.set(e.orderLineId, (out.get(e.orderLineId) ?? new Decimal(0)).plus(e.days));
  }
  return out;
}

export type PricedLine = {
  orderLineId: string;
  days: Decimal.Value;
  /** Frozen unit price of one UO on the order line. */
  unitPriceHtCents: number;
  daysPerUnit?: number;
};

export type LineAmount = {
  orderLineId: string;
  days: Decimal;
  unitPriceHtCents: number;
  amountHtCents: bigint;
};

/**
 * Each line: its total days ÷ days per UO × frozen unit price, rounded half-up to the cent
 * once, on the line's total (never month by month, so splitting a period differently cannot
 * add or lose a cent on a line). The computed amount is the sum of the lines.
 */
export function serviceFaitAmounts(lines: PricedLine[]): { lines: LineAmount[]; computedHtCents: bigint } {
  const out = lines.map((l) => {
    const days = new Decimal(l.days);
    return {
      orderLineId: l.orderLineId,
      days,
      unitPriceHtCents: l.unitPriceHtCents,
      amountHtCents: consumedAmountHtCents(l.unitPriceHtCents, days, l.daysPerUnit ?? DAYS_PER_UO),
    };
  });
  return { lines: out, computedHtCents: out.reduce((s, l) => s + l.amountHtCents, 0n) };
}

export type DecisionAmounts = {
  computedHtCents: bigint;
  refactionHtCents: bigint;
  certifiedHtCents: bigint;
  vatCents: bigint;
  certifiedTtcCents: bigint;
};

export type DecisionResult =
  | { ok: true; amounts: DecisionAmounts }
  | { ok: false; field: string; message: string };

/**
 * What a decision certifies: admission the computed amount, réfaction the computed amount
 * minus the réfaction (> 0 and ≤ computed), ajournement and rejet nothing. TVA on the
 * certified HT at the order's frozen rate, half-up; TTC = HT + TVA.
 */
export function decisionAmounts(input: {
  decision: Decision;
  computedHtCents: bigint;
  refactionHtCents: bigint;
  vatRateBp: number;
}): DecisionResult {
  const { decision, computedHtCents, refactionHtCents } = input;
  let refaction = 0n;
  let certified = 0n;
  if (decision === "REFACTION") {
    if (refactionHtCents <= 0n) {
      return { ok: false, field: "refaction", message: "La réfaction doit être supérieure à zéro." };
    }
    if (refactionHtCents > computedHtCents) {
      return {
        ok: false,
        field: "refaction",
        message: "La réfaction ne peut pas dépasser le montant calculé sur les jours validés.",
      };
    }
    refaction = refactionHtCents;
    certified = computedHtCents - refactionHtCents;
  } else if (decision === "ADMISSION") {
    if (refactionHtCents !== 0n) {
      return {
        ok: false,
        field: "refaction",
        message: "Une réfaction ne s'applique qu'avec la décision « Admission avec réfaction ».",
      };
    }
    certified = computedHtCents;
  }
  const totals = orderTotals([certified], input.vatRateBp);
  return {
    ok: true,
    amounts: {
      computedHtCents,
      refactionHtCents: refaction,
      certifiedHtCents: totals.htCents,
      vatCents: totals.vatCents,
      certifiedTtcCents: totals.ttcCents,
    },
  };
}

/** "2.5" → "2,5" (exact decimal string, French). */
export function frDays(days: Decimal.Value): string {
  return new Decimal(days).toString().replace(".", ",");
}
