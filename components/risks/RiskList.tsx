import Link from "next/link";
import { formatDateTime } from "@/lib/dates";
import type { RiskListItem } from "@/lib/risks/queries";
import { IMPACT_LABELS, LIKELIHOOD_LABELS, RISK_STATUS_LABELS } from "@/lib/risks/rules";
import { SeverityBadge } from "./SeverityBadge";

export function RiskList({
  caption,
  items,
  showProduct = true,
  showBeneficiary,
  showContractor,
}: {
  caption: string;
  items: RiskListItem[];
  showProduct?: boolean;
  showBeneficiary: boolean;
  showContractor: boolean;
}) {
  return (
    <div className="fr-table">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Risque</th>
            <th scope="col">Gravité</th>
            {showProduct && <th scope="col">Produit</th>}
            {showBeneficiary && <th scope="col">Bénéficiaire</th>}
            {showContractor && <th scope="col">Signalé par</th>}
            <th scope="col">Probabilité × impact</th>
            <th scope="col">Statut</th>
            <th scope="col">Mis à jour</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <Link href={`/risques/${r.id}`}>{r.title}</Link>
              </th>
              <td>
                <SeverityBadge severity={r.severity} />
              </td>
              {showProduct && <td>{r.productName}</td>}
              {showBeneficiary && <td>{r.beneficiaryName}</td>}
              {showContractor && <td>{r.contractorName}</td>}
              <td>
                {LIKELIHOOD_LABELS[r.likelihood]} × {IMPACT_LABELS[r.impact].toLowerCase()}
              </td>
              <td>{RISK_STATUS_LABELS[r.status]}</td>
              <td>{formatDateTime(r.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
