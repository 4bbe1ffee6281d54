import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Mentions légales" };

export default function LegalNoticePage() {
  return (
    <>
      <Breadcrumb homeLinkProps={{ href: "/" }} currentPageLabel="Mentions légales" segments={[]} />
      <h1>Mentions légales</h1>

      <h2>Éditeur</h2>
      <p>
        Ce service est édité par la direction interministérielle du numérique (DINUM) :
        <br />
        20 avenue de Ségur
        <br />
        75007 Paris
      </p>

      <h2>Directeur de la publication</h2>
      <p>Le directeur de la publication est le directeur interministériel du numérique.</p>

      <h2>Hébergement</h2>
      <p>
        L'hébergeur sera précisé lors de la mise en production : le service est conçu pour un hébergeur
        qualifié SecNumCloud ou équivalent. À la date de publication de cette page, le service n'est pas
        encore déployé en production.
      </p>

      <h2>Accessibilité</h2>
      <p>
        Le service est <strong>non conforme</strong> au référentiel général d'amélioration de l'accessibilité
        (RGAA) : il n'a pas encore été audité. Pour en savoir plus, consultez la{" "}
        <Link href="/accessibilite">déclaration d'accessibilité</Link>.
      </p>

      <h2>Sécurité</h2>
      <p>
        L'accès au service se fait uniquement avec ProConnect, l'identifiant des agents publics et des
        professionnels. Chaque personne ne voit que les dossiers de l'organisation pour laquelle elle agit, et
        chaque modification d'un dossier est enregistrée dans un journal d'audit (qui, quand, quoi).
      </p>
      <p>
        Ne communiquez jamais vos identifiants. Si vous constatez un accès ou une information anormale, ou si
        vous pensez avoir trouvé une faille de sécurité, prévenez sans attendre la DINUM, sans rendre la
        faille publique.
      </p>

      <h2>Données personnelles</h2>
      <p>
        Pour savoir quelles données nous traitons et comment exercer vos droits, consultez la page{" "}
        <Link href="/donnees-personnelles">données personnelles</Link>.
      </p>

      <h2>Licences</h2>
      <p>
        Sauf mention contraire, les contenus de ce site sont publiés sous{" "}
        <a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">Licence Ouverte 2.0</a>{" "}
        (etalab-2.0).
      </p>
      <p>Le code source du service est un logiciel libre, distribué sous licence MIT.</p>
    </>
  );
}
