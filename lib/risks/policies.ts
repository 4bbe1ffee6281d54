// Who may see or change which risk, decided from the risk's own ids (its company, its
// product's beneficiary), never from what the browser sends.
import { type Actor, can } from "@/lib/auth/actor";

export type RiskScope = { contractorId: string; productBeneficiaryId: string };

/**
 * Sees the risk: DINUM (all), the company that recorded it, and the correspondents of the
 * organisation that owns the product (they read their products' risks).
 */
export function canSeeRisk(actor: Actor, risk: RiskScope): boolean {
  if (can(actor, "risk:readAll")) return true;
  const m = actor.membership;
  if (can(actor, "risk:manageOwn") && m.contractorId !== null && m.contractorId === risk.contractorId)
    return true;
  return (
    can(actor, "product:readOwn") && m.beneficiaryId !== null && m.beneficiaryId === risk.productBeneficiaryId
  );
}

/** May record risks at all (on the products its company works on: checked on the orders). */
export function canRecordRisks(actor: Actor): boolean {
  return can(actor, "risk:manageOwn") && actor.membership.contractorId !== null;
}

/** Updates the risk: the company that recorded it. */
export function canEditRisk(actor: Actor, risk: Pick<RiskScope, "contractorId">): boolean {
  return canRecordRisks(actor) && actor.membership.contractorId === risk.contractorId;
}

/** Order statuses that make a company "work on" a product (it has or had an order for it). */
export const RISK_ELIGIBLE_ORDER_STATUSES = [
  "ISSUED",
  "ACKNOWLEDGED",
  "IN_PROGRESS",
  "COMPLETED",
  "CLOSED",
] as const;
