import Link from "next/link";
import { formatPeriod } from "@/components/orders/format";
import { OrderStatusBadge } from "@/components/orders/OrderStatusBadge";
import type { FollowUpOrderRow } from "@/lib/follow-up/queries";
import type { Figures } from "@/lib/follow-up/rules";
import { formatEuros } from "@/lib/money";
import { formatDays } from "./format";

function DaysAndEuros({ days, cents }: { days: Figures["orderedDays"]; cents: bigint }) {
  return (
    <>
      {formatDays(days)} j
      <br />
      {formatEuros(cents)}
    </>
  );
}

/** One row per order: what was ordered, validated, certified, invoiced, paid, and what is left. */
export function FollowUpOrderTable({
  caption,
  items,
  totals,
  total,
  showProduct = true,
  showBeneficiary,
  showContractor,
}: {
  caption: string;
  items: FollowUpOrderRow[];
  /** Over every order matching the filters (all pages). */
  totals: Figures;
  total: number;
  showProduct?: boolean;
  showBeneficiary: boolean;
  showContractor: boolean;
}) {
  const labelColumns = 2 + (showProduct ? 1 : 0) + (showBeneficiary ? 1 : 0) + (showContractor ? 1 : 0);
  return (
    <div className="fr-table fr-table--bordered" data-testid="follow-up-orders">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Bon de commande</th>
            {showProduct && <th scope="col">Produit</th>}
            {showBeneficiary && <th scope="col">Bénéficiaire</th>}
            {showContractor && <th scope="col">Titulaire</th>}
            <th scope="col">Statut</th>
            <th scope="col" className="fr-cell--right">
              Commandé
            </th>
            <th scope="col" className="fr-cell--right">
              Validé
            </th>
            <th scope="col" className="fr-cell--right">
              Certifié
            </th>
            <th scope="col" className="fr-cell--right">
              Facturé HT
            </th>
            <th scope="col" className="fr-cell--right">
              Payé HT
            </th>
            <th scope="col" className="fr-cell--right">
              Reste à consommer
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((o) => (
            <tr key={o.id} data-order={o.number ?? o.id}>
              <th scope="row">
                <Link href={`/commandes/${o.id}/suivi`}>
                  {o.number ?? "Bon de commande"}
                  <span className="fr-sr-only"> : suivi</span>
                </Link>
                <span className="fr-hint-text">{formatPeriod(o.startsOn, o.endsOn)}</span>
              </th>
              {showProduct && (
                <td>
                  <Link href={`/produits/${o.productId}`}>{o.productName}</Link>
                </td>
              )}
              {showBeneficiary && <td>{o.beneficiaryName}</td>}
              {showContractor && <td>{o.contractorName}</td>}
              <td>
                <OrderStatusBadge status={o.status} />
              </td>
              <td className="fr-cell--right">
                <DaysAndEuros days={o.figures.orderedDays} cents={o.figures.orderedHtCents} />
              </td>
              <td className="fr-cell--right">
                <DaysAndEuros days={o.figures.validatedDays} cents={o.figures.validatedHtCents} />
              </td>
              <td className="fr-cell--right">
                <DaysAndEuros days={o.figures.certifiedDays} cents={o.figures.certifiedHtCents} />
              </td>
              <td className="fr-cell--right">{formatEuros(o.figures.invoicedHtCents)}</td>
              <td className="fr-cell--right">{formatEuros(o.figures.paidHtCents)}</td>
              <td className="fr-cell--right">
                <DaysAndEuros days={o.figures.remainingDays} cents={o.figures.remainingHtCents} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={labelColumns}>
              Total, toutes pages ({total} bon{total > 1 ? "s" : ""} de commande)
            </th>
            <td className="fr-cell--right">
              <DaysAndEuros days={totals.orderedDays} cents={totals.orderedHtCents} />
            </td>
            <td className="fr-cell--right">
              <DaysAndEuros days={totals.validatedDays} cents={totals.validatedHtCents} />
            </td>
            <td className="fr-cell--right">
              <DaysAndEuros days={totals.certifiedDays} cents={totals.certifiedHtCents} />
            </td>
            <td className="fr-cell--right">{formatEuros(totals.invoicedHtCents)}</td>
            <td className="fr-cell--right">{formatEuros(totals.paidHtCents)}</td>
            <td className="fr-cell--right">
              <DaysAndEuros days={totals.remainingDays} cents={totals.remainingHtCents} />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
