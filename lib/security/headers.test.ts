import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./headers";

describe("security headers", () => {
  it("allows scripts only with the response's nonce, never inline or eval in production", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", production: true, identityProviderOrigin: null });
    const script = csp.split("; ").find((d) => d.startsWith("script-src")) ?? "";
    expect(script).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(script).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
  });

  it("lets forms reach only the portal and the sign-in provider, never a wildcard", () => {
    const csp = contentSecurityPolicy({
      nonce: "n",
      production: true,
      identityProviderOrigin: "https://auth.agentconnect.gouv.fr",
    });
    expect(csp).toContain("form-action 'self' https://auth.agentconnect.gouv.fr");
    expect(csp).not.toMatch(/\*/);
  });

  it("adds HSTS in production only, and no-store everywhere", () => {
    const prod = securityHeaders({ nonce: "n", production: true });
    const dev = securityHeaders({ nonce: "n", production: false });
    expect(prod["Strict-Transport-Security"]).toMatch(/^max-age=\d{8,}/);
    expect(dev["Strict-Transport-Security"]).toBeUndefined();
    for (const h of [prod, dev]) {
      expect(h["X-Content-Type-Options"]).toBe("nosniff");
      expect(h["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
      expect(h["Cache-Control"]).toContain("no-store");
    }
  });

  it("draws a new unpredictable nonce each time", () => {
    const a = newNonce();
    const b = newNonce();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, "base64")).toHaveLength(16);
  });
});
