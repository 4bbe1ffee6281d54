import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page non trouvée" };

// DSFR "Page non trouvée" pattern (erreur 404).
export default function NotFound() {
  return (
    <div className="fr-container fr-my-7w">
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-8">
          <h1>Page non trouvée</h1>
          <p className="fr-text--sm fr-mb-3w">Erreur 404</p>
          <p className="fr-text--lead fr-mb-3w">
            La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.
          </p>
          <p className="fr-text--sm fr-mb-5w">
            Si vous avez tapé l'adresse web dans le navigateur, vérifiez qu'elle est correcte. La page n'est
            peut-être plus disponible, ou vous n'y avez pas accès.
            <br />
            Dans ce cas, pour continuer votre visite, vous pouvez retourner à la page d'accueil.
          </p>
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li>
              <Link className="fr-btn" href="/">
                Page d'accueil
              </Link>
            </li>
          </ul>
        </div>
      </div>
    </div>
  );
}
