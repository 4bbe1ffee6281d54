import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import Link from "next/link";
import { frDays } from "@/components/activity/format";
import { ReportStatusBadge } from "@/components/activity/ReportStatusBadge";
import { formatPeriod } from "@/components/orders/format";
import { OrderStatusBadge } from "@/components/orders/OrderStatusBadge";
import { formatMonthTitle } from "@/lib/activity/calendar";
import { listOrderReports } from "@/lib/activity/queries";
import { requireActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/pages";

export const metadata: Metadata = { title: "Activité du bon de commande" };

export default async function OrderActivityPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/commandes/${id}/activite`);
  const { order, months, lines, canWrite } = await orNotFound(listOrderReports({ actor, orderId: id }));
  const orderLabel = order.number ?? "Bon de commande";
  // Before acknowledgement (or once cancelled) no month is due.
  const due = !["DRAFT", "ISSUED", "CANCELLED"].includes(order.status);

  return (
    <>
      <Breadcrumb
        currentPageLabel="Activité"
        segments={[
          { label: "Commandes", linkProps: { href: "/commandes" } },
          { label: orderLabel, linkProps: { href: `/commandes/${order.id}` } },
        ]}
      />
      <h1>Activité du bon de commande {orderLabel}</h1>
      <p className="fr-mb-2w">
        <OrderStatusBadge status={order.status} />
        <span className="fr-ml-2w">
          {order.productName} – {order.beneficiaryName} / {order.contractorName},{" "}
          {formatPeriod(order.startsOn, order.endsOn)}
        </span>
      </p>
      <p>
        {canWrite
          ? "Chaque mois, déclarez les jours de chaque intervenant et les activités menées, puis soumettez le compte rendu au bénéficiaire."
          : "Les comptes rendus mensuels du titulaire : jours déclarés par intervenant et activités menées."}
      </p>

      <section aria-labelledby="reste-a-faire" className="fr-mt-4w">
        <h2 id="reste-a-faire" className="fr-h4">
          Réalisé et reste à faire
        </h2>
        <div className="fr-table fr-table--bordered">
          <table>
            <caption>Jours commandés, validés et restants par ligne</caption>
            <thead>
              <tr>
                <th scope="col">Ligne</th>
                <th scope="col">Jours commandés</th>
                <th scope="col">Jours validés</th>
                <th scope="col">Reste à faire (jours)</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id}>
                  <th scope="row">{l.label}</th>
                  <td className="fr-cell--right">{frDays(l.orderedDays)}</td>
                  <td className="fr-cell--right">{frDays(l.consumedDays)}</td>
                  <td className="fr-cell--right">{frDays(l.remainingDays)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="mois" className="fr-mt-4w">
        <h2 id="mois" className="fr-h4">
          Comptes rendus par mois
        </h2>
        <div className="fr-table fr-table--bordered">
          <table>
            <caption>Mois de la période du bon de commande ({months.length})</caption>
            <thead>
              <tr>
                <th scope="col">Mois</th>
                <th scope="col">Jours ouvrés</th>
                <th scope="col">Compte rendu</th>
                <th scope="col">Jours facturables déclarés</th>
                <th scope="col">Jours non facturables</th>
                <th scope="col">Jours validés</th>
                <th scope="col">Écritures d'ajustement</th>
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m.month}>
                  <th scope="row">
                    <Link href={`/commandes/${order.id}/activite/${m.month}`}>
                      {formatMonthTitle(m.month)}
                    </Link>
                  </th>
                  <td className="fr-cell--right">{m.workingDays}</td>
                  <td>
                    {m.report ? (
                      <ReportStatusBadge status={m.report.status} />
                    ) : due ? (
                      <ReportStatusBadge status={m.future ? "future" : "missing"} />
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="fr-cell--right">{m.report ? frDays(m.report.billableDays) : "—"}</td>
                  <td className="fr-cell--right">{m.report ? frDays(m.report.nonBillableDays) : "—"}</td>
                  <td className="fr-cell--right">{frDays(m.validatedDays)}</td>
                  <td>
                    {m.adjustments === 0
                      ? "—"
                      : `${m.adjustments}${m.openAdjustment ? " (une en cours)" : ""}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <p className="fr-mt-4w">
        <Link href={`/commandes/${order.id}`} className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
          Retour au bon de commande
        </Link>
      </p>
    </>
  );
}
