import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { SEVERITY_BAND_LABELS, SEVERITY_BAND_RANGES, SEVERITY_BANDS } from "@/lib/risks/rules";
import type { RiskFilters as Filters } from "@/lib/risks/schemas";

const SORT_LABELS: Record<Filters["sort"], string> = {
  severity: "Gravité",
  updatedAt: "Dernière mise à jour",
  product: "Produit",
};

/** Filters and sort of the risk register: a GET form, so the URL keeps them. */
export function RiskFilters({
  filters,
  products,
}: {
  filters: Filters;
  products: Array<{ id: string; name: string }>;
}) {
  return (
    <search>
      <form method="get" action="/risques" className="fr-mb-3w">
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-2">
            <Select label="Statut" nativeSelectProps={{ name: "status", defaultValue: filters.status }}>
              <option value="OPEN">Ouverts</option>
              <option value="CLOSED">Clos</option>
              <option value="ALL">Tous</option>
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <Select
              label="Produit"
              nativeSelectProps={{ name: "productId", defaultValue: filters.productId ?? "" }}
            >
              <option value="">Tous</option>
              {products.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-2">
            <Select label="Gravité" nativeSelectProps={{ name: "band", defaultValue: filters.band ?? "" }}>
              <option value="">Toutes</option>
              {SEVERITY_BANDS.map((b) => (
                <option key={b} value={b}>
                  {`${SEVERITY_BAND_LABELS[b]} (${SEVERITY_BAND_RANGES[b].min} à ${SEVERITY_BAND_RANGES[b].max})`}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-2">
            <Select label="Trier par" nativeSelectProps={{ name: "sort", defaultValue: filters.sort }}>
              {Object.entries(SORT_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-2">
            <Select label="Ordre" nativeSelectProps={{ name: "dir", defaultValue: filters.dir }}>
              <option value="desc">Décroissant</option>
              <option value="asc">Croissant</option>
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-1 fr-mb-3w">
            <Button type="submit">Filtrer</Button>
          </div>
        </div>
      </form>
    </search>
  );
}
