import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { ChartColor } from "@codegouvfr/react-dsfr/Chart/chartWrapper";
import type { Metadata } from "next";
import Link from "next/link";
import { type BreakdownLimit, BreakdownTable } from "@/components/reporting/BreakdownTable";
import { CeilingOverview } from "@/components/reporting/CeilingOverview";
import { DashboardFilters, type DashboardFilterValues } from "@/components/reporting/DashboardFilters";
import { ForecastSection } from "@/components/reporting/ForecastSection";
import { FIGURE_LABELS } from "@/components/reporting/figures";
import { MonthlyChart } from "@/components/reporting/MonthlyChart";
import { ThresholdForm } from "@/components/reporting/ThresholdForm";
import { can } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";
import { formatDate } from "@/lib/dates";
import { type AppError, isAppError } from "@/lib/errors";
import { formatEuros } from "@/lib/money";
import { orNotFound, param } from "@/lib/pages";
import type { FigureKey } from "@/lib/reporting/facts";
import { type Dashboard, getDashboard, listDashboardOptions } from "@/lib/reporting/queries";
import { bpToPercentInput, monthLabel } from "@/lib/reporting/rules";

export const metadata: Metadata = { title: "Pilotage de l'accord-cadre" };

const CHART_SERIES: Array<{ key: FigureKey; color: ChartColor }> = [
  { key: "committed", color: "blue-france" },
  { key: "consumed", color: "green-archipel" },
  { key: "certified", color: "purple-glycine" },
  { key: "invoiced", color: "brown-caramel" },
  { key: "paid", color: "green-bourgeon" },
];

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function periodText(d: Dashboard): string {
  const { fromMonth, toMonth } = d.filters;
  if (fromMonth && toMonth) {
    return fromMonth === toMonth
      ? `en ${monthLabel(fromMonth)}`
      : `de ${monthLabel(fromMonth)} à ${monthLabel(toMonth)}`;
  }
  if (fromMonth) return `depuis ${monthLabel(fromMonth)}`;
  if (toMonth) return `jusqu'à ${monthLabel(toMonth)} inclus`;
  return "depuis le début de l'accord-cadre";
}

export default async function PilotagePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor("/pilotage");
  // DINUM only: anyone else gets the 404 page.
  const options = await orNotFound(listDashboardOptions({ actor }));
  const sp = await searchParams;
  const values: DashboardFilterValues = {
    du: param(sp.du),
    au: param(sp.au),
    beneficiaire: param(sp.beneficiaire),
    titulaire: param(sp.titulaire),
  };

  // Bad filters (malformed or inverted period, unknown organisation) are explained; nothing
  // is computed for them.
  let dashboard: Dashboard | null = null;
  let refusal: AppError | null = null;
  try {
    dashboard = await getDashboard({ actor, filters: values });
  } catch (e) {
    if (isAppError(e) && e.code === "VALIDATION") refusal = e;
    else throw e;
  }

  return (
    <>
      <h1>Pilotage de l'accord-cadre</h1>
      {dashboard && (
        <p className="fr-text--lead">
          Accord-cadre {dashboard.agreement.reference}, du {formatDate(dashboard.agreement.startsOn)} au{" "}
          {formatDate(dashboard.agreement.endsOn)} : montant maximum{" "}
          <strong>{formatEuros(dashboard.agreement.maxAmountHtCents)} HT</strong>, dont{" "}
          {formatEuros(dashboard.agreement.maxAmountHtCents - dashboard.agreement.committedHtCents)} HT encore
          disponibles.
        </p>
      )}
      <p>
        Chaque montant est un lien vers les bons de commande qui le composent. Les rapports dus à la DINUM se
        trouvent en <a href="#rapports">bas de page</a>.
      </p>
      <DashboardFilters values={values} options={options} fieldErrors={refusal?.fieldErrors ?? {}} />
      {refusal && (
        // The DSFR error alert is itself the live region (role "alert").
        <div className="fr-mb-3w">
          <Alert severity="error" small description={refusal.message} />
        </div>
      )}
      {dashboard && <DashboardBody dashboard={dashboard} canManage={can(actor, "reporting:manage")} />}
      <section aria-labelledby="rapports" className="fr-mt-6w">
        <h2 id="rapports">Rapports dus à la DINUM</h2>
        <ul>
          <li>
            <Link href="/pilotage/rapports/semestriel">Rapport semestriel des commandes</Link> : chaque bon de
            commande avec ses montants, le détail des unités d'œuvre, les services faits, les factures et les
            paiements.
          </li>
          <li>
            <Link href="/pilotage/rapports/trimestriel">Rapport trimestriel des titulaires</Link> : profils
            fournis et jours par profil, commandes en attente d'accusé de réception, statut de chaque commande
            et délais moyens.
          </li>
        </ul>
      </section>
    </>
  );
}

/** Rows a breakdown shows on the dashboard; the rest is added up, the whole list one link away. */
const TOP_ROWS = 15;
/** Months in the monthly table: the latest ones, earlier months added up. */
const RECENT_MONTHS = 24;

