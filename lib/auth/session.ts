// The signed-in person for this request, read from the database on every request.
// The browser's next-auth JWT only carries a session id (`sid`); the UserSession row
// decides whether the session is still valid (not signed out, not expired, not idle),
// and lib/auth/queries.ts#loadActor decides what the person may do now.
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { logPageView } from "@/lib/access-log/record";
import { serverEnv } from "@/lib/env";
import type { Actor } from "./actor";
import { getAuthOptions } from "./options";
import { resolveSession, type SessionState } from "./queries";

export type { SessionState };

/** Reads the session once per request (React cache). */
export const getSessionState = cache(async (): Promise<SessionState> => {
  const session = await getServerSession(getAuthOptions());
  const sid = session?.sid;
  if (!sid) return { kind: "anonymous" };
  const requestId = (await headers()).get("x-request-id");
  return resolveSession({ sid, idleMinutes: serverEnv().SESSION_IDLE_MINUTES, requestId });
});

/** The acting person, or null when signed out or without access. */
export async function getActor(): Promise<Actor | null> {
  const state = await getSessionState();
  return state.kind === "signed-in" ? state.actor : null;
}

/**
 * For pages: the acting person, or a redirect to sign-in (or to the no-access page). A
 * signed-in page view is recorded in the technical access log (lib/access-log/record.ts).
 */
export async function requireActor(callbackPath = "/"): Promise<Actor> {
  const state = await getSessionState();
  if (state.kind === "signed-in") {
    await logPageView(state.actor);
    return state.actor;
  }
  if (state.kind === "no-access") redirect("/acces-refuse");
  redirect(`/connexion?callbackUrl=${encodeURIComponent(callbackPath)}`);
}
