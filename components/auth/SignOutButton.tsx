"use client";
// Signs out of the portal: next-auth's sign-out event revokes the server-side session
// (lib/auth/options.ts), then the browser goes back to the home page.
import { Button } from "@codegouvfr/react-dsfr/Button";
import { signOut } from "next-auth/react";

export type SignOutButtonProps = {
  /** Default (primary) is what the DSFR header expects among its quick-access items. */
  priority?: "primary" | "secondary" | "tertiary";
};

export function SignOutButton({ priority = "primary" }: SignOutButtonProps) {
  return (
    <Button
      type="button"
      priority={priority}
      iconId="fr-icon-logout-box-r-line"
      onClick={() => {
        void signOut({ callbackUrl: "/" });
      }}
    >
      Se déconnecter
    </Button>
  );
}
