import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import { OrganisationForm } from "@/components/organisations/OrganisationForm";
import { requireActor } from "@/lib/auth/session";
import { canManageOrganisations } from "@/lib/organisations/policies";
import { refusePage } from "@/lib/pages";

export const metadata: Metadata = { title: "Ajouter un titulaire" };

export default async function NewContractorPage() {
  const actor = await requireActor("/referentiel/titulaires/nouveau");
  if (!canManageOrganisations(actor)) await refusePage(actor);
  return (
    <>
      <Breadcrumb
        currentPageLabel="Ajouter un titulaire"
        segments={[{ label: "Titulaires", linkProps: { href: "/referentiel/titulaires" } }]}
      />
      <h1>Ajouter un titulaire</h1>
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8">
          <p className="fr-hint-text">Tous les champs sont obligatoires, sauf mention contraire.</p>
          <OrganisationForm kind="contractor" />
        </div>
      </div>
    </>
  );
}
