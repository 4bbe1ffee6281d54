import type { Metadata } from "next";
import { FiguresTable } from "@/components/follow-up/FiguresTable";
import { FollowUpFilters } from "@/components/follow-up/FollowUpFilters";
import { FollowUpOrderTable } from "@/components/follow-up/FollowUpOrderTable";
import { PaginationNav } from "@/components/ui/PaginationNav";
import { requireActor } from "@/lib/auth/session";
import { getScopeFollowUp } from "@/lib/follow-up/queries";
import { followUpFiltersSchema } from "@/lib/follow-up/schemas";
import { listOrderFilterOptions } from "@/lib/orders/options";
import { orNotFound, param } from "@/lib/pages";
import { pageFromParams } from "@/lib/pagination";

export const metadata: Metadata = { title: "Suivi" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function FollowUpPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor("/suivi");
  const sp = await searchParams;
  const filters = followUpFiltersSchema.parse({
    status: param(sp.status) || undefined,
    productId: param(sp.productId) || undefined,
    contractorId: param(sp.contractorId) || undefined,
  });
  const [options, data] = await Promise.all([
    orNotFound(listOrderFilterOptions({ actor })),
    orNotFound(getScopeFollowUp({ actor, page: pageFromParams(sp.page), filters })),
  ]);
  const role = actor.membership.role;
  const filtered = Boolean(filters.status || filters.productId || filters.contractorId);

  return (
    <>
      <h1>Suivi</h1>
      <p>
        {role === "DINUM"
          ? "Ce qui a été commandé, réalisé, certifié, facturé et payé sur l'ensemble de l'accord-cadre, et ce qui reste."
          : role === "CONTRACTOR"
            ? `Ce qui a été commandé à votre société (${actor.membership.organisationName}), réalisé, certifié, facturé et payé, et ce qui reste.`
            : `Ce que votre organisation (${actor.membership.organisationName}) a commandé, ce qui a été réalisé, certifié, facturé et payé, et ce qui reste.`}{" "}
        Les jours validés sont ceux des comptes rendus d'activité validés ; les montants sont hors taxes.
      </p>

      <section aria-labelledby="ensemble">
        <h2 id="ensemble" className="fr-h4">
          Vue d'ensemble
        </h2>
        <FiguresTable
          caption="Tous les bons de commande émis, en jours et en euros HT"
          figures={data.scopeTotals}
          testId="scope-follow-up"
        />
      </section>

      <section aria-labelledby="par-commande" className="fr-mt-4w">
        <h2 id="par-commande" className="fr-h4">
          Par bon de commande
        </h2>
        <FollowUpFilters filters={filters} options={options} showContractor={role !== "CONTRACTOR"} />
        {data.orders.total === 0 ? (
          <p>
            {filtered
              ? "Aucun bon de commande ne correspond à vos critères."
              : "Aucun bon de commande émis pour l'instant."}
          </p>
        ) : (
          <FollowUpOrderTable
            caption={`Suivi par bon de commande (${data.orders.total}) – page ${data.orders.page} sur ${data.orders.pageCount}`}
            items={data.orders.items}
            totals={data.totals}
            total={data.orders.total}
            showBeneficiary={role !== "BENEFICIARY"}
            showContractor={role !== "CONTRACTOR"}
          />
        )}
        <PaginationNav
          page={data.orders.page}
          pageCount={data.orders.pageCount}
          basePath="/suivi"
          params={{
            status: filters.status,
            productId: filters.productId,
            contractorId: filters.contractorId,
          }}
        />
      </section>
    </>
  );
}
