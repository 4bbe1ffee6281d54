import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Données personnelles" };

const RETENTION = [
  {
    data: "Comptes (identité, organisation, rôle)",
    duration: "Pendant la durée de l'accord-cadre, puis 1 an",
  },
  {
    data: "Pièces contractuelles (bons de commande, comptes rendus d'activité, service fait) et journal d'audit",
    duration: "10 ans",
  },
  { data: "Journaux techniques (connexions, erreurs)", duration: "12 mois" },
];

export default function PersonalDataPage() {
  return (
    <>
      <Breadcrumb homeLinkProps={{ href: "/" }} currentPageLabel="Données personnelles" segments={[]} />
      <h1>Données personnelles</h1>
      <p>
        Cette page explique quelles données personnelles le service Commandes beta.gouv traite, pourquoi, et
        comment exercer vos droits, conformément au règlement général sur la protection des données (RGPD) et
        à la loi « Informatique et libertés ».
      </p>

      <h2>Responsable de traitement</h2>
      <p>
        Le responsable de traitement est la direction interministérielle du numérique (DINUM), 20 avenue de
        Ségur, 75007 Paris.
      </p>

      <h2>Pourquoi nous traitons ces données</h2>
      <p>
        Le service sert à gérer l'exécution de l'accord-cadre beta.gouv : les bons de commande, les comptes
        rendus d'activité, le service fait et la traçabilité de toutes les actions.
      </p>

      <h2>Base légale</h2>
      <p>
        Le traitement est nécessaire à l'exécution d'une mission d'intérêt public dont est investie la DINUM
        (article 6, paragraphe 1, point e du RGPD).
      </p>

      <h2>Données traitées</h2>
      <p>Pour les personnes qui utilisent le service :</p>
      <ul>
        <li>nom et prénom ;</li>
        <li>adresse e-mail professionnelle ;</li>
        <li>identifiant ProConnect ;</li>
        <li>organisation et rôle (correspondant d'un bénéficiaire, d'un titulaire, ou DINUM) ;</li>
        <li>journal des actions faites dans le service (qui, quand, quoi).</li>
      </ul>
      <p>Pour les intervenants des titulaires :</p>
      <ul>
        <li>nom et adresse e-mail ;</li>
        <li>profil (unité d'œuvre) ;</li>
        <li>jours déclarés dans les comptes rendus d'activité.</li>
      </ul>

      <h2>Qui peut voir ces données</h2>
      <ul>
        <li>la DINUM ;</li>
        <li>
          le bénéficiaire et le titulaire concernés par chaque bon de commande, pour leurs propres dossiers.
        </li>
      </ul>

      <h2>Durées de conservation</h2>
      <div className="fr-table">
        <table>
          <caption>Durée de conservation par type de données</caption>
          <thead>
            <tr>
              <th scope="col">Données</th>
              <th scope="col">Durée de conservation</th>
            </tr>
          </thead>
          <tbody>
            {RETENTION.map((r) => (
              <tr key={r.data}>
                <td>{r.data}</td>
                <td>{r.duration}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Vos droits</h2>
      <p>
        Vous pouvez demander à accéder à vos données, à les faire corriger, à en limiter l'utilisation ou vous
        opposer à leur traitement.
      </p>
      <p>
        Pour exercer ces droits, contactez le délégué à la protection des données des services du Premier
        ministre, dont relève la DINUM :
      </p>
      <ul>
        <li>
          par e-mail : <a href="mailto:dpd@pm.gouv.fr">dpd@pm.gouv.fr</a> ;
        </li>
        <li>
          par courrier : Services du Premier ministre, à l'attention du délégué à la protection des données,
          56 rue de Varenne, 75007 Paris.
        </li>
      </ul>
      <p>
        Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez
        adresser une réclamation à la Commission nationale de l'informatique et des libertés (CNIL) :{" "}
        <a href="https://www.cnil.fr/fr/plaintes">www.cnil.fr/fr/plaintes</a>, ou par courrier à CNIL, 3 place
        de Fontenoy, TSA 80715, 75334 Paris CEDEX 07.
      </p>

      <h2>Cookies</h2>
      <p>
        Le service dépose uniquement les cookies strictement nécessaires à son fonctionnement : le cookie de
        session, qui vous garde connecté, et des cookies techniques qui sécurisent la connexion. Le thème
        d'affichage que vous choisissez (clair ou sombre) est enregistré dans votre navigateur.
      </p>
      <p>
        Il n'y a ni mesure d'audience ni cookie de suivi : c'est pourquoi aucun bandeau ne vous demande votre
        consentement.
      </p>

      <h2>Sous-traitants</h2>
      <p>
        L'hébergeur du service sera précisé lors de la mise en production. Le service est conçu pour un
        hébergeur qualifié SecNumCloud ou équivalent.
      </p>
      <p>
        La connexion passe par ProConnect, le service d'identification opéré par la DINUM pour les agents
        publics et les professionnels.
      </p>
    </>
  );
}
