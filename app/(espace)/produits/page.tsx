import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Metadata } from "next";
import { DownloadLinks } from "@/components/exports/DownloadLinks";
import { ProductFilters } from "@/components/products/ProductFilters";
import { ProductList } from "@/components/products/ProductList";
import { PaginationNav } from "@/components/ui/PaginationNav";
import { can } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";
import { orNotFound, param } from "@/lib/pages";
import { pageFromParams } from "@/lib/pagination";
import { canCreateProducts } from "@/lib/products/policies";
import { listProducts } from "@/lib/products/queries";
import { productFiltersSchema } from "@/lib/products/schemas";

export const metadata: Metadata = { title: "Produits" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ProductsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor("/produits");
  const sp = await searchParams;
  const filters = productFiltersSchema.parse({
    q: param(sp.q),
    phase: param(sp.phase),
    kind: param(sp.kind),
  });
  const result = await orNotFound(listProducts({ actor, page: pageFromParams(sp.page), ...filters }));
  const filtered = Boolean(filters.q || filters.phase || filters.kind);

  return (
    <>
      <h1>Produits</h1>
      <p>
        {can(actor, "product:readAll")
          ? "Les Startups d'État et les produits de la DINUM pour lesquels des unités d'œuvre sont commandées."
          : `Les produits de votre organisation (${actor.membership.organisationName}) pour lesquels vous commandez des unités d'œuvre.`}
      </p>
      {canCreateProducts(actor) && (
        <Button linkProps={{ href: "/produits/nouveau" }} iconId="fr-icon-add-line" className="fr-mb-3w">
          Ajouter un produit
        </Button>
      )}
      <ProductFilters q={filters.q ?? ""} phase={filters.phase} kind={filters.kind} />
      {result.total > 0 && (
        <DownloadLinks
          href="/produits/export"
          what="les produits"
          params={{ q: filters.q, phase: filters.phase, kind: filters.kind }}
        />
      )}
      {result.total === 0 ? (
        <p>{filtered ? "Aucun produit ne correspond à votre recherche." : "Aucun produit pour l'instant."}</p>
      ) : (
        <ProductList
          caption={`Produits (${result.total}) – page ${result.page} sur ${result.pageCount}`}
          items={result.items}
        />
      )}
      <PaginationNav
        page={result.page}
        pageCount={result.pageCount}
        basePath="/produits"
        params={{ q: filters.q, phase: filters.phase, kind: filters.kind }}
      />
    </>
  );
}
