import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { Metadata } from "next";
import Link from "next/link";
import { DelayBadge } from "@/components/invoices/DelayBadge";
import { frDecimal } from "@/components/orders/format";
import { OrderStatusBadge } from "@/components/orders/OrderStatusBadge";
import { DecisionBadge } from "@/components/service-fait/DecisionBadge";
import { IssueServiceFaitForm } from "@/components/service-fait/IssueServiceFaitForm";
import { requireActor } from "@/lib/auth/session";
import { formatDate } from "@/lib/dates";
import { isAppError } from "@/lib/errors";
import { formatEuros, formatRate } from "@/lib/money";
import { orNotFound, param } from "@/lib/pages";
import { getOrderServiceFaits, previewServiceFait } from "@/lib/service-fait/queries";
import { formatMonth } from "@/lib/service-fait/rules";
import { periodSchema } from "@/lib/service-fait/schemas";

export const metadata: Metadata = { title: "Service fait" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function OrderServiceFaitPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const { id } = await params;
  const actor = await requireActor(`/commandes/${id}/service-fait`);
  const page = await orNotFound(getOrderServiceFaits({ actor, orderId: id }));
  const { order, records, lines, pending, months, can } = page;
  const sp = await searchParams;
  const base = `/commandes/${order.id}/service-fait`;

  // The preview of the months chosen (GET ?du=…&au=…), for the order's certifiers only.
  const chosen = { from: param(sp.du), to: param(sp.au) };
  let preview: Awaited<ReturnType<typeof previewServiceFait>> | null = null;
  let previewError: string | null = null;
  if (can.certify && (chosen.from || chosen.to)) {
    const period = periodSchema.safeParse(chosen);
    if (!period.success) {
      previewError = period.error.issues.map((i) => i.message).join(" ");
    } else {
      try {
        preview = await previewServiceFait({ actor, orderId: order.id, period: period.data });
      } catch (e) {
        if (!isAppError(e) || e.code !== "VALIDATION") throw e;
        previewError = e.message;
      }
    }
  }
  const defaultFrom = chosen.from || pending[0]?.month || months.at(-1) || "";
  const defaultTo = chosen.to || pending.at(-1)?.month || months.at(-1) || "";

  return (
    <>
      <Breadcrumb
        currentPageLabel="Service fait"
        segments={[
          { label: "Commandes", linkProps: { href: "/commandes" } },
          { label: order.number, linkProps: { href: `/commandes/${order.id}` } },
        ]}
      />
      <h1>Service fait – bon de commande n° {order.number}</h1>
      <p className="fr-mb-2w">
        <OrderStatusBadge status={order.status} />
        <span className="fr-ml-2w">
          {order.productName} — {order.beneficiaryName} → {order.contractorName}, du{" "}
          {formatDate(order.startsOn)} au {formatDate(order.endsOn)}
        </span>
      </p>
      <p>
        Le bénéficiaire constate le service fait par mois entiers, à partir des comptes rendus d'activité
        validés. Chaque procès-verbal est numéroté, signé et ne se modifie plus ; le titulaire y rattache ses
        factures déposées sur Chorus Pro.
      </p>

      <section aria-labelledby="jours" className="fr-mt-4w">
        <h2 id="jours" className="fr-h4">
          Jours par ligne
        </h2>
        <div className="fr-table fr-table--bordered">
          <table>
            <caption>Jours commandés, validés et certifiés par unité d'œuvre</caption>
            <thead>
              <tr>
                <th scope="col">Unité d'œuvre</th>
                <th scope="col">Jours commandés</th>
                <th scope="col">Jours validés</th>
                <th scope="col">Jours certifiés</th>
                <th scope="col">Validés, à certifier</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id}>
                  <th scope="row">{l.label}</th>
                  <td className="fr-cell--right">{frDecimal(l.orderedDays)}</td>
                  <td className="fr-cell--right">{frDecimal(l.consumedDays)}</td>
                  <td className="fr-cell--right">{frDecimal(l.certifiedDays)}</td>
                  <td className="fr-cell--right">{frDecimal(l.toCertifyDays)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="proces-verbaux" className="fr-mt-4w">
        <h2 id="proces-verbaux" className="fr-h4">
          Procès-verbaux de service fait
        </h2>
        {records.length === 0 ? (
          <p>Aucun procès-verbal de service fait pour ce bon de commande.</p>
        ) : (
          <div className="fr-table">
            <table>
              <caption>Procès-verbaux ({records.length}), du plus récent au plus ancien</caption>
              <thead>
                <tr>
                  <th scope="col">N°</th>
                  <th scope="col">Période</th>
                  <th scope="col">Décision</th>
                  <th scope="col">Montant certifié HT</th>
                  <th scope="col">Montant certifié TTC</th>
                  <th scope="col">Factures</th>
                  <th scope="col">PDF</th>
                </tr>
              </thead>
              <tbody>
                {records.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link href={`${base}/${r.id}`}>{r.number}</Link>
                      {r.isFinal && <span className="fr-text--xs fr-mb-0 fr-ml-1v">(final)</span>}
                    </th>
                    <td>{r.period}</td>
                    <td>
                      <DecisionBadge decision={r.decision} />
                    </td>
                    <td className="fr-cell--right">{formatEuros(r.certifiedHtCents)}</td>
                    <td className="fr-cell--right">{formatEuros(r.certifiedTtcCents)}</td>
                    <td>
                      {r.invoices.length === 0 ? (
                        r.certifying ? (
                          "Aucune"
                        ) : (
                          "—"
                        )
                      ) : (
                        <ul className="fr-mb-0">
                          {r.invoices.map((i) => (
                            <li key={i.id}>
                              {i.number} : <DelayBadge delay={i.delay} />
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      <a href={`${base}/${r.id}/pdf`} download>
                        PDF<span className="fr-sr-only"> du procès-verbal {r.number}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="a-certifier" className="fr-mt-4w">
        <h2 id="a-certifier" className="fr-h4">
          Comptes rendus validés à certifier
        </h2>
        {pending.length === 0 ? (
          <p>Aucun compte rendu d'activité validé n'attend de service fait.</p>
        ) : (
          <ul>
            {pending.map((p) => (
              <li key={p.month}>
                {formatMonth(p.month)} : {p.reports} compte{p.reports > 1 ? "s" : ""} rendu
                {p.reports > 1 ? "s" : ""}, {frDecimal(p.days)} jours facturables
              </li>
            ))}
          </ul>
        )}
      </section>

      {can.certify && (
        <section aria-labelledby="etablir" className="fr-mt-4w">
          <h2 id="etablir" className="fr-h4">
            Établir un procès-verbal de service fait
          </h2>
          <form method="get" action={base} className="fr-mb-3w">
            <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
              <div className="fr-col-12 fr-col-md-4">
                <Select label="Premier mois" nativeSelectProps={{ name: "du", defaultValue: defaultFrom }}>
                  {months.map((m) => (
                    <option key={m} value={m}>
                      {formatMonth(m)}
                    </option>
                  ))}
                </Select>
              </div>
              <div className="fr-col-12 fr-col-md-4">
                <Select label="Dernier mois" nativeSelectProps={{ name: "au", defaultValue: defaultTo }}>
                  {months.map((m) => (
                    <option key={m} value={m}>
                      {formatMonth(m)}
                    </option>
                  ))}
                </Select>
              </div>
              <div className="fr-col-12 fr-col-md-4 fr-mb-3w">
                <Button type="submit" priority="secondary" iconId="fr-icon-eye-line">
                  Voir le détail de la période
                </Button>
              </div>
            </div>
          </form>
          {previewError && <Alert severity="error" small className="fr-mb-3w" description={previewError} />}
          {preview && (
            <>
              <h3 className="fr-h5">Ce que couvre {preview.period.label}</h3>
              <p>
                {preview.reports.length} compte{preview.reports.length > 1 ? "s" : ""} rendu
                {preview.reports.length > 1 ? "s" : ""} validé{preview.reports.length > 1 ? "s" : ""} (
                {preview.reports
                  .map((r) => `${formatMonth(r.month)}${r.isAdjustment ? " – rectificatif" : ""}`)
                  .join(", ")}
                ).
              </p>
              <div className="fr-table fr-table--bordered">
                <table>
                  <caption>Jours et montants calculés pour {preview.period.label}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Unité d'œuvre</th>
                      <th scope="col">Jours</th>
                      <th scope="col">Prix unitaire HT</th>
                      <th scope="col">Montant HT</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.lines.map((l) => (
                      <tr key={l.orderLineId}>
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
                      <td className="fr-cell--right" data-testid="preview-ht">
                        {formatEuros(preview.computedHtCents)}
                      </td>
                    </tr>
                    <tr>
                      <th scope="row" colSpan={3}>
                        TVA ({formatRate(order.vatRateBp)}) en cas d'admission
                      </th>
                      <td className="fr-cell--right">{formatEuros(preview.admission.vatCents)}</td>
                    </tr>
                    <tr>
                      <th scope="row" colSpan={3}>
                        Montant TTC en cas d'admission
                      </th>
                      <td className="fr-cell--right">
                        <strong>{formatEuros(preview.admission.ttcCents)}</strong>
                      </td>
                    </tr>
                  </tfoot>
                </table>
              </div>
              <IssueServiceFaitForm
                orderId={order.id}
                from={preview.period.from}
                to={preview.period.to}
                periodLabel={preview.period.label}
                recordCount={page.recordCount}
                signatoryName={actor.displayName}
                organisationName={order.beneficiaryName}
              />
            </>
          )}
        </section>
      )}

      <p className="fr-mt-4w">
        <Link href={`/commandes/${order.id}`} className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
          Retour au bon de commande
        </Link>
      </p>
    </>
  );
}
