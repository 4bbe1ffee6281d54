import { describe, expect, it } from "vitest";
import {
  endSessionUrl,
  isSessionUsable,
  normalizeEmail,
  safeCallbackPath,
  sessionExpiresAt,
  signInErrorMessage,
} from "./rules";

const now = new Date("2026-11-24T10:00:00Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

describe("normalizeEmail", () => {
  it("trims and lower-cases", () => {
    expect(normalizeEmail("  Paul.Durand@Travail.GOUV.fr ")).toBe("paul.durand@travail.gouv.fr");
  });
});

describe("isSessionUsable", () => {
  const fresh = { expiresAt: minutes(60), lastSeenAt: minutes(-5), revokedAt: null };

  it("accepts a live session", () => {
    expect(isSessionUsable(fresh, now, 120)).toBe(true);
    expect(isSessionUsable(fresh, now.getTime(), 120)).toBe(true);
  });

  it("refuses a missing row", () => {
    expect(isSessionUsable(null, now, 120)).toBe(false);
    expect(isSessionUsable(undefined, now, 120)).toBe(false);
  });

  it("refuses a signed-out session", () => {
    expect(isSessionUsable({ ...fresh, revokedAt: minutes(-1) }, now, 120)).toBe(false);
  });

  it("refuses a session at or after its absolute end", () => {
    expect(isSessionUsable({ ...fresh, expiresAt: now }, now, 120)).toBe(false);
    expect(isSessionUsable({ ...fresh, expiresAt: minutes(-1) }, now, 120)).toBe(false);
  });

  it("refuses a session idle for the whole window", () => {
    expect(isSessionUsable({ ...fresh, lastSeenAt: minutes(-120) }, now, 120)).toBe(false);
    expect(isSessionUsable({ ...fresh, lastSeenAt: minutes(-119) }, now, 120)).toBe(true);
  });
});

describe("sessionExpiresAt", () => {
  it("adds the configured hours", () => {
    expect(sessionExpiresAt(now, 8).toISOString()).toBe("2026-11-24T18:00:00.000Z");
  });

  it("never goes beyond 12 hours", () => {
    expect(sessionExpiresAt(now, 48).toISOString()).toBe("2026-11-24T22:00:00.000Z");
  });
});

describe("safeCallbackPath", () => {
  it("keeps a path of this site, with its query", () => {
    expect(safeCallbackPath("/produits")).toBe("/produits");
    expect(safeCallbackPath("/tarifs?contractor=1#x")).toBe("/tarifs?contractor=1#x");
  });

  it.each([
    undefined,
    null,
    "",
    "produits",
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    `/${"a".repeat(3000)}`,
  ])("refuses %j and falls back to /espace", (raw) => {
    expect(safeCallbackPath(raw)).toBe("/espace");
  });

  it("uses the given fallback", () => {
    expect(safeCallbackPath("//x", "/")).toBe("/");
  });
});

describe("signInErrorMessage", () => {
  it("explains the known next-auth codes in French", () => {
    expect(signInErrorMessage("OAuthCallback")).toMatch(/ProConnect/);
    expect(signInErrorMessage("SessionRequired")).toMatch(/Connectez-vous/);
    expect(signInErrorMessage("RateLimited")).toMatch(/Trop de tentatives de connexion/);
  });

  it("has a generic message for anything else, including prototype keys", () => {
    expect(signInErrorMessage("toString")).toMatch(/La connexion a échoué/);
    expect(signInErrorMessage("<script>")).toMatch(/La connexion a échoué/);
  });
});

describe("endSessionUrl", () => {
  it("asks the provider to end the session named by the id_token, then to come back to the portal", () => {
    const url = new URL(
      endSessionUrl("https://proconnect.exemple.gouv.fr/api/v2/session/end?ui=fr", {
        idTokenHint: "eyJ.payload.sig",
        state: "s".repeat(64),
        postLogoutRedirectUri: "https://commandes.beta.gouv.fr/",
      }),
    );
    expect(url.origin + url.pathname).toBe("https://proconnect.exemple.gouv.fr/api/v2/session/end");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      ui: "fr",
      id_token_hint: "eyJ.payload.sig",
      state: "s".repeat(64),
      post_logout_redirect_uri: "https://commandes.beta.gouv.fr/",
    });
  });
});
