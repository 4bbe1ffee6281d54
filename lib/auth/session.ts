// The signed-in person for this request, read from the database on every request.
// The browser's next-auth JWT only carries a session id (`sid`); the UserSession row
// decides whether the session is still valid (not signed out, not expired, not idle),
// and lib/auth/queries.ts#loadActor decides what the person may do now.
import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import type { Actor } from "./actor";
import { authOptions } from "./options";
import { loadActor } from "./queries";

const TOUCH_EVERY_MS = 60_000;

export type SessionState =
  | { kind: "anonymous" }
  | { kind: "no-access"; email: string | null }
  | { kind: "signed-in"; actor: Actor };

/** Reads the session once per request (React cache). */
export const getSessionState = cache(async (): Promise<SessionState> => {
  const session = await getServerSession(authOptions);
  const sid = (session as { sid?: string } | null)?.sid;
  if (!sid) return { kind: "anonymous" };
  const db = await getDb();
  const row = await db.userSession.findUnique({
    where: { id: sid },
    select: { userId: true, activeMembershipId: true, expiresAt: true, lastSeenAt: true, revokedAt: true },
  });
  const now = Date.now();
  const idleMs = serverEnv().SESSION_IDLE_MINUTES * 60_000;
  if (!row || row.revokedAt || row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + idleMs <= now) {
    return { kind: "anonymous" };
  }
  const requestId = (await headers()).get("x-request-id");
  const actor = await loadActor({
    userId: row.userId,
    membershipId: row.activeMembershipId,
    sessionId: sid,
    requestId,
  });
  if (!actor) {
    const user = await db.user.findUnique({ where: { id: row.userId }, select: { email: true } });
    return { kind: "no-access", email: user?.email ?? null };
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.userSession.update({ where: { id: sid }, data: { lastSeenAt: new Date(now) } });
  }
  return { kind: "signed-in", actor };
});

/** The acting person, or null when signed out or without access. */
export async function getActor(): Promise<Actor | null> {
  const state = await getSessionState();
  return state.kind === "signed-in" ? state.actor : null;
}

/** For pages: the acting person, or a redirect to sign-in (or to the no-access page). */
export async function requireActor(callbackPath = "/"): Promise<Actor> {
  const state = await getSessionState();
  if (state.kind === "signed-in") return state.actor;
  if (state.kind === "no-access") redirect("/acces-refuse");
  redirect(`/connexion?callbackUrl=${encodeURIComponent(callbackPath)}`);
}
