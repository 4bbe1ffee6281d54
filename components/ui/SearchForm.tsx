import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import type { ReactNode } from "react";

/**
 * A GET search form for list pages: works without JavaScript, keeps the query in the URL
 * (so a result page can be shared or bookmarked). Extra filters go in `children`.
 */
export function SearchForm({
  action,
  label,
  hint,
  q,
  children,
}: {
  action: string;
  label: string;
  hint?: string;
  q: string;
  children?: ReactNode;
}) {
  return (
    <search>
      <form method="get" action={action} className="fr-mb-3w">
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-6">
            <Input
              label={label}
              hintText={hint}
              nativeInputProps={{ name: "q", defaultValue: q, type: "search" }}
            />
          </div>
          {children}
          <div className="fr-col-12 fr-col-md-2 fr-mb-3w">
            <Button type="submit" iconId="fr-icon-search-line">
              Rechercher
            </Button>
          </div>
        </div>
      </form>
    </search>
  );
}
