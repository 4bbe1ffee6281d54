// Security headers of every response (pages, route handlers, downloads), set by proxy.ts.
// Pure: the proxy passes what it knows (nonce, environment, the OpenID provider's origin).
//
// CSP: scripts only with this response's nonce ('strict-dynamic' lets Next's and the DSFR's
// own loaders add theirs); no inline event handlers; no plugins; no framing; forms may only
// post to the portal and to the sign-in provider (sign-in and sign-out redirect through it).
// Styles allow 'unsafe-inline' because React style attributes and the DSFR's inline styles
// need it; scripts never do.

export type SecurityContext = {
  nonce: string;
  production: boolean;
  /** Origin of the OpenID Connect provider (sign-in and end-session redirects). */
  identityProviderOrigin?: string | null;
};

export function contentSecurityPolicy({ nonce, production, identityProviderOrigin }: SecurityContext) {
  const formTargets = ["'self'", identityProviderOrigin].filter(Boolean).join(" ");
  const directives = [
    "default-src 'self'",
    // Development only: React's dev tooling evaluates code.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${production ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${production ? "" : " ws: wss:"}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${formTargets}`,
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
  ];
  if (production) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** Headers for every response; `Cache-Control` too, since every page here is personal or live. */
export function securityHeaders(ctx: SecurityContext): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(ctx),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cache-Control": "no-store, max-age=0",
  };
  if (ctx.production) headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  return headers;
}

/** A fresh nonce for one response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
