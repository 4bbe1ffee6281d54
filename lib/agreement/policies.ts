// Who may do what with the agreement and its UO catalogue. Pure.
import { type Actor, can } from "@/lib/auth/actor";

/** Everyone signed in reads the agreement and the UO catalogue. */
export function canReadAgreement(actor: Actor): boolean {
  return can(actor, "reference:read");
}

/** Only DINUM changes them. */
export function canManageAgreement(actor: Actor): boolean {
  return can(actor, "agreement:manage");
}
