// Signing in, signing out and switching space: the database side of lib/auth/options.ts.
// Nobody creates an account by signing in: a person gets access only when the DINUM has
// recorded them (User) with at least one active membership. Every decision is audited.
import "server-only";
import { randomBytes } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit/mutations";
import { getDb } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { notFound, unauthenticated } from "@/lib/errors";
import type { Actor, ActorMembership } from "./actor";
import { loadActor } from "./queries";
import { normalizeEmail, sessionExpiresAt } from "./rules";

export type SignInRefusal =
  | "missing-email"
  | "unknown-user"
  | "inactive-user"
  | "no-active-membership"
  | "subject-mismatch";

export type SignInCheck = { allowed: true; userId: string } | { allowed: false; reason: SignInRefusal };

async function recordRefusal(
  tx: Prisma.TransactionClient,
  input: { email: string; userId: string | null; reason: SignInRefusal; requestId: string | null },
) {
  await recordAudit(tx, null, {
    action: "auth.signInRefused",
    entityType: "User",
    entityId: input.userId ?? (input.email || "(adresse absente)"),
    after: { email: input.email, reason: input.reason, requestId: input.requestId },
  });
}

/**
 * Decides whether the person ProConnect vouches for may sign in: the email (normalized)
 * must be a known, active user with at least one usable membership, and the OIDC subject
 * must not contradict the one stored at an earlier sign-in. A refusal is audited (no actor:
 * nobody is signed in), so the DINUM can see who tried.
 */
export async function findUserForSignIn(
  rawEmail: string | null | undefined,
  opts: { sub?: string | null; requestId?: string | null } = {},
): Promise<SignInCheck> {
  const db = await getDb();
  const email = normalizeEmail(rawEmail ?? "");
  const requestId = opts.requestId ?? null;
  const refuse = async (reason: SignInRefusal, userId: string | null = null): Promise<SignInCheck> => {
    await db.$transaction((tx) => recordRefusal(tx, { email, userId, reason, requestId }));
    return { allowed: false, reason };
  };

  if (!email) return refuse("missing-email");
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, active: true, oidcSub: true },
  });
  if (!user) return refuse("unknown-user");
  if (!user.active) return refuse("inactive-user", user.id);
  // loadActor applies the same rules as every later request (active membership in an
  // active organisation), so whoever gets in here also gets past the first page.
  if (!(await loadActor({ userId: user.id }))) return refuse("no-active-membership", user.id);
  if (opts.sub) {
    if (user.oidcSub && user.oidcSub !== opts.sub) return refuse("subject-mismatch", user.id);
    if (!user.oidcSub) {
      const holder = await db.user.findUnique({ where: { oidcSub: opts.sub }, select: { id: true } });
      if (holder && holder.id !== user.id) return refuse("subject-mismatch", user.id);
    }
  }
  return { allowed: true, userId: user.id };
}

export type OpenedSession = { ok: true; sid: string; expiresAt: Date } | { ok: false; reason: SignInRefusal };

/**
 * Opens a server-side session after a successful ProConnect sign-in, in one transaction:
 * stores the OIDC subject at the first sign-in, refuses a subject that differs from the
 * stored one (the email now belongs to someone else at ProConnect), records the sign-in time,
 * creates the UserSession row (acting in the first membership, in loadActor's order) and
 * audits it. The id_token is kept for the provider's end-session call at sign-out.
 */
