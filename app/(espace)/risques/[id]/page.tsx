import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { RiskForm } from "@/components/risks/RiskForm";
import { SeverityBadge } from "@/components/risks/SeverityBadge";
import { auditActionLabel } from "@/lib/audit/rules";
import { requireActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/dates";
import { orNotFound, param } from "@/lib/pages";
import { getRisk } from "@/lib/risks/queries";
import { IMPACT_LABELS, LIKELIHOOD_LABELS, RISK_STATUS_LABELS } from "@/lib/risks/rules";

export const metadata: Metadata = { title: "Risque" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="fr-text--bold fr-mb-0">{label}</dt>
      <dd className="fr-ml-0 fr-mb-2w">{children}</dd>
    </>
  );
}

const pre = { whiteSpace: "pre-wrap" } as const;

export default async function RiskPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const { id } = await params;
  const actor = await requireActor(`/risques/${id}`);
  const r = await orNotFound(getRisk({ actor, id }));
  const sp = await searchParams;
  const saved = param(sp.enregistre) === "1";
  const updated = param(sp.modifie);

  return (
    <>
      <Breadcrumb
        currentPageLabel={r.title}
        segments={[{ label: "Risques", linkProps: { href: "/risques" } }]}
      />
      <h1>{r.title}</h1>
      <p className="fr-mb-2w">
        <SeverityBadge severity={r.severity} />
        <span className="fr-ml-2w">{RISK_STATUS_LABELS[r.status]}</span>
      </p>
      {saved && (
        <Alert
          severity="success"
          small
          className="fr-mb-3w"
          description="Le risque a été enregistré. Le bénéficiaire du produit en est prévenu par courriel."
        />
      )}

      {(updated === "1" || updated === "clos") && (
        <Alert
          severity="success"
          small
          className="fr-mb-3w"
          description={
            updated === "clos"
              ? "Le risque est enregistré comme clos."
              : "Les modifications du risque ont été enregistrées."
          }
        />
      )}

      <section aria-labelledby="fiche">
        <h2 id="fiche" className="fr-h4">
          Le risque
        </h2>
        <dl>
          <Fact label="Produit">
            <Link href={`/produits/${r.product.id}`}>{r.product.name}</Link> ({r.product.beneficiaryName})
          </Fact>
          <Fact label="Signalé par">{r.contractorName}</Fact>
          <Fact label="Probabilité">{LIKELIHOOD_LABELS[r.likelihood]}</Fact>
          <Fact label="Impact">{IMPACT_LABELS[r.impact]}</Fact>
          <Fact label="Description">
            <span style={pre}>{r.description || "Non renseignée"}</span>
          </Fact>
          <Fact label="Mesures prévues">
            <span style={pre}>{r.mitigation || "Non renseignées"}</span>
          </Fact>
          <Fact label="Responsable">{r.owner || "Non renseigné"}</Fact>
          <Fact label="Dernière mise à jour">{formatDateTime(r.updatedAt)}</Fact>
        </dl>
      </section>

      {r.can.edit && (
        <section aria-labelledby="modifier" className="fr-mt-4w">
          <h2 id="modifier" className="fr-h4">
            Mettre à jour le risque
          </h2>
          <div className="fr-grid-row">
            <div className="fr-col-12 fr-col-md-8">
              <RiskForm
                values={{
                  id: r.id,
                  version: r.version,
                  title: r.title,
                  description: r.description,
                  likelihood: r.likelihood,
                  impact: r.impact,
                  mitigation: r.mitigation,
                  owner: r.owner,
                  status: r.status,
                }}
              />
            </div>
          </div>
        </section>
      )}

      <section aria-labelledby="historique" className="fr-mt-4w">
        <h2 id="historique" className="fr-h4">
          Historique
        </h2>
        <ol>
          {r.timeline.map((e) => (
            <li key={e.id}>
              {formatDateTime(e.occurredAt)} : {auditActionLabel(e.action)}
              {e.actorOrgName ? ` (${e.actorOrgName})` : ""}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
