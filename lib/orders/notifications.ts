import "server-only";
// The e-mails that announce an order's transitions to the other side, built with the
// shared plain-text template (user text stays inert and quoted).
import { serverEnv } from "@/lib/env";
import { formatEuros } from "@/lib/money";
import { buildNotificationMail, type NotificationMail } from "@/lib/notifications/templates";

type Event =
  | "issued"
  | "corrected"
  | "cancelled"
  | "acknowledged"
  | "observed"
  | "started"
  | "completed"
  | "completedByWork"
  | "closed";

const WHAT: Record<Event, { subject: string; summary: (n: string) => string; role: string; note?: string }> =
  {
    issued: {
      subject: "nouvelle commande à accuser",
      summary: (n) =>
        `Le bénéficiaire a émis le bon de commande ${n}, adressé à votre société. Merci d'en accuser réception dans le portail.`,
      role: "du titulaire",
    },
    corrected: {
      subject: "bon de commande modificatif à accuser",
      summary: (n) =>
        `Le bénéficiaire a émis le bon de commande modificatif ${n}, qui change les quantités d'une commande adressée à votre société. Merci d'en accuser réception dans le portail.`,
      role: "du titulaire",
      note: "Commande modifiée",
    },
    started: {
      subject: "commande en cours",
      summary: (n) =>
        `Le bon de commande ${n} est désormais en cours : sa date de début est atteinte ou un premier compte rendu d'activité a été déposé.`,
      role: "de cette commande",
      note: "Motif",
    },
    completedByWork: {
      subject: "commande terminée",
      summary: (n) =>
        `Le bon de commande ${n} est terminé : tous les jours commandés sont certifiés, ou sa période est achevée et son service fait final est prononcé. Le bénéficiaire peut maintenant le clôturer.`,
      role: "de cette commande",
    },
    completed: {
      subject: "commande terminée",
      summary: (n) => `Le bénéficiaire a déclaré le bon de commande ${n} terminé.`,
      role: "du titulaire",
    },
    closed: {
      subject: "commande clôturée",
      summary: (n) =>
        `Le bénéficiaire a clôturé le bon de commande ${n}. Seul le montant consommé reste engagé ; le reste est libéré.`,
      role: "du titulaire",
      note: "Montants",
    },
    cancelled: {
      subject: "commande annulée",
      summary: (n) => `Le bénéficiaire a annulé le bon de commande ${n}.`,
      role: "du titulaire",
      note: "Motif",
    },
    acknowledged: {
      subject: "accusé de réception du titulaire",
      summary: (n) => `Le titulaire a accusé réception du bon de commande ${n}.`,
      role: "du bénéficiaire",
    },
    observed: {
      subject: "nouvelle observation du titulaire",
      summary: (n) => `Le titulaire a enregistré une observation sur le bon de commande ${n}.`,
      role: "du bénéficiaire",
      note: "Observation",
    },
  };

export function orderMail(
  event: Event,
  order: { id: string; number: string; productName: string; totalHtCents: bigint; reason?: string },
): NotificationMail {
  const w = WHAT[event];
  return buildNotificationMail({
    subject: `Bon de commande ${order.number} – ${order.productName} : ${w.subject}`,
    summary: w.summary(order.number),
    facts: [
      { label: "Produit", value: order.productName },
      { label: "Montant HT", value: formatEuros(order.totalHtCents) },
    ],
    ...(w.note && order.reason !== undefined ? { note: { label: w.note, text: order.reason } } : {}),
    baseUrl: serverEnv().NEXTAUTH_URL ?? "http://localhost:3000",
    path: `/commandes/${order.id}`,
    recipientRole: w.role,
  });
}
