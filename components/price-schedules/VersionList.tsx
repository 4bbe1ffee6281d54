import Link from "next/link";
import { formatDate, formatDateTime } from "@/lib/dates";
import type { VersionListItem } from "@/lib/price-schedules/queries";
import { StatusBadge } from "./StatusBadge";

export function VersionList({
  caption,
  items,
  showContractor = true,
}: {
  caption: string;
  items: VersionListItem[];
  showContractor?: boolean;
}) {
  return (
    <div className="fr-table">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            {showContractor && <th scope="col">Titulaire</th>}
            <th scope="col">Date d'effet</th>
            <th scope="col">Statut</th>
            <th scope="col">Proposée le</th>
            <th scope="col">Décidée le</th>
          </tr>
        </thead>
        <tbody>
          {items.map((v) => (
            <tr key={v.id}>
              <th scope="row">
                <Link href={`/tarifs/versions/${v.id}`}>
                  Version {v.number}
                  <span className="fr-sr-only"> du bordereau de {v.contractor.name}</span>
                </Link>
              </th>
              {showContractor && <td>{v.contractor.name}</td>}
              <td>{formatDate(v.effectiveOn)}</td>
              <td>
                <StatusBadge status={v.status} />
              </td>
              <td>{formatDateTime(v.proposedAt)}</td>
              <td>{v.decidedAt ? formatDateTime(v.decidedAt) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
