import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { FollowUpFilters as Filters } from "@/lib/follow-up/schemas";
import { FOLLOWED_STATUSES } from "@/lib/follow-up/schemas";
import type { OrderFilterOptions } from "@/lib/orders/options";
import { ORDER_STATUS_LABELS } from "@/lib/orders/rules";

/** Filters of the follow-up list: a GET form, so the URL keeps them (works without JavaScript). */
export function FollowUpFilters({
  filters,
  options,
  showContractor,
}: {
  filters: Filters;
  options: OrderFilterOptions;
  showContractor: boolean;
}) {
  return (
    <search>
      <form method="get" action="/suivi" className="fr-mb-3w">
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-3">
            <Select
              label="Produit"
              nativeSelectProps={{ name: "productId", defaultValue: filters.productId ?? "" }}
            >
              <option value="">Tous</option>
              {options.products.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </div>
          {showContractor && (
            <div className="fr-col-12 fr-col-md-3">
              <Select
                label="Titulaire"
                nativeSelectProps={{ name: "contractorId", defaultValue: filters.contractorId ?? "" }}
              >
                <option value="">Tous</option>
                {options.contractors.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </Select>
            </div>
          )}
          <div className="fr-col-12 fr-col-md-3">
            <Select label="Statut" nativeSelectProps={{ name: "status", defaultValue: filters.status ?? "" }}>
              <option value="">Tous</option>
              {FOLLOWED_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {ORDER_STATUS_LABELS[s]}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-3 fr-mb-3w">
            <Button type="submit" iconId="fr-icon-filter-line">
              Filtrer
            </Button>
          </div>
        </div>
      </form>
    </search>
  );
}
