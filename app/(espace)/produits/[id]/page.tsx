import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import { ProductFollowUp } from "@/components/follow-up/ProductFollowUp";
import { ProductReporting } from "@/components/impact/ProductReporting";
import { StatsLink } from "@/components/impact/StatsLink";
import { PhaseBadge } from "@/components/products/PhaseBadge";
import { ProductForm } from "@/components/products/ProductForm";
import { StartPhaseForm } from "@/components/products/StartPhaseForm";
import { requireActor } from "@/lib/auth/session";
import { formatDate } from "@/lib/dates";
import { getProductFollowUp } from "@/lib/follow-up/queries";
import { orNotFound } from "@/lib/pages";
import { canManageProduct } from "@/lib/products/policies";
import { getProduct } from "@/lib/products/queries";
import {
  addDaysIso,
  allowedKinds,
  PHASE_DURATION_HINTS,
  PHASE_LABELS,
  PRODUCT_KIND_LABELS,
  usualEndOf,
} from "@/lib/products/rules";

export const metadata: Metadata = { title: "Produit" };

export default async function ProductPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/produits/${id}`);
  const p = await orNotFound(getProduct({ actor, id }));
  const followUp = await orNotFound(getProductFollowUp({ actor, id: p.id }));
  const manage = canManageProduct(actor, { beneficiaryId: p.owner.id });
  const current = p.currentPhase;
  const latest = p.phases[0];
  const usualEnd = current ? usualEndOf(current.phase, current.startsOn) : null;

  return (
    <>
      <Breadcrumb
        currentPageLabel={p.name}
        segments={[{ label: "Produits", linkProps: { href: "/produits" } }]}
      />
      <h1>{p.name}</h1>
      <ul className="fr-badges-group fr-mb-2w">
        <li>
          <Badge as="span" small noIcon>
            {PRODUCT_KIND_LABELS[p.kind]}
          </Badge>
        </li>
        <li>
          <PhaseBadge phase={current?.phase ?? null} />
        </li>
      </ul>

      <section aria-labelledby="fiche">
        <h2 id="fiche" className="fr-h4">
          Fiche du produit
        </h2>
        <dl>
          <dt className="fr-text--bold fr-mb-0">Bénéficiaire</dt>
          <dd className="fr-ml-0 fr-mb-2w">{p.owner.name}</dd>
          <dt className="fr-text--bold fr-mb-0">Incubateur</dt>
          <dd className="fr-ml-0 fr-mb-2w">{p.incubator ?? "Non renseigné"}</dd>
          <dt className="fr-text--bold fr-mb-0">Fiche beta.gouv.fr</dt>
          <dd className="fr-ml-0 fr-mb-2w">
            {p.betaGouvId ? (
              <a href={`https://beta.gouv.fr/startups/${p.betaGouvId}.html`} rel="noopener">
                Fiche de {p.name} sur beta.gouv.fr ({p.betaGouvId})
              </a>
            ) : (
              "Non renseignée"
            )}
          </dd>
          <dt className="fr-text--bold fr-mb-0">Statistiques d'impact</dt>
          <dd className="fr-ml-0 fr-mb-2w">
            <StatsLink url={p.statsUrl} productName={p.name} />
          </dd>
        </dl>
        {p.description && <p className="fr-text--lg">{p.description}</p>}
      </section>

      <section aria-labelledby="phase" className="fr-mt-4w">
        <h2 id="phase" className="fr-h4">
          Phase en cours
        </h2>
        {current ? (
          <>
            <p>
              {PHASE_LABELS[current.phase]} depuis le {formatDate(current.startsOn)}
              {current.endsOn ? `, jusqu'au ${formatDate(current.endsOn)}` : ""}.
              {PHASE_DURATION_HINTS[current.phase] ? ` ${PHASE_DURATION_HINTS[current.phase]}` : ""}
            </p>
            {p.currentPhaseLongerThanUsual && usualEnd && (
              <Alert
                severity="info"
                small
                className="fr-mb-2w"
                description={`Cette phase dure plus longtemps que prévu par le CCTP (durée habituelle dépassée depuis le ${formatDate(usualEnd)}).`}
              />
            )}
          </>
        ) : (
          <p>Aucune phase en cours aujourd'hui.</p>
        )}
        {p.committee && (
          <Alert
            severity={p.committee.passed ? "warning" : "info"}
            small
            description={
              p.committee.passed
                ? `Un comité d'investissement était attendu au plus tard le ${formatDate(p.committee.dueOn)}, six mois après le début de la phase en cours. S'il a eu lieu, enregistrez sa décision en démarrant la phase suivante.`
                : `Prochain comité d'investissement attendu au plus tard le ${formatDate(p.committee.dueOn)} (tous les six mois, il décide de poursuivre ou d'arrêter le produit).`
            }
          />
        )}
      </section>

      <section aria-labelledby="historique" className="fr-mt-4w">
        <h2 id="historique" className="fr-h4">
          Historique des phases
        </h2>
        {p.phases.length === 0 ? (
          <p>Aucune phase enregistrée pour ce produit.</p>
        ) : (
          <div className="fr-table">
            <table>
              <caption>Phases de {p.name}, de la plus récente à la plus ancienne</caption>
              <thead>
                <tr>
                  <th scope="col">Phase</th>
                  <th scope="col">Début</th>
                  <th scope="col">Fin</th>
                  <th scope="col">Commentaire</th>
                </tr>
              </thead>
              <tbody>
                {p.phases.map((ph) => (
                  <tr key={ph.id}>
                    <th scope="row">{PHASE_LABELS[ph.phase]}</th>
                    <td>{formatDate(ph.startsOn)}</td>
                    <td>{ph.endsOn ? formatDate(ph.endsOn) : "En cours"}</td>
                    <td>{ph.comment || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <ProductFollowUp
        data={followUp}
        showBeneficiary={false}
        showContractor={actor.membership.role !== "CONTRACTOR"}
      />
      <ProductReporting actor={actor} productId={p.id} />

      {manage && (
        <div className="fr-grid-row fr-grid-row--gutters fr-mt-4w">
          <section className="fr-col-12 fr-col-md-6" aria-labelledby="nouvelle-phase">
            <h2 id="nouvelle-phase" className="fr-h4">
              Démarrer une nouvelle phase
            </h2>
            <StartPhaseForm
              productId={p.id}
              minStartsOn={latest ? addDaysIso(latest.startsOn, 1) : undefined}
              currentLabel={latest && !latest.endsOn ? PHASE_LABELS[latest.phase] : undefined}
            />
          </section>
          <section className="fr-col-12 fr-col-md-6" aria-labelledby="modifier">
            <h2 id="modifier" className="fr-h4">
              Modifier le produit
            </h2>
            <ProductForm
              kinds={allowedKinds(p.owner.isDinum)}
              values={{
                id: p.id,
                version: p.version,
                name: p.name,
                kind: p.kind,
                incubator: p.incubator ?? "",
                betaGouvId: p.betaGouvId ?? "",
                statsUrl: p.statsUrl ?? "",
                description: p.description,
              }}
            />
          </section>
        </div>
      )}
    </>
  );
}
