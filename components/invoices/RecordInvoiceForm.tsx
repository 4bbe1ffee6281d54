"use client";
// The contractor records an invoice it deposited on Chorus Pro against this service fait.
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useEffect, useRef } from "react";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import { recordInvoiceAction } from "@/lib/invoices/actions";

export function RecordInvoiceForm({
  serviceFaitId,
  leftHt,
  leftLabel,
  fullyInvoiced,
  today,
}: {
  serviceFaitId: string;
  /** Nothing left to invoice: only the outcome of the last submit is shown. */
  fullyInvoiced: boolean;
  /** What is left to invoice, prefilled ("11 500,00"). */
  leftHt: string;
  leftLabel: string;
  today: string;
}) {
  const { state, pending, formProps } = useFormAction(recordInvoiceAction);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === "success") form.current?.reset();
  }, [state]);
  if (fullyInvoiced) {
    return (
      <>
        {state.status === "success" && <FormFeedback state={state} />}
        <p>Ce service fait est entièrement facturé.</p>
      </>
    );
  }
  return (
    <form {...formProps} ref={form}>
      <FormFeedback state={state} />
      <input type="hidden" name="serviceFaitId" value={serviceFaitId} />
      <Input
        label="Numéro de la facture sur Chorus Pro"
        hintText="Tel qu'il figure sur Chorus Pro. Un même numéro ne peut être enregistré qu'une fois pour votre société."
        nativeInputProps={{ name: "number", required: true, maxLength: 60, autoComplete: "off" }}
        {...fieldState(state, "number")}
      />
      <Input
        label="Date de réception de la facture"
        hintText="Date à laquelle la facture a été reçue sur Chorus Pro ; pas dans le futur. Le délai de paiement court à partir de cette date."
        nativeInputProps={{ name: "receivedOn", type: "date", required: true, max: today }}
        {...fieldState(state, "receivedOn")}
      />
      <Input
        label="Montant HT, en euros"
        hintText={`Au plus ${leftLabel}, ce qui reste à facturer sur ce service fait. Par exemple 12 345,67.`}
        nativeInputProps={{
          name: "amountHt",
          required: true,
          inputMode: "decimal",
          defaultValue: leftHt,
          maxLength: 20,
        }}
        {...fieldState(state, "amountHt")}
      />
      <Input
        label="Montant TTC, en euros"
        hintText="Au moins égal au montant HT."
        nativeInputProps={{ name: "amountTtc", required: true, inputMode: "decimal", maxLength: 20 }}
        {...fieldState(state, "amountTtc")}
      />
      <SubmitButton pending={pending} iconId="fr-icon-file-add-line">
        Enregistrer la facture
      </SubmitButton>
    </form>
  );
}
