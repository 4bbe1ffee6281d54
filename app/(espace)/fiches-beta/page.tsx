import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { buildCards } from "@/lib/exports/beta-gouv/cards";
import { loadBetaCardsInput } from "@/lib/exports/beta-gouv/queries";
import { orNotFound } from "@/lib/pages";

export const metadata: Metadata = { title: "Fiches beta.gouv.fr" };

const SCOPE = {
  CONTRACTOR:
    "les fiches membre de vos intervenants (leurs affectations à vos bons de commande) et les fiches des produits pour lesquels vous avez reçu un bon de commande",
  BENEFICIARY:
    "les fiches des produits de votre organisation et les fiches membre des intervenants affectés à vos bons de commande",
  DINUM: "les fiches membre de tous les intervenants et les fiches de tous les produits",
} as const;

export default async function BetaCardsPage() {
  const actor = await requireActor("/fiches-beta");
  const files = buildCards(await orNotFound(loadBetaCardsInput({ actor })));
  const members = Object.keys(files).filter((p) => p.startsWith("content/_authors/")).length;
  const products = Object.keys(files).filter((p) => p.startsWith("content/_startups/")).length;
  const toCheck = !(files["README.md"] ?? "").includes("Rien à signaler.");

  return (
    <>
      <h1>Fiches beta.gouv.fr</h1>
      <p>
        Le site beta.gouv.fr présente chaque membre de la communauté et chaque produit par une fiche, tenue à
        jour dans son dépôt GitHub. Le portail prépare ces fiches à partir de ce qu'il connaît : les
        intervenants et leurs affectations, les produits et leurs phases.
      </p>
      <p>
        Vous téléchargez {SCOPE[actor.membership.role]}, au format du site : des fichiers Markdown rangés
        comme dans le dépôt (<code>content/_authors</code> et <code>content/_startups</code>), avec un fichier{" "}
        <code>README.md</code> qui explique d'où vient chaque information et ce qu'il faut vérifier avant de
        les publier.
      </p>
      <p>
        Aujourd'hui : <strong>{members}</strong> fiche(s) membre et <strong>{products}</strong> fiche(s)
        produit.
        {toCheck &&
          " Certaines informations sont à compléter ou à vérifier : le fichier README.md les liste."}
      </p>
      <Button
        linkProps={{ href: "/fiches-beta/export.zip", download: true }}
        iconId="fr-icon-download-line"
        iconPosition="right"
        className="fr-mb-6w"
      >
        Télécharger les fiches (ZIP)
      </Button>
      <h2>Publier les fiches</h2>
      <ol>
        <li>Décompressez le fichier et copiez le dossier « content » à la racine d'une copie du dépôt.</li>
        <li>
          Relisez les fiches, en particulier les points listés dans README.md, et reportez ce que le portail
          ne connaît pas (compte GitHub, photo, compétences, présentation).
        </li>
        <li>Proposez la modification à l'équipe du site (pull request).</li>
      </ol>
    </>
  );
}
