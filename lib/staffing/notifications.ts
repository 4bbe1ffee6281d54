import "server-only";
// The e-mails that tell the beneficiary's correspondents about staff changes on their orders
// (CCTP §3.4: the contractor informs the beneficiary when the team changes), built with the
// shared plain-text template: names typed by the contractor stay inert, on one line.
import { serverEnv } from "@/lib/env";
import { buildNotificationMail, type NotificationMail } from "@/lib/notifications/templates";
import { formatDays, frDate } from "./rules";

export type StaffingEvent = "assigned" | "replaced" | "periodChanged";

export type StaffingMailData = {
  orderId: string;
  orderNumber: string;
  productName: string;
  beneficiaryName: string;
  contractorName: string;
  lineLabel: string;
  stafferName: string;
  startsOn: string;
  endsOn: string;
  /** Replacement: the person replaced and the newcomer's ramp-up days. */
  replacedName?: string;
  rampUpDays?: string;
  /** Period change: the period before. */
  previous?: { startsOn: string; endsOn: string };
};

const SUBJECT: Record<StaffingEvent, string> = {
  assigned: "nouvel intervenant",
  replaced: "remplacement d'un intervenant",
  periodChanged: "affectation modifiée",
};

function summary(event: StaffingEvent, d: StaffingMailData): string {
  switch (event) {
    case "assigned":
      return `${d.contractorName} a affecté ${d.stafferName} au bon de commande ${d.orderNumber} (${d.lineLabel}), du ${frDate(d.startsOn)} au ${frDate(d.endsOn)}.`;
    case "replaced":
      return `${d.contractorName} remplace ${d.replacedName ?? "un intervenant"} par ${d.stafferName} sur le bon de commande ${d.orderNumber} (${d.lineLabel}) à partir du ${frDate(d.startsOn)}.`;
    case "periodChanged":
      return `${d.contractorName} a modifié la période d'affectation de ${d.stafferName} sur le bon de commande ${d.orderNumber} (${d.lineLabel}).`;
  }
}

export function staffingMail(event: StaffingEvent, d: StaffingMailData): NotificationMail {
  const facts = [
    { label: "Produit", value: d.productName },
    { label: "Unité d'œuvre", value: d.lineLabel },
    { label: "Intervenant", value: d.stafferName },
    { label: "Période", value: `du ${frDate(d.startsOn)} au ${frDate(d.endsOn)}` },
  ];
  if (event === "replaced") {
    facts.push({ label: "Remplace", value: d.replacedName ?? "—" });
    facts.push({
      label: "Montée en compétence",
      value:
        d.rampUpDays && d.rampUpDays !== "0"
          ? `${formatDays(d.rampUpDays)} à la charge du titulaire, non facturés (CCTP §3.4)`
          : "aucune journée déclarée ; la formation du nouvel arrivant reste à la charge du titulaire (CCTP §3.4)",
    });
  }
  if (event === "periodChanged" && d.previous) {
    facts.push({
      label: "Période précédente",
      value: `du ${frDate(d.previous.startsOn)} au ${frDate(d.previous.endsOn)}`,
    });
  }
  return buildNotificationMail({
    subject: `Bon de commande ${d.orderNumber} – ${d.productName} : ${SUBJECT[event]}`,
    summary: summary(event, d),
    facts,
    baseUrl: serverEnv().NEXTAUTH_URL ?? "http://localhost:3000",
    path: `/commandes/${d.orderId}/equipe`,
    recipientRole: `du bénéficiaire ${d.beneficiaryName}`,
  });
}
