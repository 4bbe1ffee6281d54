import { Badge } from "@codegouvfr/react-dsfr/Badge";
import Link from "next/link";
import { ActiveToggleForm } from "@/components/ui/ActiveToggleForm";
import { formatDate } from "@/lib/dates";
import { setMembershipActiveAction } from "@/lib/people/actions";
import type { MembershipDto } from "@/lib/people/queries";
import { ROLE_SHORT_LABELS } from "@/lib/people/rules";

/** A person's memberships, each with its remove/restore button. */
export function MembershipList({
  memberships,
  isSelf,
}: {
  memberships: MembershipDto[];
  /** The person is the one looking: their own DINUM membership cannot be removed. */
  isSelf: boolean;
}) {
  if (memberships.length === 0) {
    return <p>Cette personne n'a aucune habilitation : elle ne peut pas encore utiliser le portail.</p>;
  }
  return (
    <div className="fr-table">
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table>
              <caption>Habilitations ({memberships.length})</caption>
              <thead>
                <tr>
                  <th scope="col">Rôle</th>
                  <th scope="col">Organisation</th>
                  <th scope="col">Depuis le</th>
                  <th scope="col">État</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {memberships.map((m) => {
                  const orgHref =
                    m.organisationKind === "contractor"
                      ? `/referentiel/titulaires/${m.organisationId}`
                      : `/referentiel/beneficiaires/${m.organisationId}`;
                  const what = `${ROLE_SHORT_LABELS[m.role].toLowerCase()} pour ${m.organisationName}`;
                  return (
                    <tr key={m.id}>
                      <th scope="row">{ROLE_SHORT_LABELS[m.role]}</th>
                      <td>
                        <Link href={orgHref}>{m.organisationName}</Link>
                        {!m.organisationActive && " (organisation désactivée)"}
                      </td>
                      <td>{formatDate(m.createdAt)}</td>
                      <td>
                        {m.active ? (
                          <Badge small severity="success" as="span">
                            Active
                          </Badge>
                        ) : (
                          <Badge small as="span">
                            Retirée
                          </Badge>
                        )}
                      </td>
                      <td>
                        {isSelf && m.role === "DINUM" && m.active ? (
                          <span className="fr-text--sm">
                            Vous ne pouvez pas retirer votre propre habilitation DINUM.
                          </span>
                        ) : (
                          <ActiveToggleForm
                            action={setMembershipActiveAction}
                            id={m.id}
                            version={m.version}
                            active={m.active}
                            activateLabel={`Réactiver l'habilitation ${what}`}
                            deactivateLabel={`Retirer l'habilitation ${what}`}
                          />
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
