import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";

export type DashboardFilterValues = { du: string; au: string; beneficiaire: string; titulaire: string };

/** The dashboard's filters: a GET form, so the URL keeps them (and can be shared). */
export function DashboardFilters({
  values,
  options,
  fieldErrors,
}: {
  values: DashboardFilterValues;
  options: {
    beneficiaries: Array<{ id: string; name: string }>;
    contractors: Array<{ id: string; name: string }>;
  };
  fieldErrors: Record<string, string[]>;
}) {
  const state = (name: keyof DashboardFilterValues) =>
    fieldErrors[name]?.length
      ? { state: "error" as const, stateRelatedMessage: fieldErrors[name].join(" ") }
      : {};
  return (
    <search>
      <form method="get" action="/pilotage" className="fr-mb-3w" aria-label="Filtrer les montants">
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-3">
            <Input
              label="Du mois"
              hintText="Format AAAA-MM, par exemple 2026-01."
              nativeInputProps={{
                name: "du",
                type: "month",
                defaultValue: values.du,
                placeholder: "AAAA-MM",
              }}
              {...state("du")}
            />
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <Input
              label="Au mois (inclus)"
              hintText="Format AAAA-MM, par exemple 2026-06."
              nativeInputProps={{
                name: "au",
                type: "month",
                defaultValue: values.au,
                placeholder: "AAAA-MM",
              }}
              {...state("au")}
            />
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <Select
              label="Bénéficiaire"
              nativeSelectProps={{ name: "beneficiaire", defaultValue: values.beneficiaire }}
              {...state("beneficiaire")}
            >
              <option value="">Tous</option>
              {options.beneficiaries.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <Select
              label="Titulaire"
              nativeSelectProps={{ name: "titulaire", defaultValue: values.titulaire }}
              {...state("titulaire")}
            >
              <option value="">Tous</option>
              {options.contractors.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-mb-3w">
            <Button type="submit" iconId="fr-icon-filter-line" className="fr-mr-2w">
              Afficher
            </Button>
            <Button priority="secondary" linkProps={{ href: "/pilotage" }}>
              Tout l'accord-cadre
            </Button>
          </div>
        </div>
      </form>
    </search>
  );
}
