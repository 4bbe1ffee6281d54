// Pure rules of signing in and of server-side sessions: no database, no request, no clock
// of their own ("now" is always passed in), so they are unit-tested next to this file.

/** Maximum absolute lifetime of a session, whatever the configuration says. */
export const MAX_SESSION_HOURS = 12;

/** Emails are compared trimmed and lower-cased (ProConnect may return any case). */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** The columns of a UserSession row that decide whether it may still be used. */
export type SessionValidity = {
  expiresAt: Date;
  lastSeenAt: Date;
  revokedAt: Date | null;
};

/**
 * True when a server-side session may authenticate a request at `now`: it exists, was not
 * signed out, has not reached its absolute end, and was used within the idle window.
 */
export function isSessionUsable(
  row: SessionValidity | null | undefined,
  now: Date | number,
  idleMinutes: number,
): boolean {
  if (!row || row.revokedAt) return false;
  const t = typeof now === "number" ? now : now.getTime();
  if (row.expiresAt.getTime() <= t) return false;
  return row.lastSeenAt.getTime() + idleMinutes * 60_000 > t;
}

/** The absolute end of a session opened at `now` (capped at 12 hours). */
export function sessionExpiresAt(now: Date, maxAgeHours: number): Date {
  const hours = Math.min(Math.max(maxAgeHours, 0), MAX_SESSION_HOURS);
  return new Date(now.getTime() + hours * 3_600_000);
}

export const DEFAULT_AFTER_SIGN_IN = "/espace";

/**
 * Where to go after signing in. Only a path of this site is kept: it must start with a
 * single "/" — "//host" and "/\host" are read by browsers as another site (open redirect).
 * Anything else, including absolute URLs, falls back to the signed-in home.
 */
export function safeCallbackPath(raw: string | null | undefined, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  // Control characters (tab, newline…) are stripped by URL parsers and could rebuild "//".
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is exactly what is refused.
  if (/[\u0000-\u001f\u007f]/.test(raw)) return fallback;
  return raw;
}

/** next-auth's error codes (the `error` query parameter) → a French message for the person. */
const SIGN_IN_ERRORS: Record<string, string> = {
  OAuthSignin:
    "La connexion avec ProConnect n'a pas pu démarrer. Réessayez dans quelques instants ; si le problème persiste, ProConnect est peut-être momentanément indisponible.",
  OAuthCallback:
    "ProConnect n'a pas confirmé votre connexion (elle a peut-être été annulée ou a expiré). Réessayez.",
  Callback:
    "Votre connexion n'a pas pu être finalisée à cause d'une erreur de notre côté. Réessayez ; si le problème persiste, contactez le service centralisateur de la DINUM.",
  AccessDenied: "Vous n'avez pas accès à ce portail avec ce compte.",
  SessionRequired: "Connectez-vous pour accéder à cette page.",
  RateLimited:
    "Trop de tentatives de connexion en peu de temps. Par sécurité, patientez une minute puis réessayez.",
};

/** Where a sign-in refused by the rate limits (lib/security/rate-limit.ts) ends. */
export const SIGN_IN_RATE_LIMITED_PATH = "/connexion?error=RateLimited";

const DEFAULT_SIGN_IN_ERROR =
  "La connexion a échoué. Réessayez ; si le problème persiste, contactez le service centralisateur de la DINUM.";

export function signInErrorMessage(code: string): string {
  return Object.hasOwn(SIGN_IN_ERRORS, code) ? (SIGN_IN_ERRORS[code] as string) : DEFAULT_SIGN_IN_ERROR;
}

/**
 * The provider's end-session (RP-initiated logout) URL with exactly what ProConnect asks
 * for: the id_token received at sign-in (which session to end; it also names our client),
 * a random `state` (required by ProConnect, at least 32 characters, sent back as is), and
 * where to come back (the portal, as registered at the provider). Parameters already in
 * `endpoint` are kept.
 */
export function endSessionUrl(
  endpoint: string,
  params: { idTokenHint: string; state: string; postLogoutRedirectUri: string },
): string {
  const url = new URL(endpoint);
  url.searchParams.set("id_token_hint", params.idTokenHint);
  url.searchParams.set("state", params.state);
  url.searchParams.set("post_logout_redirect_uri", params.postLogoutRedirectUri);
  return url.toString();
}
