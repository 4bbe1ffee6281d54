import Link from "next/link";
import type { ProductListItem } from "@/lib/products/queries";
import { PRODUCT_KIND_LABELS } from "@/lib/products/rules";
import { PhaseBadge } from "./PhaseBadge";

export function ProductList({ caption, items }: { caption: string; items: ProductListItem[] }) {
  return (
    <div className="fr-table">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Produit</th>
            <th scope="col">Bénéficiaire</th>
            <th scope="col">Type</th>
            <th scope="col">Phase en cours</th>
            <th scope="col">Incubateur</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link href={`/produits/${p.id}`}>{p.name}</Link>
              </th>
              <td>{p.owner.name}</td>
              <td>{PRODUCT_KIND_LABELS[p.kind]}</td>
              <td>
                <PhaseBadge phase={p.currentPhase?.phase ?? null} />
              </td>
              <td>{p.incubator ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
