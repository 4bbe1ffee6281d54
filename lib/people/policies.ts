// Who may do what with people and memberships. Pure.
import { type Actor, can } from "@/lib/auth/actor";

export function canManagePeople(actor: Actor): boolean {
  return can(actor, "people:manage");
}

/** Lock-out protection: nobody deactivates their own account. */
export function isOwnAccount(actor: Actor, userId: string): boolean {
  return actor.userId === userId;
}

/** Lock-out protection: a DINUM agent does not remove their own DINUM membership. */
export function isOwnDinumMembership(actor: Actor, membership: { userId: string; role: string }): boolean {
  return membership.userId === actor.userId && membership.role === "DINUM";
}
