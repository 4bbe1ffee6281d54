/**
 * The "download this list" pair (DSFR download links): CSV and XLSX of every row the list
 * shows across its pages, with the list's current filters. Plain links: the export route
 * checks the session and the scope itself.
 */
export function DownloadLinks({
  href,
  params = {},
  what,
}: {
  /** The export route, e.g. "/commandes/export". */
  href: string;
  /** The list's current filters (empty values are left out). */
  params?: Record<string, string | undefined>;
  /** What is downloaded, e.g. "les bons de commande". */
  what: string;
}) {
  const url = (format: "csv" | "xlsx") => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) sp.set(k, v);
    sp.set("format", format);
    return `${href}?${sp.toString()}`;
  };
  return (
    <div className="fr-mb-3w">
      <a className="fr-link fr-link--download fr-mr-4w" href={url("csv")} download>
        Télécharger {what} (CSV)
        <span className="fr-link__detail">CSV – toutes les lignes, filtres appliqués</span>
      </a>
      <a className="fr-link fr-link--download" href={url("xlsx")} download>
        Télécharger {what} (XLSX)
        <span className="fr-link__detail">XLSX – tableur Excel ou LibreOffice</span>
      </a>
    </div>
  );
}
