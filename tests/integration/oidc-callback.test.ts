// A tampered OpenID Connect callback never creates a session. The portal's REAL next-auth
// options (lib/auth/options.ts, built from the settings like in production) drive next-auth's
// own handler (its request/response entry point, the same core as the App Router route,
// which needs a live Next.js request to read cookies) through the whole round trip — CSRF, sign-in (state, PKCE, nonce cookies),
// callback — against an in-process provider whose token endpoint returns tampered id_tokens:
// wrong or missing nonce, wrong issuer, wrong audience, `alg: none`, HS256 "signed" with the
// client secret, a foreign signature, an expired token, and a userinfo about someone else.
// The honest token, through the same harness, does open a session (so a refusal is not an
// accident of the harness), and each refusal is for the expected reason.
// Also: sign-out hands the id_token to the provider's end-session endpoint (lib/auth/sign-out.ts).
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import NextAuth from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getAuthOptions } from "@/lib/auth/options";
import { signOut } from "@/lib/auth/sign-out";
import { resetEnvCache } from "@/lib/env";
import { logger } from "@/lib/logger";
import { createTestDb, type TestDb } from "../support/db";
import { makeBeneficiary } from "../support/factories";
import { type FakeOidc, type IdTokenMaker, startFakeOidc } from "../support/fake-oidc";

const PORTAL = "http://localhost:3999";
const SETTINGS = ["NEXTAUTH_URL", "NEXTAUTH_SECRET", "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"];

let t: TestDb;
let op: FakeOidc;
let userId: string;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  t = await createTestDb();
  const ben = await makeBeneficiary(t.db);
  const email = `camille.agent.${randomUUID().slice(0, 8)}@test.gouv.fr`;
  const user = await t.db.user.create({ data: { email, givenName: "Camille", usualName: "Agent" } });
  await t.db.membership.create({ data: { userId: user.id, role: "BENEFICIARY", beneficiaryId: ben.id } });
  userId = user.id;
  op = await startFakeOidc({ email, givenName: "Camille", usualName: "Agent" });
  for (const key of SETTINGS) saved[key] = process.env[key];
  Object.assign(process.env, {
    NEXTAUTH_URL: PORTAL,
    NEXTAUTH_SECRET: "integration-secret-0123456789abcdef0123456789",
    OIDC_ISSUER: op.issuer,
    OIDC_CLIENT_ID: op.clientId,
    OIDC_CLIENT_SECRET: op.clientSecret,
  });
  resetEnvCache();
});

afterAll(async () => {
  for (const key of SETTINGS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  resetEnvCache();
  await op?.close();
  await t?.close();
});

afterEach(async () => {
  vi.restoreAllMocks();
  op.setIdToken(({ claims, sign }) => sign(claims));
  // Each test starts with no session and no stored subject.
  await t.db.userSession.deleteMany({ where: { userId } });
  await t.db.user.update({ where: { id: userId }, data: { oidcSub: null } });
});

type Jar = Record<string, string>;
type Outcome = { redirect: string; jar: Jar; errors: string[] };

/** One call to next-auth's handler, as a browser with cookie jar `jar` would make it. */
async function callNextAuth(
  path: [string, string?],
  req: { method: "GET" | "POST"; query?: Record<string, string>; body?: Record<string, string> },
  jar: Jar,
): Promise<{ location: string | undefined; body: unknown }> {
  const headers: Record<string, unknown> = {};
  let body: unknown;
  const res = {
    status: () => res,
    getHeader: (name: string) => headers[name.toLowerCase()],
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = value;
      return res;
    },
    end: () => undefined,
    json: (b: unknown) => {
      body = b;
    },
    send: (b: unknown) => {
      body = b;
    },
  };
  await NextAuth(
    {
      query: { ...req.query, nextauth: path.filter(Boolean) },
      body: req.body ?? {},
      cookies: { ...jar },
      headers: { host: "localhost:3999" },
      method: req.method,
    } as never,
    res as never,
    getAuthOptions(),
  );
  for (const line of [headers["set-cookie"] ?? []].flat() as string[]) {
    const [pair = ""] = line.split(";");
    const name = pair.slice(0, pair.indexOf("="));
    const value = decodeURIComponent(pair.slice(pair.indexOf("=") + 1));
    if (value) jar[name] = value;
    else delete jar[name];
  }
  return { location: headers.location as string | undefined, body };
}

