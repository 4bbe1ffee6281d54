import { Badge } from "@codegouvfr/react-dsfr/Badge";
import Link from "next/link";
import type { StafferListItem } from "@/lib/staffing/queries";
import { STAFFER_STATUS_LABELS } from "@/lib/staffing/rules";

export function StafferList({
  caption,
  items,
  showContractor,
}: {
  caption: string;
  items: StafferListItem[];
  showContractor: boolean;
}) {
  return (
    <div className="fr-table">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Intervenant</th>
            {showContractor && <th scope="col">Titulaire</th>}
            <th scope="col">Profil</th>
            <th scope="col">Statut</th>
            <th scope="col">Adresse e-mail</th>
            <th scope="col">Affectations en cours ou à venir</th>
            <th scope="col">Activité</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <Link href={`/intervenants/${s.id}`}>{s.fullName}</Link>
                {s.betaUsername && <span className="fr-text--xs fr-mb-0 fr-ml-1v">({s.betaUsername})</span>}
              </th>
              {showContractor && <td>{s.contractorName}</td>}
              <td>{s.profile}</td>
              <td>
                {STAFFER_STATUS_LABELS[s.status]}
                {s.subcontractorName ? ` – ${s.subcontractorName}` : ""}
              </td>
              <td>{s.email}</td>
              <td className="fr-cell--right">{s.currentAssignments}</td>
              <td>
                {s.active ? (
                  <Badge as="span" small severity="success" noIcon>
                    Actif
                  </Badge>
                ) : (
                  <Badge as="span" small noIcon>
                    Désactivé
                  </Badge>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
