"use client";
// The beneficiary records the date it paid one invoice (once).
import { Input } from "@codegouvfr/react-dsfr/Input";
import { FormFeedback, fieldState } from "@/components/ui/FormFeedback";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { useFormAction } from "@/components/ui/useFormAction";
import { recordPaymentAction } from "@/lib/invoices/actions";

export function RecordPaymentForm({
  invoiceId,
  invoiceNumber,
  version,
  receivedOn,
  paidOn,
  today,
}: {
  invoiceId: string;
  invoiceNumber: string;
  version: number;
  receivedOn: string;
  /** Once paid the form is gone; the component stays mounted to keep announcing the success. */
  paidOn: string | null;
  today: string;
}) {
  const { state, pending, formProps } = useFormAction(recordPaymentAction);
  if (paidOn) return state.status === "success" ? <FormFeedback state={state} /> : null;
  return (
    <form {...formProps}>
      <FormFeedback state={state} />
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <input type="hidden" name="version" value={version} />
      <Input
        label={`Date de paiement de la facture ${invoiceNumber}`}
        hintText="Date de la mise en paiement ; au plus tôt la date de réception, pas dans le futur. Elle ne se modifie plus ensuite."
        nativeInputProps={{ name: "paidOn", type: "date", required: true, min: receivedOn, max: today }}
        {...fieldState(state, "paidOn")}
      />
      <SubmitButton pending={pending} priority="secondary" iconId="fr-icon-money-euro-circle-line">
        Enregistrer le paiement de la facture {invoiceNumber}
      </SubmitButton>
    </form>
  );
}
