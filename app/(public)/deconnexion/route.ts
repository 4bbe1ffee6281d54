// Sign-out (the header's "Se déconnecter" button posts here): revokes the server-side
// session, deletes the session cookie, then goes through the provider's end-session
// endpoint and back to the home page (lib/auth/sign-out.ts). POST only — a link or an image
// cannot sign anybody out — and, like every POST, only from the portal's own pages (proxy.ts).
import { type NextRequest, NextResponse } from "next/server";
import { signOut } from "@/lib/auth/sign-out";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest): Promise<Response> {
  const { location, expiredCookies } = await signOut(request);
  // 303: the browser follows with a GET.
  const response = NextResponse.redirect(location, 303);
  response.headers.set("Cache-Control", "no-store");
  for (const { name, secure } of expiredCookies) {
    response.cookies.set(name, "", { path: "/", secure, httpOnly: true, sameSite: "lax", maxAge: 0 });
  }
  return response;
}
