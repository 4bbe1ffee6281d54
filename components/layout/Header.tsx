// The DSFR header of every page. The account part (who is signed in, in which space) needs
// the session; it is read with a time limit, so a slow database never holds the page for
// long, and a failing one leaves a header without the account part instead of an error.
import { Header as DsfrHeader, type HeaderProps } from "@codegouvfr/react-dsfr/Header";
import { SignOutForm } from "@/components/auth/SignOutButton";
import { ROLE_LABELS } from "@/lib/auth/actor";
import type { SessionState } from "@/lib/auth/session";
import { brandTop, homeLinkProps, SERVICE_TAGLINE, SERVICE_TITLE } from "./brand";
import { MainNav } from "./MainNav";
import { readSessionStateSafely } from "./session-state";

const HEADER_ID = "fr-header";
const SIGN_OUT_FORM_ID = `${HEADER_ID}-sign-out`;

/** Submits the sign-out form rendered next to the header (SignOutForm). */
const signOutItem: NonNullable<HeaderProps["quickAccessItems"]>[number] = {
  iconId: "fr-icon-logout-box-r-line",
  text: "Se déconnecter",
  buttonProps: { type: "submit", form: SIGN_OUT_FORM_ID },
};

export async function Header() {
  // null: unknown (the session could not be read in time).
  const state = await readSessionStateSafely();
  return (
    <>
      <DsfrHeader
        id={HEADER_ID}
        brandTop={brandTop}
        serviceTitle={SERVICE_TITLE}
        serviceTagline={SERVICE_TAGLINE}
        homeLinkProps={homeLinkProps}
        quickAccessItems={state ? quickAccessItemsFor(state) : []}
        navigation={
          state?.kind === "signed-in" ? (
            <MainNav role={state.actor.membership.role} id={`${HEADER_ID}-main-navigation`} />
          ) : undefined
        }
      />
      {state && state.kind !== "anonymous" ? <SignOutForm id={SIGN_OUT_FORM_ID} /> : null}
    </>
  );
}

function quickAccessItemsFor(state: SessionState): HeaderProps["quickAccessItems"] {
  switch (state.kind) {
    case "anonymous":
      return [{ iconId: "fr-icon-lock-line", text: "Se connecter", linkProps: { href: "/connexion" } }];
    case "no-access":
      // Signed in with ProConnect but without any active access: let them sign out.
      return [signOutItem];
    case "signed-in": {
      const { displayName, membership } = state.actor;
      return [
        {
          iconId: "fr-icon-account-circle-line",
          // Two lines: a long organisation name on one line would squeeze the brand block.
          text: (
            <span>
              {displayName}
              <br />
              <span className="fr-text--xs fr-mb-0">
                {membership.organisationName} – {ROLE_LABELS[membership.role]}
              </span>
            </span>
          ),
          linkProps: { href: "/espace" },
        },
        signOutItem,
      ];
    }
  }
}
