import { Badge } from "@codegouvfr/react-dsfr/Badge";
import Link from "next/link";
import type { UserRowDto } from "@/lib/people/queries";
import { ROLE_SHORT_LABELS } from "@/lib/people/rules";

export function UserList({ caption, items }: { caption: string; items: UserRowDto[] }) {
  return (
    <div className="fr-table">
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">Personne</th>
                  <th scope="col">Adresse e-mail</th>
                  <th scope="col">Habilitations actives</th>
                  <th scope="col">Compte</th>
                </tr>
              </thead>
              <tbody>
                {items.map((u) => {
                  const active = u.memberships.filter((m) => m.active);
                  return (
                    <tr key={u.id}>
                      <th scope="row">
                        <Link href={`/referentiel/personnes/${u.id}`}>{u.displayName}</Link>
                      </th>
                      <td>{u.email}</td>
                      <td>
                        {active.length === 0 ? (
                          "Aucune"
                        ) : (
                          <ul className="fr-raw-list">
                            {active.map((m) => (
                              <li key={m.id}>
                                {ROLE_SHORT_LABELS[m.role]} – {m.organisationName}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td>
                        {u.active ? (
                          <Badge small severity="success" as="span">
                            Actif
                          </Badge>
                        ) : (
                          <Badge small as="span">
                            Désactivé
                          </Badge>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
