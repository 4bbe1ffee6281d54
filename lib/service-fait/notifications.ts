import "server-only";
// The e-mail that tells the contractor a service fait was pronounced (plain text, the
// beneficiary's comment quoted and inert).
import { serverEnv } from "@/lib/env";
import { formatEuros } from "@/lib/money";
import { buildNotificationMail, type NotificationMail } from "@/lib/notifications/templates";

export function serviceFaitMail(sf: {
  orderId: string;
  serviceFaitId: string;
  number: string;
  orderNumber: string;
  productName: string;
  period: string;
  decision: string;
  certifiedHtCents: bigint;
  certifiedTtcCents: bigint;
  comment: string;
}): NotificationMail {
  return buildNotificationMail({
    subject: `Service fait ${sf.number} – bon de commande ${sf.orderNumber} : ${sf.decision.toLowerCase()}`,
    summary: `Le bénéficiaire a établi le procès-verbal de service fait ${sf.number} pour ${sf.period} sur le bon de commande ${sf.orderNumber}. Décision : ${sf.decision}.`,
    facts: [
      { label: "Produit", value: sf.productName },
      { label: "Période", value: sf.period },
      { label: "Montant certifié HT", value: formatEuros(sf.certifiedHtCents) },
      { label: "Montant certifié TTC", value: formatEuros(sf.certifiedTtcCents) },
    ],
    ...(sf.comment ? { note: { label: "Commentaire du bénéficiaire", text: sf.comment } } : {}),
    baseUrl: serverEnv().NEXTAUTH_URL ?? "http://localhost:3000",
    path: `/commandes/${sf.orderId}/service-fait/${sf.serviceFaitId}`,
    recipientRole: "du titulaire",
  });
}
