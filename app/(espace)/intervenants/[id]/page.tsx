import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { formatPeriod } from "@/components/orders/format";
import { OrderStatusBadge } from "@/components/orders/OrderStatusBadge";
import { StafferForm } from "@/components/staffing/StafferForm";
import { ActiveToggleForm } from "@/components/ui/ActiveToggleForm";
import { can } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";
import { orNotFound, param } from "@/lib/pages";
import { setStafferActiveAction } from "@/lib/staffing/actions";
import { getStaffer, getStafferOptions } from "@/lib/staffing/queries";
import { formatDays, STAFFER_STATUS_LABELS } from "@/lib/staffing/rules";

export const metadata: Metadata = { title: "Intervenant" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="fr-text--bold fr-mb-0">{label}</dt>
      <dd className="fr-ml-0 fr-mb-2w">{children}</dd>
    </>
  );
}

export default async function StafferPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const { id } = await params;
  const actor = await requireActor(`/intervenants/${id}`);
  const s = await orNotFound(getStaffer({ actor, id }));
  const sp = await searchParams;
  const added = param(sp.ajoute) === "1" && s.can.manage;
  const profiles = s.can.manage ? (await orNotFound(getStafferOptions({ actor }))).profiles : [];
  // A staffer's list is for its company and DINUM; a beneficiary arrives from an order's team.
  const listed = can(actor, "staffing:readAll") || s.can.manage;

  return (
    <>
      <Breadcrumb
        currentPageLabel={s.fullName}
        segments={listed ? [{ label: "Intervenants", linkProps: { href: "/intervenants" } }] : []}
      />
      <h1>{s.fullName}</h1>
      <ul className="fr-badges-group fr-mb-2w">
        <li>
          {s.active ? (
            <Badge as="span" small severity="success" noIcon>
              Actif
            </Badge>
          ) : (
            <Badge as="span" small noIcon>
              Désactivé
            </Badge>
          )}
        </li>
        <li>
          <Badge as="span" small noIcon>
            {s.profile}
          </Badge>
        </li>
      </ul>
      {added && (
        <Alert
          severity="success"
          small
          className="fr-mb-3w"
          description="L'intervenant a été ajouté. Vous pouvez maintenant l'affecter aux lignes de vos commandes, depuis la page « Équipe » de chaque commande."
        />
      )}

      <section aria-labelledby="fiche">
        <h2 id="fiche" className="fr-h4">
          Fiche de l'intervenant
        </h2>
        <dl>
          <Fact label="Titulaire">{s.contractorName}</Fact>
          <Fact label="Profil">{s.profile}</Fact>
          <Fact label="Statut">
            {STAFFER_STATUS_LABELS[s.status]}
            {s.subcontractorName ? ` – ${s.subcontractorName}` : ""}
          </Fact>
          <Fact label="Adresse e-mail">{s.email}</Fact>
          <Fact label="Identifiant beta.gouv.fr">{s.betaUsername ?? "Non renseigné"}</Fact>
        </dl>
      </section>

      <section aria-labelledby="affectations" className="fr-mt-4w">
        <h2 id="affectations" className="fr-h4">
          Affectations
        </h2>
        {s.assignments.length === 0 ? (
          <p>Cette personne n'est affectée à aucune commande.</p>
        ) : (
          <div className="fr-table">
            <table>
              <caption>Affectations de {s.fullName}, de la plus récente à la plus ancienne</caption>
              <thead>
                <tr>
                  <th scope="col">Bon de commande</th>
                  <th scope="col">Produit</th>
                  <th scope="col">Unité d'œuvre</th>
                  <th scope="col">Période</th>
                  <th scope="col">Remplacement</th>
                </tr>
              </thead>
              <tbody>
                {s.assignments.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link href={`/commandes/${a.orderId}/equipe`}>
                        {a.orderNumber ?? "Bon de commande"}
                      </Link>{" "}
                      <OrderStatusBadge status={a.orderStatus} />
                    </th>
                    <td>{a.productName}</td>
                    <td>{a.lineLabel}</td>
                    <td>{formatPeriod(a.startsOn, a.endsOn)}</td>
                    <td>
                      {a.replaces &&
                        `Remplace ${a.replaces}${a.rampUpDays !== "0" ? ` (montée en compétence : ${formatDays(a.rampUpDays)}, non facturée)` : ""}`}
                      {a.replaces && a.replacedBy && <br />}
                      {a.replacedBy && `Remplacé par ${a.replacedBy}`}
                      {!a.replaces && !a.replacedBy && "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {s.can.manage && (
        <div className="fr-grid-row fr-grid-row--gutters fr-mt-4w">
          <section className="fr-col-12 fr-col-md-8" aria-labelledby="modifier">
            <h2 id="modifier" className="fr-h4">
              Modifier l'intervenant
            </h2>
            <StafferForm
              profiles={profiles}
              values={{
                id: s.id,
                version: s.version,
                fullName: s.fullName,
                email: s.email,
                uoTypeId: s.uoTypeId,
                status: s.status,
                subcontractorName: s.subcontractorName ?? "",
                betaUsername: s.betaUsername ?? "",
              }}
            />
          </section>
          <section className="fr-col-12 fr-col-md-4" aria-labelledby="activite">
            <h2 id="activite" className="fr-h4">
              {s.active ? "Désactiver" : "Réactiver"}
            </h2>
            <ActiveToggleForm
              action={setStafferActiveAction}
              id={s.id}
              version={s.version}
              active={s.active}
              activateLabel={`Réactiver ${s.fullName}`}
              deactivateLabel={`Désactiver ${s.fullName}`}
              explanation={
                s.active
                  ? s.currentAssignments > 0
                    ? `${s.fullName} a ${s.currentAssignments} affectation(s) en cours ou à venir : mettez-y fin ou remplacez cette personne avant de la désactiver.`
                    : "Une personne désactivée ne peut plus être affectée ; son historique est conservé."
                  : "Réactivée, la personne peut de nouveau être affectée."
              }
            />
          </section>
        </div>
      )}
    </>
  );
}
