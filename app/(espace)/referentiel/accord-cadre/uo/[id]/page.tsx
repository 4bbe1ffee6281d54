import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import { UoTypeForm } from "@/components/agreement/UoTypeForm";
import { canManageAgreement } from "@/lib/agreement/policies";
import { getUoType } from "@/lib/agreement/queries";
import { UO_FAMILY_LABELS } from "@/lib/agreement/rules";
import { requireActor } from "@/lib/auth/session";
import { orNotFound, refusePage } from "@/lib/pages";

export const metadata: Metadata = { title: "Modifier une unité d'œuvre" };

export default async function UoTypePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/referentiel/accord-cadre/uo/${id}`);
  // Editing is DINUM's; for anyone else this page does not exist.
  if (!canManageAgreement(actor)) await refusePage(actor);
  const uo = await orNotFound(getUoType({ actor, id }));

  return (
    <>
      <Breadcrumb
        currentPageLabel={uo.label}
        segments={[
          { label: "Accord-cadre et unités d'œuvre", linkProps: { href: "/referentiel/accord-cadre" } },
        ]}
      />
      <h1>Modifier l'unité d'œuvre « {uo.label} »</h1>
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8">
          <p>Ces éléments viennent du CCTP et ne se modifient pas ici :</p>
          <ul>
            <li>
              Code : <code>{uo.code}</code>
            </li>
            <li>Famille : {UO_FAMILY_LABELS[uo.family]}</li>
            <li>Jours par unité d'œuvre : {uo.daysPerUnit}</li>
          </ul>
          <UoTypeForm
            values={{
              id: uo.id,
              version: uo.version,
              label: uo.label,
              level: uo.level ?? "",
              description: uo.description,
              deliverables: uo.deliverables.join("\n"),
              active: uo.active,
            }}
          />
        </div>
      </div>
    </>
  );
}
