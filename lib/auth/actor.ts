// The signed-in person acting in one of their memberships. Built on every request from the
// database (lib/auth/session.ts), never from the browser's claims.
import { forbidden } from "@/lib/errors";
import { type Capability, type RoleName, roleHas } from "./permissions";

export type ActorMembership = {
  id: string;
  role: RoleName;
  beneficiaryId: string | null;
  contractorId: string | null;
  organisationName: string;
  /** True when the organisation is DINUM (the beneficiary flagged isDinum). */
  isDinumOrganisation: boolean;
};

export type Actor = {
  userId: string;
  email: string;
  displayName: string;
  sessionId: string | null;
  requestId: string | null;
  /** The membership the person is acting in now. */
  membership: ActorMembership;
  /** Every active membership of the person (to switch between them). */
  memberships: ActorMembership[];
};

export function can(actor: Actor, capability: Capability): boolean {
  return roleHas(actor.membership.role, capability);
}

export function assertCan(actor: Actor, capability: Capability): void {
  if (!can(actor, capability)) throw forbidden();
}

export const ROLE_LABELS: Record<RoleName, string> = {
  BENEFICIARY: "Correspondant bénéficiaire",
  CONTRACTOR: "Correspondant titulaire",
  DINUM: "DINUM – service centralisateur",
};

/** "beneficiary:<id>" or "contractor:<id>", used by the audit trail. */
export function organisationKey(m: ActorMembership): string {
  return m.contractorId ? `contractor:${m.contractorId}` : `beneficiary:${m.beneficiaryId}`;
}
