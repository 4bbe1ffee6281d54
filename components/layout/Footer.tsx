// The DSFR footer of every page. It reads no session, so it renders even when the
// database does not answer. id "footer" is the target of the "Pied de page" skip link.
import { headerFooterDisplayItem } from "@codegouvfr/react-dsfr/Display";
import { Footer as DsfrFooter } from "@codegouvfr/react-dsfr/Footer";
import { brandTop, homeLinkProps } from "./brand";

export function Footer() {
  return (
    <DsfrFooter
      id="footer"
      brandTop={brandTop}
      homeLinkProps={homeLinkProps}
      accessibility="non compliant"
      accessibilityLinkProps={{ href: "/accessibilite" }}
      termsLinkProps={{ href: "/mentions-legales" }}
      contentDescription="Commandes beta.gouv est le service de la DINUM pour exécuter l'accord-cadre beta.gouv : les ministères et organismes publics y passent et suivent leurs bons de commande, les entreprises titulaires y déclarent le travail réalisé, et la DINUM y coordonne l'ensemble."
      bottomItems={[
        { text: "Données personnelles", linkProps: { href: "/donnees-personnelles" } },
        { text: "Statistiques", linkProps: { href: "/stats" } },
        headerFooterDisplayItem,
      ]}
    />
  );
}
