import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Déclaration d'accessibilité" };

/** The service's own address for accessibility requests. */
const ACCESSIBILITY_EMAIL = "accessibilite@commandes.beta.gouv.fr";

// Follows the official model of the accessibility statement (RGAA 4.1.2, arrêté du 20 septembre 2019).
export default function AccessibilityStatementPage() {
  return (
    <>
      <Breadcrumb
        homeLinkProps={{ href: "/" }}
        currentPageLabel="Déclaration d'accessibilité"
        segments={[]}
      />
      <h1>Déclaration d'accessibilité</h1>
      <p>
        La direction interministérielle du numérique (DINUM) s'engage à rendre ses services numériques
        accessibles, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005 pour l'égalité des
        droits et des chances, la participation et la citoyenneté des personnes handicapées.
      </p>
      <p>Cette déclaration d'accessibilité s'applique au service Commandes beta.gouv.</p>

      <h2>État de conformité</h2>
      <p>
        Commandes beta.gouv est <strong>non conforme</strong> avec le référentiel général d'amélioration de
        l'accessibilité (RGAA), version 4.1.2. Le service n'a pas encore été audité.
      </p>
      <p>
        À chaque modification du service, ses pages sont testées automatiquement avec l'outil axe-core. Ces
        tests repèrent une partie des défauts d'accessibilité, mais ils ne remplacent pas un audit complet
        réalisé par des personnes, qui reste à faire.
      </p>

      <h2>Résultats des tests</h2>
      <p>
        Aucun audit de conformité n'a encore été réalisé : il n'y a donc pas de taux de conformité à publier.
      </p>

      <h2>Contenus non accessibles</h2>
      <h3>Non-conformités</h3>
      <p>Aucune non-conformité n'a été identifiée à ce jour, en attendant l'audit.</p>
      <h3>Dérogations pour charge disproportionnée</h3>
      <p>Aucune.</p>
      <h3>Contenus non soumis à l'obligation d'accessibilité</h3>
      <p>Aucun.</p>

      <h2>Établissement de cette déclaration d'accessibilité</h2>
      <p>Cette déclaration a été établie le 24 novembre 2026.</p>
      <h3>Technologies utilisées pour la réalisation du service</h3>
      <ul>
        <li>HTML</li>
        <li>CSS</li>
        <li>JavaScript</li>
        <li>Système de design de l'État (DSFR)</li>
      </ul>
      <h3>Environnement de test</h3>
      <p>Les tests automatiques sont faits avec le navigateur Chromium.</p>
      <h3>Outils pour évaluer l'accessibilité</h3>
      <ul>
        <li>axe-core, lancé automatiquement sur chaque page à chaque modification du service</li>
      </ul>

      <h2>Retour d'information et contact</h2>
      <p>
        Si vous n'arrivez pas à accéder à un contenu ou à une fonction du service, écrivez-nous : nous vous
        orienterons vers une autre solution accessible ou vous transmettrons le contenu sous une autre forme.
      </p>
      <p>
        Adresse électronique du service : <a href={`mailto:${ACCESSIBILITY_EMAIL}`}>{ACCESSIBILITY_EMAIL}</a>
      </p>

      <h2>Voies de recours</h2>
      <p>
        Si vous nous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à une
        fonction du service, et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez :
      </p>
      <ul>
        <li>
          écrire un message au Défenseur des droits avec le{" "}
          <a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne du Défenseur des droits</a>{" "}
          ;
        </li>
        <li>
          contacter{" "}
          <a href="https://www.defenseurdesdroits.fr/saisir/delegues">
            le délégué du Défenseur des droits dans votre région
          </a>{" "}
          ;
        </li>
        <li>
          envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) :
          <br />
          Défenseur des droits
          <br />
          Libre réponse 71120
          <br />
          75342 Paris CEDEX 07
        </li>
      </ul>
    </>
  );
}
