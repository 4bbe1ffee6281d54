import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import Link from "next/link";
import { BurnDownChart } from "@/components/follow-up/BurnDownChart";
import { FiguresTable } from "@/components/follow-up/FiguresTable";
import { formatDays } from "@/components/follow-up/format";
import { RunOutNotice } from "@/components/follow-up/RunOutNotice";
import { formatPeriod } from "@/components/orders/format";
import { OrderStatusBadge } from "@/components/orders/OrderStatusBadge";
import { requireActor } from "@/lib/auth/session";
import { formatDate } from "@/lib/dates";
import { getOrderFollowUp } from "@/lib/follow-up/queries";
import { formatEuros } from "@/lib/money";
import { orNotFound } from "@/lib/pages";

export const metadata: Metadata = { title: "Suivi du bon de commande" };

export default async function OrderFollowUpPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/commandes/${id}/suivi`);
  const f = await orNotFound(getOrderFollowUp({ actor, id }));
  const label = f.number ?? "Bon de commande";
  const finished = f.status === "COMPLETED" || f.status === "CLOSED";

  return (
    <>
      <Breadcrumb
        currentPageLabel="Suivi"
        segments={[
          { label: "Commandes", linkProps: { href: "/commandes" } },
          { label, linkProps: { href: `/commandes/${f.id}` } },
        ]}
      />
      <h1>Suivi du bon de commande n° {label}</h1>
      <p className="fr-mb-2w">
        <OrderStatusBadge status={f.status} />
        <span className="fr-ml-2w">
          <Link href={`/produits/${f.product.id}`}>{f.product.name}</Link> — {f.contractorName} —{" "}
          {formatPeriod(f.startsOn, f.endsOn)}
        </span>
      </p>
      <RunOutNotice runOut={f.burnDown.runOut} endsOn={f.endsOn} finished={finished} />

      <section aria-labelledby="totaux">
        <h2 id="totaux" className="fr-h4">
          Où en est la commande
        </h2>
        <FiguresTable
          caption={`Suivi du bon de commande ${label} au ${formatDate(f.today)}`}
          figures={f.figures}
          testId="order-follow-up"
        />
      </section>

      <section aria-labelledby="par-ligne" className="fr-mt-4w">
        <h2 id="par-ligne" className="fr-h4">
          Par ligne
        </h2>
        <div className="fr-table fr-table--bordered" data-testid="line-follow-up">
          <table>
            <caption>Jours et montants HT par unité d'œuvre</caption>
            <thead>
              <tr>
                <th scope="col">Unité d'œuvre</th>
                <th scope="col" className="fr-cell--right">
                  Commandé
                </th>
                <th scope="col" className="fr-cell--right">
                  Validé
                </th>
                <th scope="col" className="fr-cell--right">
                  Certifié (avant réfaction)
                </th>
                <th scope="col" className="fr-cell--right">
                  Reste à consommer
                </th>
                <th scope="col" className="fr-cell--right">
                  Reste à certifier
                </th>
              </tr>
            </thead>
            <tbody>
              {f.lines.map((l) => (
                <tr key={l.id}>
                  <th scope="row">
                    {l.label}
                    {l.unitPriceHtCents !== null && (
                      <span className="fr-hint-text">{formatEuros(l.unitPriceHtCents)} HT par UO</span>
                    )}
                  </th>
                  {(
                    [
                      ["ordered", l.figures.orderedDays, l.figures.orderedHtCents],
                      ["validated", l.figures.validatedDays, l.figures.validatedHtCents],
                      ["certified", l.figures.certifiedDays, l.figures.certifiedGrossHtCents],
                      ["remaining", l.figures.remainingDays, l.figures.remainingHtCents],
                      ["toCertify", l.figures.toCertifyDays, l.figures.toCertifyHtCents],
                    ] as const
                  ).map(([key, days, cents]) => (
                    <td key={key} className="fr-cell--right">
                      {formatDays(days)} j
                      <br />
                      {formatEuros(cents)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {f.figures.refactionHtCents > 0n && (
          <p className="fr-text--sm">
            Réfactions décidées sur ce bon de commande : {formatEuros(f.figures.refactionHtCents)} HT,
            déduites du montant certifié total.
          </p>
        )}
      </section>

      <section aria-labelledby="consommation" className="fr-mt-4w">
        <h2 id="consommation" className="fr-h4">
          Consommation mois par mois
        </h2>
        <p className="fr-text--sm">
          Par mois de travail : une correction de compte rendu compte dans le mois qu'elle corrige. Seuls les
          comptes rendus validés sont comptés.
        </p>
        <BurnDownChart
          id="commande-consommation"
          title={`le bon de commande ${label}`}
          orderedDays={f.figures.orderedDays}
          points={f.burnDown.points}
        />
        {f.lines.length > 1 &&
          f.lines.map((l) => (
            <details key={l.id} className="fr-mb-2w">
              <summary>
                {l.label} : {formatDays(l.figures.remainingDays)} jours restants sur{" "}
                {formatDays(l.figures.orderedDays)}
              </summary>
              <BurnDownChart
                id={`ligne-${l.position}`}
                title={`la ligne ${l.label}`}
                orderedDays={l.figures.orderedDays}
                points={l.burnDown.points}
              />
            </details>
          ))}
      </section>

      <p className="fr-mt-4w">
        <Link href={`/commandes/${f.id}`} className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
          Retour au bon de commande
        </Link>
      </p>
    </>
  );
}
