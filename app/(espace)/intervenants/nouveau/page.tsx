import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StafferForm } from "@/components/staffing/StafferForm";
import { requireActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/pages";
import { canCreateStaffers } from "@/lib/staffing/policies";
import { getStafferOptions } from "@/lib/staffing/queries";

export const metadata: Metadata = { title: "Ajouter un intervenant" };

export default async function NewStafferPage() {
  const actor = await requireActor("/intervenants/nouveau");
  if (!canCreateStaffers(actor)) notFound();
  const { profiles } = await orNotFound(getStafferOptions({ actor }));

  return (
    <>
      <Breadcrumb
        currentPageLabel="Ajouter un intervenant"
        segments={[{ label: "Intervenants", linkProps: { href: "/intervenants" } }]}
      />
      <h1>Ajouter un intervenant</h1>
      <p>
        La personne sera rattachée à votre société : {actor.membership.organisationName}. Tous les champs sont
        obligatoires sauf mention contraire.
      </p>
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8">
          <StafferForm profiles={profiles} />
        </div>
      </div>
    </>
  );
}
