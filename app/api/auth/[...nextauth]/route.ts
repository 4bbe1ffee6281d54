// next-auth's endpoints (sign-in, ProConnect callback, sign-out, CSRF, session).
// The options are built per request from the validated settings, never at import time,
// so `next build` needs none of the variables.
//
// The two sign-in steps (starting a sign-in, and ProConnect's callback) are rate-limited per
// IP address (lib/security/rate-limit.ts) before next-auth runs; the per-person limit is in
// the signIn callback (lib/auth/options.ts), once ProConnect has said who it is.

import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";
import { SIGN_IN_RATE_LIMITED_PATH } from "@/lib/auth/rules";
import { checkRateLimit, requestIp, tooManyRequestsResponse } from "@/lib/security/rate-limit";
import { rateLimitMessage } from "@/lib/security/rate-limit-rules";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

/** Starting a sign-in (POST signin/…) and coming back from ProConnect (callback/…). */
function isSignInStep(method: string, action: string | undefined): boolean {
  return action === "callback" || (action === "signin" && method === "POST");
}

async function handler(request: NextRequest, context: Context): Promise<Response> {
  const { nextauth = [] } = await context.params;
  if (isSignInStep(request.method, nextauth[0])) {
    const verdict = await checkRateLimit("signin", { ip: requestIp(request) });
    if (!verdict.allowed) {
      if (request.method === "POST" && nextauth[0] === "signin") {
        // The sign-in button (next-auth's signIn()) posts, reads JSON and goes to `url`:
        // the sign-in page then explains, in French, why nothing happened.
        return Response.json(
          {
            url: SIGN_IN_RATE_LIMITED_PATH,
            message: rateLimitMessage("signin", verdict.retryAfterSeconds),
          },
          {
            status: 429,
            headers: { "Cache-Control": "no-store", "Retry-After": String(verdict.retryAfterSeconds) },
          },
        );
      }
      return tooManyRequestsResponse(verdict);
    }
  }
  return NextAuth(request, context, getAuthOptions());
}

export { handler as GET, handler as POST };
