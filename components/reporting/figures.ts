// Display helpers of the consolidation screens (pure): French names of the five figures and
// the drill-down links to the order list (/commandes filters, lib/orders/schemas.ts).
import type { FigureKey } from "@/lib/reporting/facts";

export const FIGURE_KEYS: readonly FigureKey[] = ["committed", "consumed", "certified", "invoiced", "paid"];

export const FIGURE_LABELS: Record<FigureKey, string> = {
  committed: "Engagé",
  consumed: "Consommé (validé)",
  certified: "Service fait certifié",
  invoiced: "Facturé",
  paid: "Payé",
};

export const FIGURE_HINTS: Record<FigureKey, string> = {
  committed: "Bons de commande émis, modificatifs compris ; à la clôture, seul le consommé reste engagé.",
  consumed: "Jours validés sur les comptes rendus d'activité, aux prix figés des lignes.",
  certified: "Procès-verbaux de service fait en admission ou admission avec réfaction.",
  invoiced: "Factures reçues, hors taxes.",
  paid: "Factures dont le paiement est enregistré, hors taxes.",
};

/** The DSFR illustration colours of the charts, one per figure. */
export const FIGURE_COLORS: Record<FigureKey, string> = {
  committed: "var(--background-action-high-blue-france)",
  consumed: "var(--background-action-high-green-archipel)",
  certified: "var(--background-action-high-purple-glycine)",
  invoiced: "var(--background-action-high-brown-caramel)",
  paid: "var(--background-action-high-green-bourgeon)",
};

export type DrillDown = {
  figure: FigureKey;
  from?: string | null;
  to?: string | null;
  beneficiaryId?: string | null;
  contractorId?: string | null;
  productId?: string | null;
  uoTypeId?: string | null;
};

/** /commandes filtered to the orders behind one figure. */
export function drillDownHref(d: DrillDown): string {
  const sp = new URLSearchParams({ figure: d.figure });
  if (d.from) sp.set("figureFrom", d.from);
  if (d.to) sp.set("figureTo", d.to);
  if (d.beneficiaryId) sp.set("beneficiaryId", d.beneficiaryId);
  if (d.contractorId) sp.set("contractorId", d.contractorId);
  if (d.productId) sp.set("productId", d.productId);
  if (d.uoTypeId) sp.set("uoTypeId", d.uoTypeId);
  return `/commandes?${sp.toString()}`;
}
