// Who may do what with service-fait records, decided from the order's own organisation ids.
import { type Actor, can } from "@/lib/auth/actor";
import { canSeeOrder, type OrderScope } from "@/lib/orders/policies";
import { CERTIFIABLE_ORDER_STATUSES } from "./rules";

/** Sees an order's service-fait records (and their PDFs): exactly who sees the order. */
export function canSeeServiceFait(actor: Actor, order: OrderScope): boolean {
  return canSeeOrder(actor, order);
}

/** Issues service-fait records: the correspondents of the ordering organisation. */
export function canCertifyServiceFait(actor: Actor, order: Pick<OrderScope, "beneficiaryId">): boolean {
  return can(actor, "serviceFait:certifyOwn") && actor.membership.beneficiaryId === order.beneficiaryId;
}

/** The order can receive a service-fait record now: an original order, acknowledged or later. */
export function isCertifiableOrder(order: { status: string; correctsOrderId: string | null }): boolean {
  return (
    order.correctsOrderId === null && (CERTIFIABLE_ORDER_STATUSES as readonly string[]).includes(order.status)
  );
}
