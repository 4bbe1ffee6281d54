import { Select } from "@codegouvfr/react-dsfr/Select";
import { SearchForm } from "@/components/ui/SearchForm";
import { PHASE_LABELS, PHASES, PRODUCT_KIND_LABELS, PRODUCT_KINDS } from "@/lib/products/rules";

/** Search and filters of the product list: a GET form, so the URL keeps them. */
export function ProductFilters({ q, phase, kind }: { q: string; phase?: string; kind?: string }) {
  return (
    <SearchForm
      action="/produits"
      label="Rechercher un produit"
      hint="Nom, identifiant beta.gouv.fr, incubateur ou bénéficiaire."
      q={q}
    >
      <div className="fr-col-12 fr-col-md-2">
        <Select label="Phase en cours" nativeSelectProps={{ name: "phase", defaultValue: phase ?? "" }}>
          <option value="">Toutes</option>
          {PHASES.map((p) => (
            <option key={p} value={p}>
              {PHASE_LABELS[p]}
            </option>
          ))}
        </Select>
      </div>
      <div className="fr-col-12 fr-col-md-2">
        <Select label="Type" nativeSelectProps={{ name: "kind", defaultValue: kind ?? "" }}>
          <option value="">Tous</option>
          {PRODUCT_KINDS.map((k) => (
            <option key={k} value={k}>
              {PRODUCT_KIND_LABELS[k]}
            </option>
          ))}
        </Select>
      </div>
    </SearchForm>
  );
}
