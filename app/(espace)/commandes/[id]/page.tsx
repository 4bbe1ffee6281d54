import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { CorrectiveOrderForm } from "@/components/orders/CorrectiveOrderForm";
import { frDecimal } from "@/components/orders/format";
import { OrderActions } from "@/components/orders/OrderActions";
import { OrderStatusBadge } from "@/components/orders/OrderStatusBadge";
import { auditActionLabel } from "@/lib/audit/rules";
import { requireActor } from "@/lib/auth/session";
import { formatDate, formatDateTime } from "@/lib/dates";
import { formatEuros, formatRate } from "@/lib/money";
import { getOrder } from "@/lib/orders/queries";
import { ORDER_STATUS_LABELS } from "@/lib/orders/rules";
import { orNotFound, param } from "@/lib/pages";

export const metadata: Metadata = { title: "Bon de commande" };

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

export default async function OrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const { id } = await params;
  const actor = await requireActor(`/commandes/${id}`);
  const o = await orNotFound(getOrder({ actor, id }));
  const sp = await searchParams;
  const kind = o.corrects ? "bon de commande modificatif" : "bon de commande";
  const title = o.number
    ? `${o.corrects ? "Bon de commande modificatif" : "Bon de commande"} n° ${o.number}`
    : `Brouillon de ${kind}`;
  const saved = param(sp.enregistre) === "1" && o.status === "DRAFT";

  return (
    <>
      <Breadcrumb
        currentPageLabel={o.number ?? "Brouillon"}
        segments={[{ label: "Commandes", linkProps: { href: "/commandes" } }]}
      />
      <h1>{title}</h1>
      <p className="fr-mb-2w">
        <OrderStatusBadge status={o.status} />
        <span className="fr-ml-2w">{o.product.name}</span>
      </p>
      {saved && (
        <Alert
          severity="success"
          small
          className="fr-mb-3w"
          description="Le brouillon du bon de commande a été enregistré. Relisez-le, puis émettez-le en le signant."
        />
      )}
      {o.status === "CANCELLED" && (
        <Alert
          severity="warning"
          small
          className="fr-mb-3w"
          description={`Ce bon de commande a été annulé${o.cancelledAt ? ` le ${formatDateTime(o.cancelledAt)}` : ""}. Motif : ${o.cancellationReason ?? "non précisé"}.`}
        />
      )}
      {o.pricesMissing && (
        <Alert
          severity="warning"
          small
          className="fr-mb-3w"
          description="Le titulaire n'a pas de prix validé en vigueur aujourd'hui pour certaines lignes : ce brouillon ne pourra pas être émis en l'état."
        />
      )}

      <div className="fr-btns-group fr-btns-group--inline-md fr-mb-3w">
        {o.can.edit && (
          <Button
            linkProps={{ href: `/commandes/${o.id}/modifier` }}
            priority="secondary"
            iconId="fr-icon-edit-line"
          >
            Modifier le brouillon
          </Button>
        )}
        {o.can.downloadPdf && !o.isCorrective && (
          <Button
            linkProps={{ href: `/commandes/${o.id}/suivi` }}
            priority="secondary"
            iconId="fr-icon-line-chart-line"
          >
            Suivi
          </Button>
        )}
        {!o.isCorrective && !["DRAFT", "ISSUED", "CANCELLED"].includes(o.status) && (
          <Button
            linkProps={{ href: `/commandes/${o.id}/activite` }}
            priority="secondary"
            iconId="fr-icon-calendar-line"
          >
            Activité
          </Button>
        )}
        {o.can.downloadPdf && (
          <a
            className="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-download-line"
            href={`/commandes/${o.id}/pdf`}
            download
          >
            Télécharger le PDF
          </a>
        )}
        {!o.isCorrective && o.status !== "DRAFT" && o.status !== "CANCELLED" && (
          <Button
            linkProps={{ href: `/commandes/${o.id}/equipe` }}
            priority="secondary"
            iconId="fr-icon-team-line"
          >
            Équipe
          </Button>
        )}
        {!o.isCorrective && ["ACKNOWLEDGED", "IN_PROGRESS", "COMPLETED", "CLOSED"].includes(o.status) && (
          <Button
            linkProps={{ href: `/commandes/${o.id}/service-fait` }}
            priority="secondary"
            iconId="fr-icon-checkbox-circle-line"
          >
            Service fait
          </Button>
        )}
      </div>

      <section aria-labelledby="fiche">
        <h2 id="fiche" className="fr-h4">
          Informations
        </h2>
        <div className="fr-grid-row fr-grid-row--gutters">
          <dl className="fr-col-12 fr-col-md-6">
            <Fact label="Numéro">{o.number ?? "Brouillon (le numéro est attribué à l'émission)"}</Fact>
            <Fact label="Statut">{ORDER_STATUS_LABELS[o.status]}</Fact>
            <Fact label="Accord-cadre">
              {o.agreement.reference} – {o.agreement.title}
            </Fact>
            <Fact label="Produit">{o.product.name}</Fact>
            <Fact label="Bénéficiaire">{o.beneficiary.name}</Fact>
            <Fact label="Titulaire">{o.contractor.name}</Fact>
            <Fact label="Période prévue">
              du {formatDate(o.startsOn)} au {formatDate(o.endsOn)}
            </Fact>
          </dl>
          <dl className="fr-col-12 fr-col-md-6">
            <Fact label="Adresse de facturation">
              <span style={pre}>{o.billingAddress}</span>
            </Fact>
            <Fact label="Code service Chorus Pro">{o.chorusServiceCode}</Fact>
            <Fact label="Engagement juridique (EJ)">{o.legalCommitmentNumber ?? "Saisi à l'émission"}</Fact>
            <Fact label="Signataire">
              {o.signatoryName
                ? `${o.signatoryName}${o.orderDate ? `, le ${formatDate(o.orderDate)}` : ""}`
                : "Pas encore signé"}
            </Fact>
            {o.acknowledgedAt && (
              <Fact label="Accusé de réception du titulaire">{formatDateTime(o.acknowledgedAt)}</Fact>
            )}
            {o.corrects && (
              <Fact label="Bon de commande corrigé">
                <Link href={`/commandes/${o.corrects.id}`}>
                  {o.corrects.number ?? "Bon de commande d'origine"}
                </Link>
              </Fact>
            )}
            {o.corrections.length > 0 && (
              <Fact label="Bons de commande modificatifs">
                <ul className="fr-mb-0">
                  {o.corrections.map((c) => (
                    <li key={c.id}>
                      <Link href={`/commandes/${c.id}`}>{c.number ?? "Brouillon de modificatif"}</Link> (
                      {ORDER_STATUS_LABELS[c.status]})
                    </li>
                  ))}
                </ul>
              </Fact>
            )}
          </dl>
        </div>
      </section>

      <section aria-labelledby="lignes" className="fr-mt-4w">
        <h2 id="lignes" className="fr-h4">
          Lignes
        </h2>
        {o.status === "DRAFT" && (
          <p className="fr-text--sm">
            Prix du bordereau validé en vigueur aujourd'hui, donnés à titre indicatif : ils seront figés le
            jour de l'émission.
          </p>
        )}
        <div className="fr-table fr-table--bordered">
          <table>
            <caption>
              {o.isCorrective
                ? "Changements de quantité apportés par ce modificatif (quantités et montants signés)"
                : "Lignes du bon de commande et montants"}
            </caption>
            <thead>
              <tr>
                <th scope="col">Unité d'œuvre</th>
                <th scope="col">Quantité (UO)</th>
                <th scope="col">Jours</th>
                <th scope="col">Prix unitaire HT</th>
                <th scope="col">Montant HT</th>
                {o.hasCorrections && <th scope="col">Quantité corrigée (UO)</th>}
                {o.hasCorrections && <th scope="col">Montant corrigé HT</th>}
                <th scope="col">Livrables attendus</th>
              </tr>
            </thead>
            <tbody>
              {o.lines.map((l) => (
                <tr key={l.id}>
                  <th scope="row">{l.label}</th>
                  <td className="fr-cell--right">{frDecimal(l.quantity)}</td>
                  <td className="fr-cell--right">{frDecimal(l.days)}</td>
                  <td className="fr-cell--right">
                    {l.unitPriceHtCents === null ? "Pas de prix en vigueur" : formatEuros(l.unitPriceHtCents)}
                  </td>
                  <td className="fr-cell--right">
                    {l.amountHtCents === null ? "—" : formatEuros(l.amountHtCents)}
                  </td>
                  {o.hasCorrections && (
                    <td className="fr-cell--right">
                      {frDecimal(l.correctedQuantity)} ({frDecimal(l.correctedDays)} j)
                    </td>
                  )}
                  {o.hasCorrections && (
                    <td className="fr-cell--right">
                      {l.correctedAmountHtCents === null ? "—" : formatEuros(l.correctedAmountHtCents)}
                    </td>
                  )}
                  <td style={pre}>{l.deliverables || "—"}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>
                  Total HT
                </th>
                <td className="fr-cell--right">{formatEuros(o.totals.htCents)}</td>
                {o.hasCorrections && <td />}
                {o.hasCorrections && (
                  <td className="fr-cell--right">{formatEuros(o.correctedTotals.htCents)}</td>
                )}
                <td />
              </tr>
              <tr>
                <th scope="row" colSpan={4}>
                  TVA ({formatRate(o.vatRateBp)})
                </th>
                <td className="fr-cell--right">{formatEuros(o.totals.vatCents)}</td>
                {o.hasCorrections && <td />}
                {o.hasCorrections && (
                  <td className="fr-cell--right">{formatEuros(o.correctedTotals.vatCents)}</td>
                )}
                <td />
              </tr>
              <tr>
                <th scope="row" colSpan={4}>
                  Total TTC
                </th>
                <td className="fr-cell--right">
                  <strong>{formatEuros(o.totals.ttcCents)}</strong>
                </td>
                {o.hasCorrections && <td />}
                {o.hasCorrections && (
                  <td className="fr-cell--right">
                    <strong>{formatEuros(o.correctedTotals.ttcCents)}</strong>
                  </td>
                )}
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <section aria-labelledby="capacite" className="fr-mt-4w">
        <h2 id="capacite" className="fr-h4">
          Capacité restante de l'accord-cadre
        </h2>
        <dl>
          <Fact label="Montant maximum HT">{formatEuros(o.capacity.maxHtCents)}</Fact>
          <Fact label="Déjà engagé HT (bons de commande émis)">
            {formatEuros(o.capacity.committedHtCents)}
          </Fact>
          <Fact label="Restant HT">{formatEuros(o.capacity.remainingHtCents)}</Fact>
        </dl>
      </section>

      <section aria-labelledby="observations" className="fr-mt-4w">
        <h2 id="observations" className="fr-h4">
          Observations du titulaire
        </h2>
        {o.observations ? (
          <p style={pre}>{o.observations}</p>
        ) : (
          <p>Le titulaire n'a formulé aucune observation.</p>
        )}
      </section>

      <OrderActions
        id={o.id}
        version={o.version}
        can={o.can}
        organisationName={o.beneficiary.name}
        signatoryName={actor.displayName}
      >
        {o.can.correct && (
          <CorrectiveOrderForm
            originalId={o.id}
            creationKey={crypto.randomUUID()}
            lines={o.lines.map((l) => ({
              id: l.id,
              label: l.label,
              quantity: l.correctedQuantity,
              consumedDays: l.consumedDays,
            }))}
          />
        )}
      </OrderActions>

      <section aria-labelledby="historique" className="fr-mt-4w">
        <h2 id="historique" className="fr-h4">
          Historique
        </h2>
        {o.timeline.length === 0 ? (
          <p>Aucun événement enregistré.</p>
        ) : (
          <ol className="fr-pl-3w">
            {o.timeline.map((e) => (
              <li key={e.id} className="fr-mb-1w">
                <time dateTime={e.occurredAt.toISOString()}>{formatDateTime(e.occurredAt)}</time> —{" "}
                <strong>{auditActionLabel(e.action)}</strong>
                {e.actorEmail ? ` — par ${e.actorEmail}${e.actorOrgName ? ` (${e.actorOrgName})` : ""}` : ""}
              </li>
            ))}
          </ol>
        )}
      </section>
      <p className="fr-mt-4w">
        <Link href="/commandes" className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
          Retour à la liste des commandes
        </Link>
      </p>
    </>
  );
}
