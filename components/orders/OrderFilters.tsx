import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { SearchForm } from "@/components/ui/SearchForm";
import type { OrderFilterOptions } from "@/lib/orders/options";
import { ORDER_STATUS_LABELS, ORDER_STATUSES } from "@/lib/orders/rules";
import type { OrderFilters as Filters } from "@/lib/orders/schemas";

export const SORT_LABELS: Record<Filters["sort"], string> = {
  createdAt: "Date de création",
  number: "Numéro",
  total: "Montant",
  startsOn: "Date de début",
};

/** Filters and sort of the order list: a GET form, so the URL keeps them. */
export function OrderFilters({
  filters,
  options,
  showContractor,
}: {
  /** The filters as typed (dates kept even when invalid, to show them back). */
  filters: Filters;
  options: OrderFilterOptions;
  showContractor: boolean;
}) {
  return (
    <SearchForm
      action="/commandes"
      label="Rechercher par numéro"
      hint="Tout ou partie du numéro, par exemple BDC-2026-0012 ou 0012."
      q={filters.q ?? ""}
    >
      {/* Filters carried by a drill-down from the dashboard: kept when the form is sent again. */}
      {(["beneficiaryId", "uoTypeId", "figure", "figureFrom", "figureTo"] as const).map((name) =>
        filters[name] ? <input key={name} type="hidden" name={name} value={filters[name]} /> : null,
      )}
      <div className="fr-col-12 fr-col-md-3">
        <Select label="Statut" nativeSelectProps={{ name: "status", defaultValue: filters.status ?? "" }}>
          <option value="">Tous</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ORDER_STATUS_LABELS[s]}
            </option>
          ))}
        </Select>
      </div>
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
        <Input
          label="Période du"
          hintText="Commandes en cours à partir de cette date."
          nativeInputProps={{ name: "from", type: "date", defaultValue: filters.from ?? "" }}
        />
      </div>
      <div className="fr-col-12 fr-col-md-3">
        <Input
          label="Période au"
          hintText="Commandes commencées au plus tard à cette date."
          nativeInputProps={{ name: "to", type: "date", defaultValue: filters.to ?? "" }}
        />
      </div>
      <div className="fr-col-12 fr-col-md-3">
        <Select label="Trier par" nativeSelectProps={{ name: "sort", defaultValue: filters.sort }}>
          {Object.entries(SORT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </div>
      <div className="fr-col-12 fr-col-md-3">
        <Select label="Ordre" nativeSelectProps={{ name: "dir", defaultValue: filters.dir }}>
          <option value="desc">Décroissant (plus récent, plus grand d'abord)</option>
          <option value="asc">Croissant (plus ancien, plus petit d'abord)</option>
        </Select>
      </div>
    </SearchForm>
  );
}
