import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import { UserForm } from "@/components/people/UserForm";
import { requireActor } from "@/lib/auth/session";
import { refusePage } from "@/lib/pages";
import { canManagePeople } from "@/lib/people/policies";

export const metadata: Metadata = { title: "Ajouter une personne" };

export default async function NewUserPage() {
  const actor = await requireActor("/referentiel/personnes/nouvelle");
  if (!canManagePeople(actor)) await refusePage(actor);
  return (
    <>
      <Breadcrumb
        currentPageLabel="Ajouter une personne"
        segments={[{ label: "Personnes", linkProps: { href: "/referentiel/personnes" } }]}
      />
      <h1>Ajouter une personne</h1>
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8">
          <p>
            Une fois la personne ajoutée, donnez-lui une habilitation depuis sa fiche : sans habilitation,
            elle ne peut pas utiliser le portail.
          </p>
          <p className="fr-hint-text">Tous les champs sont obligatoires.</p>
          <UserForm />
        </div>
      </div>
    </>
  );
}