/**
 * The browser's round trip through next-auth with the portal's options: get a CSRF token,
 * start the sign-in (the provider "authenticates" and hands back a code), come back to the
 * callback — optionally with the callback's query tampered with.
 */
async function signInRoundTrip(tamperQuery?: (q: Record<string, string>) => void): Promise<Outcome> {
  const errors: string[] = [];
  vi.spyOn(logger, "error").mockImplementation((event, fields) => {
    const e = fields?.error;
    errors.push(`${event}: ${e instanceof Error ? e.message : String(e)}`);
  });
  const jar: Jar = {};
  const csrf = await callNextAuth(["csrf"], { method: "GET" }, jar);
  const { csrfToken } = csrf.body as { csrfToken: string };

  const start = await callNextAuth(
    ["signin", "proconnect"],
    { method: "POST", body: { csrfToken, callbackUrl: `${PORTAL}/espace` } },
    jar,
  );
  const authorizeUrl = start.location ?? "";
  expect(authorizeUrl.startsWith(`${op.issuer}/authorize?`)).toBe(true);
  const sent = new URL(authorizeUrl).searchParams;
  // PKCE (S256), state and nonce are all sent.
  expect(sent.get("code_challenge_method")).toBe("S256");
  expect(sent.get("state")).toBeTruthy();
  expect(sent.get("nonce")).toBeTruthy();

  const query: Record<string, string> = { code: op.authorize(authorizeUrl), state: sent.get("state") ?? "" };
  tamperQuery?.(query);
  const back = await callNextAuth(["callback", "proconnect"], { method: "GET", query }, jar);
  return { redirect: back.location ?? "", jar, errors };
}

const sessionCookie = (jar: Jar) => jar["next-auth.session-token"];

async function expectNoSession(outcome: Outcome, reason: RegExp) {
  // next-auth sends the browser to its error route, which leads to /connexion?error=OAuthCallback.
  expect(outcome.redirect).toMatch(/\/api\/auth\/error\?error=OAuthCallback$/);
  expect(sessionCookie(outcome.jar)).toBeUndefined();
  expect(await t.db.userSession.count({ where: { userId } })).toBe(0);
  expect((await t.db.user.findUniqueOrThrow({ where: { id: userId } })).oidcSub).toBeNull();
  expect(outcome.errors.join("\n")).toMatch(reason);
}

describe("the ProConnect client's settings", () => {
  it("pins the id_token algorithm to RS256 and requires PKCE, state and nonce", () => {
    const provider = getAuthOptions().providers[0] as OAuthConfig<unknown>;
    expect(provider.id).toBe("proconnect");
    expect(provider.client?.id_token_signed_response_alg).toBe("RS256");
    expect(provider.client?.id_token_signed_response_alg).not.toBe("none");
    expect(provider.checks).toEqual(expect.arrayContaining(["pkce", "state", "nonce"]));
    expect(provider.idToken).toBe(true);
    expect(provider.wellKnown).toBe(`${op.issuer}/.well-known/openid-configuration`);
  });
});

