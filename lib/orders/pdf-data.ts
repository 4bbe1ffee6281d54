// Everything the purchase-order PDF prints, as plain data (no Prisma types): the data layer
// builds it (lib/orders/queries.ts), lib/orders/pdf.ts lays it out.
export type PurchaseOrderPdfData = {
  number: string; // "BDC-2026-0042"
  /** Number of the order this one corrects (bon de commande modificatif), else null. */
  correctsNumber: string | null;
  orderDate: string; // "YYYY-MM-DD"
  agreement: { reference: string; title: string };
  beneficiary: {
    name: string;
    siret: string;
    chorusServiceCode: string;
    billingAddress: string; // multi-line
  };
  contractor: { name: string; siret: string; postalAddress: string };
  product: { name: string };
  period: { startsOn: string; endsOn: string }; // "YYYY-MM-DD"
  lines: Array<{
    label: string; // UO designation, e.g. "Devops – Confirmé"
    quantity: string; // exact decimal in UO, e.g. "2.5" or "-0.5" on a corrective order
    days: string; // exact decimal, e.g. "50"
    unitPriceHtCents: number;
    amountHtCents: bigint; // may be negative on a corrective order
    deliverables: string; // free text typed by users (multi-line): print as text
  }>;
  totals: { htCents: bigint; vatRateBp: number; vatCents: bigint; ttcCents: bigint };
  legalCommitmentNumber: string; // EJ, 10 digits
  signatory: { name: string; signedAt: string }; // signedAt "YYYY-MM-DD"
};
