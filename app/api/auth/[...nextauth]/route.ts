// next-auth's endpoints (sign-in, ProConnect callback, sign-out, CSRF, session).
// The options are built per request from the validated settings, never at import time,
// so `next build` needs none of the variables.

import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

function handler(request: NextRequest, context: Context): Promise<Response> {
  return NextAuth(request, context, getAuthOptions());
}

export { handler as GET, handler as POST };
