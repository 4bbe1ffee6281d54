// Who may do what to which order, decided from the order's own organisation ids.
import { type Actor, can } from "@/lib/auth/actor";

export type OrderScope = { beneficiaryId: string; contractorId: string; status: string };

/** Sees the order at all (else: "not found"). Contractors never see drafts. */
export function canSeeOrder(actor: Actor, order: OrderScope): boolean {
  if (can(actor, "order:readAll")) return true;
  if (!can(actor, "order:readOwn")) return false;
  const m = actor.membership;
  if (m.role === "BENEFICIARY") return m.beneficiaryId === order.beneficiaryId;
  if (m.role === "CONTRACTOR") return m.contractorId === order.contractorId && order.status !== "DRAFT";
  return false;
}

/** Creates, edits, issues and cancels: the ordering organisation's correspondents. */
export function canManageOrder(actor: Actor, order: Pick<OrderScope, "beneficiaryId">): boolean {
  return can(actor, "order:manageOwn") && actor.membership.beneficiaryId === order.beneficiaryId;
}

/** Acknowledges and comments: the correspondents of the company the order is addressed to. */
export function canAcknowledgeOrder(actor: Actor, order: Pick<OrderScope, "contractorId">): boolean {
  return can(actor, "order:acknowledge") && actor.membership.contractorId === order.contractorId;
}

/**
 * Rule 1 (CCTP §1.2–1.3): only DINUM orders for products that are not Startups d'État.
 * The product must belong to the ordering organisation.
 */
export function canOrderForProduct(
  actor: Actor,
  product: { beneficiaryId: string; kind: "STARTUP_ETAT" | "DINUM_PRODUCT" },
): boolean {
  if (!canManageOrder(actor, product)) return false;
  return product.kind === "STARTUP_ETAT" || actor.membership.isDinumOrganisation;
}
