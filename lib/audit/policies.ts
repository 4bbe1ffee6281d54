// Who may read the audit trail. Pure.
import { type Actor, can } from "@/lib/auth/actor";

/** The whole trail is DINUM's; other roles never reach it (the page answers 404). */
export function canReadAudit(actor: Actor): boolean {
  return can(actor, "audit:read");
}
