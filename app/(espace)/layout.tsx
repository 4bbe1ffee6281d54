import { headers } from "next/headers";
import type { ReactNode } from "react";
import { requireActor } from "@/lib/auth/session";

// Every page here depends on who is signed in: never prerender or cache them.
export const dynamic = "force-dynamic";

/**
 * The signed-in area: sends visitors without a session to sign-in (and back here after).
 * This is a convenience, not a protection: layouts do not guard server actions, and a
 * layout is not re-run on every client navigation, so each page and action checks the
 * actor itself.
 */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const path = (await headers()).get("x-pathname") ?? "/espace";
  await requireActor(path);
  return <div className="fr-container fr-my-4w">{children}</div>;
}
