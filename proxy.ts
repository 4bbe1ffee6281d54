// Runs before every page and route (Next 16's "proxy", formerly middleware). It only tags
// requests: a request id for the logs and the audit trail, and the requested path for
// pages that need it (e.g. to come back after signing in). It never decides access:
// pages, server actions and the data layer check the session themselves.
import { type NextRequest, NextResponse } from "next/server";

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

export function proxy(request: NextRequest) {
  // A request id set by the reverse proxy is kept so logs can be joined; anything that
  // does not look like one is replaced, so user input never reaches the logs this way.
  const incoming = request.headers.get("x-request-id");
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();

  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  headers.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);

  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|dsfr/).*)"],
};
