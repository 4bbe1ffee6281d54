import type { AuditEventDto } from "@/lib/audit/queries";
import { auditActionLabel, auditEntityLabel, formatAuditJson } from "@/lib/audit/rules";
import { ROLE_LABELS } from "@/lib/auth/actor";
import { formatDateTime } from "@/lib/dates";

export function AuditEventList({ caption, events }: { caption: string; events: AuditEventDto[] }) {
  return (
    <div className="fr-table fr-table--no-scroll">
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Action</th>
                  <th scope="col">Par</th>
                  <th scope="col">Élément</th>
                  <th scope="col">Détail</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => {
                  const before = formatAuditJson(e.before);
                  const after = formatAuditJson(e.after);
                  return (
                    <tr key={e.id}>
                      <td>{formatDateTime(e.occurredAt)}</td>
                      <th scope="row">
                        {auditActionLabel(e.action)}
                        <br />
                        <code className="fr-text--xs">{e.action}</code>
                      </th>
                      <td>
                        {e.actorEmail ?? "Système (installation)"}
                        {e.actorRole && (
                          <>
                            <br />
                            <span className="fr-text--xs">
                              {ROLE_LABELS[e.actorRole]}
                              {e.actorOrgName ? ` – ${e.actorOrgName}` : ""}
                            </span>
                          </>
                        )}
                      </td>
                      <td>
                        {auditEntityLabel(e.entityType)}
                        <br />
                        <code className="fr-text--xs">{e.entityId}</code>
                      </td>
                      <td>
                        <details>
                          <summary>
                            Voir le détail
                            <span className="fr-sr-only">
                              {" "}
                              de l'événement du {formatDateTime(e.occurredAt)}
                            </span>
                          </summary>
                          <p className="fr-text--sm fr-text--bold fr-mt-1w fr-mb-0">Avant</p>
                          {before ? (
                            <pre className="fr-text--xs">{before}</pre>
                          ) : (
                            <p className="fr-text--xs">—</p>
                          )}
                          <p className="fr-text--sm fr-text--bold fr-mt-1w fr-mb-0">Après</p>
                          {after ? (
                            <pre className="fr-text--xs">{after}</pre>
                          ) : (
                            <p className="fr-text--xs">—</p>
                          )}
                          {e.requestId && (
                            <p className="fr-text--xs">Référence de la requête : {e.requestId}</p>
                          )}
                        </details>
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
