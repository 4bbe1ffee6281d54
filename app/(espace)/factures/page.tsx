import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import type { Metadata } from "next";
import Link from "next/link";
import { DelayBadge } from "@/components/invoices/DelayBadge";
import { PaginationNav } from "@/components/ui/PaginationNav";
import { requireActor } from "@/lib/auth/session";
import { formatDate } from "@/lib/dates";
import { listInvoices } from "@/lib/invoices/queries";
import { LEGAL_PAYMENT_DELAY_DAYS } from "@/lib/invoices/rules";
import { invoiceFiltersSchema } from "@/lib/invoices/schemas";
import { formatEuros } from "@/lib/money";
import { orNotFound, param } from "@/lib/pages";
import { pageFromParams } from "@/lib/pagination";

export const metadata: Metadata = { title: "Factures" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function InvoicesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor("/factures");
  const sp = await searchParams;
  const filters = invoiceFiltersSchema.parse({ late: param(sp.retard) || undefined });
  const result = await orNotFound(listInvoices({ actor, page: pageFromParams(sp.page), filters }));
  const role = actor.membership.role;
  const showContractor = role !== "CONTRACTOR";
  const showBeneficiary = role !== "BENEFICIARY";

  return (
    <>
      <h1>Factures</h1>
      <p>
        {role === "DINUM"
          ? "Toutes les factures déposées sur Chorus Pro au titre de l'accord-cadre."
          : role === "CONTRACTOR"
            ? `Les factures de votre société (${actor.membership.organisationName}), rattachées aux services faits de ses commandes.`
            : `Les factures reçues sur les commandes de votre organisation (${actor.membership.organisationName}).`}{" "}
        Le délai global de paiement de l'État est de {LEGAL_PAYMENT_DELAY_DAYS} jours à compter de la
        réception de la facture (décret n° 2013-269 du 29 mars 2013) : au-delà, il est signalé comme dépassé.
      </p>
      <search>
        <form method="get" action="/factures" className="fr-mb-3w">
          <Checkbox
            options={[
              {
                label: "Seulement les factures en retard",
                hintText: `Payées en plus de ${LEGAL_PAYMENT_DELAY_DAYS} jours, ou non payées depuis plus de ${LEGAL_PAYMENT_DELAY_DAYS} jours.`,
                nativeInputProps: { name: "retard", value: "1", defaultChecked: filters.late },
              },
            ]}
          />
          <Button type="submit" priority="secondary" iconId="fr-icon-filter-line">
            Filtrer
          </Button>
        </form>
      </search>
      {result.total === 0 ? (
        <p>{filters.late ? "Aucune facture en retard." : "Aucune facture pour l'instant."}</p>
      ) : (
        <div className="fr-table">
          <table>
            <caption>
              {filters.late ? "Factures en retard" : "Factures"} ({result.total}) – page {result.page} sur{" "}
              {result.pageCount}
            </caption>
            <thead>
              <tr>
                <th scope="col">N° Chorus Pro</th>
                <th scope="col">Bon de commande</th>
                <th scope="col">Service fait</th>
                {showBeneficiary && <th scope="col">Bénéficiaire</th>}
                {showContractor && <th scope="col">Titulaire</th>}
                <th scope="col">Reçue le</th>
                <th scope="col">Montant TTC</th>
                <th scope="col">Payée le</th>
                <th scope="col">Délai de paiement</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((i) => (
                <tr key={i.id}>
                  <th scope="row">{i.number}</th>
                  <td>
                    <Link href={`/commandes/${i.order.id}`}>{i.order.number}</Link>
                    <br />
                    <span className="fr-text--xs">{i.order.productName}</span>
                  </td>
                  <td>
                    <Link href={`/commandes/${i.order.id}/service-fait/${i.serviceFait.id}`}>
                      {i.serviceFait.number}
                    </Link>
                  </td>
                  {showBeneficiary && <td>{i.beneficiaryName}</td>}
                  {showContractor && <td>{i.contractorName}</td>}
                  <td>{formatDate(i.receivedOn)}</td>
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
      <PaginationNav
        page={result.page}
        pageCount={result.pageCount}
        basePath="/factures"
        params={{ retard: filters.late ? "1" : undefined }}
      />
    </>
  );
}
