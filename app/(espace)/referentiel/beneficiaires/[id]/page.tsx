import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import { CorrespondentList } from "@/components/organisations/CorrespondentList";
import { OrganisationForm } from "@/components/organisations/OrganisationForm";
import { ActiveToggleForm } from "@/components/ui/ActiveToggleForm";
import { requireActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/dates";
import { setBeneficiaryActiveAction } from "@/lib/organisations/actions";
import { canDeactivateBeneficiary } from "@/lib/organisations/policies";
import { getBeneficiary } from "@/lib/organisations/queries";
import { orNotFound } from "@/lib/pages";
import { formatSiret } from "@/lib/siret";

export const metadata: Metadata = { title: "Bénéficiaire" };

export default async function BeneficiaryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/referentiel/beneficiaires/${id}`);
  const b = await orNotFound(getBeneficiary({ actor, id }));

  return (
    <>
      <Breadcrumb
        currentPageLabel={b.name}
        segments={[{ label: "Bénéficiaires", linkProps: { href: "/referentiel/beneficiaires" } }]}
      />
      <h1>
        {b.name}{" "}
        {b.isDinum && (
          <Badge severity="info" as="span">
            Service centralisateur
          </Badge>
        )}{" "}
        {!b.active && (
          <Badge severity="warning" as="span">
            Désactivé
          </Badge>
        )}
      </h1>
      <p>
        SIRET {formatSiret(b.siret)} · dernière modification le {formatDateTime(b.updatedAt)}
      </p>

      <div className="fr-grid-row fr-grid-row--gutters">
        <section className="fr-col-12 fr-col-md-8" aria-labelledby="modifier">
          <h2 id="modifier">Modifier le bénéficiaire</h2>
          <OrganisationForm
            kind="beneficiary"
            values={{
              id: b.id,
              version: b.version,
              name: b.name,
              acronym: b.acronym ?? "",
              siret: b.siret,
              postalAddress: b.postalAddress,
              chorusServiceCode: b.chorusServiceCode,
              billingAddress: b.billingAddress,
            }}
          />
        </section>
        <section className="fr-col-12 fr-col-md-4" aria-labelledby="acces">
          <h2 id="acces">{b.active ? "Désactiver" : "Réactiver"}</h2>
          {canDeactivateBeneficiary(b) || !b.active ? (
            <ActiveToggleForm
              action={setBeneficiaryActiveAction}
              id={b.id}
              version={b.version}
              active={b.active}
              activateLabel="Réactiver le bénéficiaire"
              deactivateLabel="Désactiver le bénéficiaire"
              explanation={
                b.active
                  ? "Ses correspondants n'auront plus accès au portail. Son historique est conservé."
                  : "Ses correspondants dont l'habilitation est active retrouveront leur accès."
              }
            />
          ) : (
            <p>La DINUM ne peut pas être désactivée : tous ses agents perdraient leur accès au portail.</p>
          )}
        </section>
      </div>

      <section aria-labelledby="correspondants" className="fr-mt-6w">
        <h2 id="correspondants">Correspondants</h2>
        <CorrespondentList correspondents={b.correspondents} />
      </section>
    </>
  );
}
