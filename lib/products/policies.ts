// Who may do what to which product. Pure: the record's owner comes from the database.
import { type Actor, can } from "@/lib/auth/actor";

type OwnedRecord = { beneficiaryId: string };

function isOwn(actor: Actor, product: OwnedRecord): boolean {
  return actor.membership.beneficiaryId !== null && product.beneficiaryId === actor.membership.beneficiaryId;
}

/** May the person see product lists at all. */
export function canListProducts(actor: Actor): boolean {
  return can(actor, "product:readAll") || can(actor, "product:readOwn");
}

export function canReadProduct(actor: Actor, product: OwnedRecord): boolean {
  return can(actor, "product:readAll") || (can(actor, "product:readOwn") && isOwn(actor, product));
}

/** May the person create products (for their own organisation, or for anyone). */
export function canCreateProducts(actor: Actor): boolean {
  return can(actor, "product:manageAll") || can(actor, "product:manageOwn");
}

/** May the person choose the owner of a new product (DINUM creates for any beneficiary). */
export function canChooseProductOwner(actor: Actor): boolean {
  return can(actor, "product:manageAll");
}

/** Edit the product and start its phases. */
export function canManageProduct(actor: Actor, product: OwnedRecord): boolean {
  return can(actor, "product:manageAll") || (can(actor, "product:manageOwn") && isOwn(actor, product));
}
