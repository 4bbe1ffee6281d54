// Signing out is a POST to /deconnexion (app/(public)/deconnexion/route.ts): it revokes the
// server-side session, deletes the cookie, and goes through ProConnect's end-session back to
// the home page. A plain form: works without JavaScript, and a link cannot sign anyone out.
import { Button } from "@codegouvfr/react-dsfr/Button";

export const SIGN_OUT_PATH = "/deconnexion";

export type SignOutButtonProps = {
  priority?: "primary" | "secondary" | "tertiary";
};

/** A sign-out button with its own form (in a page). */
export function SignOutButton({ priority = "primary" }: SignOutButtonProps) {
  return (
    <form method="post" action={SIGN_OUT_PATH}>
      <Button type="submit" priority={priority} iconId="fr-icon-logout-box-r-line">
        Se déconnecter
      </Button>
    </form>
  );
}

/**
 * The header's sign-out form, rendered once: the header shows its buttons twice (desktop
 * tools and mobile menu), each submitting this form through its `form` attribute.
 */
export function SignOutForm({ id }: { id: string }) {
  return <form id={id} method="post" action={SIGN_OUT_PATH} hidden />;
}
