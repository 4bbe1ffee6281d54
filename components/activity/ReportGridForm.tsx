"use client";
// The contractor's monthly grid: one row per person assigned to the order that month, one
// labelled numeric field per person (half-days), a non-billable column for replacements only,
// and the month's operational activities. "Enregistrer" keeps a draft; "Soumettre" saves
// and sends it to the beneficiary. Every limit is checked again on the server.
import { Input } from "@codegouvfr/react-dsfr/Input";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { useFormAction } from "@/components/ui/useFormAction";
import { saveReportAction } from "@/lib/activity/actions";
import type { GridRowDto } from "@/lib/activity/queries";
import { MAX_ACTIVITIES_LENGTH } from "@/lib/activity/rules";
import { ErrorSummary } from "./ErrorSummary";
import { fieldId } from "./format";
import { IntentButton } from "./IntentButton";
import { PersonCell } from "./ReportGridTable";

export function ReportGridForm({
  orderId,
  month,
  monthLabel,
  workingDays,
  version,
  activities,
  rows,
  showNonBillable,
}: {
  orderId: string;
  month: string;
  monthLabel: string;
  workingDays: number;
  /** Null when the month has no report yet. */
  version: number | null;
  activities: string;
  rows: GridRowDto[];
  showNonBillable: boolean;
}) {
  const { state, pending, formProps } = useFormAction(saveReportAction);
  const fields = Object.fromEntries(
    rows.flatMap((r) => [
      [
        `days.${r.assignmentId}`,
        { id: fieldId("days", r.assignmentId), label: `Jours facturables de ${r.stafferName}` },
      ],
      [
        `nonBillableDays.${r.assignmentId}`,
        {
          id: fieldId("non-facturables", r.assignmentId),
          label: `Jours non facturables de ${r.stafferName}`,
        },
      ],
    ]),
  );
  fields.activities = { id: "activites", label: "Activités du mois" };
  return (
    <form {...formProps} aria-labelledby="grille-titre">
      <h2 id="grille-titre" className="fr-h4">
        Jours et activités de {monthLabel}
      </h2>
      <FormFeedback state={state} />
      <ErrorSummary state={state} fields={fields} />
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="month" value={month} />
      <input type="hidden" name="version" value={version ?? ""} />
      {rows.length === 0 ? (
        <p>
          Personne n'est affecté à ce bon de commande en {monthLabel}. Vous pouvez tout de même décrire les
          activités du mois.
        </p>
      ) : (
        <div className="fr-table fr-table--bordered">
          <table>
            <caption>
              Jours déclarés par intervenant en {monthLabel} ({workingDays} jours ouvrés), par demi-journée
            </caption>
            <thead>
              <tr>
                <th scope="col">Intervenant</th>
                <th scope="col">Ligne du bon de commande</th>
                <th scope="col">Jours ouvrés sur sa période</th>
                <th scope="col">Jours facturables</th>
                {showNonBillable && <th scope="col">Jours non facturables (montée en compétence)</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.assignmentId}>
                  <PersonCell row={r} />
                  <td>{r.lineLabel}</td>
                  <td className="fr-cell--right">{r.cap}</td>
                  <td>
                    <input type="hidden" name="assignmentId[]" value={r.assignmentId} />
                    {!(showNonBillable && r.isReplacement) && (
                      <input type="hidden" name="nonBillableDays[]" value="" />
                    )}
                    <Input
                      label={`Jours facturables de ${r.stafferName}`}
                      hideLabel
                      className="fr-mb-0"
                      nativeInputProps={{
                        id: fieldId("days", r.assignmentId),
                        name: "days[]",
                        type: "number",
                        inputMode: "decimal",
                        step: "0.5",
                        min: "0",
                        max: String(r.cap),
                        defaultValue: r.days === "0" ? "" : r.days,
                        autoComplete: "off",
                      }}
                      {...fieldState(state, `days.${r.assignmentId}`)}
                    />
                  </td>
                  {showNonBillable && (
                    <td>
                      {r.isReplacement ? (
                        <Input
                          label={`Jours non facturables de ${r.stafferName}`}
                          hideLabel
                          className="fr-mb-0"
                          nativeInputProps={{
                            id: fieldId("non-facturables", r.assignmentId),
                            name: "nonBillableDays[]",
                            type: "number",
                            inputMode: "decimal",
                            step: "0.5",
                            min: "0",
                            max: r.rampUpLeft,
                            defaultValue: r.nonBillableDays === "0" ? "" : r.nonBillableDays,
                            autoComplete: "off",
                          }}
                          {...fieldState(state, `nonBillableDays.${r.assignmentId}`)}
                        />
                      ) : (
                        <span>
                          —<span className="fr-sr-only"> (pas un remplacement)</span>
                        </span>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Input
        label="Activités opérationnelles du mois"
        hintText={`Ce qui a été fait ce mois-ci, pour le bénéficiaire (${MAX_ACTIVITIES_LENGTH.toLocaleString("fr-FR")} caractères au plus). Obligatoire pour soumettre un mois sans jour déclaré.`}
        textArea
        nativeTextAreaProps={{
          id: "activites",
          name: "activities",
          rows: 6,
          maxLength: MAX_ACTIVITIES_LENGTH,
          defaultValue: activities,
        }}
        {...fieldState(state, "activities")}
      />
      <div className="fr-btns-group fr-btns-group--inline-md">
        <IntentButton intent="save" pending={pending} secondary icon="fr-icon-save-line">
          Enregistrer
        </IntentButton>
        <IntentButton intent="submit" pending={pending} icon="fr-icon-send-plane-line">
          Soumettre au bénéficiaire
        </IntentButton>
      </div>
    </form>
  );
}
