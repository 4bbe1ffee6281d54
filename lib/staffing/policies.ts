// Who may do what with staffers and assignments, decided from the records' own
// organisation ids (never from what the browser sends).
import { type Actor, can } from "@/lib/auth/actor";

/** Lists staffers at all: a contractor its company's, DINUM everyone's. */
export function canListStaffers(actor: Actor): boolean {
  return (
    can(actor, "staffing:readAll") || (can(actor, "staffing:manageOwn") && !!actor.membership.contractorId)
  );
}

/** Creates staffers (for its own company, taken from its membership). */
export function canCreateStaffers(actor: Actor): boolean {
  return can(actor, "staffing:manageOwn") && !!actor.membership.contractorId;
}

/** Edits, deactivates, assigns: the correspondents of the staffer's company. */
export function canManageStaffer(actor: Actor, staffer: { contractorId: string }): boolean {
  return can(actor, "staffing:manageOwn") && actor.membership.contractorId === staffer.contractorId;
}

/**
 * Sees a staffer: its company's correspondents and DINUM; a beneficiary's correspondent only
 * when the staffer is (or was) assigned to one of its organisation's orders.
 */
export function canSeeStaffer(
  actor: Actor,
  staffer: { contractorId: string; orderBeneficiaryIds: readonly string[] },
): boolean {
  if (can(actor, "staffing:readAll")) return true;
  if (canManageStaffer(actor, staffer)) return true;
  const m = actor.membership;
  return (
    m.role === "BENEFICIARY" &&
    can(actor, "order:readOwn") &&
    m.beneficiaryId !== null &&
    staffer.orderBeneficiaryIds.includes(m.beneficiaryId)
  );
}

/** Assigns and replaces on an order: the correspondents of the company it is addressed to. */
export function canStaffOrder(actor: Actor, order: { contractorId: string }): boolean {
  return can(actor, "staffing:manageOwn") && actor.membership.contractorId === order.contractorId;
}
