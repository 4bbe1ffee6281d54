// Signing out (POST /deconnexion, app/(public)/deconnexion/route.ts), in this order:
//   1. the server-side UserSession is revoked (the browser's token opens nothing any more,
//      even copied) and its id_token handed back;
//   2. the browser's session cookie is deleted;
//   3. the browser goes to the provider's end-session endpoint (ProConnect, or the local
//      provider) with that id_token as hint, and the provider sends it back to the portal's
//      home page — otherwise the ProConnect session would still be open, and the next
//      "S'identifier avec ProConnect" on a shared computer would sign the previous person in
//      without asking.
// When there is no id_token (no session, already signed out) or the provider does not
// publish an end-session endpoint, the browser simply goes home.
import "server-only";
import { randomBytes } from "node:crypto";
import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { type ServerEnv, serverEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { authCookies, usesSecureCookies } from "./cookies";
import { revokeSession } from "./mutations";
import { oidcIssuer } from "./options";
import { endSessionUrl } from "./rules";

/** The discovery document is read once an hour at most. */
const DISCOVERY_TTL_MS = 3_600_000;
let discovered: { issuer: string; endpoint: string | null; at: number } | undefined;

/** The provider's end_session_endpoint from its discovery document, or null. */
export async function endSessionEndpoint(issuer: string, now = Date.now()): Promise<string | null> {
  if (discovered?.issuer === issuer && now - discovered.at < DISCOVERY_TTL_MS) return discovered.endpoint;
  try {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(5_000),
      headers: { accept: "application/json" },
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const doc = (await res.json()) as { end_session_endpoint?: unknown };
    const raw = doc.end_session_endpoint;
    const endpoint =
      typeof raw === "string" && /^https?:\/\//.test(raw) && URL.canParse(raw)
        ? new URL(raw).toString()
        : null;
    discovered = { issuer, endpoint, at: now };
    return endpoint;
  } catch (error) {
    // Not cached: the next sign-out tries again.
    logger.warn("auth.end_session_discovery_failed", { error });
    return null;
  }
}

/** The portal's public address, without a trailing slash. */
function portalOrigin(env: ServerEnv, request: Request): string {
  return (env.NEXTAUTH_URL ?? new URL(request.url).origin).replace(/\/+$/, "");
}

export type SignOutResult = {
  /** Where the browser goes next (the provider's end-session, or the portal's home). */
  location: string;
  /** Session cookies to delete: the name, and its chunks if next-auth split it. */
  expiredCookies: Array<{ name: string; secure: boolean }>;
};

/** Steps 1 and 3 above, and the cookies to delete for step 2 (the route does it). */
export async function signOut(request: NextRequest): Promise<SignOutResult> {
  const env = serverEnv();
  const secure = usesSecureCookies(env.NEXTAUTH_URL);
  const cookie = authCookies(secure).sessionToken;
  const token = await getToken({
    req: request,
    secret: env.NEXTAUTH_SECRET,
    cookieName: cookie.name,
    secureCookie: secure,
  });
  const sid = typeof token?.sid === "string" ? token.sid : null;
  const { idToken } = sid
    ? await revokeSession(sid, { requestId: request.headers.get("x-request-id") })
    : { idToken: null };

  const home = `${portalOrigin(env, request)}/`;
  let location = home;
  if (idToken) {
    const endpoint = await endSessionEndpoint(oidcIssuer(env));
    if (endpoint) {
      location = endSessionUrl(endpoint, {
        idTokenHint: idToken,
        // ProConnect requires it and sends it back; the home page acts on nothing, so there
        // is nothing to check it against.
        state: randomBytes(32).toString("hex"),
        postLogoutRedirectUri: home,
      });
    } else {
      logger.warn("auth.end_session_unavailable", { requestId: request.headers.get("x-request-id") });
    }
  }

  const expiredCookies = request.cookies
    .getAll()
    .filter((c) => c.name === cookie.name || c.name.startsWith(`${cookie.name}.`))
    .map((c) => ({ name: c.name, secure }));
  return { location, expiredCookies };
}
