// Pure rules of products and their phases (CCTP §1.3, DOMAIN rules 1 and 9).
// Dates are calendar dates as "YYYY-MM-DD" strings: they compare and sort as text.

export const PRODUCT_KINDS = ["STARTUP_ETAT", "DINUM_PRODUCT"] as const;
export type ProductKindName = (typeof PRODUCT_KINDS)[number];

export const PRODUCT_KIND_LABELS: Record<ProductKindName, string> = {
  STARTUP_ETAT: "Startup d'État",
  DINUM_PRODUCT: "Produit de la DINUM",
};

export const PHASES = [
  "INVESTIGATION",
  "CONSTRUCTION",
  "ACCELERATION",
  "CONSOLIDATION",
  "TRANSFERT",
  "OPERE",
  "ABANDON",
] as const;
export type PhaseName = (typeof PHASES)[number];

export const PHASE_LABELS: Record<PhaseName, string> = {
  INVESTIGATION: "Investigation",
  CONSTRUCTION: "Construction",
  ACCELERATION: "Accélération",
  CONSOLIDATION: "Consolidation",
  TRANSFERT: "Transfert",
  OPERE: "Opéré (pérennisé)",
  ABANDON: "Abandon",
};

/** Expected durations written in the CCTP (§1.3), shown as hints; null when the CCTP sets none. */
export const PHASE_DURATION_HINTS: Record<PhaseName, string | null> = {
  INVESTIGATION: "La phase d'investigation dure en général 6 à 9 semaines.",
  CONSTRUCTION: "La phase de construction dure en général 12 mois.",
  ACCELERATION: "La phase d'accélération dure en général 12 mois.",
  CONSOLIDATION: null,
  TRANSFERT: null,
  OPERE: null,
  ABANDON: null,
};

/** The end of the usual duration, to flag a phase that lasts longer than the CCTP expects. */
const PHASE_USUAL_LENGTH: Partial<Record<PhaseName, { weeks?: number; months?: number }>> = {
  INVESTIGATION: { weeks: 9 },
  CONSTRUCTION: { months: 12 },
  ACCELERATION: { months: 12 },
};

/** The investment committee meets every six months while the product is being built (CCTP §1.3). */
export const COMMITTEE_INTERVAL_MONTHS = 6;
/** Phases in which the investment committee still decides to continue or stop. */
const COMMITTEE_PHASES: readonly PhaseName[] = [
  "INVESTIGATION",
  "CONSTRUCTION",
  "ACCELERATION",
  "CONSOLIDATION",
  "TRANSFERT",
];

/** Only DINUM's own products may be something other than a Startup d'État (DOMAIN rule 1). */
export function allowedKinds(ownerIsDinum: boolean): readonly ProductKindName[] {
  return ownerIsDinum ? PRODUCT_KINDS : ["STARTUP_ETAT"];
}

export function kindRefusal(kind: ProductKindName, ownerIsDinum: boolean): string | null {
  if (allowedKinds(ownerIsDinum).includes(kind)) return null;
  return "Seule la DINUM peut avoir des produits qui ne sont pas des Startups d'État : choisissez « Startup d'État ».";
}

// --- calendar arithmetic on "YYYY-MM-DD" (UTC, no time zone involved) ----------------------

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return [y, m, d];
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDaysIso(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  return fromUtc(Date.UTC(y, m - 1, d + days));
}

/** Adds calendar months; the 31st of a shorter month falls back to its last day. */
export function addMonthsIso(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(y, m - 1 + months, Math.min(d, lastDay)));
}

// --- phases --------------------------------------------------------------------------------

export type PhaseSpan = { phase: PhaseName; startsOn: string; endsOn: string | null };

/**
 * The phase the product is in on `today`: among the phases that have started and are not
 * over (end null or ≥ today), the one that started last. A phase planned for a later date is
 * not current yet.
 */
export function currentPhase<P extends PhaseSpan>(phases: readonly P[], today: string): P | null {
  let best: P | null = null;
  for (const p of phases) {
    if (p.startsOn > today) continue;
    if (p.endsOn !== null && p.endsOn < today) continue;
    if (!best || p.startsOn > best.startsOn) best = p;
  }
  return best;
}

/** The phase that started last (possibly in the future): a new phase must start after it. */
export function latestPhase<P extends PhaseSpan>(phases: readonly P[]): P | null {
  let best: P | null = null;
  for (const p of phases) if (!best || p.startsOn > best.startsOn) best = p;
  return best;
}

export type PhaseStartPlan<P> =
  | { ok: true; closes: Array<{ phase: P; endsOn: string }> }
  | { ok: false; message: string };

/**
 * Starting a new phase on `startsOn`: it must start after the latest phase started (phases
 * never overlap), and every phase still open on that day is closed the day before.
 */
export function planPhaseStart<P extends PhaseSpan>(
  phases: readonly P[],
  startsOn: string,
  formatDate: (iso: string) => string = (iso) => iso,
): PhaseStartPlan<P> {
  const latest = latestPhase(phases);
  if (latest && startsOn <= latest.startsOn) {
    return {
      ok: false,
      message: `La nouvelle phase doit commencer après le ${formatDate(latest.startsOn)}, date de début de la phase « ${PHASE_LABELS[latest.phase]} ».`,
    };
  }
  const endsOn = addDaysIso(startsOn, -1);
  const closes = phases
    .filter((p) => p.endsOn === null || p.endsOn >= startsOn)
    .map((phase) => ({ phase, endsOn }));
  return { ok: true, closes };
}

/** The date after which the phase lasts longer than the CCTP expects, or null. */
export function usualEndOf(phase: PhaseName, startsOn: string): string | null {
  const len = PHASE_USUAL_LENGTH[phase];
  if (!len) return null;
  if (len.weeks) return addDaysIso(startsOn, len.weeks * 7 - 1);
  return addDaysIso(addMonthsIso(startsOn, len.months ?? 0), -1);
}

/** True when the phase, still running on `today`, has gone past its usual duration. */
export function isPhaseLongerThanUsual(p: PhaseSpan, today: string): boolean {
  const end = usualEndOf(p.phase, p.startsOn);
  return end !== null && p.endsOn === null && today > end;
}

export type CommitteeHint = { dueOn: string; passed: boolean };

/**
 * Kept simple on purpose: the next investment committee is due six months after the start of
 * the current phase, flagged once that date has passed. No committee for a product that is
 * operated for good or abandoned.
 */
export function nextCommitteeDue(current: PhaseSpan | null, today: string): CommitteeHint | null {
  if (!current || !COMMITTEE_PHASES.includes(current.phase)) return null;
  const dueOn = addMonthsIso(current.startsOn, COMMITTEE_INTERVAL_MONTHS);
  return { dueOn, passed: dueOn < today };
}
