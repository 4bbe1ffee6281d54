// Everything the service-fait PDF prints, as plain data (no Prisma types): the data layer
// builds it (lib/service-fait/queries.ts, authorization included), lib/service-fait/pdf.ts
// lays it out.
import type { Decision } from "./rules";

export type ServiceFaitPdfData = {
  number: string; // "SF-2026-0007"
  decidedOn: string; // "YYYY-MM-DD"
  agreement: { reference: string; title: string };
  order: { number: string; legalCommitmentNumber: string; orderDate: string | null };
  beneficiary: { name: string; siret: string };
  contractor: { name: string; siret: string; postalAddress: string };
  product: { name: string };
  /** First day of the first month, last day of the last month, and "avril 2026 à mai 2026". */
  period: { startsOn: string; endsOn: string; label: string };
  /** Month ("YYYY-MM") of each report covered, adjusting entries included. */
  reportMonths: string[];
  /** How many of those reports are adjusting entries. */
  adjustments: number;
  decision: Decision;
  isFinal: boolean;
  lines: Array<{
    label: string; // UO designation
    days: string; // exact decimal, e.g. "37" or "15.5"
    unitPriceHtCents: number; // frozen price of one UO
    amountHtCents: bigint; // days ÷ days per UO × unit price, half-up
  }>;
  amounts: {
    computedHtCents: bigint;
    refactionHtCents: bigint;
    certifiedHtCents: bigint;
    vatRateBp: number;
    vatCents: bigint;
    certifiedTtcCents: bigint;
  };
  /** Free text typed by the beneficiary (reason of a réfaction, an ajournement, a rejet). */
  comment: string;
  /** Order-level position, HT: corrected ordered amount, certified now / before, remaining. */
  summary: {
    orderedHtCents: bigint;
    certifiedNowHtCents: bigint;
    certifiedBeforeHtCents: bigint;
    remainingHtCents: bigint;
  };
  signatory: { name: string; signedAt: string };
};
