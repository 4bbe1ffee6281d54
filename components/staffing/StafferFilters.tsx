import { Select } from "@codegouvfr/react-dsfr/Select";
import { SearchForm } from "@/components/ui/SearchForm";
import { STAFFER_STATUS_LABELS, STAFFER_STATUSES } from "@/lib/staffing/rules";
import type { StafferFilters as Filters } from "@/lib/staffing/schemas";

/** Search and filters of the staffer list: a GET form, so the URL keeps them. */
export function StafferFilters({
  filters,
  profiles,
  contractors,
}: {
  filters: Filters;
  profiles: Array<{ id: string; label: string }>;
  /** DINUM only: filter by company. */
  contractors: Array<{ id: string; name: string }>;
}) {
  return (
    <SearchForm
      action="/intervenants"
      label="Rechercher un intervenant"
      hint="Nom, adresse e-mail, identifiant beta.gouv.fr ou sous-traitant."
      q={filters.q ?? ""}
    >
      {contractors.length > 0 && (
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="Titulaire"
            nativeSelectProps={{ name: "contractorId", defaultValue: filters.contractorId ?? "" }}
          >
            <option value="">Tous</option>
            {contractors.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </div>
      )}
      <div className="fr-col-12 fr-col-md-4">
        <Select label="Profil" nativeSelectProps={{ name: "uoTypeId", defaultValue: filters.uoTypeId ?? "" }}>
          <option value="">Tous</option>
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </Select>
      </div>
      <div className="fr-col-12 fr-col-md-2">
        <Select label="Statut" nativeSelectProps={{ name: "status", defaultValue: filters.status ?? "" }}>
          <option value="">Tous</option>
          {STAFFER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STAFFER_STATUS_LABELS[s]}
            </option>
          ))}
        </Select>
      </div>
      <div className="fr-col-12 fr-col-md-2">
        <Select label="Activité" nativeSelectProps={{ name: "active", defaultValue: filters.active }}>
          <option value="actifs">Actifs</option>
          <option value="inactifs">Désactivés</option>
          <option value="tous">Tous</option>
        </Select>
      </div>
    </SearchForm>
  );
}
