// Pure rules of the framework agreement and its UO catalogue (no I/O).
import Decimal from "decimal.js";

export type UoFamilyName = "DEVOPS" | "DESIGN" | "BIZDEV" | "PRODUCT_MANAGEMENT" | "REVERSIBILITE";

/** French names of the UO families, as the CCTP §2 calls them. */
export const UO_FAMILY_LABELS: Record<UoFamilyName, string> = {
  DEVOPS: "Devops",
  DESIGN: "Design",
  BIZDEV: "Déploiement et service aux utilisateurs",
  PRODUCT_MANAGEMENT: "Product Management",
  REVERSIBILITE: "Réversibilité",
};

/** One UO = one full-time person for one month = 20 working days (CCTP §2). Not editable. */
export const DAYS_PER_UO = 20;

/** Above this, a typed maximum amount is certainly a typo (the agreement is 90 M€ HT). */
export const MAX_AGREEMENT_AMOUNT_CENTS = 100_000_000_000; // 1 000 000 000,00 €

/** VAT rates above this are certainly a typo (French rates are 0 to 20 %). */
export const MAX_VAT_BP = 3000;

/** Business dates outside these years are certainly a typo. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/**
 * A VAT rate typed in percent ("20", "5,5", "2.10 %") → basis points (2000, 550, 210).
 * Exact (decimal arithmetic); at most two decimals, since a basis point is 0.01 %.
 * Returns null for anything else, including negative numbers.
 */
export function parseVatRateToBp(raw: string): number | null {
  const s = raw.replace(/[\s\u00a0\u202f%]/g, "").replace(",", ".");
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) return null;
  return new Decimal(s).times(100).toNumber();
}

/** 550 → "5,5" (for prefilling the VAT input). */
export function bpToPercentInput(bp: number): string {
  return new Decimal(bp).dividedBy(100).toString().replace(".", ",");
}

/** A textarea with one deliverable per line → trimmed, non-empty lines. */
export function parseDeliverables(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

/** Year of an ISO date "YYYY-MM-DD". */
function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

/**
 * Checks the agreement's period and amounts. Returns French messages by field; an empty
 * object when everything holds. Dates are ISO strings, so they compare as text.
 */
export function checkAgreement(input: {
  startsOn: string;
  endsOn: string;
  maxAmountHtCents: bigint;
  vatRateBp: number;
}): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => {
    errors[field] = [...(errors[field] ?? []), message];
  };
  for (const [field, label] of [
    ["startsOn", "La date de début"],
    ["endsOn", "La date de fin"],
  ] as const) {
    const y = yearOf(input[field]);
    if (!(y >= MIN_YEAR && y <= MAX_YEAR))
      add(field, `${label} doit être comprise entre ${MIN_YEAR} et ${MAX_YEAR}.`);
  }
  if (input.endsOn < input.startsOn) {
    add("endsOn", "La date de fin doit être postérieure ou égale à la date de début.");
  }
  if (input.maxAmountHtCents <= 0n) add("maxAmountHt", "Le montant maximum HT doit être supérieur à zéro.");
  if (input.maxAmountHtCents > BigInt(MAX_AGREEMENT_AMOUNT_CENTS)) {
    add("maxAmountHt", "Le montant maximum HT est anormalement élevé.");
  }
  if (!Number.isInteger(input.vatRateBp) || input.vatRateBp < 0 || input.vatRateBp > MAX_VAT_BP) {
    add("vatRate", `Le taux de TVA doit être compris entre 0 et ${MAX_VAT_BP / 100} %.`);
  }
  return errors;
}
