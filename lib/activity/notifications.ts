import "server-only";
// The e-mails of activity reports: submitted (to the beneficiary's correspondents), validated
// or rejected (to the contractor's), built with the shared plain-text template, so the
// reason and the activities typed by people stay inert and quoted.
import type { Prisma } from "@/generated/prisma/client";
import { serverEnv } from "@/lib/env";
import { buildNotificationMail, type NotificationMail } from "@/lib/notifications/templates";
import { formatMonth } from "./calendar";
import { daysLabel } from "./rules";

type Event = "submitted" | "validated" | "rejected";

const WHAT: Record<
  Event,
  { subject: string; summary: (what: string) => string; role: string; note?: string }
> = {
  submitted: {
    subject: "compte rendu d'activité à valider",
    summary: (what) =>
      `Le titulaire a soumis ${what}. Merci de le valider ou de le rejeter en indiquant ce qu'il faut corriger.`,
    role: "du bénéficiaire",
  },
  validated: {
    subject: "compte rendu d'activité validé",
    summary: (what) =>
      `Le bénéficiaire a validé ${what}. Les jours facturables sont comptés comme consommés sur le bon de commande.`,
    role: "du titulaire",
  },
  rejected: {
    subject: "compte rendu d'activité rejeté",
    summary: (what) =>
      `Le bénéficiaire a rejeté ${what}. Corrigez-le dans le portail puis soumettez-le de nouveau.`,
    role: "du titulaire",
    note: "Motif du rejet",
  },
};

export function activityMail(
  event: Event,
  report: {
    orderId: string;
    orderNumber: string;
    productName: string;
    month: string;
    isAdjustment: boolean;
    billableDays: string;
    reason?: string;
  },
): NotificationMail {
  const w = WHAT[event];
  const label = formatMonth(report.month);
  const what = report.isAdjustment
    ? `l'écriture d'ajustement du compte rendu d'activité de ${label} (bon de commande ${report.orderNumber})`
    : `le compte rendu d'activité de ${label} (bon de commande ${report.orderNumber})`;
  return buildNotificationMail({
    subject: `Bon de commande ${report.orderNumber} – ${report.productName} : ${w.subject} (${label})`,
    summary: w.summary(what),
    facts: [
      { label: "Produit", value: report.productName },
      { label: "Mois", value: label },
      {
        label: report.isAdjustment ? "Changement de jours facturables" : "Jours facturables",
        value: daysLabel(report.billableDays),
      },
    ],
    ...(w.note && report.reason !== undefined ? { note: { label: w.note, text: report.reason } } : {}),
    baseUrl: serverEnv().NEXTAUTH_URL ?? "http://localhost:3000",
    path: `/commandes/${report.orderId}/activite/${report.month}`,
    recipientRole: w.role,
  });
}

/** Active correspondents' e-mails of the order's beneficiary or contractor. */
export async function correspondentEmails(
  tx: Prisma.TransactionClient,
  where: { beneficiaryId: string } | { contractorId: string },
): Promise<string[]> {
  const rows = await tx.membership.findMany({
    where: {
      ...where,
      active: true,
      role: "contractorId" in where ? "CONTRACTOR" : "BENEFICIARY",
      user: { active: true },
    },
    select: { user: { select: { email: true } } },
  });
  return [...new Set(rows.map((r) => r.user.email))];
}
