// Who may record invoices and payments, decided from the order's own organisation ids.
import { type Actor, can } from "@/lib/auth/actor";
import type { OrderScope } from "@/lib/orders/policies";

/** Records an invoice against a service-fait record: the company the order is addressed to. */
export function canRecordInvoice(actor: Actor, order: Pick<OrderScope, "contractorId">): boolean {
  return can(actor, "invoice:recordOwn") && actor.membership.contractorId === order.contractorId;
}

/** Records the payment date of an invoice: the ordering organisation (it pays). */
export function canRecordPayment(actor: Actor, order: Pick<OrderScope, "beneficiaryId">): boolean {
  return can(actor, "payment:recordOwn") && actor.membership.beneficiaryId === order.beneficiaryId;
}
