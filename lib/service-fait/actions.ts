"use server";
import { formAction } from "@/lib/actions";
import { issueServiceFait } from "./mutations";
import { DECISION_LABELS, isCertifying } from "./rules";
import { issueServiceFaitSchema } from "./schemas";

export const issueServiceFaitAction = formAction(issueServiceFaitSchema, async (actor, input) => {
  const { id, number, completed } = await issueServiceFait({ actor, input });
  const base = `/commandes/${input.orderId}`;
  return {
    message: `Le procès-verbal de service fait n° ${number} (${DECISION_LABELS[input.decision].toLowerCase()}) est enregistré. Le titulaire est prévenu par courriel.${
      isCertifying(input.decision) ? "" : " Les comptes rendus de la période restent à certifier."
    }${completed ? " Tous les jours commandés sont certifiés : le bon de commande est terminé." : ""}`,
    // The record's page shows its number, amounts and PDF; the message goes with ?enregistre=1.
    redirectTo: `${base}/service-fait/${id}?enregistre=1`,
    revalidate: [base, `${base}/service-fait`, "/factures"],
  };
});
