import "server-only";
import { getDb } from "@/lib/db";
import type { Actor, ActorMembership } from "./actor";
import { isSessionUsable } from "./rules";

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

export type SessionState =
  | { kind: "anonymous" }
  | { kind: "no-access"; email: string | null }
  | { kind: "signed-in"; actor: Actor };

/** lastSeenAt is refreshed at most this often: one write per minute of activity, not per request. */
const TOUCH_EVERY_MS = 60_000;

/**
 * What the server-side session `sid` allows now. The UserSession row decides whether the
 * session still holds (not signed out, not expired, not idle: lib/auth/rules.ts), then
 * loadActor decides what the person may do. Keeps the idle timer going as a side effect.
 */
export async function resolveSession(opts: {
  sid: string;
  idleMinutes: number;
  requestId?: string | null;
  now?: Date;
}): Promise<SessionState> {
  const db = await getDb();
  const now = opts.now ?? new Date();
  const row = await db.userSession.findUnique({
    where: { id: opts.sid },
    select: { userId: true, activeMembershipId: true, expiresAt: true, lastSeenAt: true, revokedAt: true },
  });
  if (!row || !isSessionUsable(row, now, opts.idleMinutes)) return { kind: "anonymous" };
  const actor = await loadActor({
    userId: row.userId,
    membershipId: row.activeMembershipId,
    sessionId: opts.sid,
    requestId: opts.requestId ?? null,
  });
  if (!actor) {
    const user = await db.user.findUnique({ where: { id: row.userId }, select: { email: true } });
    return { kind: "no-access", email: user?.email ?? null };
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    // Conditional on revokedAt so a concurrent sign-out is never undone.
    await db.userSession.updateMany({
      where: { id: opts.sid, revokedAt: null },
      data: { lastSeenAt: now },
    });
  }
  return { kind: "signed-in", actor };
}
