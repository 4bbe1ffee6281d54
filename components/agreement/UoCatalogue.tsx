import { Badge } from "@codegouvfr/react-dsfr/Badge";
import Link from "next/link";
import type { UoTypeDto } from "@/lib/agreement/queries";
import { UO_FAMILY_LABELS } from "@/lib/agreement/rules";

/** The UO catalogue of the CCTP, one row per UO type; DINUM also gets an edit link. */
export function UoCatalogue({ uoTypes, canEdit }: { uoTypes: UoTypeDto[]; canEdit: boolean }) {
  return (
    <div className="fr-table fr-table--no-scroll">
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table>
              <caption>Catalogue des unités d'œuvre ({uoTypes.length})</caption>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Libellé</th>
                  <th scope="col">Famille</th>
                  <th scope="col">Niveau</th>
                  <th scope="col">Jours par unité</th>
                  <th scope="col">Description et livrables</th>
                  {canEdit && <th scope="col">Action</th>}
                </tr>
              </thead>
              <tbody>
                {uoTypes.map((uo) => (
                  <tr key={uo.id}>
                    <td>
                      <code>{uo.code}</code>
                    </td>
                    <th scope="row">
                      {uo.label}
                      {!uo.active && (
                        <>
                          {" "}
                          <Badge small severity="warning" as="span">
                            Plus proposée
                          </Badge>
                        </>
                      )}
                    </th>
                    <td>{UO_FAMILY_LABELS[uo.family]}</td>
                    <td>{uo.level ?? "Niveau unique"}</td>
                    <td>{uo.daysPerUnit}</td>
                    <td>
                      <p className="fr-text--sm fr-mb-1w">{uo.description}</p>
                      <details>
                        <summary className="fr-text--sm">
                          Livrables attendus ({uo.deliverables.length})
                        </summary>
                        <ul className="fr-text--sm">
                          {uo.deliverables.map((d) => (
                            <li key={d}>{d}</li>
                          ))}
                        </ul>
                      </details>
                    </td>
                    {canEdit && (
                      <td>
                        <Link href={`/referentiel/accord-cadre/uo/${uo.id}`} className="fr-link">
                          Modifier<span className="fr-sr-only"> l'unité d'œuvre {uo.label}</span>
                        </Link>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
