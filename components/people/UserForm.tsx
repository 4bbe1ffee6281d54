"use client";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import { createUserAction, updateUserAction } from "@/lib/people/actions";

export type UserFormValues = {
  id: string;
  version: number;
  email: string;
  givenName: string;
  usualName: string;
};

export function UserForm({ values }: { values?: UserFormValues }) {
  const { state, pending, formProps } = useFormAction(values ? updateUserAction : createUserAction);
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
        label="Adresse e-mail professionnelle"
        hintText="Celle avec laquelle la personne se connecte, par exemple prenom.nom@exemple.gouv.fr."
        nativeInputProps={{
          name: "email",
          type: "email",
          defaultValue: values?.email,
          required: true,
          autoComplete: "off",
          spellCheck: false,
        }}
        {...fieldState(state, "email")}
      />
      <Input
        label="Prénom"
        nativeInputProps={{
          name: "givenName",
          defaultValue: values?.givenName,
          required: true,
          autoComplete: "off",
        }}
        {...fieldState(state, "givenName")}
      />
      <Input
        label="Nom"
        nativeInputProps={{
          name: "usualName",
          defaultValue: values?.usualName,
          required: true,
          autoComplete: "off",
        }}
        {...fieldState(state, "usualName")}
      />
      <SubmitButton pending={pending}>
        {values ? "Enregistrer la personne" : "Ajouter la personne"}
      </SubmitButton>
    </form>
  );
}
