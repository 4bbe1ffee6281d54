"use server";
import { formAction } from "@/lib/actions";
import { recordInvoice, recordPayment } from "./mutations";
import { formatDelay, LEGAL_PAYMENT_DELAY_DAYS } from "./rules";
import { recordInvoiceSchema, recordPaymentSchema } from "./schemas";

export const recordInvoiceAction = formAction(recordInvoiceSchema, async (actor, input) => {
  const { orderId, serviceFaitId } = await recordInvoice({ actor, input });
  return {
    message: `La facture ${input.number} est enregistrée. Le bénéficiaire en est informé ; le délai global de paiement de ${LEGAL_PAYMENT_DELAY_DAYS} jours court depuis sa réception.`,
    revalidate: [
      `/commandes/${orderId}/service-fait`,
      `/commandes/${orderId}/service-fait/${serviceFaitId}`,
      "/factures",
    ],
  };
});

export const recordPaymentAction = formAction(recordPaymentSchema, async (actor, input) => {
  const { delay, orderId, serviceFaitId } = await recordPayment({ actor, input });
  return {
    message: `Le paiement est enregistré : la facture a été payée en ${formatDelay(delay.days)}${
      delay.late ? `, au-delà du délai global de paiement de ${LEGAL_PAYMENT_DELAY_DAYS} jours` : ""
    }. Le titulaire en est informé.`,
    revalidate: [
      `/commandes/${orderId}/service-fait`,
      `/commandes/${orderId}/service-fait/${serviceFaitId}`,
      "/factures",
    ],
  };
});
