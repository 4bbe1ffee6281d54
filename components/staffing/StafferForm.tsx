"use client";
// Create or edit a staffer of the contractor's own company (the company is never a field:
// the server takes it from the signed-in correspondent's membership).
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState } from "react";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import { createStafferAction, updateStafferAction } from "@/lib/staffing/actions";
import { STAFFER_STATUS_LABELS, STAFFER_STATUSES, type StafferStatusName } from "@/lib/staffing/rules";

export type StafferFormValues = {
  id: string;
  version: number;
  fullName: string;
  email: string;
  uoTypeId: string;
  status: StafferStatusName;
  subcontractorName: string;
  betaUsername: string;
};

export function StafferForm({
  values,
  profiles,
}: {
  /** Absent: a new staffer. */
  values?: StafferFormValues;
  profiles: Array<{ id: string; label: string }>;
}) {
  const { state, pending, formProps } = useFormAction(values ? updateStafferAction : createStafferAction);
  const [status, setStatus] = useState<StafferStatusName>(values?.status ?? "EMPLOYEE");
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
        label="Nom complet"
        hintText="Prénom et nom, tels que le bénéficiaire les connaîtra."
        nativeInputProps={{
          name: "fullName",
          defaultValue: values?.fullName,
          required: true,
          maxLength: 200,
          autoComplete: "off",
        }}
        {...fieldState(state, "fullName")}
      />
      <Input
        label="Adresse e-mail"
        hintText="Une adresse par intervenant dans votre société, par exemple prenom.nom@societe.fr."
        nativeInputProps={{
          name: "email",
          type: "email",
          defaultValue: values?.email,
          required: true,
          maxLength: 254,
          autoComplete: "off",
          spellCheck: false,
        }}
        {...fieldState(state, "email")}
      />
      <Select
        label="Profil"
        hint="L'unité d'œuvre de l'accord-cadre au titre de laquelle la personne intervient : elle ne peut être affectée qu'aux lignes de ce profil."
        nativeSelectProps={{ name: "uoTypeId", defaultValue: values?.uoTypeId ?? "", required: true }}
        {...fieldState(state, "uoTypeId")}
      >
        <option value="" disabled>
          Choisissez un profil
        </option>
        {profiles.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </Select>
      <Select
        label="Statut"
        nativeSelectProps={{
          name: "status",
          value: status,
          onChange: (e) => setStatus(e.target.value as StafferStatusName),
          required: true,
        }}
        {...fieldState(state, "status")}
      >
        {STAFFER_STATUSES.map((s) => (
          <option key={s} value={s}>
            {STAFFER_STATUS_LABELS[s]}
          </option>
        ))}
      </Select>
      {status === "SUBCONTRACTOR" && (
        <Input
          label="Société sous-traitante"
          hintText="Le nom de l'entreprise qui emploie la personne."
          nativeInputProps={{
            name: "subcontractorName",
            defaultValue: values?.subcontractorName,
            required: true,
            maxLength: 200,
          }}
          {...fieldState(state, "subcontractorName")}
        />
      )}
      <Input
        label="Identifiant beta.gouv.fr (facultatif)"
        hintText="Le nom de sa fiche membre sur beta.gouv.fr : lettres minuscules sans accent, chiffres, points et tirets, par exemple « prenom.nom »."
        nativeInputProps={{
          name: "betaUsername",
          defaultValue: values?.betaUsername,
          autoComplete: "off",
          spellCheck: false,
          maxLength: 100,
        }}
        {...fieldState(state, "betaUsername")}
      />
      <SubmitButton pending={pending}>
        {values ? "Enregistrer l'intervenant" : "Ajouter l'intervenant"}
      </SubmitButton>
    </form>
  );
}
