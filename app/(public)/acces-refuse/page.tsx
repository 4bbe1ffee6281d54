import type { Metadata } from "next";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { readSessionStateSafely } from "@/components/layout/session-state";

export const metadata: Metadata = { title: "Accès refusé" };

// Reached in two ways: ProConnect vouched for the person but the portal refused the
// sign-in (no portal session exists), or a session is open but its last membership was
// withdrawn (state "no-access"). Both get the same explanation; only the second one knows
// the email. HTTP 200 on purpose: this page is an answer, not a failure of the site.
export default async function AccessRefusedPage() {
  const state = await readSessionStateSafely();
  const email = state?.kind === "no-access" ? state.email : null;

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
        <h1>Accès refusé</h1>
        <p className="fr-text--lead">
          Vous êtes bien connecté avec ProConnect
          {email ? (
            <>
              {" "}
              (adresse <strong>{email}</strong>)
            </>
          ) : null}
          , mais vous n'avez pas d'accès actif à ce portail.
        </p>
        <p>
          Ce portail est réservé aux correspondants des bénéficiaires et des titulaires de l'accord-cadre
          beta.gouv, et aux agents de la DINUM. Chaque accès est ouvert, modifié ou retiré par le service
          centralisateur de la DINUM.
        </p>
        <h2>Que faire ?</h2>
        <ul>
          <li>
            Si vous devez utiliser ce portail, demandez un accès au service centralisateur de la DINUM.
            Indiquez votre adresse e-mail professionnelle, votre organisation et votre rôle (correspondant
            d'un bénéficiaire ou d'un titulaire).
          </li>
          <li>
            Si votre accès vient d'être retiré ou votre compte désactivé, le service centralisateur de la
            DINUM peut vous en expliquer la raison.
          </li>
          <li>
            Si vous vous êtes connecté avec une autre adresse que celle connue du portail, déconnectez-vous
            puis reconnectez-vous avec la bonne adresse.
          </li>
        </ul>
        <SignOutButton />
      </div>
    </div>
  );
}
