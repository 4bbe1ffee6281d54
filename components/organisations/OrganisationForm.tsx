"use client";
// Create or edit a contractor (titulaire) or a beneficiary (bénéficiaire). Whether an
// organisation is DINUM is never set here: the one DINUM organisation is seeded.
import { Input } from "@codegouvfr/react-dsfr/Input";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import {
  createBeneficiaryAction,
  createContractorAction,
  updateBeneficiaryAction,
  updateContractorAction,
} from "@/lib/organisations/actions";

export type OrganisationFormValues = {
  id: string;
  version: number;
  name: string;
  acronym: string;
  siret: string;
  postalAddress: string;
  chorusServiceCode?: string;
  billingAddress?: string;
};

const ACTIONS = {
  contractor: { create: createContractorAction, update: updateContractorAction },
  beneficiary: { create: createBeneficiaryAction, update: updateBeneficiaryAction },
};

export function OrganisationForm({
  kind,
  values,
}: {
  kind: "contractor" | "beneficiary";
  /** Absent: a new organisation. */
  values?: OrganisationFormValues;
}) {
  const action = values ? ACTIONS[kind].update : ACTIONS[kind].create;
  const { state, pending, formProps } = useFormAction(action);
  const what = kind === "contractor" ? "le titulaire" : "le bénéficiaire";
  return (
    <form {...formProps}>
      <FormFeedback state={state} />
      {values && (
        <>
          <input type="hidden" name="id" value={values.id} />
          <input type="hidden" name="version" value={values.version} />
        </>
      )}
      <Input
        label="Nom"
        hintText={
          kind === "contractor" ? "Raison sociale de l'entreprise." : "Par exemple : Ministère de la Culture."
        }
        nativeInputProps={{
          name: "name",
          defaultValue: values?.name,
          required: true,
          autoComplete: "organization",
        }}
        {...fieldState(state, "name")}
      />
      <Input
        label="Sigle (facultatif)"
        nativeInputProps={{ name: "acronym", defaultValue: values?.acronym }}
        {...fieldState(state, "acronym")}
      />
      <Input
        label="SIRET"
        hintText="14 chiffres, par exemple 130 025 265 00013."
        nativeInputProps={{
          name: "siret",
          defaultValue: values?.siret,
          required: true,
          inputMode: "numeric",
          autoComplete: "off",
        }}
        {...fieldState(state, "siret")}
      />
      <Input
        label="Adresse postale"
        hintText="Sur plusieurs lignes si besoin."
        textArea
        nativeTextAreaProps={{
          name: "postalAddress",
          defaultValue: values?.postalAddress,
          required: true,
          rows: 3,
        }}
        {...fieldState(state, "postalAddress")}
      />
      {kind === "beneficiary" && (
        <>
          <Input
            label="Code service Chorus"
            hintText="Le code du service exécutant dans Chorus Pro : lettres, chiffres, « _ » ou « - », 40 caractères au plus."
            nativeInputProps={{
              name: "chorusServiceCode",
              defaultValue: values?.chorusServiceCode,
              required: true,
              autoComplete: "off",
            }}
            {...fieldState(state, "chorusServiceCode")}
          />
          <Input
            label="Adresse de facturation"
            textArea
            nativeTextAreaProps={{
              name: "billingAddress",
              defaultValue: values?.billingAddress,
              required: true,
              rows: 3,
            }}
            {...fieldState(state, "billingAddress")}
          />
        </>
      )}
      <SubmitButton pending={pending}>{values ? `Enregistrer ${what}` : `Ajouter ${what}`}</SubmitButton>
    </form>
  );
}
