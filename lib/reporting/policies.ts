// Who may read which consolidated figures, decided from the actor's membership and the
// record asked for (never from what the browser claims about itself).
import { type Actor, can } from "@/lib/auth/actor";

/** The consolidated dashboard and the six-monthly order report: DINUM only. */
export function canReadConsolidation(actor: Actor): boolean {
  return can(actor, "reporting:read");
}

/** Changing the forecast's warning threshold: DINUM only. */
export function canManageReporting(actor: Actor): boolean {
  return can(actor, "reporting:manage");
}

/**
 * Whose quarterly report the actor may read. DINUM reads any contractor's (the one asked
 * for); a contractor's correspondent reads its own company's only — the report it owes
 * DINUM — whatever the URL says: asking for another company's answers "not found", asking
 * for none gives its own. Everyone else: none.
 * Returns the contractor id to report on, "choose" when DINUM has not picked one yet, or
 * null when the actor may not see the report asked for.
 */
export function quarterlyReportContractor(actor: Actor, requested: string | null): string | "choose" | null {
  if (can(actor, "reporting:read")) return requested ?? "choose";
  const own = actor.membership.contractorId;
  if (actor.membership.role !== "CONTRACTOR" || !own || !can(actor, "order:readOwn")) return null;
  if (requested !== null && requested !== own) return null;
  return own;
}
