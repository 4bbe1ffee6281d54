import type { Metadata } from "next";
import { AgreementForm } from "@/components/agreement/AgreementForm";
import { UoCatalogue } from "@/components/agreement/UoCatalogue";
import { canManageAgreement } from "@/lib/agreement/policies";
import { getAgreement } from "@/lib/agreement/queries";
import { bpToPercentInput } from "@/lib/agreement/rules";
import { requireActor } from "@/lib/auth/session";
import { dateToIso, formatDate } from "@/lib/dates";
import { centsToInput, formatEuros, formatRate } from "@/lib/money";
import { orNotFound } from "@/lib/pages";

export const metadata: Metadata = { title: "Accord-cadre et unités d'œuvre" };

export default async function AgreementPage() {
  const actor = await requireActor("/referentiel/accord-cadre");
  const agreement = await orNotFound(getAgreement({ actor }));
  const canEdit = canManageAgreement(actor);

  return (
    <>
      <h1>Accord-cadre et unités d'œuvre</h1>
      <p className="fr-text--lead">{agreement.title}</p>

      <section aria-labelledby="caracteristiques" className="fr-mb-6w">
        <h2 id="caracteristiques">Caractéristiques</h2>
        <dl>
          <dt className="fr-text--bold">Référence</dt>
          <dd className="fr-mb-2w">{agreement.reference}</dd>
          <dt className="fr-text--bold">Période</dt>
          <dd className="fr-mb-2w">
            Du {formatDate(agreement.startsOn)} au {formatDate(agreement.endsOn)}
          </dd>
          <dt className="fr-text--bold">Montant maximum hors taxes</dt>
          <dd className="fr-mb-2w">{formatEuros(agreement.maxAmountHtCents)}</dd>
          <dt className="fr-text--bold">Taux de TVA</dt>
          <dd className="fr-mb-2w">{formatRate(agreement.vatRateBp)}</dd>
          <dt className="fr-text--bold">Unité d'œuvre</dt>
          <dd className="fr-mb-2w">
            Une unité d'œuvre correspond à une personne à temps plein pendant un mois, soit 20 jours
            travaillés. Elle peut être commandée par fraction, au jour près.
          </dd>
        </dl>
      </section>

      {canEdit && (
        <section className="fr-mb-6w">
          <AgreementForm
            values={{
              id: agreement.id,
              version: agreement.version,
              title: agreement.title,
              startsOn: dateToIso(agreement.startsOn),
              endsOn: dateToIso(agreement.endsOn),
              maxAmountHt: centsToInput(Number(agreement.maxAmountHtCents)),
              vatRate: bpToPercentInput(agreement.vatRateBp),
            }}
          />
        </section>
      )}

      <section aria-labelledby="catalogue">
        <h2 id="catalogue">Unités d'œuvre</h2>
        <p>
          Les unités d'œuvre et leurs livrables sont ceux du cahier des clauses techniques particulières
          (CCTP).
        </p>
        <UoCatalogue uoTypes={agreement.uoTypes} canEdit={canEdit} />
      </section>
    </>
  );
}
