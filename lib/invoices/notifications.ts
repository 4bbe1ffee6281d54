import "server-only";
// The e-mails of the invoice trail: the beneficiary learns an invoice was recorded, the
// contractor that it was paid (and after how many days).
import { serverEnv } from "@/lib/env";
import { formatEuros } from "@/lib/money";
import { buildNotificationMail, type NotificationMail } from "@/lib/notifications/templates";
import { formatDelay, LEGAL_PAYMENT_DELAY_DAYS } from "./rules";

type InvoiceFacts = {
  orderId: string;
  serviceFaitId: string;
  serviceFaitNumber: string;
  orderNumber: string;
  invoiceNumber: string;
  amountHtCents: bigint;
  amountTtcCents: bigint;
};

const base = () => serverEnv().NEXTAUTH_URL ?? "http://localhost:3000";
const path = (i: InvoiceFacts) => `/commandes/${i.orderId}/service-fait/${i.serviceFaitId}`;

export function invoiceRecordedMail(i: InvoiceFacts & { receivedOn: string }): NotificationMail {
  return buildNotificationMail({
    subject: `Facture ${i.invoiceNumber} – bon de commande ${i.orderNumber} : facture déposée`,
    summary: `Le titulaire a enregistré la facture ${i.invoiceNumber}, déposée sur Chorus Pro, au titre du service fait ${i.serviceFaitNumber}. Le délai global de paiement de ${LEGAL_PAYMENT_DELAY_DAYS} jours court depuis sa réception.`,
    facts: [
      { label: "Reçue le", value: i.receivedOn.split("-").reverse().join("/") },
      { label: "Montant HT", value: formatEuros(i.amountHtCents) },
      { label: "Montant TTC", value: formatEuros(i.amountTtcCents) },
    ],
    baseUrl: base(),
    path: path(i),
    recipientRole: "du bénéficiaire",
  });
}

export function paymentRecordedMail(
  i: InvoiceFacts & { paidOn: string; delayDays: number },
): NotificationMail {
  return buildNotificationMail({
    subject: `Facture ${i.invoiceNumber} – bon de commande ${i.orderNumber} : paiement enregistré`,
    summary: `Le bénéficiaire a enregistré le paiement de la facture ${i.invoiceNumber} (service fait ${i.serviceFaitNumber}).`,
    facts: [
      { label: "Payée le", value: i.paidOn.split("-").reverse().join("/") },
      { label: "Montant TTC", value: formatEuros(i.amountTtcCents) },
      {
        label: "Délai de paiement",
        value: `${formatDelay(i.delayDays)}${i.delayDays > LEGAL_PAYMENT_DELAY_DAYS ? ` (délai global de paiement de ${LEGAL_PAYMENT_DELAY_DAYS} jours dépassé)` : ""}`,
      },
    ],
    baseUrl: base(),
    path: path(i),
    recipientRole: "du titulaire",
  });
}
