"use client";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import {
  rejectPriceScheduleVersionAction,
  validatePriceScheduleVersionAction,
} from "@/lib/price-schedules/actions";

export function ValidateVersionForm({ id, number }: { id: string; number: number }) {
  const { state, pending, formProps } = useFormAction(validatePriceScheduleVersionAction);
  return (
    <form {...formProps}>
      <FormFeedback state={state} />
      <input type="hidden" name="id" value={id} />
      <p>
        Une fois validée, la version ne peut plus être modifiée : ses prix s'appliqueront aux commandes émises
        à partir de sa date d'effet.
      </p>
      <SubmitButton pending={pending} iconId="fr-icon-check-line">
        Valider la version {number}
      </SubmitButton>
    </form>
  );
}

export function RejectVersionForm({ id, number }: { id: string; number: number }) {
  const { state, pending, formProps } = useFormAction(rejectPriceScheduleVersionAction);
  return (
    <form {...formProps}>
      <FormFeedback state={state} />
      <input type="hidden" name="id" value={id} />
      <Input
        label="Motif du refus"
        hintText="Entre 5 et 1 000 caractères. Le titulaire le lira : dites-lui ce qu'il doit corriger."
        textArea
        nativeTextAreaProps={{ name: "reason", rows: 4, required: true, minLength: 5, maxLength: 1000 }}
        {...fieldState(state, "reason")}
      />
      <SubmitButton pending={pending} priority="secondary" iconId="fr-icon-close-line">
        Refuser la version {number}
      </SubmitButton>
    </form>
  );
}
