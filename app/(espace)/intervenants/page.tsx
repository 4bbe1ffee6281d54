import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Metadata } from "next";
import { StafferFilters } from "@/components/staffing/StafferFilters";
import { StafferList } from "@/components/staffing/StafferList";
import { PaginationNav } from "@/components/ui/PaginationNav";
import { can } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";
import { orNotFound, param } from "@/lib/pages";
import { pageFromParams } from "@/lib/pagination";
import { canCreateStaffers } from "@/lib/staffing/policies";
import { getStafferOptions, listStaffers } from "@/lib/staffing/queries";
import { stafferFiltersSchema } from "@/lib/staffing/schemas";

export const metadata: Metadata = { title: "Intervenants" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function StaffersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor("/intervenants");
  const sp = await searchParams;
  const filters = stafferFiltersSchema.parse({
    q: param(sp.q),
    uoTypeId: param(sp.uoTypeId),
    contractorId: param(sp.contractorId),
    status: param(sp.status),
    active: param(sp.active),
  });
  const [result, options] = await Promise.all([
    orNotFound(listStaffers({ actor, page: pageFromParams(sp.page), filters })),
    orNotFound(getStafferOptions({ actor })),
  ]);
  const all = can(actor, "staffing:readAll");
  const filtered = Boolean(filters.q || filters.uoTypeId || filters.contractorId || filters.status);

  return (
    <>
      <h1>Intervenants</h1>
      <p>
        {all
          ? "Les personnes que les titulaires mobilisent sur les bons de commande de l'accord-cadre."
          : `Les personnes que ${actor.membership.organisationName} mobilise sur les bons de commande : vous les affectez ensuite aux lignes des commandes, depuis la page « Équipe » de chaque commande.`}
      </p>
      {canCreateStaffers(actor) && (
        <Button
          linkProps={{ href: "/intervenants/nouveau" }}
          iconId="fr-icon-user-add-line"
          className="fr-mb-3w"
        >
          Ajouter un intervenant
        </Button>
      )}
      <StafferFilters filters={filters} profiles={options.profiles} contractors={options.contractors} />
      {result.total === 0 ? (
        <p>
          {filtered || filters.active !== "actifs"
            ? "Aucun intervenant ne correspond à votre recherche."
            : "Aucun intervenant pour l'instant."}
        </p>
      ) : (
        <StafferList
          caption={`Intervenants (${result.total}) – page ${result.page} sur ${result.pageCount}`}
          items={result.items}
          showContractor={all}
        />
      )}
      <PaginationNav
        page={result.page}
        pageCount={result.pageCount}
        basePath="/intervenants"
        params={{
          q: filters.q,
          uoTypeId: filters.uoTypeId,
          contractorId: filters.contractorId,
          status: filters.status,
          active: filters.active,
        }}
      />
    </>
  );
}