function DashboardBody({ dashboard: d, canManage }: { dashboard: Dashboard; canManage: boolean }) {
  const filterParams = new URLSearchParams();
  for (const [k, v] of Object.entries({
    du: d.filters.fromMonth,
    au: d.filters.toMonth,
    beneficiaire: d.filters.beneficiaryId,
    titulaire: d.filters.contractorId,
  })) {
    if (v) filterParams.set(k, v);
  }
  const fullHref = (slug: string) =>
    `/pilotage/ventilation/${slug}${filterParams.size ? `?${filterParams}` : ""}`;
  const limitOf = (slug: string, what: string, rest: (n: number) => string): BreakdownLimit => ({
    rows: TOP_ROWS,
    keep: "first",
    restLabel: rest,
    fullHref: fullHref(slug),
    fullLabel: `Voir la ventilation complète ${what}`,
  });
  const base = {
    from: d.filters.from,
    to: d.filters.to,
    beneficiaryId: d.filters.beneficiaryId,
    contractorId: d.filters.contractorId,
  };
  const scope = [
    d.filters.beneficiaryId
      ? `bénéficiaire ${d.options.beneficiaries.find((b) => b.id === d.filters.beneficiaryId)?.name}`
      : null,
    d.filters.contractorId
      ? `titulaire ${d.options.contractors.find((c) => c.id === d.filters.contractorId)?.name}`
      : null,
  ]
    .filter(Boolean)
    .join(", ");
  const period = periodText(d);
  // The chart shows the months the table shows (the latest ones).
  const months = d.byMonth.filter((r) => r.key !== null).slice(-RECENT_MONTHS);
  const euros = (cents: bigint) => Number(cents / 100n);
  return (
    <>
      <section aria-labelledby="montants">
        <h2 id="montants">
          Montants {period}
          {scope ? ` (${scope})` : ""}
        </h2>
        <CeilingOverview
          totals={d.totals}
          maxCents={d.agreement.maxAmountHtCents}
          thresholdBp={d.settings.thresholdBp}
          base={base}
          periodText={period}
        />
      </section>

      <section aria-labelledby="prevision" className="fr-mt-6w">
        <h2 id="prevision">Prévision d'atteinte du montant maximum</h2>
        <p>
          Sur tout l'accord-cadre, quels que soient les filtres : au rythme moyen des trois derniers mois
          complets, la date à laquelle les engagements et la consommation validée atteindraient le seuil
          d'alerte puis le montant maximum.
        </p>
        <ForecastSection forecast={d.forecast} />
        {canManage && (
          <ThresholdForm threshold={bpToPercentInput(d.settings.thresholdBp)} version={d.settings.version} />
        )}
      </section>

      <section aria-labelledby="par-mois" className="fr-mt-6w">
        <h2 id="par-mois">Par mois</h2>
        <p>
          Chaque montant compte au mois où il se produit : l'engagement à la date de commande (ou de clôture,
          qui libère le non-consommé), la consommation au mois travaillé, le service fait à sa date de
          décision, la facture à sa réception, le paiement à sa date.
        </p>
        {months.length > 0 && (
          <MonthlyChart
            tableId="tableau-par-mois"
            labels={months.map((m) => monthLabel(m.key as string))}
            series={CHART_SERIES.map((s) => ({
              name: FIGURE_LABELS[s.key],
              color: s.color,
              euros: months.map((m) => euros(m.figures[s.key])),
            }))}
          />
        )}
        <BreakdownTable
          id="tableau-par-mois"
          caption={`Montants par mois ${period}`}
          dimensionLabel="Mois"
          dimension="month"
          rows={d.byMonth}
          limit={{
            rows: RECENT_MONTHS,
            keep: "last",
            restLabel: (n) => `Mois antérieurs (${n} mois)`,
            fullHref: fullHref("mois"),
            fullLabel: "Voir la ventilation complète par mois",
          }}
          totals={d.totals}
          base={base}
        />
      </section>

      <section aria-labelledby="par-beneficiaire" className="fr-mt-6w">
        <h2 id="par-beneficiaire">Par bénéficiaire</h2>
        <BreakdownTable
          id="tableau-par-beneficiaire"
          caption={`Montants par bénéficiaire ${period}`}
          dimensionLabel="Bénéficiaire"
          dimension="beneficiaryId"
          rows={d.byBeneficiary}
          limit={limitOf("beneficiaires", "par bénéficiaire", (n) => `Autres bénéficiaires (${n})`)}
          totals={d.totals}
          base={base}
        />
      </section>

      <section aria-labelledby="par-titulaire" className="fr-mt-6w">
        <h2 id="par-titulaire">Par titulaire</h2>
        <BreakdownTable
          id="tableau-par-titulaire"
          caption={`Montants par titulaire ${period}`}
          dimensionLabel="Titulaire"
          dimension="contractorId"
          rows={d.byContractor}
          limit={limitOf("titulaires", "par titulaire", (n) => `Autres titulaires (${n})`)}
          totals={d.totals}
          base={base}
        />
      </section>

      <section aria-labelledby="par-produit" className="fr-mt-6w">
        <h2 id="par-produit">Par produit</h2>
        <BreakdownTable
          id="tableau-par-produit"
          caption={`Montants par produit ${period}`}
          dimensionLabel="Produit"
          dimension="productId"
          rows={d.byProduct}
          limit={limitOf("produits", "par produit", (n) => `Autres produits (${n})`)}
          totals={d.totals}
          base={base}
        />
      </section>

      <section aria-labelledby="par-uo" className="fr-mt-6w">
        <h2 id="par-uo">Par unité d'œuvre</h2>
        <p>
          La réfaction d'un service fait est répartie entre ses lignes au prorata de leur montant. Les
          factures et les paiements portent sur un service fait entier : ils ne se répartissent pas par unité
          d'œuvre.
        </p>
        <BreakdownTable
          id="tableau-par-uo"
          caption={`Montants par unité d'œuvre ${period}`}
          dimensionLabel="Unité d'œuvre"
          dimension="uoTypeId"
          rows={d.byUoType}
          totals={d.totals}
          base={base}
        />
      </section>
    </>
  );
}
