import { describe, expect, it } from "vitest";
import { authCookies, usesSecureCookies } from "./cookies";

describe("session and sign-in cookies", () => {
  it("over https: every cookie is __Host- prefixed, Secure, HttpOnly, SameSite=Lax, for the whole site", () => {
    expect(usesSecureCookies("https://commandes.beta.gouv.fr")).toBe(true);
    const cookies = authCookies(true);
    expect(Object.keys(cookies).sort()).toEqual(
      ["callbackUrl", "csrfToken", "nonce", "pkceCodeVerifier", "sessionToken", "state"].sort(),
    );
    for (const { name, options } of Object.values(cookies)) {
      expect(name).toMatch(/^__Host-next-auth\./);
      // The __Host- prefix is only accepted by browsers with Secure, Path=/ and no Domain.
      expect(options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", secure: true });
      expect(options).not.toHaveProperty("domain");
    }
    expect(cookies.sessionToken.name).toBe("__Host-next-auth.session-token");
  });

  it("over plain http (loopback only: demo, tests): no prefix, not Secure, still HttpOnly and Lax", () => {
    expect(usesSecureCookies("http://localhost:3000")).toBe(false);
    expect(usesSecureCookies(undefined)).toBe(false);
    for (const { name, options } of Object.values(authCookies(false))) {
      expect(name).toMatch(/^next-auth\./);
      expect(options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", secure: false });
    }
  });

  it("the sign-in round trip's cookies are short-lived", () => {
    const c = authCookies(true);
    for (const name of ["pkceCodeVerifier", "state", "nonce"] as const) {
      expect(c[name].options.maxAge).toBe(900);
    }
  });
});
