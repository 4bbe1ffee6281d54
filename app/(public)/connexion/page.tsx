import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Table } from "@codegouvfr/react-dsfr/Table";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInButton } from "@/components/auth/SignInButton";
import { readSessionStateSafely } from "@/components/layout/session-state";
import { safeCallbackPath, signInErrorMessage } from "@/lib/auth/rules";
import { serverEnv } from "@/lib/env";
import demoAccounts from "@/prisma/seed/demo-accounts.json";

export const metadata: Metadata = { title: "Se connecter" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(first(params.callbackUrl));
  const error = first(params.error);

  // The page must still let people sign in when the session cannot be read (null).
  const state = await readSessionStateSafely();
  if (state?.kind === "signed-in") redirect(callbackUrl);
  if (state?.kind === "no-access") redirect("/acces-refuse");

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
        <h1>Se connecter</h1>
        {error ? (
          <Alert
            className="fr-mb-4w"
            severity="error"
            role="alert"
            title="La connexion n'a pas abouti"
            description={signInErrorMessage(error)}
          />
        ) : null}
        <p>
          Ce portail est réservé aux correspondants des bénéficiaires, des titulaires et à la DINUM.
          Connectez-vous avec votre compte ProConnect.
        </p>
        <SignInButton callbackUrl={callbackUrl} />
        <p className="fr-text--sm">
          Vous n'avez pas encore d'accès ? Les accès sont ouverts par le service centralisateur de la DINUM :
          demandez-le à votre correspondant habituel de l'accord-cadre.
        </p>
        {serverEnv().DEMO_MODE ? <DemoAccounts /> : null}
      </div>
    </div>
  );
}

/** Demo only: the accounts of the local provider, so anyone can try every role. */
function DemoAccounts() {
  return (
    <section className="fr-mt-6w" aria-labelledby="comptes-demo">
      <h2 id="comptes-demo">Comptes de démonstration</h2>
      <p>
        Ce portail de démonstration utilise un fournisseur d'identité local à la place de ProConnect. Après
        avoir cliqué sur « S'identifier avec ProConnect », saisissez l'un des identifiants ci-dessous et
        n'importe quel mot de passe.
      </p>
      <Table
        caption="Identifiants de démonstration"
        headers={["Identifiant", "Profil"]}
        data={demoAccounts.accounts.map((a) => [<code key="login">{a.login}</code>, a.description])}
      />
    </section>
  );
}