export async function openSession(opts: {
  userId: string;
  sub: string;
  idToken: string | null;
  requestId?: string | null;
}): Promise<OpenedSession> {
  const db = await getDb();
  const requestId = opts.requestId ?? null;
  const sid = randomBytes(32).toString("base64url");
  const now = new Date();
  const expiresAt = sessionExpiresAt(now, serverEnv().SESSION_MAX_AGE_HOURS);
  const actor = await loadActor({ userId: opts.userId, sessionId: sid, requestId });

  return db.$transaction(async (tx): Promise<OpenedSession> => {
    const user = await tx.user.findUnique({
      where: { id: opts.userId },
      select: { id: true, email: true, oidcSub: true },
    });
    const refuse = async (reason: SignInRefusal): Promise<OpenedSession> => {
      await recordRefusal(tx, { email: user?.email ?? "", userId: opts.userId, reason, requestId });
      return { ok: false, reason };
    };
    if (!user) return refuse("unknown-user");
    if (!actor) return refuse("no-active-membership");
    if (user.oidcSub && user.oidcSub !== opts.sub) return refuse("subject-mismatch");

    const firstSignIn = !user.oidcSub;
    if (firstSignIn) {
      const holder = await tx.user.findUnique({ where: { oidcSub: opts.sub }, select: { id: true } });
      if (holder) return refuse("subject-mismatch");
    }
    // lastSignInAt and oidcSub are bookkeeping, not an edit of the person's record:
    // `version` stays, so an administrator's form open at that moment is not invalidated.
    await tx.user.update({
      where: { id: user.id },
      data: { lastSignInAt: now, ...(firstSignIn ? { oidcSub: opts.sub } : {}) },
    });
    await tx.userSession.create({
      data: {
        id: sid,
        userId: user.id,
        activeMembershipId: actor.membership.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
        idToken: opts.idToken,
      },
    });
    await recordAudit(tx, actor, {
      action: "auth.signIn",
      entityType: "User",
      entityId: user.id,
      after: { membershipId: actor.membership.id, expiresAt, oidcSubStored: firstSignIn },
    });
    return { ok: true, sid, expiresAt };
  });
}

export type EndedSession = { revoked: boolean; idToken: string | null };

/**
 * Signs a session out: the row is marked revoked, so the browser's token no longer opens
 * anything even if it was copied. Hands back the id_token kept at sign-in, for the
 * provider's end-session call, and erases it from the row at the same time. Only the call
 * that actually revokes gets it: nothing to revoke (unknown, or a second sign-out from
 * another tab) gives `{ revoked: false, idToken: null }`.
 */
export async function revokeSession(
  sid: string,
  opts: { requestId?: string | null } = {},
): Promise<EndedSession> {
  const db = await getDb();
  const row = await db.userSession.findUnique({
    where: { id: sid },
    select: { userId: true, activeMembershipId: true, revokedAt: true, idToken: true },
  });
  if (!row || row.revokedAt) return { revoked: false, idToken: null };
  // The actor names who signed out in the audit trail; null if they had lost all access.
  const actor = await loadActor({
    userId: row.userId,
    membershipId: row.activeMembershipId,
    sessionId: sid,
    requestId: opts.requestId ?? null,
  });
  return db.$transaction(async (tx): Promise<EndedSession> => {
    const { count } = await tx.userSession.updateMany({
      where: { id: sid, revokedAt: null },
      data: { revokedAt: new Date(), idToken: null },
    });
    if (count === 0) return { revoked: false, idToken: null };
    await recordAudit(tx, actor, { action: "auth.signOut", entityType: "User", entityId: row.userId });
    return { revoked: true, idToken: row.idToken };
  });
}

function membershipSnapshot(m: ActorMembership) {
  return { membershipId: m.id, role: m.role, organisationName: m.organisationName };
}

/**
 * Makes the signed-in person act in another of their memberships for the rest of the
 * session. Only an active membership of their own is accepted; anything else is "not found".
 */
export async function switchMembership({
  actor,
  membershipId,
}: {
  actor: Actor;
  membershipId: string;
}): Promise<{ membership: ActorMembership }> {
  if (!actor.sessionId) throw unauthenticated();
  const sessionId = actor.sessionId;
  const target = actor.memberships.find((m) => m.id === membershipId);
  if (!target) throw notFound("Cet espace");
  const db = await getDb();
  await db.$transaction(async (tx) => {
    // Re-read inside the transaction: the membership may have been withdrawn meanwhile.
    const stillActive = await tx.membership.findFirst({
      where: { id: membershipId, userId: actor.userId, active: true },
      select: { id: true },
    });
    if (!stillActive) throw notFound("Cet espace");
    const { count } = await tx.userSession.updateMany({
      where: { id: sessionId, userId: actor.userId, revokedAt: null },
      data: { activeMembershipId: membershipId },
    });
    if (count === 0) throw unauthenticated();
    await recordAudit(tx, actor, {
      action: "auth.switchMembership",
      entityType: "User",
      entityId: actor.userId,
      before: membershipSnapshot(actor.membership),
      after: membershipSnapshot(target),
    });
  });
  return { membership: target };
}
