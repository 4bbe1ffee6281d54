// The brand block shared by the header and the footer: passing it to both explicitly keeps
// the footer correct even when the header has not rendered in the same pass (Suspense).

export const brandTop = (
  <>
    République
    <br />
    française
  </>
);

export const homeLinkProps = { href: "/", title: "Accueil – Commandes beta.gouv" };

export const SERVICE_TITLE = "Commandes beta.gouv";
export const SERVICE_TAGLINE = "Les bons de commande de l'accord-cadre beta.gouv";
