"use client";
// The beneficiary's decision on the months previewed above it: decision, réfaction (only
// with "admission avec réfaction"), reason, final mention, signatory and confirmation. The
// amounts are never sent: the server recomputes them from the validated reports.
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { useState } from "react";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import { issueServiceFaitAction } from "@/lib/service-fait/actions";
import { DECISION_LABELS, DECISION_WORDING, DECISIONS, type Decision } from "@/lib/service-fait/rules";

export function IssueServiceFaitForm({
  orderId,
  from,
  to,
  periodLabel,
  recordCount,
  signatoryName,
  organisationName,
}: {
  orderId: string;
  from: string;
  to: string;
  periodLabel: string;
  /** Records of the order when the page was loaded (a double submit is refused). */
  recordCount: number;
  signatoryName: string;
  organisationName: string;
}) {
  const { state, pending, formProps } = useFormAction(issueServiceFaitAction);
  const [decision, setDecision] = useState<Decision>("ADMISSION");
  return (
    <form {...formProps}>
      <FormFeedback state={state} />
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="from" value={from} />
      <input type="hidden" name="to" value={to} />
      <input type="hidden" name="recordCount" value={recordCount} />
      <RadioButtons
        legend={`Décision pour ${periodLabel}`}
        name="decision"
        options={DECISIONS.map((d) => ({
          label: DECISION_LABELS[d],
          hintText: DECISION_WORDING[d],
          nativeInputProps: {
            value: d,
            checked: decision === d,
            onChange: () => setDecision(d),
          },
        }))}
        {...fieldState(state, "decision")}
      />
      {decision === "REFACTION" && (
        <Input
          label="Montant de la réfaction HT, en euros"
          hintText="Supérieur à zéro et au plus égal au montant calculé, par exemple 1 250,00."
          nativeInputProps={{ name: "refaction", inputMode: "decimal", autoComplete: "off", maxLength: 20 }}
          {...fieldState(state, "refaction")}
        />
      )}
      <Input
        label={decision === "ADMISSION" ? "Observations (facultatif)" : "Motif de la décision"}
        hintText={
          decision === "ADMISSION"
            ? "2 000 caractères au plus. Le titulaire les lira."
            : "Obligatoire : 5 à 2 000 caractères. Le titulaire le lira ; il figure sur le procès-verbal."
        }
        textArea
        nativeTextAreaProps={{ name: "comment", rows: 4, maxLength: 2000 }}
        {...fieldState(state, "comment")}
      />
      <Checkbox
        options={[
          {
            label: "Service fait final : la prestation est achevée",
            hintText:
              "Cochez-la pour le dernier service fait de la commande. Une fois la période de la commande passée, elle sera terminée.",
            nativeInputProps: {
              name: "isFinal",
              value: "on",
              disabled: decision === "AJOURNEMENT" || decision === "REJET",
            },
          },
        ]}
        {...fieldState(state, "isFinal")}
      />
      <Input
        label="Nom du signataire"
        hintText="Prénom et nom de la personne qui constate le service fait au nom de l'organisation."
        nativeInputProps={{
          name: "signatoryName",
          autoComplete: "name",
          required: true,
          maxLength: 200,
          defaultValue: signatoryName,
        }}
        {...fieldState(state, "signatoryName")}
      />
      <Checkbox
        options={[
          {
            label: `Je confirme signer ce procès-verbal de service fait au nom de ${organisationName}`,
            nativeInputProps: { name: "confirm", value: "on", required: true },
          },
        ]}
        {...fieldState(state, "confirm")}
      />
      <SubmitButton pending={pending} iconId="fr-icon-check-line">
        Signer le procès-verbal de service fait
      </SubmitButton>
    </form>
  );
}
