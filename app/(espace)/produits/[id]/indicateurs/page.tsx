import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import Link from "next/link";
import { IndicatorForm } from "@/components/impact/IndicatorForm";
import { requireActor } from "@/lib/auth/session";
import { getIndicatorsForm } from "@/lib/impact/queries";
import { formatMonth, formatSatisfaction, isMonth, satisfactionToInput } from "@/lib/impact/rules";
import { orNotFound, param } from "@/lib/pages";

export const metadata: Metadata = { title: "Indicateurs d'impact" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const integer = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });

export default async function IndicatorsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const { id } = await params;
  const actor = await requireActor(`/produits/${id}/indicateurs`);
  const sp = await searchParams;
  const month = param(sp.mois);
  const data = await orNotFound(getIndicatorsForm({ actor, productId: id, month }));
  const saved = param(sp.enregistre);
  const currentMonth = data.today.slice(0, 7);
  const editing = data.editing;

  return (
    <>
      <Breadcrumb
        currentPageLabel="Indicateurs d'impact"
        segments={[
          { label: "Produits", linkProps: { href: "/produits" } },
          { label: data.product.name, linkProps: { href: `/produits/${data.product.id}` } },
        ]}
      />
      <h1>Indicateurs d'impact de {data.product.name}</h1>
      <p>
        Chaque mois, saisissez le nombre d'utilisateurs actifs du produit et, si vous la mesurez, leur
        satisfaction. Ces mesures accompagnent la page de statistiques du produit et permettent de calculer
        son coût par utilisateur actif.
      </p>
      {isMonth(saved) && (
        <Alert
          severity="success"
          small
          className="fr-mb-3w"
          description={`Les indicateurs de ${formatMonth(saved)} sont enregistrés.`}
        />
      )}
      <div className="fr-grid-row fr-grid-row--gutters">
        <section className="fr-col-12 fr-col-md-5" aria-labelledby="saisie">
          <h2 id="saisie" className="fr-h4">
            {editing ? `Corriger ${formatMonth(editing.month)}` : "Saisir un mois"}
          </h2>
          <IndicatorForm
            // A new key per month edited: the form starts from that month's values.
            key={editing?.month ?? "nouveau"}
            productId={data.product.id}
            maxMonth={currentMonth}
            values={
              editing
                ? {
                    month: editing.month,
                    monthlyActiveUsers: String(editing.monthlyActiveUsers),
                    satisfaction: satisfactionToInput(editing.satisfactionTenths),
                    version: editing.version,
                  }
                : { month: currentMonth, monthlyActiveUsers: "", satisfaction: "", version: null }
            }
          />
          {editing && (
            <p className="fr-mt-2w">
              <Link href={`/produits/${data.product.id}/indicateurs`}>Saisir plutôt un autre mois</Link>
            </p>
          )}
        </section>
        <section className="fr-col-12 fr-col-md-7" aria-labelledby="saisis">
          <h2 id="saisis" className="fr-h4">
            Mois déjà saisis
          </h2>
          {data.indicators.length === 0 ? (
            <p>Aucun mois saisi pour l'instant.</p>
          ) : (
            <div className="fr-table">
              <table>
                <caption>Indicateurs saisis, du plus récent au plus ancien (36 derniers mois)</caption>
                <thead>
                  <tr>
                    <th scope="col">Mois</th>
                    <th scope="col">Utilisateurs actifs</th>
                    <th scope="col">Satisfaction</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {data.indicators.map((i) => (
                    <tr key={i.id}>
                      <th scope="row">{formatMonth(i.month)}</th>
                      <td className="fr-cell--right">{integer.format(i.monthlyActiveUsers)}</td>
                      <td>
                        {i.satisfactionTenths === null
                          ? "Non mesurée"
                          : formatSatisfaction(i.satisfactionTenths)}
                      </td>
                      <td>
                        <Link href={`/produits/${data.product.id}/indicateurs?mois=${i.month}`}>
                          Corriger<span className="fr-sr-only"> {formatMonth(i.month)}</span>
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
