"use client";
// Enter (or correct) one month of a product's impact indicators.
import { Input } from "@codegouvfr/react-dsfr/Input";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import { saveIndicatorAction } from "@/lib/impact/actions";

export type IndicatorFormValues = {
  /** "YYYY-MM" */
  month: string;
  monthlyActiveUsers: string;
  satisfaction: string;
  /** Set when correcting a month already entered. */
  version: number | null;
};

export function IndicatorForm({
  productId,
  values,
  maxMonth,
}: {
  productId: string;
  values: IndicatorFormValues;
  /** The current month: no entry for a month to come. */
  maxMonth: string;
}) {
  const { state, pending, formProps } = useFormAction(saveIndicatorAction);
  const editing = values.version !== null;
  return (
    <form {...formProps}>
      <FormFeedback state={state} />
      <input type="hidden" name="productId" value={productId} />
      {editing ? (
        <>
          <input type="hidden" name="version" value={values.version ?? ""} />
          <input type="hidden" name="month" value={values.month} />
        </>
      ) : (
        <Input
          label="Mois mesuré"
          hintText="Au format AAAA-MM, par exemple 2026-10."
          nativeInputProps={{
            name: "month",
            type: "month",
            defaultValue: values.month,
            max: maxMonth,
            required: true,
          }}
          {...fieldState(state, "month")}
        />
      )}
      <Input
        label="Utilisateurs actifs dans le mois"
        hintText="Un nombre entier, par exemple 12 500."
        nativeInputProps={{
          name: "monthlyActiveUsers",
          defaultValue: values.monthlyActiveUsers,
          inputMode: "numeric",
          required: true,
          autoComplete: "off",
        }}
        {...fieldState(state, "monthlyActiveUsers")}
      />
      <Input
        label="Satisfaction des utilisateurs (facultatif)"
        hintText="Une note sur 10 avec au plus une décimale, par exemple 8,2."
        nativeInputProps={{
          name: "satisfaction",
          defaultValue: values.satisfaction,
          inputMode: "decimal",
          autoComplete: "off",
        }}
        {...fieldState(state, "satisfaction")}
      />
      <SubmitButton pending={pending}>
        {editing ? "Corriger les indicateurs" : "Enregistrer les indicateurs"}
      </SubmitButton>
    </form>
  );
}
