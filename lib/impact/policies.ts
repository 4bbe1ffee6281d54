// Who may enter a product's impact indicators and see its cost per active user, decided from
// the product's owner in the database.
import { type Actor, can } from "@/lib/auth/actor";

type OwnedProduct = { beneficiaryId: string };

const isOwn = (actor: Actor, product: OwnedProduct) =>
  actor.membership.beneficiaryId !== null && actor.membership.beneficiaryId === product.beneficiaryId;

/** The product's team: correspondents of the organisation that owns it. */
export function canManageIndicators(actor: Actor, product: OwnedProduct): boolean {
  return can(actor, "indicator:manageOwn") && isOwn(actor, product);
}

/**
 * The cost per active user is built from every certified spend of the product, whichever
 * company did the work: only those who see all of the product's orders see it (the owning
 * organisation and DINUM), not a contractor that sees only its own orders.
 */
export function canSeeProductSpend(actor: Actor, product: OwnedProduct): boolean {
  if (can(actor, "order:readAll")) return true;
  return can(actor, "order:readOwn") && actor.membership.role === "BENEFICIARY" && isOwn(actor, product);
}
