import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import { VersionDecision } from "@/components/price-schedules/DecisionForms";
import { PriceChange } from "@/components/price-schedules/PriceChange";
import { StatusBadge } from "@/components/price-schedules/StatusBadge";
import { can } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";
import { formatDate, formatDateTime } from "@/lib/dates";
import { formatEuros } from "@/lib/money";
import { orNotFound } from "@/lib/pages";
import { canDecideVersion } from "@/lib/price-schedules/policies";
import { getPriceScheduleVersion } from "@/lib/price-schedules/queries";

export const metadata: Metadata = { title: "Version du bordereau de prix" };

export default async function PriceScheduleVersionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/tarifs/versions/${id}`);
  const v = await orNotFound(getPriceScheduleVersion({ actor, id }));
  const decide = canDecideVersion(actor, { status: v.status, proposedById: v.proposedBy.id });
  const ownProposal =
    can(actor, "priceSchedule:decide") && v.status === "PROPOSED" && v.proposedBy.id === actor.userId;
  const comparedTo = v.inForceToday && v.inForceToday.id !== v.id ? v.inForceToday : null;
  const title = `Version ${v.number} du bordereau de prix de ${v.contractor.name}`;

  return (
    <>
      <Breadcrumb
        currentPageLabel={`Version ${v.number} – ${v.contractor.name}`}
        segments={[{ label: "Bordereaux de prix", linkProps: { href: "/tarifs" } }]}
      />
      <h1>{title}</h1>
      <p>
        <StatusBadge status={v.status} />
      </p>

      <dl>
        <dt className="fr-text--bold fr-mb-0">Date d'effet</dt>
        <dd className="fr-ml-0 fr-mb-2w">{formatDate(v.effectiveOn)}</dd>
        <dt className="fr-text--bold fr-mb-0">Proposée</dt>
        <dd className="fr-ml-0 fr-mb-2w">
          par {v.proposedBy.name}, le {formatDateTime(v.proposedAt)}
        </dd>
        {v.decidedAt && (
          <>
            <dt className="fr-text--bold fr-mb-0">{v.status === "VALIDATED" ? "Validée" : "Refusée"}</dt>
            <dd className="fr-ml-0 fr-mb-2w">
              par {v.decidedBy?.name ?? "la DINUM"}, le {formatDateTime(v.decidedAt)}
            </dd>
          </>
        )}
        <dt className="fr-text--bold fr-mb-0">Commentaire du titulaire</dt>
        <dd className="fr-ml-0 fr-mb-2w">{v.comment || "Aucun commentaire"}</dd>
      </dl>

      {v.status === "REJECTED" && v.rejectionReason && (
        <Alert
          severity="error"
          small
          className="fr-mb-3w"
          description={`Motif du refus : ${v.rejectionReason}`}
        />
      )}
      {v.status === "VALIDATED" && (
        <Alert
          severity={v.inForceToday?.id === v.id ? "success" : "info"}
          small
          className="fr-mb-3w"
          description={
            v.inForceToday?.id === v.id
              ? "Cette version est en vigueur aujourd'hui : ses prix s'appliquent aux commandes émises."
              : v.effectiveOn > v.today
                ? `Cette version entrera en vigueur le ${formatDate(v.effectiveOn)}.`
                : "Cette version a été remplacée par une version plus récente."
          }
        />
      )}

      <div className="fr-table fr-table--bordered">
        <table>
          <caption>
            Prix unitaires HT de la version {v.number}
            {comparedTo
              ? `, comparés à la version ${comparedTo.number} en vigueur depuis le ${formatDate(comparedTo.effectiveOn)}`
              : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col">Unité d'œuvre</th>
              <th scope="col">Prix de la version {v.number}</th>
              {comparedTo && (
                <>
                  <th scope="col">Prix en vigueur (version {comparedTo.number})</th>
                  <th scope="col">Évolution</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {v.items.map((i) => (
              <tr key={i.uoTypeId}>
                <th scope="row">{i.label}</th>
                <td>{formatEuros(i.unitPriceHtCents)}</td>
                {comparedTo && (
                  <>
                    <td>{i.inForceCents === null ? "—" : formatEuros(i.inForceCents)}</td>
                    <td>
                      <PriceChange proposedCents={i.unitPriceHtCents} currentCents={i.inForceCents} />
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {ownProposal && (
        <Alert
          severity="info"
          small
          className="fr-mt-3w"
          description="Vous avez proposé cette version : une autre personne de la DINUM doit la valider ou la refuser."
        />
      )}
      {/* Always rendered: it keeps the outcome on screen once the decision removes the forms. */}
      <VersionDecision id={v.id} number={v.number} canDecide={decide} />
    </>
  );
}
