import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Metadata } from "next";
import { DownloadLinks } from "@/components/exports/DownloadLinks";
import { OrganisationList } from "@/components/organisations/OrganisationList";
import { PaginationNav } from "@/components/ui/PaginationNav";
import { SearchForm } from "@/components/ui/SearchForm";
import { requireActor } from "@/lib/auth/session";
import { listBeneficiaries } from "@/lib/organisations/queries";
import { orNotFound, param } from "@/lib/pages";
import { pageFromParams } from "@/lib/pagination";

export const metadata: Metadata = { title: "Bénéficiaires" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function BeneficiariesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor("/referentiel/beneficiaires");
  const sp = await searchParams;
  const q = param(sp.q);
  const result = await orNotFound(listBeneficiaries({ actor, page: pageFromParams(sp.page), q }));

  return (
    <>
      <h1>Bénéficiaires</h1>
      <p>Les ministères et organismes publics qui peuvent passer commande au titre de l'accord-cadre.</p>
      <Button
        linkProps={{ href: "/referentiel/beneficiaires/nouveau" }}
        iconId="fr-icon-add-line"
        className="fr-mb-3w"
      >
        Ajouter un bénéficiaire
      </Button>
      <SearchForm
        action="/referentiel/beneficiaires"
        label="Rechercher un bénéficiaire"
        hint="Nom, sigle ou SIRET."
        q={q}
      />
      {result.total > 0 && (
        <DownloadLinks href="/referentiel/beneficiaires/export" what="les bénéficiaires" params={{ q }} />
      )}
      {result.total === 0 ? (
        <p>
          {q ? "Aucun bénéficiaire ne correspond à votre recherche." : "Aucun bénéficiaire pour l'instant."}
        </p>
      ) : (
        <OrganisationList
          caption={`Bénéficiaires (${result.total}) – page ${result.page} sur ${result.pageCount}`}
          basePath="/referentiel/beneficiaires"
          items={result.items}
        />
      )}
      <PaginationNav
        page={result.page}
        pageCount={result.pageCount}
        basePath="/referentiel/beneficiaires"
        params={{ q }}
      />
    </>
  );
}
