import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import { ProposeVersionForm } from "@/components/price-schedules/ProposeVersionForm";
import { requireActor } from "@/lib/auth/session";
import { formatDate } from "@/lib/dates";
import { orNotFound, refusePage } from "@/lib/pages";
import { canProposePrices } from "@/lib/price-schedules/policies";
import { getPriceProposalDraft } from "@/lib/price-schedules/queries";

export const metadata: Metadata = { title: "Proposer une nouvelle version du bordereau de prix" };

export default async function ProposePricesPage() {
  const actor = await requireActor("/tarifs/proposer");
  if (!canProposePrices(actor)) await refusePage(actor);
  const draft = await orNotFound(getPriceProposalDraft({ actor }));

  return (
    <>
      <Breadcrumb
        currentPageLabel="Proposer une nouvelle version"
        segments={[{ label: "Bordereaux de prix", linkProps: { href: "/tarifs" } }]}
      />
      <h1>Proposer une nouvelle version du bordereau de prix</h1>
      <p>
        Bordereau de {draft.contractor.name}.{" "}
        {draft.inForceToday
          ? `Les prix sont préremplis avec ceux de la version ${draft.inForceToday.number}, en vigueur depuis le ${formatDate(draft.inForceToday.effectiveOn)}.`
          : "Vous n'avez pas encore de bordereau en vigueur : indiquez un prix pour chaque unité d'œuvre."}{" "}
        La DINUM examinera votre proposition ; elle ne s'appliquera qu'une fois validée.
      </p>
      {draft.pendingCount > 0 && (
        <Alert
          severity="info"
          small
          className="fr-mb-3w"
          description={
            draft.pendingCount === 1
              ? "Une autre de vos propositions attend déjà la décision de la DINUM."
              : `${draft.pendingCount} de vos propositions attendent déjà la décision de la DINUM.`
          }
        />
      )}
      <ProposeVersionForm
        lines={draft.uoTypes.map((u) => ({ id: u.id, label: u.label, inForceCents: u.inForceCents }))}
        minEffectiveOn={draft.minEffectiveOn}
        maxEffectiveOn={draft.agreement.endsOn}
      />
    </>
  );
}
