import Link from "next/link";
import type { WorkItem } from "@/lib/activity/queries";
import type { RoleName } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/dates";
import { frDays } from "./format";
import { ReportStatusBadge } from "./ReportStatusBadge";

const ACTION: Record<RoleName, (item: WorkItem) => string> = {
  CONTRACTOR: (i) => (i.kind === "missing" ? "Rédiger" : i.kind === "REJECTED" ? "Corriger" : "Compléter"),
  BENEFICIARY: () => "Examiner",
  DINUM: () => "Consulter",
};

/** One page of the caller's work queue; each row leads to the month's report. */
export function WorkQueueList({
  caption,
  items,
  role,
}: {
  caption: string;
  items: WorkItem[];
  role: RoleName;
}) {
  return (
    <div className="fr-table">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Mois</th>
            <th scope="col">Bon de commande</th>
            <th scope="col">Produit</th>
            {role !== "BENEFICIARY" && <th scope="col">Bénéficiaire</th>}
            {role !== "CONTRACTOR" && <th scope="col">Titulaire</th>}
            <th scope="col">État</th>
            <th scope="col">Jours facturables</th>
            {role === "BENEFICIARY" && <th scope="col">Soumis le</th>}
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.reportId ?? `${i.orderId}-${i.month}`}>
              <th scope="row">{i.monthLabel}</th>
              <td>
                <Link href={`/commandes/${i.orderId}`}>{i.orderNumber ?? "Bon de commande"}</Link>
              </td>
              <td>{i.productName}</td>
              {role !== "BENEFICIARY" && <td>{i.beneficiaryName}</td>}
              {role !== "CONTRACTOR" && <td>{i.contractorName}</td>}
              <td>
                <ReportStatusBadge status={i.kind} />
                {i.isAdjustment && <span className="fr-text--xs fr-ml-1v">(écriture d'ajustement)</span>}
              </td>
              <td className="fr-cell--right">{i.billableDays === null ? "—" : frDays(i.billableDays)}</td>
              {role === "BENEFICIARY" && <td>{i.submittedAt ? formatDateTime(i.submittedAt) : "—"}</td>}
              <td>
                <Link href={`/commandes/${i.orderId}/activite/${i.month}`}>
                  {ACTION[role](i)}
                  <span className="fr-sr-only">
                    {" "}
                    le compte rendu de {i.monthLabel}, {i.orderNumber ?? "bon de commande"}
                  </span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
