// next-auth configuration: sign-in with ProConnect (OpenID Connect), or with the local
// provider of oidc/server.mjs in development, the demo and the tests.
//
// The browser's JWT carries nothing but `sid`, the id of a UserSession row: who the person
// is and what they may do are read from the database on every request (session.ts), so a
// sign-out, a deactivated account or a withdrawn membership takes effect immediately.
// Callbacks stay thin; the rules live in mutations.ts.
//
// Options are built on first use, never at import time: `next build` imports this module
// without any of the variables.
import "server-only";
import { headers } from "next/headers";
import type { NextAuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { type ServerEnv, serverEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { checkRateLimit, emailKey } from "@/lib/security/rate-limit";
import { authCookies, usesSecureCookies } from "./cookies";
import { findUserForSignIn, openSession, revokeSession } from "./mutations";
import { normalizeEmail, SIGN_IN_RATE_LIMITED_PATH } from "./rules";

declare module "next-auth" {
  interface Session {
    /** Id of the UserSession row; absent when sign-in was refused. */
    sid?: string;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}

/** Claims of ProConnect's userinfo (scope "openid email given_name usual_name uid siret"). */
export type ProConnectProfile = {
  sub: string;
  email?: string;
  given_name?: string;
  usual_name?: string;
  uid?: string;
  siret?: string;
};

// Development fallbacks: the local provider as started by scripts/dev.mjs. In production
// lib/env.ts refuses to start without the real values, so these never reach ProConnect.
const LOCAL_ISSUER = "http://127.0.0.1:4000";
const LOCAL_CLIENT_ID = "portail-local";
const LOCAL_CLIENT_SECRET = "portail-local-secret";

const NO_ACCESS_PAGE = "/acces-refuse";

/** Request id set by proxy.ts, for the audit trail and the logs; null outside a request. */
async function currentRequestId(): Promise<string | null> {
  try {
    return (await headers()).get("x-request-id");
  } catch {
    return null;
  }
}

/** `sub` of an id_token openid-client has already validated (signature, iss, aud, nonce). */
function subjectOf(idToken: string | undefined): string | null {
  try {
    const payload = JSON.parse(Buffer.from(idToken?.split(".")[1] ?? "", "base64url").toString("utf8"));
    return typeof payload?.sub === "string" ? payload.sub : null;
  } catch {
    return null;
  }
}

/** The OpenID provider's issuer URL, without a trailing slash. */
export function oidcIssuer(env: ServerEnv): string {
  return (env.OIDC_ISSUER ?? LOCAL_ISSUER).replace(/\/+$/, "");
}

/** The portal's client id at the OpenID provider. */
export function oidcClientId(env: ServerEnv): string {
  return env.OIDC_CLIENT_ID ?? LOCAL_CLIENT_ID;
}

/**
 * The ProConnect client. The id_token is checked by openid-client (through next-auth) with
 * these settings: signature with the provider's published keys and ONLY with RS256 (an
 * unsigned `alg: none` token, or one "signed" with the client secret, is refused), issuer
 * equal to the discovered one, audience containing our client id, nonce equal to the one
 * sent (checks), not expired. tests/integration/oidc-callback.test.ts drives the real
 * callback against a provider returning tampered tokens.
 */
export function proConnectProvider(env: ServerEnv): OAuthConfig<ProConnectProfile> {
  const issuer = oidcIssuer(env);
  return {
    id: "proconnect",
    name: "ProConnect",
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    clientId: oidcClientId(env),
    clientSecret: env.OIDC_CLIENT_SECRET ?? LOCAL_CLIENT_SECRET,
    authorization: { params: { scope: env.OIDC_SCOPES } },
    checks: ["pkce", "state", "nonce"],
    // Keep the id_token: next-auth validates it (signature, nonce) and we store it for the
    // provider's end-session call.
    idToken: true,
    client: {
      id_token_signed_response_alg: "RS256",
      // ProConnect answers userinfo as a signed JWT; the local provider answers plain JSON.
      ...(env.OIDC_USERINFO_SIGNED_ALG ? { userinfo_signed_response_alg: env.OIDC_USERINFO_SIGNED_ALG } : {}),
    },
    // The id_token only carries `sub`; with idToken: true next-auth would not call
    // userinfo on its own, so the email and names would be missing (STACK.md P21).
    // A userinfo answer about another subject than the (already validated) id_token's is
    // refused (OpenID Connect Core 5.3.2).
    userinfo: {
      async request({ client, tokens }) {
        if (!tokens.access_token) throw new Error("ProConnect did not return an access token");
        const idTokenSub = subjectOf(tokens.id_token);
        const profile = (await client.userinfo(tokens.access_token)) as ProConnectProfile;
        if (!idTokenSub || profile.sub !== idTokenSub) throw new Error("userinfo sub mismatch");
        return profile;
      },
    },
    profile(p) {
      return {
        id: p.sub,
        email: normalizeEmail(p.email ?? ""),
        name: [p.given_name, p.usual_name].filter(Boolean).join(" "),
      };
    },
  };
}

function buildAuthOptions(env: ServerEnv): NextAuthOptions {
  const maxAge = Math.round(env.SESSION_MAX_AGE_HOURS * 3600);
  const secureCookies = usesSecureCookies(env.NEXTAUTH_URL);
  return {
    secret: env.NEXTAUTH_SECRET,
    // HttpOnly, SameSite=Lax; Secure and `__Host-` prefixed over https (lib/auth/cookies.ts).
    useSecureCookies: secureCookies,
    cookies: authCookies(secureCookies),
    providers: [proConnectProvider(env)],
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    pages: { signIn: "/connexion", error: "/connexion" },
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== "proconnect") return false;
        const requestId = await currentRequestId();
        try {
          // Per person (the per-IP limit is in the route handler): counted once ProConnect
          // has said who signs in, whatever the outcome.
          const email = normalizeEmail(profile?.email ?? "");
          if (email && !(await checkRateLimit("signin", { userKey: emailKey(email) })).allowed) {
            return SIGN_IN_RATE_LIMITED_PATH;
          }
          const check = await findUserForSignIn(profile?.email, { sub: profile?.sub, requestId });
          return check.allowed ? true : NO_ACCESS_PAGE;
        } catch (error) {
          // next-auth would put the raw error message in the URL; keep it in the logs.
          logger.error("auth.sign_in_check_failed", { requestId, error });
          return "/connexion?error=Callback";
        }
      },
      async jwt({ token, account, profile }) {
        // Later calls (every request): the token is only a pointer, nothing to refresh.
        if (!account) return token;
        // Sign-in: everything next-auth put in the token (name, email, picture, sub) is
        // dropped; the browser gets the session id only.
        const requestId = await currentRequestId();
        const sub = profile?.sub;
        if (!sub) return {};
        // Checked again because the signIn callback ran in a separate step: access may
        // have been withdrawn in between (rare; then the person simply stays signed out).
        const check = await findUserForSignIn(profile?.email, { sub, requestId });
        if (!check.allowed) return {};
        const opened = await openSession({
          userId: check.userId,
          sub,
          idToken: account.id_token ?? null,
          requestId,
        });
        return opened.ok ? { sid: opened.sid } : {};
      },
      async session({ session, token }) {
        // No name, email or role here: the pages read the actor from the database.
        return { expires: session.expires, ...(token.sid ? { sid: token.sid } : {}) };
      },
    },
    events: {
      async signOut({ token }) {
        if (!token?.sid) return;
        const requestId = await currentRequestId();
        try {
          await revokeSession(token.sid, { requestId });
        } catch (error) {
          logger.error("auth.sign_out_failed", { requestId, error });
        }
      },
    },
    logger: {
      error(code, metadata) {
        logger.error(`next-auth.${code}`, { error: metadata instanceof Error ? metadata : metadata?.error });
      },
      warn(code) {
        logger.warn(`next-auth.${code}`);
      },
      debug() {
        // next-auth's debug output contains tokens: never logged.
      },
    },
  };
}

let cached: { env: ServerEnv; options: NextAuthOptions } | undefined;

/** The next-auth options for the current settings (built once, on first use). */
export function getAuthOptions(): NextAuthOptions {
  const env = serverEnv();
  if (cached?.env !== env) cached = { env, options: buildAuthOptions(env) };
  return cached.options;
}

/**
 * The same options as a value, for code that expects `authOptions`. Reading any property
 * builds the options then; importing this module does not.
 */
export const authOptions: NextAuthOptions = new Proxy({} as NextAuthOptions, {
  get: (_target, key) => Reflect.get(getAuthOptions(), key),
  has: (_target, key) => Reflect.has(getAuthOptions(), key),
  ownKeys: () => Reflect.ownKeys(getAuthOptions()),
  getOwnPropertyDescriptor: (_target, key) => {
    const d = Reflect.getOwnPropertyDescriptor(getAuthOptions(), key);
    // A proxy may only report a property as configurable if its target lacks it.
    return d ? { ...d, configurable: true } : undefined;
  },
});
