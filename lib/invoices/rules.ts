// Pure rules of invoices (factures déposées sur Chorus Pro) and their payment.
// Dates are "YYYY-MM-DD" calendar dates (Paris); money is integer cents (bigint).
import { differenceInCalendarDays, format, subDays } from "date-fns";
import { formatEuros } from "@/lib/money";

/**
 * Délai global de paiement of the State: 30 days (décret n° 2013-269 du 29 mars 2013,
 * article 1er). Beyond it, moratorium interest is owed to the contractor.
 */
export const LEGAL_PAYMENT_DELAY_DAYS = 30;

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  // Local-time midnights of two calendar dates: date-fns counts calendar days across any
  // clock change.
  return differenceInCalendarDays(new Date(`${to}T00:00:00`), new Date(`${from}T00:00:00`));
}

/** "YYYY-MM-DD" minus `days` days. */
export function isoMinusDays(iso: string, days: number): string {
  return format(subDays(new Date(`${iso}T00:00:00`), days), "yyyy-MM-dd");
}

export type PaymentDelay = {
  /** Days from receipt to payment, or to today while unpaid. */
  days: number;
  paid: boolean;
  /** Délai global de paiement dépassé: more than 30 days. */
  late: boolean;
};

/** The payment delay of an invoice: paid − received, or today − received while unpaid. */
export function paymentDelay(
  invoice: { receivedOn: string; paidOn: string | null },
  today: string,
): PaymentDelay {
  const end = invoice.paidOn ?? today;
  const days = Math.max(0, daysBetween(invoice.receivedOn, end));
  return { days, paid: invoice.paidOn !== null, late: days > LEGAL_PAYMENT_DELAY_DAYS };
}

/** "45 jours", "1 jour", "0 jour" */
export function formatDelay(days: number): string {
  return `${days} jour${days > 1 ? "s" : ""}`;
}

/** Why a receipt date is refused, or null. */
export function receivedOnError(receivedOn: string, today: string): string | null {
  if (receivedOn > today) return "La date de réception ne peut pas être dans le futur.";
  return null;
}

/** Why a payment date is refused, or null. */
export function paidOnError(paidOn: string, receivedOn: string, today: string): string | null {
  if (paidOn > today) return "La date de paiement ne peut pas être dans le futur.";
  if (paidOn < receivedOn) {
    return "La date de paiement ne peut pas précéder la date de réception de la facture.";
  }
  return null;
}

/**
 * The invoice's amounts against its service-fait record: HT at most what the record
 * certified minus what is already invoiced on it; TTC at least HT. Errors by form field.
 */
export function invoiceAmountErrors(input: {
  amountHtCents: bigint;
  amountTtcCents: bigint;
  certifiedHtCents: bigint;
  alreadyInvoicedHtCents: bigint;
}): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const left = input.certifiedHtCents - input.alreadyInvoicedHtCents;
  if (input.amountHtCents <= 0n) {
    errors.amountHt = ["Le montant HT doit être supérieur à zéro."];
  } else if (input.amountHtCents > left) {
    errors.amountHt = [
      left <= 0n
        ? "Ce service fait est déjà entièrement facturé."
        : `Le montant HT dépasse ce qui reste à facturer sur ce service fait (${formatEuros(left)} HT).`,
    ];
  }
  if (input.amountTtcCents < input.amountHtCents) {
    errors.amountTtc = ["Le montant TTC ne peut pas être inférieur au montant HT."];
  }
  return errors;
}
