"use client";
// An adjusting entry of a validated report (rule 6: the validated report never changes):
// the person types the CORRECTED total of billable days for each person and why; the server
// stores the signed change against what is validated, then it is submitted and validated
// like any report.
import { Input } from "@codegouvfr/react-dsfr/Input";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { useFormAction } from "@/components/ui/useFormAction";
import { createAdjustmentAction, updateAdjustmentAction } from "@/lib/activity/actions";
import type { GridRowDto } from "@/lib/activity/queries";
import { ErrorSummary } from "./ErrorSummary";
import { fieldId, frDays } from "./format";
import { IntentButton } from "./IntentButton";
import { PersonCell } from "./ReportGridTable";

export function AdjustmentForm({
  target,
  monthLabel,
  rows,
  reason,
  headingLevel = 3,
}: {
  /** A new entry on the validated report, or an open (draft or rejected) entry being edited. */
  target: { kind: "create"; reportId: string } | { kind: "update"; adjustmentId: string; version: number };
  monthLabel: string;
  /** With `pendingChange` set when editing an open entry. */
  rows: GridRowDto[];
  reason: string;
  /** 3 under the adjustments' heading, 4 under one adjusting entry's. */
  headingLevel?: 3 | 4;
}) {
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const { state, pending, formProps } = useFormAction(
    target.kind === "create" ? createAdjustmentAction : updateAdjustmentAction,
  );
  const fields: Record<string, { id: string; label: string }> = Object.fromEntries(
    rows.map((r) => [
      `correctedDays.${r.assignmentId}`,
      { id: fieldId("corrige", r.assignmentId), label: `Total corrigé de ${r.stafferName}` },
    ]),
  );
  fields.activities = { id: "motif-correction", label: "Motif de la correction" };
  return (
    <form {...formProps} aria-labelledby="ajustement-titre" id="ajustement">
      <Heading id="ajustement-titre" className="fr-h5">
        {target.kind === "create" ? "Corriger (écriture d'ajustement)" : "Modifier l'écriture d'ajustement"}
      </Heading>
      <p className="fr-text--sm">
        Le compte rendu validé de {monthLabel} ne change pas. Indiquez le total de jours facturables qu'il
        aurait dû déclarer pour chaque personne à corriger ; l'écriture enregistre la différence (en plus ou
        en moins), que le bénéficiaire valide comme un compte rendu.
      </p>
      <FormFeedback state={state} />
      <ErrorSummary state={state} fields={fields} />
      {target.kind === "create" ? (
        <input type="hidden" name="reportId" value={target.reportId} />
      ) : (
        <>
          <input type="hidden" name="adjustmentId" value={target.adjustmentId} />
          <input type="hidden" name="version" value={target.version} />
        </>
      )}
      <div className="fr-table fr-table--bordered">
        <table>
          <caption>Totaux corrigés de {monthLabel}</caption>
          <thead>
            <tr>
              <th scope="col">Intervenant</th>
              <th scope="col">Jours ouvrés sur sa période</th>
              <th scope="col">Jours facturables validés</th>
              <th scope="col">Total corrigé</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.assignmentId}>
                <PersonCell row={r} />
                <td className="fr-cell--right">{r.cap}</td>
                <td className="fr-cell--right">{frDays(r.validatedDays)}</td>
                <td>
                  <input type="hidden" name="assignmentId[]" value={r.assignmentId} />
                  <Input
                    label={`Total corrigé de ${r.stafferName}`}
                    hideLabel
                    className="fr-mb-0"
                    nativeInputProps={{
                      id: fieldId("corrige", r.assignmentId),
                      name: "correctedDays[]",
                      type: "number",
                      inputMode: "decimal",
                      step: "0.5",
                      min: "0",
                      max: String(r.cap),
                      defaultValue: r.pendingTotal ?? r.validatedDays,
                      autoComplete: "off",
                    }}
                    {...fieldState(state, `correctedDays.${r.assignmentId}`)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Input
        label="Motif de la correction"
        hintText="Ce qui était faux et pourquoi ; le bénéficiaire le lit avant de valider."
        textArea
        nativeTextAreaProps={{
          id: "motif-correction",
          name: "activities",
          rows: 3,
          required: true,
          maxLength: 10_000,
          defaultValue: reason,
        }}
        {...fieldState(state, "activities")}
      />
      <div className="fr-btns-group fr-btns-group--inline-md">
        <IntentButton intent="save" pending={pending} secondary icon="fr-icon-save-line">
          Enregistrer l'écriture
        </IntentButton>
        <IntentButton intent="submit" pending={pending} icon="fr-icon-send-plane-line">
          Soumettre l'écriture au bénéficiaire
        </IntentButton>
      </div>
    </form>
  );
}
