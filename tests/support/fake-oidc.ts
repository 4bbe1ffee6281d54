// A tiny OpenID provider, in process, that the test controls: discovery, keys (JWKS), token
// endpoint (PKCE checked) and userinfo. Each test decides what id_token the token endpoint
// returns — valid, or tampered with (nonce, issuer, audience, algorithm, signature, expiry) —
// to see what the portal's real next-auth configuration does with it.
// Uses `jose`, already installed as a dependency of next-auth and openid-client.
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWTPayload, type KeyLike, SignJWT } from "jose";

export type TokenRequest = { code: string; codeVerifier: string; nonce: string };

/** Builds the id_token for one token request; `valid` is the honest one. */
export type IdTokenMaker = (ctx: {
  claims: JWTPayload & { nonce?: string };
  sign: (
    payload: JWTPayload,
    opts?: { alg?: string; key?: KeyLike | Uint8Array; kid?: string },
  ) => Promise<string>;
  unsigned: (payload: JWTPayload) => string;
  otherKey: KeyLike;
  clientSecret: string;
}) => Promise<string> | string;

export type FakeOidc = Awaited<ReturnType<typeof startFakeOidc>>;

const b64url = (v: string | Buffer) => Buffer.from(v).toString("base64url");

export async function startFakeOidc(person: { email: string; givenName: string; usualName: string }) {
  const clientId = "portail-test";
  const clientSecret = `secret-${randomBytes(16).toString("hex")}`;
  const sub = createHash("sha256").update(person.email).digest("hex");
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const { privateKey: otherKey } = await generateKeyPair("RS256");
  const kid = "cle-1";
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };

  // nonce and PKCE challenge sent by the portal, by code.
  const pending = new Map<string, { nonce: string; challenge: string }>();
  let maker: IdTokenMaker = ({ claims, sign }) => sign(claims);
  const honestUserinfo = {
    sub,
    email: person.email,
    given_name: person.givenName,
    usual_name: person.usualName,
  };
  let userinfo: Record<string, unknown> = honestUserinfo;
  const tokenRequests: TokenRequest[] = [];

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify(body));
    };
    try {
      if (url.pathname === "/.well-known/openid-configuration") {
        return json(200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/userinfo`,
          jwks_uri: `${issuer}/jwks`,
          end_session_endpoint: `${issuer}/session/end`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
          token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
          code_challenge_methods_supported: ["S256"],
        });
      }
      if (url.pathname === "/jwks") return json(200, { keys: [jwk] });
      if (url.pathname === "/token" && req.method === "POST") {
        let raw = "";
        for await (const chunk of req) raw += chunk;
        const form = new URLSearchParams(raw);
        const code = form.get("code") ?? "";
        const codeVerifier = form.get("code_verifier") ?? "";
        const expected = pending.get(code);
        pending.delete(code);
        const challenge = createHash("sha256").update(codeVerifier).digest("base64url");
        if (!expected || challenge !== expected.challenge) return json(400, { error: "invalid_grant" });
        tokenRequests.push({ code, codeVerifier, nonce: expected.nonce });
        const now = Math.floor(Date.now() / 1000);
        const idToken = await maker({
          claims: { iss: issuer, aud: clientId, sub, nonce: expected.nonce, iat: now, exp: now + 60 },
          sign: (payload, opts = {}) =>
            new SignJWT(payload)
              .setProtectedHeader({ alg: opts.alg ?? "RS256", kid: opts.kid ?? kid, typ: "JWT" })
              .sign(opts.key ?? privateKey),
          unsigned: (payload) =>
            `${b64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${b64url(JSON.stringify(payload))}.`,
          otherKey,
          clientSecret,
        });
        return json(200, {
          access_token: `at-${randomBytes(8).toString("hex")}`,
          token_type: "Bearer",
          expires_in: 60,
          id_token: idToken,
        });
      }
      if (url.pathname === "/userinfo") return json(200, userinfo);
      json(404, { error: "not_found" });
    } catch (error) {
      json(500, { error: "server_error", error_description: String(error) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    clientId,
    clientSecret,
    sub,
    tokenRequests,
    /** The portal sent the browser to `authorizeUrl`: remember its nonce and PKCE challenge, return a code. */
    authorize(authorizeUrl: string): string {
      const u = new URL(authorizeUrl);
      const code = `code-${randomBytes(8).toString("hex")}`;
      pending.set(code, {
        nonce: u.searchParams.get("nonce") ?? "",
        challenge: u.searchParams.get("code_challenge") ?? "",
      });
      return code;
    },
    setIdToken(m: IdTokenMaker) {
      maker = m;
    },
    /** What userinfo answers; null: the honest answer again. */
    setUserinfo(claims: Record<string, unknown> | null) {
      userinfo = claims ?? honestUserinfo;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
