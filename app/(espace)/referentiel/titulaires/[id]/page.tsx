import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import { CorrespondentList } from "@/components/organisations/CorrespondentList";
import { OrganisationForm } from "@/components/organisations/OrganisationForm";
import { ActiveToggleForm } from "@/components/ui/ActiveToggleForm";
import { requireActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/dates";
import { setContractorActiveAction } from "@/lib/organisations/actions";
import { getContractor } from "@/lib/organisations/queries";
import { orNotFound } from "@/lib/pages";
import { formatSiret } from "@/lib/siret";

export const metadata: Metadata = { title: "Titulaire" };

export default async function ContractorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/referentiel/titulaires/${id}`);
  const c = await orNotFound(getContractor({ actor, id }));

  return (
    <>
      <Breadcrumb
        currentPageLabel={c.name}
        segments={[{ label: "Titulaires", linkProps: { href: "/referentiel/titulaires" } }]}
      />
      <h1>
        {c.name}{" "}
        {!c.active && (
          <Badge severity="warning" as="span">
            Désactivé
          </Badge>
        )}
      </h1>
      <p>
        SIRET {formatSiret(c.siret)} · dernière modification le {formatDateTime(c.updatedAt)}
      </p>

      <div className="fr-grid-row fr-grid-row--gutters">
        <section className="fr-col-12 fr-col-md-8" aria-labelledby="modifier">
          <h2 id="modifier">Modifier le titulaire</h2>
          <OrganisationForm
            kind="contractor"
            values={{
              id: c.id,
              version: c.version,
              name: c.name,
              acronym: c.acronym ?? "",
              siret: c.siret,
              postalAddress: c.postalAddress,
            }}
          />
        </section>
        <section className="fr-col-12 fr-col-md-4" aria-labelledby="acces">
          <h2 id="acces">{c.active ? "Désactiver" : "Réactiver"}</h2>
          <ActiveToggleForm
            action={setContractorActiveAction}
            id={c.id}
            version={c.version}
            active={c.active}
            activateLabel="Réactiver le titulaire"
            deactivateLabel="Désactiver le titulaire"
            explanation={
              c.active
                ? "Ses correspondants n'auront plus accès au portail. Son historique est conservé."
                : "Ses correspondants dont l'habilitation est active retrouveront leur accès."
            }
          />
        </section>
      </div>

      <section aria-labelledby="correspondants" className="fr-mt-6w">
        <h2 id="correspondants">Correspondants</h2>
        <CorrespondentList correspondents={c.correspondents} />
      </section>
    </>
  );
}
