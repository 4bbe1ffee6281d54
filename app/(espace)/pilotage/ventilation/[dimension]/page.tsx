import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import { type BreakdownDimension, BreakdownTable } from "@/components/reporting/BreakdownTable";
import { PaginationNav } from "@/components/ui/PaginationNav";
import { requireActor } from "@/lib/auth/session";
import { type AppError, isAppError } from "@/lib/errors";
import { orNotFound, param, refusePage } from "@/lib/pages";
import { pageFromParams } from "@/lib/pagination";
import {
  type BreakdownRow,
  type Dashboard,
  getDashboard,
  listDashboardOptions,
} from "@/lib/reporting/queries";
import { monthLabel } from "@/lib/reporting/rules";

export const metadata: Metadata = { title: "Ventilation complète – Pilotage" };

const ROWS_PER_PAGE = 50;

/** The breakdowns the dashboard shortens, by URL segment. */
const BREAKDOWNS: Record<
  string,
  {
    title: string;
    dimensionLabel: string;
    dimension: BreakdownDimension;
    rows: (d: Dashboard) => BreakdownRow[];
  }
> = {
  mois: { title: "par mois", dimensionLabel: "Mois", dimension: "month", rows: (d) => d.byMonth },
  beneficiaires: {
    title: "par bénéficiaire",
    dimensionLabel: "Bénéficiaire",
    dimension: "beneficiaryId",
    rows: (d) => d.byBeneficiary,
  },
  titulaires: {
    title: "par titulaire",
    dimensionLabel: "Titulaire",
    dimension: "contractorId",
    rows: (d) => d.byContractor,
  },
  produits: {
    title: "par produit",
    dimensionLabel: "Produit",
    dimension: "productId",
    rows: (d) => d.byProduct,
  },
};

type Params = Promise<{ dimension: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function periodText(d: Dashboard): string {
  const { fromMonth, toMonth } = d.filters;
  if (fromMonth && toMonth) return `de ${monthLabel(fromMonth)} à ${monthLabel(toMonth)}`;
  if (fromMonth) return `depuis ${monthLabel(fromMonth)}`;
  if (toMonth) return `jusqu'à ${monthLabel(toMonth)} inclus`;
  return "depuis le début de l'accord-cadre";
}

/** One breakdown of the dashboard in full, 50 rows a page, with the dashboard's filters. */
export default async function BreakdownPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { dimension } = await params;
  const actor = await requireActor(`/pilotage/ventilation/${dimension}`);
  // An unknown breakdown: the 404 page (audited like any refusal).
  const breakdown = BREAKDOWNS[dimension] ?? (await refusePage(actor));
  // DINUM only: anyone else gets the 404 page.
  await orNotFound(listDashboardOptions({ actor }));
  const sp = await searchParams;
  const values = {
    du: param(sp.du),
    au: param(sp.au),
    beneficiaire: param(sp.beneficiaire),
    titulaire: param(sp.titulaire),
  };
  let dashboard: Dashboard | null = null;
  let refusal: AppError | null = null;
  try {
    dashboard = await getDashboard({ actor, filters: values });
  } catch (e) {
    if (isAppError(e) && e.code === "VALIDATION") refusal = e;
    else throw e;
  }
  const title = `Ventilation complète ${breakdown.title}`;
  return (
    <>
      <Breadcrumb
        currentPageLabel={title}
        segments={[{ label: "Pilotage", linkProps: { href: "/pilotage" } }]}
      />
      <h1>{title}</h1>
      {refusal && (
        <div className="fr-mb-3w">
          <Alert severity="error" small description={refusal.message} />
        </div>
      )}
      {dashboard && (
        <BreakdownBody
          dashboard={dashboard}
          breakdown={breakdown}
          page={pageFromParams(sp.page)}
          values={values}
          dimensionSlug={dimension}
        />
      )}
    </>
  );
}

function BreakdownBody({
  dashboard: d,
  breakdown,
  page: asked,
  values,
  dimensionSlug,
}: {
  dashboard: Dashboard;
  breakdown: (typeof BREAKDOWNS)[string];
  page: number;
  values: Record<string, string>;
  dimensionSlug: string;
}) {
  const rows = breakdown.rows(d);
  const pageCount = Math.max(1, Math.ceil(rows.length / ROWS_PER_PAGE));
  const page = Math.min(asked, pageCount);
  const period = periodText(d);
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
  return (
    <>
      <p>
        Montants {period}
        {scope ? ` (${scope})` : ""} : {rows.length} ligne{rows.length > 1 ? "s" : ""}
        {pageCount > 1 ? `, page ${page} sur ${pageCount}` : ""}. Chaque montant est un lien vers les bons de
        commande qui le composent.
      </p>
      <BreakdownTable
        id={`ventilation-${dimensionSlug}`}
        caption={`Montants ${breakdown.title} ${period}${pageCount > 1 ? ` (page ${page} sur ${pageCount})` : ""}`}
        dimensionLabel={breakdown.dimensionLabel}
        dimension={breakdown.dimension}
        rows={rows.slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE)}
        totals={d.totals}
        base={{
          from: d.filters.from,
          to: d.filters.to,
          beneficiaryId: d.filters.beneficiaryId,
          contractorId: d.filters.contractorId,
        }}
      />
      <PaginationNav
        page={page}
        pageCount={pageCount}
        basePath={`/pilotage/ventilation/${dimensionSlug}`}
        params={values}
      />
    </>
  );
}
