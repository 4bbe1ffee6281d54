// Runs before every page and route (Next 16's "proxy", formerly middleware). It tags
// requests — a request id for the logs and the audit trail, the requested path for pages
// that need it (e.g. to come back after signing in), a CSP nonce — and sets the security
// headers of every response (lib/security/headers.ts). It never decides access: pages,
// server actions and the data layer check the session themselves.
import { type NextRequest, NextResponse } from "next/server";
import { serverEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { BODY_REFUSALS, inspectBody } from "@/lib/security/body";
import { newNonce, securityHeaders } from "@/lib/security/headers";
import { MAX_BODY_BYTES, type Refusal, refuseRequest } from "@/lib/security/requests";

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

export async function proxy(request: NextRequest) {
  // A request id set by the reverse proxy is kept so logs can be joined; anything that
  // does not look like one is replaced, so user input never reaches the logs this way.
  const incoming = request.headers.get("x-request-id");
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();

  const env = serverEnv();
  const nonce = newNonce();
  const security = securityHeaders({
    nonce,
    production: env.NODE_ENV === "production",
    identityProviderOrigin: originOf(env.OIDC_ISSUER),
  });

  const refusal =
    refuseRequest({
      method: request.method,
      origin: request.headers.get("origin"),
      expectedOrigin: originOf(env.NEXTAUTH_URL) ?? request.nextUrl.origin,
      contentLength: request.headers.get("content-length"),
      url: request.nextUrl.pathname + request.nextUrl.search,
    }) ?? (await refuseBody(request));
  if (refusal) {
    // The id shown to the person is the one this line carries: support finds it in the log.
    logger.warn("request.refused", {
      requestId,
      status: refusal.status,
      method: request.method,
      // The path only: a query string may carry what people typed.
      path: request.nextUrl.pathname,
      isAction: request.headers.has("next-action"),
      reason: refusal.message,
    });
    const refused = new NextResponse(`${refusal.message}\nIdentifiant de la requête : ${requestId}\n`, {
      status: refusal.status,
      headers: { "content-type": "text/plain; charset=utf-8", "x-request-id": requestId },
    });
    for (const [name, value] of Object.entries(security)) refused.headers.set(name, value);
    return refused;
  }

  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  // When the request arrived, for the duration in the access log (always ours, never the client's).
  headers.set("x-request-start", String(Date.now()));
  headers.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", security["Content-Security-Policy"] as string);

  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
}

/**
 * Reads the body of a state-changing request (at most MAX_BODY_BYTES + 1 bytes: Next hands
 * the proxy a copy capped by `proxyClientMaxBodySize` in next.config.ts) and checks it
 * (lib/security/body.ts). The page, action or route still gets the whole body.
 */
async function refuseBody(request: NextRequest): Promise<Refusal | null> {
  if (SAFE_METHODS.has(request.method)) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = (request.body ?? new Blob([]).stream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    // Sent without Content-Length (chunked), or with a false one.
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      return { status: 413, message: BODY_REFUSALS.tooLarge };
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    body.set(c, offset);
    offset += c.byteLength;
  }
  return inspectBody({
    contentType: request.headers.get("content-type"),
    isAction: request.headers.has("next-action"),
    body,
  });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|dsfr/).*)"],
};
