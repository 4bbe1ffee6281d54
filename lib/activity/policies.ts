// Who may do what to an order's activity reports, decided from the ORDER's organisation ids
// (a report belongs to its order). Seeing the reports = seeing the order.
import { type Actor, can } from "@/lib/auth/actor";
import { canSeeOrder, type OrderScope } from "@/lib/orders/policies";

export { canSeeOrder as canSeeReports };

/** Writes, submits and corrects the reports: the correspondents of the company the order is addressed to. */
export function canWriteReports(actor: Actor, order: Pick<OrderScope, "contractorId">): boolean {
  return can(actor, "activity:reportOwn") && actor.membership.contractorId === order.contractorId;
}

/** Validates or rejects: the correspondents of the ordering organisation. */
export function canDecideReports(actor: Actor, order: Pick<OrderScope, "beneficiaryId">): boolean {
  return can(actor, "activity:validateOwn") && actor.membership.beneficiaryId === order.beneficiaryId;
}

/** Nobody validates what they submitted themselves (also a CHECK constraint). */
export function isOwnSubmission(actor: Actor, report: { submittedById: string | null }): boolean {
  return report.submittedById !== null && report.submittedById === actor.userId;
}
