import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Metadata } from "next";
import { RiskFilters } from "@/components/risks/RiskFilters";
import { RiskList } from "@/components/risks/RiskList";
import { PaginationNav } from "@/components/ui/PaginationNav";
import { requireActor } from "@/lib/auth/session";
import { orNotFound, param } from "@/lib/pages";
import { pageFromParams } from "@/lib/pagination";
import { canRecordRisks } from "@/lib/risks/policies";
import { listRiskFilterProducts, listRisks } from "@/lib/risks/queries";
import { riskFiltersSchema } from "@/lib/risks/schemas";

export const metadata: Metadata = { title: "Risques" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function RisksPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor("/risques");
  const sp = await searchParams;
  const filters = riskFiltersSchema.parse({
    status: param(sp.status) || undefined,
    productId: param(sp.productId) || undefined,
    band: param(sp.band) || undefined,
    sort: param(sp.sort) || undefined,
    dir: param(sp.dir) || undefined,
  });
  const [products, result] = await Promise.all([
    orNotFound(listRiskFilterProducts({ actor })),
    orNotFound(listRisks({ actor, page: pageFromParams(sp.page), filters })),
  ]);
  const role = actor.membership.role;
  const filtered = filters.status !== "OPEN" || Boolean(filters.productId || filters.band);

  return (
    <>
      <h1>Risques</h1>
      <p>
        {role === "DINUM"
          ? "Les principaux risques de tous les produits, signalés par les titulaires, les plus graves d'abord."
          : role === "CONTRACTOR"
            ? `Les risques que votre société (${actor.membership.organisationName}) a signalés sur les produits pour lesquels elle travaille. Tenez-les à jour : le bénéficiaire est prévenu quand un risque est signalé, devient plus grave ou est clos.`
            : `Les risques signalés par les titulaires sur les produits de votre organisation (${actor.membership.organisationName}).`}
      </p>
      <p className="fr-text--sm">
        Gravité = probabilité × impact, chacun noté de 1 à 4 : de 1 (faible) à 16 (critique).
      </p>
      {canRecordRisks(actor) && (
        <Button linkProps={{ href: "/risques/nouveau" }} iconId="fr-icon-add-line" className="fr-mb-3w">
          Signaler un risque
        </Button>
      )}
      <RiskFilters filters={filters} products={products} />
      {result.total === 0 ? (
        <p>
          {filtered ? "Aucun risque ne correspond à vos critères." : "Aucun risque ouvert pour l'instant."}
        </p>
      ) : (
        <RiskList
          caption={`Risques (${result.total}) – page ${result.page} sur ${result.pageCount}`}
          items={result.items}
          showBeneficiary={role !== "BENEFICIARY"}
          showContractor={role !== "CONTRACTOR"}
        />
      )}
      <PaginationNav
        page={result.page}
        pageCount={result.pageCount}
        basePath="/risques"
        params={{
          status: filters.status,
          productId: filters.productId,
          band: filters.band,
          sort: filters.sort,
          dir: filters.dir,
        }}
      />
    </>
  );
}
