import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { Metadata } from "next";
import { DownloadLinks } from "@/components/exports/DownloadLinks";
import { UserList } from "@/components/people/UserList";
import { PaginationNav } from "@/components/ui/PaginationNav";
import { SearchForm } from "@/components/ui/SearchForm";
import { ROLES, type RoleName } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { orNotFound, param } from "@/lib/pages";
import { pageFromParams } from "@/lib/pagination";
import { listUsers } from "@/lib/people/queries";
import { ROLE_SHORT_LABELS } from "@/lib/people/rules";

export const metadata: Metadata = { title: "Personnes" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PeoplePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor("/referentiel/personnes");
  const sp = await searchParams;
  const q = param(sp.q);
  const rawRole = param(sp.role);
  // An unknown role in the URL is ignored rather than refused: it is only a filter.
  const role = (ROLES as readonly string[]).includes(rawRole) ? (rawRole as RoleName) : undefined;
  const organisation = param(sp.organisation) || undefined;
  const result = await orNotFound(listUsers({ actor, page: pageFromParams(sp.page), q, role, organisation }));

  return (
    <>
      <h1>Personnes</h1>
      <p>
        Les personnes qui peuvent se connecter au portail. Une personne n'a accès qu'à travers ses
        habilitations : correspondant d'un bénéficiaire, correspondant d'un titulaire ou agent de la DINUM.
      </p>
      <Button
        linkProps={{ href: "/referentiel/personnes/nouvelle" }}
        iconId="fr-icon-add-line"
        className="fr-mb-3w"
      >
        Ajouter une personne
      </Button>
      <SearchForm
        action="/referentiel/personnes"
        label="Rechercher une personne"
        hint="Nom, prénom ou adresse e-mail."
        q={q}
      >
        <div className="fr-col-12 fr-col-md-4">
          <Select label="Rôle" nativeSelectProps={{ name: "role", defaultValue: role ?? "" }}>
            <option value="">Tous les rôles</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_SHORT_LABELS[r]}
              </option>
            ))}
          </Select>
        </div>
        {organisation && <input type="hidden" name="organisation" value={organisation} />}
      </SearchForm>
      {result.total > 0 && (
        <DownloadLinks
          href="/referentiel/personnes/export"
          what="les personnes et leurs habilitations"
          params={{ q, role, organisation }}
        />
      )}
      {result.total === 0 ? (
        <p>
          {q || role || organisation
            ? "Aucune personne ne correspond à votre recherche."
            : "Aucune personne pour l'instant."}
        </p>
      ) : (
        <UserList
          caption={`Personnes (${result.total}) – page ${result.page} sur ${result.pageCount}`}
          items={result.items}
        />
      )}
      <PaginationNav
        page={result.page}
        pageCount={result.pageCount}
        basePath="/referentiel/personnes"
        params={{ q, role, organisation }}
      />
    </>
  );
}
