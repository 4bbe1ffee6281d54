import { Button } from "@codegouvfr/react-dsfr/Button";
import { Card } from "@codegouvfr/react-dsfr/Card";
import type { Metadata } from "next";
import { readSessionStateSafely } from "@/components/layout/session-state";

export const metadata: Metadata = {
  // The home page keeps the bare service name (the template would repeat it).
  title: { absolute: "Commandes beta.gouv – Les bons de commande de l'accord-cadre beta.gouv" },
};

const AUDIENCES = [
  {
    title: "Correspondants des bénéficiaires",
    desc: "Ministères et organismes publics : vous déclarez vos produits, passez vos bons de commande, suivez ce qui est consommé et ce qui reste, validez les comptes rendus d'activité et attestez le service fait.",
  },
  {
    title: "Correspondants des titulaires",
    desc: "Entreprises titulaires de l'accord-cadre : vous prenez en compte les bons de commande qui vous sont adressés, affectez vos intervenants, déposez chaque mois vos comptes rendus d'activité et proposez vos bordereaux de prix.",
  },
  {
    title: "DINUM",
    desc: "Service centralisateur : vous tenez à jour l'accord-cadre et ses acteurs, validez les bordereaux de prix et suivez l'ensemble des commandes par rapport au montant maximum de l'accord-cadre.",
  },
];

export default function HomePage() {
  return (
    <>
      <h1>Les bons de commande de l'accord-cadre beta.gouv, au même endroit</h1>
      <p className="fr-text--lead">
        Commandes beta.gouv est le service de la DINUM pour faire vivre l'accord-cadre beta.gouv (référence
        21_BAM_048) : les bons de commande, leur suivi, les comptes rendus d'activité et le service fait.
      </p>

      <CallToAction />

      <h2 className="fr-mt-6w">Ce que vous pouvez faire</h2>
      <ul>
        <li>préparer, signer et envoyer un bon de commande au titulaire ;</li>
        <li>suivre chaque commande : les jours et les montants consommés, et ce qui reste à faire ;</li>
        <li>déposer, relire et valider les comptes rendus d'activité de chaque mois ;</li>
        <li>attester le service fait ;</li>
        <li>retrouver l'historique de chaque dossier : qui a fait quoi, et quand.</li>
      </ul>

      <h2 className="fr-mt-6w">Pour qui ?</h2>
      <p>
        Le service est réservé aux personnes désignées pour l'accord-cadre. Chacune voit uniquement les
        dossiers de son organisation.
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        {AUDIENCES.map((a) => (
          <div key={a.title} className="fr-col-12 fr-col-md-4">
            <Card title={a.title} titleAs="h3" desc={a.desc} border />
          </div>
        ))}
      </div>

      <h2 className="fr-mt-6w">Comment accéder au service ?</h2>
      <p>
        La connexion se fait avec ProConnect, l'identifiant des agents publics et des professionnels. Votre
        accès est ouvert par la DINUM, à la demande de votre organisation. Si vous vous connectez sans avoir
        encore d'accès, une page vous indique la démarche à suivre.
      </p>
    </>
  );
}

async function CallToAction() {
  const state = await readSessionStateSafely();
  if (state?.kind === "signed-in") {
    return (
      <Button
        linkProps={{ href: "/espace" }}
        iconId="fr-icon-arrow-right-line"
        iconPosition="right"
        size="large"
      >
        Accéder à mon espace
      </Button>
    );
  }
  return <SignInCallToAction />;
}

function SignInCallToAction() {
  return (
    <Button linkProps={{ href: "/connexion" }} iconId="fr-icon-account-circle-line" size="large">
      Se connecter avec ProConnect
    </Button>
  );
}
