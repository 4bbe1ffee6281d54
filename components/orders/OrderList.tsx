import Link from "next/link";
import { formatDateTime } from "@/lib/dates";
import { formatEuros } from "@/lib/money";
import type { OrderListItem } from "@/lib/orders/queries";
import { formatPeriod } from "./format";
import { OrderStatusBadge } from "./OrderStatusBadge";

export function OrderList({
  caption,
  items,
  totals,
  total,
  showBeneficiary,
  showContractor,
}: {
  caption: string;
  items: OrderListItem[];
  /** Sums over every order matching the filters (all pages). */
  totals: { htCents: bigint; ttcCents: bigint };
  total: number;
  showBeneficiary: boolean;
  showContractor: boolean;
}) {
  const labelColumns = 4 + (showBeneficiary ? 1 : 0) + (showContractor ? 1 : 0);
  return (
    <div className="fr-table">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">N°</th>
            <th scope="col">Statut</th>
            <th scope="col">Produit</th>
            {showBeneficiary && <th scope="col">Bénéficiaire</th>}
            {showContractor && <th scope="col">Titulaire</th>}
            <th scope="col">Période</th>
            <th scope="col">Montant HT</th>
            <th scope="col">Montant TTC</th>
          </tr>
        </thead>
        <tbody>
          {items.map((o) => (
            <tr key={o.id}>
              <th scope="row">
                <Link href={`/commandes/${o.id}`}>
                  {o.number ?? `Brouillon du ${formatDateTime(o.createdAt)}`}
                </Link>
                {o.isCorrective && <span className="fr-text--xs fr-mb-0 fr-ml-1v">(modificatif)</span>}
              </th>
              <td>
                <OrderStatusBadge status={o.status} />
              </td>
              <td>{o.productName}</td>
              {showBeneficiary && <td>{o.beneficiaryName}</td>}
              {showContractor && <td>{o.contractorName}</td>}
              <td>{formatPeriod(o.startsOn, o.endsOn)}</td>
              {o.status === "DRAFT" ? (
                // A draft's amounts are computed when it is issued (prices of that day).
                <td colSpan={2}>Calculé à l'émission</td>
              ) : (
                <>
                  <td className="fr-cell--right">{formatEuros(o.totalHtCents)}</td>
                  <td className="fr-cell--right">{formatEuros(o.totalTtcCents)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={labelColumns}>
              Total, toutes pages ({total} bon{total > 1 ? "s" : ""} de commande)
            </th>
            <td className="fr-cell--right">
              <strong>{formatEuros(totals.htCents)}</strong>
            </td>
            <td className="fr-cell--right">
              <strong>{formatEuros(totals.ttcCents)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
