// Who may do what with contractors and beneficiaries. Pure.
import { type Actor, can } from "@/lib/auth/actor";

/** Only DINUM lists, sees the details of, creates and changes organisations. */
export function canManageOrganisations(actor: Actor): boolean {
  return can(actor, "organisation:manage");
}

/**
 * The DINUM organisation is never deactivated: every DINUM membership hangs on it, so
 * deactivating it would lock every DINUM agent out, including the one doing it.
 */
export function canDeactivateBeneficiary(beneficiary: { isDinum: boolean }): boolean {
  return !beneficiary.isDinum;
}
