import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { auditActionLabel, auditEntityLabel } from "@/lib/audit/rules";

export type AuditFilterValues = {
  action: string;
  entityType: string;
  entityId: string;
  actorEmail: string;
  from: string;
  to: string;
  refusals: string;
};

/** GET form: the filters live in the URL, so a filtered view can be shared. */
export function AuditFilterForm({
  values,
  actions,
  entityTypes,
  fieldErrors,
}: {
  values: AuditFilterValues;
  actions: string[];
  entityTypes: string[];
  fieldErrors: Record<string, string[]>;
}) {
  const errorOf = (name: string) => {
    const message = fieldErrors[name]?.join(" ");
    return message ? { state: "error" as const, stateRelatedMessage: message } : {};
  };
  return (
    <form method="get" action="/journal" aria-labelledby="filtrer" className="fr-mb-4w">
      <h2 id="filtrer" className="fr-h4">
        Filtrer les événements
      </h2>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="Action"
            nativeSelectProps={{ name: "action", defaultValue: values.action }}
            {...errorOf("action")}
          >
            <option value="">Toutes les actions</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {auditActionLabel(a)}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="Type d'élément"
            nativeSelectProps={{ name: "entityType", defaultValue: values.entityType }}
            {...errorOf("entityType")}
          >
            <option value="">Tous les types</option>
            {entityTypes.map((t) => (
              <option key={t} value={t}>
                {auditEntityLabel(t)}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Adresse e-mail de la personne"
            hintText="Tout ou partie de l'adresse."
            nativeInputProps={{ name: "actorEmail", defaultValue: values.actorEmail, autoComplete: "off" }}
            {...errorOf("actorEmail")}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Du"
            nativeInputProps={{ name: "from", type: "date", defaultValue: values.from }}
            {...errorOf("from")}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Au (inclus)"
            nativeInputProps={{ name: "to", type: "date", defaultValue: values.to }}
            {...errorOf("to")}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="Accès refusés"
            nativeSelectProps={{ name: "refusals", defaultValue: values.refusals }}
            {...errorOf("refusals")}
          >
            <option value="">Avec les modifications</option>
            <option value="non">Masquer les accès refusés</option>
            <option value="seuls">Seulement les accès refusés</option>
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Identifiant de l'élément (facultatif)"
            nativeInputProps={{ name: "entityId", defaultValue: values.entityId, autoComplete: "off" }}
            {...errorOf("entityId")}
          />
        </div>
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <Button type="submit" iconId="fr-icon-filter-line">
            Filtrer
          </Button>
        </li>
        <li>
          <Button priority="secondary" linkProps={{ href: "/journal" }}>
            Effacer les filtres
          </Button>
        </li>
      </ul>
    </form>
  );
}
