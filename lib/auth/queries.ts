import "server-only";
import { getDb } from "@/lib/db";
import type { Actor, ActorMembership } from "./actor";

/**
 * Builds the acting person from the database: the user must be active, and the membership
 * they act in must be active and theirs. Called on every request, so a deactivated user
 * or a removed membership loses access on the next request.
 */
export async function loadActor(opts: {
  userId: string;
  membershipId?: string | null;
  sessionId?: string | null;
  requestId?: string | null;
}): Promise<Actor | null> {
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: opts.userId },
    select: {
      id: true,
      email: true,
      givenName: true,
      usualName: true,
      active: true,
      memberships: {
        where: { active: true },
        orderBy: [{ role: "desc" }, { createdAt: "asc" }],
        select: {
          id: true,
          role: true,
          beneficiaryId: true,
          contractorId: true,
          beneficiary: { select: { name: true, isDinum: true, active: true } },
          contractor: { select: { name: true, active: true } },
        },
      },
    },
  });
  if (!user?.active) return null;
  const memberships: ActorMembership[] = user.memberships
    .filter((m) => (m.beneficiary?.active ?? true) && (m.contractor?.active ?? true))
    .map((m) => ({
      id: m.id,
      role: m.role,
      beneficiaryId: m.beneficiaryId,
      contractorId: m.contractorId,
      organisationName: m.beneficiary?.name ?? m.contractor?.name ?? "",
      isDinumOrganisation: m.beneficiary?.isDinum ?? false,
    }));
  // DINUM first (role "desc" sorts DINUM > CONTRACTOR > BENEFICIARY), then oldest.
  const membership =
    (opts.membershipId && memberships.find((m) => m.id === opts.membershipId)) || memberships[0];
  if (!membership) return null;
  return {
    userId: user.id,
    email: user.email,
    displayName: `${user.givenName} ${user.usualName}`.trim(),
    sessionId: opts.sessionId ?? null,
    requestId: opts.requestId ?? null,
    membership,
    memberships,
  };
}
