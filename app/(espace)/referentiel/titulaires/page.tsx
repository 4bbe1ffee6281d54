import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Metadata } from "next";
import { DownloadLinks } from "@/components/exports/DownloadLinks";
import { OrganisationList } from "@/components/organisations/OrganisationList";
import { PaginationNav } from "@/components/ui/PaginationNav";
import { SearchForm } from "@/components/ui/SearchForm";
import { requireActor } from "@/lib/auth/session";
import { listContractors } from "@/lib/organisations/queries";
import { orNotFound, param } from "@/lib/pages";
import { pageFromParams } from "@/lib/pagination";

export const metadata: Metadata = { title: "Titulaires" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ContractorsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor("/referentiel/titulaires");
  const sp = await searchParams;
  const q = param(sp.q);
  const result = await orNotFound(listContractors({ actor, page: pageFromParams(sp.page), q }));

  return (
    <>
      <h1>Titulaires</h1>
      <p>Les entreprises titulaires de l'accord-cadre, qui reçoivent les bons de commande.</p>
      <Button
        linkProps={{ href: "/referentiel/titulaires/nouveau" }}
        iconId="fr-icon-add-line"
        className="fr-mb-3w"
      >
        Ajouter un titulaire
      </Button>
      <SearchForm
        action="/referentiel/titulaires"
        label="Rechercher un titulaire"
        hint="Nom, sigle ou SIRET."
        q={q}
      />
      {result.total > 0 && (
        <DownloadLinks href="/referentiel/titulaires/export" what="les titulaires" params={{ q }} />
      )}
      {result.total === 0 ? (
        <p>{q ? "Aucun titulaire ne correspond à votre recherche." : "Aucun titulaire pour l'instant."}</p>
      ) : (
        <OrganisationList
          caption={`Titulaires (${result.total}) – page ${result.page} sur ${result.pageCount}`}
          basePath="/referentiel/titulaires"
          items={result.items}
        />
      )}
      <PaginationNav
        page={result.page}
        pageCount={result.pageCount}
        basePath="/referentiel/titulaires"
        params={{ q }}
      />
    </>
  );
}
