// The cookies next-auth sets (session, CSRF, and the short-lived ones of the ProConnect
// round trip: PKCE verifier, state, nonce, callback URL). Pure, tested next to this file.
//
// All of them: HttpOnly (no script reads them), SameSite=Lax (not sent on cross-site
// sub-requests or POSTs), Path=/. Over https (always in production, lib/env.ts requires it
// outside the loopback): Secure and the `__Host-` prefix, with which the browser only accepts
// the cookie from this exact host, over https, for the whole site and without a Domain — a
// sibling sub-domain cannot plant or overwrite it (cookie tossing). Over plain http
// (development, demo, browser tests on localhost) a prefix is impossible: plain names.
import type { CookieOption, CookiesOptions } from "next-auth";

/** Short-lived cookies of the sign-in round trip expire after this. */
const ROUND_TRIP_SECONDS = 15 * 60;

/** Cookies are Secure and prefixed when the portal's public address is https. */
export function usesSecureCookies(portalUrl: string | undefined): boolean {
  return portalUrl?.startsWith("https://") ?? false;
}

export function authCookies(secure: boolean): CookiesOptions {
  const prefix = secure ? "__Host-" : "";
  const cookie = (name: string, maxAge?: number): CookieOption => ({
    name: `${prefix}${name}`,
    options: {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure,
      ...(maxAge ? { maxAge } : {}),
    },
  });
  return {
    // Expiry set by next-auth from the session's maximum age; the server-side UserSession
    // enforces the absolute and idle lifetimes whatever the browser keeps.
    sessionToken: cookie("next-auth.session-token"),
    callbackUrl: cookie("next-auth.callback-url"),
    csrfToken: cookie("next-auth.csrf-token"),
    pkceCodeVerifier: cookie("next-auth.pkce.code_verifier", ROUND_TRIP_SECONDS),
    state: cookie("next-auth.state", ROUND_TRIP_SECONDS),
    nonce: cookie("next-auth.nonce", ROUND_TRIP_SECONDS),
  };
}
