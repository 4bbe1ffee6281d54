"use client";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import { updateUoTypeAction } from "@/lib/agreement/actions";

export type UoTypeFormValues = {
  id: string;
  version: number;
  label: string;
  level: string;
  description: string;
  /** One deliverable per line. */
  deliverables: string;
  active: boolean;
};

export function UoTypeForm({ values }: { values: UoTypeFormValues }) {
  const { state, pending, formProps } = useFormAction(updateUoTypeAction);
  return (
    <form {...formProps}>
      <FormFeedback state={state} />
      <input type="hidden" name="id" value={values.id} />
      <input type="hidden" name="version" value={values.version} />
      <Input
        label="Libellé"
        nativeInputProps={{ name: "label", defaultValue: values.label, required: true }}
        {...fieldState(state, "label")}
      />
      <Input
        label="Niveau (facultatif)"
        hintText="Par exemple : Junior, Confirmé, Senior. Laissez vide pour une unité d'œuvre à niveau unique."
        nativeInputProps={{ name: "level", defaultValue: values.level }}
        {...fieldState(state, "level")}
      />
      <Input
        label="Description"
        textArea
        nativeTextAreaProps={{
          name: "description",
          defaultValue: values.description,
          required: true,
          rows: 4,
        }}
        {...fieldState(state, "description")}
      />
      <Input
        label="Livrables attendus"
        hintText="Un livrable par ligne."
        textArea
        nativeTextAreaProps={{
          name: "deliverables",
          defaultValue: values.deliverables,
          required: true,
          rows: 6,
        }}
        {...fieldState(state, "deliverables")}
      />
      <Checkbox
        options={[
          {
            label: "Unité d'œuvre proposée à la commande",
            hintText: "Décochez pour ne plus la proposer dans les nouveaux bons de commande.",
            nativeInputProps: { name: "active", value: "on", defaultChecked: values.active },
          },
        ]}
        {...fieldState(state, "active")}
      />
      <SubmitButton pending={pending}>Enregistrer l'unité d'œuvre</SubmitButton>
    </form>
  );
}
