import { Button } from "@codegouvfr/react-dsfr/Button";

/** The two download links of one report table (same content as on screen). */
export function ReportDownloads({ href, what }: { href: (format: "csv" | "xlsx") => string; what: string }) {
  return (
    <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mb-2w">
      <li>
        <Button
          priority="secondary"
          iconId="fr-icon-download-line"
          linkProps={{ href: href("csv"), download: true }}
        >
          Télécharger {what} (CSV)
        </Button>
      </li>
      <li>
        <Button
          priority="secondary"
          iconId="fr-icon-download-line"
          linkProps={{ href: href("xlsx"), download: true }}
        >
          Télécharger {what} (XLSX, tableur)
        </Button>
      </li>
    </ul>
  );
}
