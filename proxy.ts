// Runs before every page and route (Next 16's "proxy", formerly middleware). It tags
// requests — a request id for the logs and the audit trail, the requested path for pages
// that need it (e.g. to come back after signing in), a CSP nonce — and sets the security
// headers of every response (lib/security/headers.ts). It never decides access: pages,
// server actions and the data layer check the session themselves.
import { type NextRequest, NextResponse } from "next/server";
import { serverEnv } from "@/lib/env";
import { newNonce, securityHeaders } from "@/lib/security/headers";
import { refuseRequest } from "@/lib/security/requests";

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

export function proxy(request: NextRequest) {
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

  const refusal = refuseRequest({
    method: request.method,
    origin: request.headers.get("origin"),
    expectedOrigin: originOf(env.NEXTAUTH_URL) ?? request.nextUrl.origin,
    contentLength: request.headers.get("content-length"),
  });
  if (refusal) {
    const refused = new NextResponse(`${refusal.message}\nIdentifiant de la requête : ${requestId}\n`, {
      status: refusal.status,
      headers: { "content-type": "text/plain; charset=utf-8", "x-request-id": requestId },
    });
    for (const [name, value] of Object.entries(security)) refused.headers.set(name, value);
    return refused;
  }

  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  headers.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", security["Content-Security-Policy"] as string);

  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
}

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
