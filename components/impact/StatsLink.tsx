import { safeHttpUrl } from "@/lib/impact/rules";

/**
 * The link to a product's public /stats page. Only an http(s) address becomes a link (a
 * stored "javascript:" or other scheme never does); it opens in a new window, which its
 * label says, and gives the page no access back to the portal (rel="noopener noreferrer").
 */
export function StatsLink({ url, productName }: { url: string | null; productName: string }) {
  if (!url) return <>Pas de page de statistiques renseignée</>;
  const href = safeHttpUrl(url);
  if (!href) return <>Adresse de la page de statistiques non valide (elle doit commencer par https://)</>;
  return (
    <a className="fr-link" href={href} target="_blank" rel="noopener noreferrer">
      Statistiques d'impact de {productName}
      <span className="fr-sr-only"> (site externe, nouvelle fenêtre)</span>
    </a>
  );
}
