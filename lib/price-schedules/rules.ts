// Pure rules of price schedules (bordereaux de prix), DOMAIN rule 2.
// Dates are calendar dates as "YYYY-MM-DD": they compare as text.

export const PRICE_SCHEDULE_STATUSES = ["PROPOSED", "VALIDATED", "REJECTED"] as const;
export type PriceScheduleStatusName = (typeof PRICE_SCHEDULE_STATUSES)[number];

export const STATUS_LABELS: Record<PriceScheduleStatusName, string> = {
  PROPOSED: "À examiner",
  VALIDATED: "Validée",
  REJECTED: "Refusée",
};

/** A unit price is one person-month: above 100 000 € HT it is a typing mistake. */
export const MAX_UNIT_PRICE_CENTS = 10_000_000;

export const REJECTION_REASON_MIN = 5;
export const REJECTION_REASON_MAX = 1000;

export type VersionForForce = { status: PriceScheduleStatusName; effectiveOn: string };

/**
 * The version in force on `date`: the validated version that took effect last, on or before
 * that date. Proposed and rejected versions are never in force. Two validated versions of
 * one schedule never share an effective date (checked when validating).
 */
export function versionInForce<V extends VersionForForce>(versions: readonly V[], date: string): V | null {
  let best: V | null = null;
  for (const v of versions) {
    if (v.status !== "VALIDATED" || v.effectiveOn > date) continue;
    if (!best || v.effectiveOn > best.effectiveOn) best = v;
  }
  return best;
}

export function isValidUnitPrice(cents: unknown): cents is number {
  return (
    typeof cents === "number" && Number.isSafeInteger(cents) && cents > 0 && cents <= MAX_UNIT_PRICE_CENTS
  );
}

export type UoTypeRef = { id: string; label: string };

/**
 * Checks the prices of a proposal against the active UO types: one price for each, nothing
 * else. Returns the French messages (empty when the prices are complete and plausible).
 */
export function proposalPriceProblems(
  activeUoTypes: readonly UoTypeRef[],
  prices: Readonly<Record<string, unknown>>,
): string[] {
  const problems: string[] = [];
  const missing = activeUoTypes.filter((u) => prices[u.id] === undefined || prices[u.id] === null);
  if (missing.length) problems.push(`Il manque le prix de : ${missing.map((u) => u.label).join(", ")}.`);
  const known = new Set(activeUoTypes.map((u) => u.id));
  const unknown = Object.keys(prices).filter((id) => !known.has(id));
  if (unknown.length) {
    problems.push("Certains prix portent sur une unité d'œuvre inconnue ou qui n'est plus proposée.");
  }
  const invalid = activeUoTypes.filter((u) => prices[u.id] != null && !isValidUnitPrice(prices[u.id]));
  if (invalid.length) {
    problems.push(
      `Ces prix doivent être supérieurs à zéro et ne pas dépasser 100 000 € HT : ${invalid.map((u) => u.label).join(", ")}.`,
    );
  }
  return problems;
}

/**
 * The effective date of a proposal: within the agreement's dates, and not in the past (a
 * version takes effect only once validated, never retroactively). Returns a message or null.
 */
export function effectiveOnRefusal(
  effectiveOn: string,
  agreement: { startsOn: string; endsOn: string },
  today: string,
  formatDate: (iso: string) => string = (iso) => iso,
): string | null {
  if (effectiveOn < agreement.startsOn || effectiveOn > agreement.endsOn) {
    return `La date d'effet doit être comprise entre le ${formatDate(agreement.startsOn)} et le ${formatDate(agreement.endsOn)}, dates de l'accord-cadre.`;
  }
  if (effectiveOn < today) {
    return `La date d'effet ne peut pas être dans le passé : choisissez le ${formatDate(today)} ou une date ultérieure.`;
  }
  return null;
}

export type VersionForDecision = {
  status: PriceScheduleStatusName;
  decidedAt: Date | null;
  proposedById: string;
  effectiveOn: string;
};

/** Why this person may not decide this version now, or null. */
export function decisionRefusal(
  version: VersionForDecision,
  deciderUserId: string,
  formatDateTime: (d: Date) => string = (d) => d.toISOString(),
): string | null {
  if (version.status !== "PROPOSED") {
    const verb = version.status === "VALIDATED" ? "validée" : "refusée";
    const when = version.decidedAt ? ` le ${formatDateTime(version.decidedAt)}` : "";
    return `Cette version a déjà été ${verb}${when} : elle ne peut plus être modifiée.`;
  }
  if (version.proposedById === deciderUserId) {
    return "Vous ne pouvez pas décider d'une version que vous avez proposée vous-même.";
  }
  return null;
}

/**
 * Validation only: the version cannot take effect retroactively, and no other validated
 * version of the same schedule may take effect on the same day.
 */
export function validationRefusal(
  version: { effectiveOn: string },
  validatedEffectiveDates: readonly string[],
  today: string,
  formatDate: (iso: string) => string = (iso) => iso,
): string | null {
  if (version.effectiveOn < today) {
    return `La date d'effet de cette version (${formatDate(version.effectiveOn)}) est passée : elle ne peut plus être validée. Refusez-la ; le titulaire pourra proposer une nouvelle version.`;
  }
  if (validatedEffectiveDates.includes(version.effectiveOn)) {
    return `Une version validée de ce bordereau prend déjà effet le ${formatDate(version.effectiveOn)} : deux versions ne peuvent pas prendre effet le même jour. Refusez celle-ci.`;
  }
  return null;
}

/** Price difference of a proposal line against the price in force, for display. */
export function priceChange(
  proposedCents: number,
  currentCents: number | null,
): { diffCents: number; percentTenths: number } | null {
  if (currentCents === null || currentCents <= 0) return null;
  const diffCents = proposedCents - currentCents;
  // Tenths of a percent, rounded half away from zero, in integers (no float money).
  const num = diffCents * 1000;
  const q = Math.trunc(num / currentCents);
  const r = Math.abs(num % currentCents);
  const percentTenths = q + (2 * r >= currentCents ? Math.sign(num) : 0);
  return { diffCents, percentTenths };
}
