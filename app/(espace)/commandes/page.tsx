import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Metadata } from "next";
import { DownloadLinks } from "@/components/exports/DownloadLinks";
import { OrderFilters } from "@/components/orders/OrderFilters";
import { OrderList } from "@/components/orders/OrderList";
import { PaginationNav } from "@/components/ui/PaginationNav";
import { can } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { listOrderFilterOptions } from "@/lib/orders/options";
import { listOrders } from "@/lib/orders/queries";
import { orderFiltersSchema } from "@/lib/orders/schemas";
import { orNotFound, param } from "@/lib/pages";
import { pageFromParams } from "@/lib/pagination";

export const metadata: Metadata = { title: "Commandes" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function OrdersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor("/commandes");
  const sp = await searchParams;
  const filters = orderFiltersSchema.parse({
    q: param(sp.q),
    status: param(sp.status) || undefined,
    productId: param(sp.productId) || undefined,
    contractorId: param(sp.contractorId) || undefined,
    from: param(sp.from) || undefined,
    to: param(sp.to) || undefined,
    sort: param(sp.sort) || undefined,
    dir: param(sp.dir) || undefined,
  });
  const role = actor.membership.role;
  const options = await orNotFound(listOrderFilterOptions({ actor }));
  let result: Awaited<ReturnType<typeof listOrders>> | null = null;
  let filterError: string | null = null;
  try {
    result = await orNotFound(listOrders({ actor, page: pageFromParams(sp.page), filters }));
  } catch (e) {
    if (!isAppError(e) || e.code !== "VALIDATION") throw e;
    filterError = e.message;
  }
  const filtered = Boolean(
    filters.q || filters.status || filters.productId || filters.contractorId || filters.from || filters.to,
  );

  return (
    <>
      <h1>Commandes</h1>
      <p>
        {role === "DINUM"
          ? "Tous les bons de commande passés sur l'accord-cadre, par tous les bénéficiaires."
          : role === "CONTRACTOR"
            ? `Les bons de commande adressés à votre société (${actor.membership.organisationName}).`
            : `Les bons de commande de votre organisation (${actor.membership.organisationName}), brouillons compris.`}
      </p>
      {can(actor, "order:manageOwn") && (
        <Button linkProps={{ href: "/commandes/nouvelle" }} iconId="fr-icon-add-line" className="fr-mb-3w">
          Nouvelle commande
        </Button>
      )}
      <OrderFilters filters={filters} options={options} showContractor={role !== "CONTRACTOR"} />
      {result && result.total > 0 && (
        <DownloadLinks
          href="/commandes/export"
          what="les bons de commande"
          params={{
            q: filters.q ?? undefined,
            status: filters.status,
            productId: filters.productId,
            contractorId: filters.contractorId,
            from: filters.from,
            to: filters.to,
            sort: filters.sort,
            dir: filters.dir,
          }}
        />
      )}
      {filterError ? (
        <Alert severity="error" small description={filterError} className="fr-mb-3w" />
      ) : result && result.total === 0 ? (
        <p>
          {filtered
            ? "Aucun bon de commande ne correspond à vos critères."
            : "Aucun bon de commande pour l'instant."}
        </p>
      ) : (
        result && (
          <OrderList
            caption={`Bons de commande (${result.total}) – page ${result.page} sur ${result.pageCount}`}
            items={result.items}
            totals={result.totals}
            total={result.total}
            showBeneficiary={role !== "BENEFICIARY"}
            showContractor={role !== "CONTRACTOR"}
          />
        )
      )}
      {result && (
        <PaginationNav
          page={result.page}
          pageCount={result.pageCount}
          basePath="/commandes"
          params={{
            q: filters.q ?? undefined,
            status: filters.status,
            productId: filters.productId,
            contractorId: filters.contractorId,
            from: filters.from,
            to: filters.to,
            sort: filters.sort,
            dir: filters.dir,
          }}
        />
      )}
    </>
  );
}
