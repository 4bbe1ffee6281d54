// Who sees which follow-up, decided from the records' organisation ids. The follow-up of an
// order is exactly as visible as the order; a product's follow-up counts only the orders the
// person may see (a contractor: those addressed to its company).
import { type Actor, can } from "@/lib/auth/actor";
import { canSeeOrder, type OrderScope } from "@/lib/orders/policies";
import { canReadProduct } from "@/lib/products/policies";

/** Sees a follow-up at all: whoever sees orders. */
export function canSeeFollowUp(actor: Actor): boolean {
  return can(actor, "order:readAll") || can(actor, "order:readOwn");
}

export function canSeeOrderFollowUp(actor: Actor, order: OrderScope): boolean {
  return canSeeOrder(actor, order);
}

export function canSeeProductFollowUp(actor: Actor, product: { beneficiaryId: string }): boolean {
  return canSeeFollowUp(actor) && canReadProduct(actor, product);
}
