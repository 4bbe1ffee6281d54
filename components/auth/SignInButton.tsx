"use client";
// The official ProConnect button. next-auth's signIn() posts to /api/auth/signin with the
// CSRF token, then sends the browser to ProConnect (or to the local provider).
import { ProConnectButton } from "@codegouvfr/react-dsfr/ProConnectButton";
import { signIn } from "next-auth/react";

export type SignInButtonProps = {
  /** Same-site path to come back to after signing in (validated by the page). */
  callbackUrl: string;
};

export function SignInButton({ callbackUrl }: SignInButtonProps) {
  return (
    <ProConnectButton
      onClick={() => {
        void signIn("proconnect", { callbackUrl });
      }}
    />
  );
}
