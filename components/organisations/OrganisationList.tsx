import { Badge } from "@codegouvfr/react-dsfr/Badge";
import Link from "next/link";
import type { OrganisationRowDto } from "@/lib/organisations/queries";
import { formatSiret } from "@/lib/siret";

/** The table of a list page of contractors or beneficiaries. */
export function OrganisationList({
  caption,
  basePath,
  items,
}: {
  caption: string;
  basePath: string;
  items: Array<OrganisationRowDto & { isDinum?: boolean }>;
}) {
  return (
    <div className="fr-table">
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">Sigle</th>
                  <th scope="col">SIRET</th>
                  <th scope="col">État</th>
                </tr>
              </thead>
              <tbody>
                {items.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">
                      <Link href={`${basePath}/${o.id}`}>{o.name}</Link>
                      {o.isDinum && (
                        <>
                          {" "}
                          <Badge small severity="info" as="span">
                            Service centralisateur
                          </Badge>
                        </>
                      )}
                    </th>
                    <td>{o.acronym ?? "—"}</td>
                    <td>{formatSiret(o.siret)}</td>
                    <td>
                      {o.active ? (
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
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