describe("OpenID Connect callback", () => {
  it("the honest round trip opens one server-side session (the harness can succeed)", async () => {
    const outcome = await signInRoundTrip();
    expect(outcome.errors).toEqual([]);
    expect(outcome.redirect).toBe(`${PORTAL}/espace`);
    expect(sessionCookie(outcome.jar)).toBeTruthy();
    const sessions = await t.db.userSession.findMany({ where: { userId } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.idToken).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: userId } })).oidcSub).toBe(op.sub);
  });

  const tampered: Array<[string, IdTokenMaker, RegExp]> = [
    [
      "a wrong nonce",
      ({ claims, sign }) => sign({ ...claims, nonce: "nonce-d-un-autre-navigateur" }),
      /nonce mismatch/,
    ],
    [
      "no nonce",
      ({ claims: { nonce: _dropped, ...rest }, sign }) => sign(rest),
      /nonce mismatch|missing required JWT property nonce/,
    ],
    [
      "a wrong issuer",
      ({ claims, sign }) => sign({ ...claims, iss: "https://evil.example" }),
      /unexpected iss value/,
    ],
    ["a wrong audience", ({ claims, sign }) => sign({ ...claims, aud: "un-autre-client" }), /aud mismatch/],
    [
      "alg: none (unsigned)",
      ({ claims, unsigned }) => unsigned(claims),
      /unexpected JWT alg received, expected RS256, got: none/,
    ],
    [
      "HS256 with the client secret (algorithm confusion)",
      ({ claims, sign, clientSecret }) =>
        sign(claims, { alg: "HS256", key: new TextEncoder().encode(clientSecret) }),
      /unexpected JWT alg received, expected RS256, got: HS256/,
    ],
    [
      "a signature by another key",
      ({ claims, sign, otherKey }) => sign(claims, { key: otherKey }),
      /failed to validate JWT signature/,
    ],
    [
      "an expired token",
      ({ claims, sign }) => {
        const now = Math.floor(Date.now() / 1000);
        return sign({ ...claims, iat: now - 7200, exp: now - 3600 });
      },
      /JWT expired/,
    ],
  ];
  for (const [label, maker, reason] of tampered) {
    it(`an id_token with ${label} creates no session`, async () => {
      op.setIdToken(maker);
      await expectNoSession(await signInRoundTrip(), reason);
    });
  }

  it("a userinfo answer about another subject creates no session", async () => {
    op.setUserinfo({
      sub: "quelqu-un-d-autre",
      email: "autre@test.gouv.fr",
      given_name: "A",
      usual_name: "B",
    });
    try {
      await expectNoSession(await signInRoundTrip(), /userinfo sub mismatch/);
    } finally {
      op.setUserinfo(null);
    }
  });

  it("a wrong or missing state creates no session", async () => {
    await expectNoSession(
      await signInRoundTrip((q) => {
        q.state = "state-forge-par-un-attaquant";
      }),
      /state mismatch/,
    );
    await expectNoSession(
      await signInRoundTrip((q) => {
        delete q.state;
      }),
      /state missing from the response/,
    );
  });
});

describe("sign-out through the provider's end-session endpoint", () => {
  it("revokes the session, then sends the browser to end-session with the id_token, back to the portal", async () => {
    const outcome = await signInRoundTrip();
    const token = sessionCookie(outcome.jar);
    expect(token).toBeTruthy();
    const [session] = await t.db.userSession.findMany({ where: { userId } });
    const idToken = session?.idToken;

    const request = new NextRequest(`${PORTAL}/deconnexion`, {
      method: "POST",
      headers: { cookie: `next-auth.session-token=${token}`, "x-request-id": "req-signout-1" },
    });
    const { location, expiredCookies } = await signOut(request);
    const url = new URL(location);
    expect(`${url.origin}${url.pathname}`).toBe(`${op.issuer}/session/end`);
    expect(url.searchParams.get("id_token_hint")).toBe(idToken);
    expect(url.searchParams.get("post_logout_redirect_uri")).toBe(`${PORTAL}/`);
    expect(url.searchParams.get("state")).toMatch(/^[0-9a-f]{64}$/);
    expect(expiredCookies).toEqual([{ name: "next-auth.session-token", secure: false }]);

    const row = await t.db.userSession.findUniqueOrThrow({ where: { id: session?.id } });
    expect(row.revokedAt).not.toBeNull();
    expect(row.idToken).toBeNull();

    // The same cookie again (replayed, or a second tab): nothing left to end, straight home.
    expect((await signOut(request)).location).toBe(`${PORTAL}/`);
  });

  it("without a session, signing out just goes home", async () => {
    const request = new NextRequest(`${PORTAL}/deconnexion`, { method: "POST" });
    expect(await signOut(request)).toEqual({ location: `${PORTAL}/`, expiredCookies: [] });
  });
});
