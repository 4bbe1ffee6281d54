"use client";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import { updateAgreementAction } from "@/lib/agreement/actions";

export type AgreementFormValues = {
  id: string;
  version: number;
  title: string;
  startsOn: string;
  endsOn: string;
  /** "90000000,00" */
  maxAmountHt: string;
  /** "20" or "5,5" */
  vatRate: string;
};

export function AgreementForm({ values }: { values: AgreementFormValues }) {
  const { state, pending, formProps } = useFormAction(updateAgreementAction);
  return (
    <form {...formProps} aria-labelledby="modifier-accord-cadre">
      <h2 id="modifier-accord-cadre">Modifier l'accord-cadre</h2>
      <FormFeedback state={state} />
      <input type="hidden" name="id" value={values.id} />
      <input type="hidden" name="version" value={values.version} />
      <Input
        label="Intitulé"
        textArea
        nativeTextAreaProps={{ name: "title", defaultValue: values.title, required: true, rows: 2 }}
        {...fieldState(state, "title")}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Date de début"
            nativeInputProps={{
              type: "date",
              name: "startsOn",
              defaultValue: values.startsOn,
              required: true,
            }}
            {...fieldState(state, "startsOn")}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Date de fin"
            hintText="Égale ou postérieure à la date de début."
            nativeInputProps={{ type: "date", name: "endsOn", defaultValue: values.endsOn, required: true }}
            {...fieldState(state, "endsOn")}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Montant maximum hors taxes (en euros)"
            hintText="Par exemple : 90 000 000,00"
            nativeInputProps={{
              name: "maxAmountHt",
              defaultValue: values.maxAmountHt,
              required: true,
              inputMode: "decimal",
              autoComplete: "off",
            }}
            {...fieldState(state, "maxAmountHt")}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Taux de TVA (en %)"
            hintText="Par exemple : 20 ou 5,5"
            nativeInputProps={{
              name: "vatRate",
              defaultValue: values.vatRate,
              required: true,
              inputMode: "decimal",
              autoComplete: "off",
            }}
            {...fieldState(state, "vatRate")}
          />
        </div>
      </div>
      <SubmitButton pending={pending}>Enregistrer l'accord-cadre</SubmitButton>
    </form>
  );
}
