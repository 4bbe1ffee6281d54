import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Metadata } from "next";
import Link from "next/link";
import { DownloadLinks } from "@/components/exports/DownloadLinks";
import { OrderFilters } from "@/components/orders/OrderFilters";
import { OrderList } from "@/components/orders/OrderList";
import { PaginationNav } from "@/components/ui/PaginationNav";
import { can } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { listOrderFilterOptions, type OrderFilterOptions } from "@/lib/orders/options";
import { listOrders } from "@/lib/orders/queries";
import { type OrderFilters as Filters, orderFiltersSchema } from "@/lib/orders/schemas";
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
    beneficiaryId: param(sp.beneficiaryId) || undefined,
    uoTypeId: param(sp.uoTypeId) || undefined,
    figure: param(sp.figure) || undefined,
    figureFrom: param(sp.figureFrom) || undefined,
    figureTo: param(sp.figureTo) || undefined,
    sort: param(sp.sort) || undefined,
    dir: param(sp.dir) || undefined,
  });
  const role = actor.membership.role;
  // The filter options and the page are independent reads: both at once.
  const listing = orNotFound(listOrders({ actor, page: pageFromParams(sp.page), filters })).then(
    (result) => ({ result, filterError: null }),
    (e: unknown) => {
      if (!isAppError(e) || e.code !== "VALIDATION") throw e;
      return { result: null, filterError: e.message };
    },
  );
  const [options, { result, filterError }] = await Promise.all([
    orNotFound(listOrderFilterOptions({ actor })),
    listing,
  ]);
  const drillDown = drillDownText(filters, options);
  const filtered = Boolean(
    filters.q ||
      filters.status ||
      filters.productId ||
      filters.contractorId ||
      filters.from ||
      filters.to ||
      drillDown,
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
            figure: filters.figure,
            figureFrom: filters.figureFrom,
            figureTo: filters.figureTo,
            beneficiaryId: filters.beneficiaryId,
            uoTypeId: filters.uoTypeId,
          }}
        />
      )}
      {drillDown && (
        <p className="fr-mb-3w">
          {drillDown} <Link href="/commandes">Voir toutes les commandes</Link>
        </p>
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
            beneficiaryId: filters.beneficiaryId,
            uoTypeId: filters.uoTypeId,
            figure: filters.figure,
            figureFrom: filters.figureFrom,
            figureTo: filters.figureTo,
            sort: filters.sort,
            dir: filters.dir,
          }}
        />
      )}
    </>
  );
}

const FIGURE_TEXTS: Record<NonNullable<Filters["figure"]>, string> = {
  committed: "engagées",
  consumed: "ayant des jours consommés validés",
  certified: "ayant un service fait certifié",
  invoiced: "ayant une facture reçue",
  paid: "ayant une facture payée",
};

/** What the filters carried by a drill-down from /pilotage select, in words (null: none). */
function drillDownText(filters: Filters, options: OrderFilterOptions): string | null {
  if (!filters.figure && !filters.beneficiaryId && !filters.uoTypeId) return null;
  const parts: string[] = [];
  if (filters.figure) {
    const d = (iso: string) => iso.split("-").reverse().join("/");
    const period =
      filters.figureFrom && filters.figureTo
        ? ` entre le ${d(filters.figureFrom)} et le ${d(filters.figureTo)}`
        : filters.figureFrom
          ? ` à partir du ${d(filters.figureFrom)}`
          : filters.figureTo
            ? ` jusqu'au ${d(filters.figureTo)}`
            : "";
    parts.push(`commandes ${FIGURE_TEXTS[filters.figure]}${period}`);
  }
  if (filters.beneficiaryId) {
    const b = options.beneficiaries.find((x) => x.id === filters.beneficiaryId);
    parts.push(`bénéficiaire : ${b?.name ?? "inconnu"}`);
  }
  if (filters.uoTypeId) {
    const u = options.uoTypes.find((x) => x.id === filters.uoTypeId);
    parts.push(`unité d'œuvre : ${u?.label ?? "inconnue"}`);
  }
  return `Détail d'un montant du pilotage – ${parts.join(", ")}.`;
}
