import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { DelayBadge } from "@/components/invoices/DelayBadge";
import { RecordInvoiceForm } from "@/components/invoices/RecordInvoiceForm";
import { RecordPaymentForm } from "@/components/invoices/RecordPaymentForm";
import { frDecimal } from "@/components/orders/format";
import { DecisionBadge } from "@/components/service-fait/DecisionBadge";
import { requireActor } from "@/lib/auth/session";
import { formatDate, todayIso } from "@/lib/dates";
import { LEGAL_PAYMENT_DELAY_DAYS } from "@/lib/invoices/rules";
import { centsToInput, formatEuros, formatRate } from "@/lib/money";
import { orNotFound, param } from "@/lib/pages";
import { getServiceFait } from "@/lib/service-fait/queries";
import { COMMENT_LABELS, DECISION_LABELS, DECISION_WORDING, formatMonth } from "@/lib/service-fait/rules";

export const metadata: Metadata = { title: "Procès-verbal de service fait" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="fr-text--bold fr-mb-0">{label}</dt>
      <dd className="fr-ml-0 fr-mb-2w">{children}</dd>
    </>
  );
}

export default async function ServiceFaitPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; sfId: string }>;
  searchParams: SearchParams;
}) {
  const { id, sfId } = await params;
  const actor = await requireActor(`/commandes/${id}/service-fait/${sfId}`);
  const { order, record: r, can } = await orNotFound(getServiceFait({ actor, orderId: id, sfId }));
  const sp = await searchParams;
  const justIssued = param(sp.enregistre) === "1";
  const today = todayIso();
  const base = `/commandes/${order.id}/service-fait`;
  const unpaid = r.invoices.filter((i) => i.paidOn === null);

  return (
    <>
      <Breadcrumb
        currentPageLabel={r.number}
        segments={[
          { label: "Commandes", linkProps: { href: "/commandes" } },
          { label: order.number, linkProps: { href: `/commandes/${order.id}` } },
          { label: "Service fait", linkProps: { href: base } },
        ]}
      />
      <h1>Procès-verbal de service fait n° {r.number}</h1>
      <p className="fr-mb-2w">
        <DecisionBadge decision={r.decision} />
        <span className="fr-ml-2w">
          {order.productName} — {r.period}
        </span>
      </p>
      {justIssued && (
        <Alert
          severity="success"
          small
          className="fr-mb-3w"
          description={`Le procès-verbal de service fait n° ${r.number} est enregistré (${DECISION_LABELS[r.decision].toLowerCase()}, ${formatEuros(r.certifiedHtCents)} HT certifiés). Le titulaire est prévenu par courriel.`}
        />
      )}
      <p>
        <a
          className="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-download-line"
          href={`${base}/${r.id}/pdf`}
          download
        >
          Télécharger le PDF
        </a>
      </p>

      <section aria-labelledby="decision" className="fr-mt-4w">
        <h2 id="decision" className="fr-h4">
          Décision
        </h2>
        <p>{DECISION_WORDING[r.decision]}</p>
        <div className="fr-grid-row fr-grid-row--gutters">
          <dl className="fr-col-12 fr-col-md-6">
            <Fact label="Bon de commande">
              <Link href={`/commandes/${order.id}`}>{order.number}</Link>
            </Fact>
            <Fact label="Période">
              {r.period} (du {formatDate(r.periodStart)} au {formatDate(r.periodEnd)})
            </Fact>
            <Fact label="Comptes rendus examinés">
              {r.reports
                .map((x) => `${formatMonth(x.month)}${x.isAdjustment ? " (rectificatif)" : ""}`)
                .join(", ")}
            </Fact>
            <Fact label="Service fait final">{r.isFinal ? "Oui : la prestation est achevée" : "Non"}</Fact>
          </dl>
          <dl className="fr-col-12 fr-col-md-6">
            <Fact label="Décidé le">{formatDate(r.decidedOn)}</Fact>
            <Fact label="Signataire">{r.signatoryName}</Fact>
            <Fact label="Bénéficiaire">{order.beneficiaryName}</Fact>
            <Fact label="Titulaire">{order.contractorName}</Fact>
          </dl>
        </div>
        {r.comment && (
          <>
            <h3 className="fr-h6">{COMMENT_LABELS[r.decision]}</h3>
            <p style={{ whiteSpace: "pre-wrap" }}>{r.comment}</p>
          </>
        )}
      </section>

      <section aria-labelledby="montants" className="fr-mt-4w">
        <h2 id="montants" className="fr-h4">
          Jours et montants
        </h2>
        <div className="fr-table fr-table--bordered">
          <table>
            <caption>Détail par unité d'œuvre du procès-verbal {r.number}</caption>
            <thead>
              <tr>
                <th scope="col">Unité d'œuvre</th>
                <th scope="col">{r.certifying ? "Jours certifiés" : "Jours présentés"}</th>
                <th scope="col">Prix unitaire HT</th>
                <th scope="col">Montant HT</th>
              </tr>
            </thead>
            <tbody>
              {r.lines.map((l) => (
                <tr key={l.label}>
                  <th scope="row">{l.label}</th>
                  <td className="fr-cell--right">{frDecimal(l.days)}</td>
                  <td className="fr-cell--right">{formatEuros(l.unitPriceHtCents)}</td>
                  <td className="fr-cell--right">{formatEuros(l.amountHtCents)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  Montant calculé HT
                </th>
                <td className="fr-cell--right">{formatEuros(r.computedHtCents)}</td>
              </tr>
              {r.refactionHtCents > 0n && (
                <tr>
                  <th scope="row" colSpan={3}>
                    Réfaction HT
                  </th>
                  <td className="fr-cell--right">− {formatEuros(r.refactionHtCents)}</td>
                </tr>
              )}
              <tr>
                <th scope="row" colSpan={3}>
                  Montant certifié HT
                </th>
                <td className="fr-cell--right" data-testid="certified-ht">
                  {formatEuros(r.certifiedHtCents)}
                </td>
              </tr>
              <tr>
                <th scope="row" colSpan={3}>
                  TVA ({formatRate(order.vatRateBp)})
                </th>
                <td className="fr-cell--right">{formatEuros(r.vatCents)}</td>
              </tr>
              <tr>
                <th scope="row" colSpan={3}>
                  Montant certifié TTC
                </th>
                <td className="fr-cell--right" data-testid="certified-ttc">
                  <strong>{formatEuros(r.certifiedTtcCents)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <section aria-labelledby="factures" className="fr-mt-4w">
        <h2 id="factures" className="fr-h4">
          Factures
        </h2>
        {!r.certifying ? (
          <p>Ce procès-verbal ne certifie aucun montant : aucune facture ne s'y rattache.</p>
        ) : r.invoices.length === 0 ? (
          <p>Aucune facture enregistrée pour ce service fait.</p>
        ) : (
          <div className="fr-table">
            <table>
              <caption>
                Factures du service fait {r.number} — délai global de paiement : {LEGAL_PAYMENT_DELAY_DAYS}{" "}
                jours
              </caption>
              <thead>
                <tr>
                  <th scope="col">N° Chorus Pro</th>
                  <th scope="col">Reçue le</th>
                  <th scope="col">Montant HT</th>
                  <th scope="col">Montant TTC</th>
                  <th scope="col">Payée le</th>
                  <th scope="col">Délai de paiement</th>
                </tr>
              </thead>
              <tbody>
                {r.invoices.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">{i.number}</th>
                    <td>{formatDate(i.receivedOn)}</td>
                    <td className="fr-cell--right">{formatEuros(i.amountHtCents)}</td>
                    <td className="fr-cell--right">{formatEuros(i.amountTtcCents)}</td>
                    <td>{i.paidOn ? formatDate(i.paidOn) : "Non payée"}</td>
                    <td>
                      <DelayBadge delay={i.delay} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {r.certifying && (
          <p className="fr-text--sm">
            Facturé : {formatEuros(r.invoicedHtCents)} HT sur {formatEuros(r.certifiedHtCents)} HT certifiés ;
            reste à facturer : {formatEuros(r.leftToInvoiceHtCents)} HT.
          </p>
        )}

        {can.recordInvoice && (
          <section aria-labelledby="nouvelle-facture" className="fr-mt-3w">
            <h3 id="nouvelle-facture" className="fr-h5">
              Enregistrer une facture déposée sur Chorus Pro
            </h3>
            <RecordInvoiceForm
              serviceFaitId={r.id}
              leftHt={centsToInput(Number(r.leftToInvoiceHtCents))}
              leftLabel={formatEuros(r.leftToInvoiceHtCents)}
              fullyInvoiced={r.leftToInvoiceHtCents <= 0n}
              today={today}
            />
          </section>
        )}

        {can.recordPayment && r.invoices.length > 0 && (
          <section aria-labelledby="paiements" className="fr-mt-3w">
            <h3 id="paiements" className="fr-h5">
              Enregistrer un paiement
            </h3>
            {unpaid.length === 0 && <p>Toutes les factures de ce service fait sont payées.</p>}
            {r.invoices.map((i) => (
              <RecordPaymentForm
                key={i.id}
                invoiceId={i.id}
                invoiceNumber={i.number}
                version={i.version}
                receivedOn={i.receivedOn}
                paidOn={i.paidOn}
                today={today}
              />
            ))}
          </section>
        )}
      </section>

      <p className="fr-mt-4w">
        <Link href={base} className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
          Retour au service fait du bon de commande
        </Link>
      </p>
    </>
  );
}
