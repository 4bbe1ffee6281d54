import Link from "next/link";
import { formatDate } from "@/lib/dates";
import { formatEuros } from "@/lib/money";
import type { PricesInForce } from "@/lib/price-schedules/queries";

/** One row per UO type, one column per contractor: the unit prices HT in force, side by side. */
export function PricesInForceTable({ table }: { table: PricesInForce }) {
  if (table.contractors.length === 0) return <p>Aucun titulaire actif pour l'instant.</p>;
  return (
    <div className="fr-table fr-table--bordered">
      <table>
        <caption>
          Prix unitaires HT en vigueur le {formatDate(table.date)}, par unité d'œuvre et par titulaire
        </caption>
        <thead>
          <tr>
            <th scope="col">Unité d'œuvre</th>
            {table.contractors.map((c) => (
              <th scope="col" key={c.id}>
                {c.name}
                <br />
                <span className="fr-text--xs fr-text--regular">
                  {c.version ? (
                    <Link href={`/tarifs/versions/${c.version.id}`}>
                      version {c.version.number}
                      <span className="fr-sr-only"> du bordereau de {c.name}</span>, depuis le{" "}
                      {formatDate(c.version.effectiveOn)}
                    </Link>
                  ) : (
                    "pas de bordereau en vigueur"
                  )}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.uoTypes.map((u) => (
            <tr key={u.id}>
              <th scope="row">{u.label}</th>
              {table.contractors.map((c) => {
                const cents = c.prices[u.id];
                return <td key={c.id}>{cents === undefined ? "—" : formatEuros(cents)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
