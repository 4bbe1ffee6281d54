"use client";
// The beneficiary's decision on a submitted report (or adjusting entry): validate — its
// billable days become consumed days on the order — or reject with a reason the contractor
// reads to correct it. The server re-checks who decides and the order's ordered days.
import { Input } from "@codegouvfr/react-dsfr/Input";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import { rejectReportAction, validateReportAction } from "@/lib/activity/actions";

export function ReportDecision({
  reportId,
  version,
  canValidate,
  canReject,
  what,
  idPrefix,
  note,
  headingLevel = 2,
}: {
  reportId: string;
  version: number;
  canValidate: boolean;
  canReject: boolean;
  /** "ce compte rendu" or "cette écriture d'ajustement". */
  what: string;
  /** Keeps ids unique when a page shows several decisions. */
  idPrefix: string;
  /** Why validating is not offered, when rejecting is. */
  note?: string;
  /** 2 for the month's report, 4 for an adjusting entry's decision. */
  headingLevel?: 2 | 4;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h4";
  const validate = useFormAction(validateReportAction);
  const reject = useFormAction(rejectReportAction);
  return (
    <section aria-labelledby={`${idPrefix}-decision`} className="fr-mt-4w">
      <Heading id={`${idPrefix}-decision`} className={headingLevel === 2 ? "fr-h4" : "fr-h6"}>
        Votre décision
      </Heading>
      {canValidate && (
        <form {...validate.formProps} className="fr-mb-4w">
          <FormFeedback state={validate.state} />
          <input type="hidden" name="reportId" value={reportId} />
          <input type="hidden" name="version" value={version} />
          <p className="fr-text--sm">
            En validant {what}, ses jours facturables sont comptés comme consommés sur le bon de commande. Il
            ne pourra plus être modifié : une erreur se corrigera par une écriture d'ajustement.
          </p>
          <SubmitButton pending={validate.pending} iconId="fr-icon-check-line">
            Valider
          </SubmitButton>
        </form>
      )}
      {note && <p className="fr-text--sm">{note}</p>}
      {canReject && (
        <form {...reject.formProps}>
          <FormFeedback state={reject.state} />
          <input type="hidden" name="reportId" value={reportId} />
          <input type="hidden" name="version" value={version} />
          <Input
            label="Motif du rejet"
            hintText="Ce qu'il faut corriger, entre 5 et 2 000 caractères. Le titulaire le reçoit par courriel."
            textArea
            nativeTextAreaProps={{
              id: `${idPrefix}-motif`,
              name: "reason",
              rows: 3,
              required: true,
              minLength: 5,
              maxLength: 2000,
            }}
            {...fieldState(reject.state, "reason")}
          />
          <SubmitButton pending={reject.pending} priority="secondary" iconId="fr-icon-close-line">
            Rejeter
          </SubmitButton>
        </form>
      )}
    </section>
  );
}
