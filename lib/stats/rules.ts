// Pure rules of the public /stats page (every beta.gouv.fr service publishes one): labels,
// and the one long table that both the page's data tables and the CSV download come from.
// Only aggregates: counts, sums and medians, never a name or an e-mail address.
import { UO_FAMILY_LABELS, type UoFamilyName } from "@/lib/agreement/rules";
import type { Table } from "@/lib/exports/table";

export const UO_FAMILIES = Object.keys(UO_FAMILY_LABELS) as UoFamilyName[];

export type QuarterStats = {
  /** First day of the quarter, "YYYY-MM-DD". */
  start: string;
  /** Orders issued in the quarter (original orders, cancelled ones excepted). */
  orders: number;
  /** Beneficiaries, products: with an order whose period overlaps the quarter. */
  beneficiaries: number;
  products: number;
  /** Staffers assigned to an order for part of the quarter. */
  staffers: number;
};

export type MonthStats = {
  /** "YYYY-MM" */
  month: string;
  committedHtCents: bigint;
  certifiedHtCents: bigint;
};

export type FamilyStats = {
  family: UoFamilyName;
  committedHtCents: bigint;
  /** Service-fait lines admitted (admission or réfaction), before réfactions. */
  certifiedHtCents: bigint;
};

export const DELAY_KEYS = ["acknowledgement", "firstValidatedReport", "payment"] as const;
export type DelayKey = (typeof DELAY_KEYS)[number];

export const DELAY_LABELS: Record<DelayKey, string> = {
  acknowledgement: "De l'émission du bon de commande à son accusé de réception par le titulaire",
  firstValidatedReport: "De l'émission du bon de commande au premier compte rendu d'activité validé",
  payment: "Du service fait au paiement de la facture",
};

export type DelayStats = {
  key: DelayKey;
  /** Median in days with one decimal ("2.5"), null when there is no case yet. */
  medianDays: string | null;
  /** Number of cases the median is computed on. */
  count: number;
};

export type PublicStats = {
  /** When the figures were computed (they are cached for a few minutes). */
  computedAt: string;
  totals: {
    orders: number;
    beneficiaries: number;
    products: number;
    staffers: number;
    committedHtCents: bigint;
    certifiedHtCents: bigint;
    refactionHtCents: bigint;
  };
  quarters: QuarterStats[];
  months: MonthStats[];
  families: FamilyStats[];
  delays: DelayStats[];
};

/** "2026-04-01" → "2026 T2" */
export function quarterLabel(start: string): string {
  const month = Number(start.slice(5, 7));
  return `${start.slice(0, 4)} T${Math.floor((month - 1) / 3) + 1}`;
}

const MONTHS_SHORT = [
  "janv.",
  "févr.",
  "mars",
  "avr.",
  "mai",
  "juin",
  "juil.",
  "août",
  "sept.",
  "oct.",
  "nov.",
  "déc.",
];

/** "2026-03" → "mars 2026" (short month names, for axes and tables). */
export function monthLabel(month: string): string {
  return `${MONTHS_SHORT[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** 123456n → "1234.56" (exact, for files read by machines). */
export function centsToDecimal(cents: bigint): string {
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  return `${neg ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}

/** "2.5" → "2,5" */
export function frDecimal(s: string): string {
  return s.replace(".", ",");
}

/**
 * Every figure of the page in one long table (one row per figure), for the CSV download:
 * a machine reads it without knowing the page's layout. Money is in cents (kind "cents").
 */
export function statsTable(stats: PublicStats, today: string): Table {
  const rows: Table["rows"] = [];
  // Every value is written as a plain decimal string: counts "12", euros "1234.56", days "2.5".
  const push = (
    indicator: string,
    period: string,
    family: string,
    value: string | number | bigint,
    unit: string,
  ) =>
    rows.push({
      indicator,
      period,
      family,
      value: typeof value === "bigint" ? centsToDecimal(value) : String(value),
      unit,
    });
  push("Bons de commande émis (total)", "", "", stats.totals.orders, "nombre");
  push("Bénéficiaires ayant commandé (total)", "", "", stats.totals.beneficiaries, "nombre");
  push("Produits commandés (total)", "", "", stats.totals.products, "nombre");
  push("Intervenants affectés (total)", "", "", stats.totals.staffers, "nombre");
  push("Montant engagé HT (total)", "", "", stats.totals.committedHtCents, "euros");
  push("Montant certifié HT (total)", "", "", stats.totals.certifiedHtCents, "euros");
  push("Réfactions HT (total)", "", "", stats.totals.refactionHtCents, "euros");
  for (const q of stats.quarters) {
    const period = quarterLabel(q.start);
    push("Bons de commande émis", period, "", q.orders, "nombre");
    push("Bénéficiaires avec une commande en cours", period, "", q.beneficiaries, "nombre");
    push("Produits avec une commande en cours", period, "", q.products, "nombre");
    push("Intervenants affectés", period, "", q.staffers, "nombre");
  }
  for (const m of stats.months) {
    push("Montant engagé HT", m.month, "", m.committedHtCents, "euros");
    push("Montant certifié HT", m.month, "", m.certifiedHtCents, "euros");
  }
  for (const f of stats.families) {
    push("Montant engagé HT", "", UO_FAMILY_LABELS[f.family], f.committedHtCents, "euros");
    push("Montant certifié HT avant réfactions", "", UO_FAMILY_LABELS[f.family], f.certifiedHtCents, "euros");
  }
  for (const d of stats.delays) {
    push(`Délai médian : ${DELAY_LABELS[d.key]}`, "", "", d.medianDays ?? "", "jours");
    push(`Nombre de cas : ${DELAY_LABELS[d.key]}`, "", "", d.count, "nombre");
  }
  return {
    name: `statistiques-commandes-beta-gouv-${today}`,
    title: "Statistiques publiques de Commandes beta.gouv",
    columns: [
      { key: "indicator", label: "Indicateur" },
      { key: "period", label: "Période" },
      { key: "family", label: "Famille d'unités d'œuvre" },
      { key: "value", label: "Valeur", kind: "decimal" },
      { key: "unit", label: "Unité" },
    ],
    rows,
  };
}
