import { Badge } from "@codegouvfr/react-dsfr/Badge";
import Link from "next/link";
import type { CorrespondentDto } from "@/lib/organisations/queries";
import { ROLE_SHORT_LABELS } from "@/lib/people/rules";

/** The people representing an organisation, with a link to manage each one. */
export function CorrespondentList({ correspondents }: { correspondents: CorrespondentDto[] }) {
  if (correspondents.length === 0) {
    return (
      <p>Aucun correspondant pour l'instant. Ajoutez une habilitation depuis la fiche d'une personne.</p>
    );
  }
  return (
    <div className="fr-table">
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table>
              <caption>Correspondants ({correspondents.length})</caption>
              <thead>
                <tr>
                  <th scope="col">Personne</th>
                  <th scope="col">Adresse e-mail</th>
                  <th scope="col">Rôle</th>
                  <th scope="col">Accès</th>
                </tr>
              </thead>
              <tbody>
                {correspondents.map((c) => (
                  <tr key={c.membershipId}>
                    <th scope="row">
                      <Link href={`/referentiel/personnes/${c.userId}`}>{c.displayName}</Link>
                    </th>
                    <td>{c.email}</td>
                    <td>{ROLE_SHORT_LABELS[c.role]}</td>
                    <td>
                      {c.active && c.userActive ? (
                        <Badge small severity="success" as="span">
                          Actif
                        </Badge>
                      ) : (
                        <Badge small as="span">
                          {c.userActive ? "Habilitation retirée" : "Compte désactivé"}
                        </Badge>
                      )}
                    </td>
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
