import "server-only";
// The e-mails that tell a product's beneficiary about its risks, built with the shared
// plain-text template (the risk's texts are user input: they stay inert and on one line).
import { serverEnv } from "@/lib/env";
import { buildNotificationMail, type NotificationMail } from "@/lib/notifications/templates";
import {
  IMPACT_LABELS,
  LIKELIHOOD_LABELS,
  RISK_STATUS_LABELS,
  type RiskLevelName,
  type RiskMailEvent,
  type RiskStatusName,
  severityOf,
  severityText,
} from "./rules";

const WHAT: Record<
  RiskMailEvent,
  { subject: string; summary: (contractor: string, product: string) => string }
> = {
  created: {
    subject: "nouveau risque signalé",
    summary: (c, p) => `Le titulaire ${c} a signalé un nouveau risque sur le produit ${p}.`,
  },
  raised: {
    subject: "gravité d'un risque en hausse",
    summary: (c, p) => `Le titulaire ${c} a relevé la gravité d'un risque du produit ${p}.`,
  },
  closed: {
    subject: "risque clos",
    summary: (c, p) => `Le titulaire ${c} a clos un risque du produit ${p}.`,
  },
};

export function riskMail(
  event: RiskMailEvent,
  risk: {
    id: string;
    title: string;
    likelihood: RiskLevelName;
    impact: RiskLevelName;
    status: RiskStatusName;
    mitigation: string;
    productName: string;
    contractorName: string;
    beneficiaryName: string;
    previousSeverity?: number;
  },
): NotificationMail {
  const w = WHAT[event];
  const severity = severityOf(risk.likelihood, risk.impact);
  return buildNotificationMail({
    subject: `Risque – ${risk.productName} : ${w.subject}`,
    summary: w.summary(risk.contractorName, risk.productName),
    facts: [
      { label: "Produit", value: risk.productName },
      { label: "Risque", value: risk.title },
      {
        label: "Gravité",
        value:
          risk.previousSeverity !== undefined
            ? `${severityText(severity)}, auparavant ${severityText(risk.previousSeverity)}`
            : severityText(severity),
      },
      { label: "Probabilité", value: LIKELIHOOD_LABELS[risk.likelihood] },
      { label: "Impact", value: IMPACT_LABELS[risk.impact] },
      { label: "Statut", value: RISK_STATUS_LABELS[risk.status] },
    ],
    ...(risk.mitigation ? { note: { label: "Mesures prévues", text: risk.mitigation } } : {}),
    baseUrl: serverEnv().NEXTAUTH_URL ?? "http://localhost:3000",
    path: `/risques/${risk.id}`,
    recipientRole: `du bénéficiaire ${risk.beneficiaryName}`,
  });
}
