// Pure rules about people and their memberships.
import type { RoleName } from "@/lib/auth/permissions";

/** E-mails are stored trimmed and lower-case (a database CHECK enforces it). */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Short French names of the roles, for tables and selects. */
export const ROLE_SHORT_LABELS: Record<RoleName, string> = {
  BENEFICIARY: "Bénéficiaire",
  CONTRACTOR: "Titulaire",
  DINUM: "DINUM",
};

/** Which kind of organisation a membership of this role points to. */
export function organisationKindOf(role: RoleName): "beneficiary" | "contractor" {
  return role === "CONTRACTOR" ? "contractor" : "beneficiary";
}

/**
 * The organisation a membership must point to, checked against what the database holds.
 * Returns a French message when it does not fit, null when it does.
 */
export function membershipOrganisationProblem(
  role: RoleName,
  org: { kind: "beneficiary" | "contractor"; active: boolean; isDinum: boolean } | null,
): string | null {
  if (!org) {
    return role === "DINUM"
      ? "L'organisation DINUM est introuvable."
      : "Choisissez une organisation existante.";
  }
  if (org.kind !== organisationKindOf(role)) {
    return role === "CONTRACTOR"
      ? "Un correspondant titulaire doit être rattaché à un titulaire."
      : "Un correspondant bénéficiaire doit être rattaché à un bénéficiaire.";
  }
  if (role === "DINUM" && !org.isDinum) return "Une habilitation DINUM est forcément rattachée à la DINUM.";
  if (!org.active) return "Cette organisation est désactivée : réactivez-la d'abord.";
  return null;
}
