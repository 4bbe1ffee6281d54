import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { Metadata } from "next";
import { PeriodPicker } from "@/components/reporting/PeriodPicker";
import { ReportDownloads } from "@/components/reporting/ReportDownloads";
import { ReportTable } from "@/components/reporting/ReportTable";
import { PaginationNav } from "@/components/ui/PaginationNav";
import { requireActor } from "@/lib/auth/session";
import { type AppError, isAppError } from "@/lib/errors";
import { formatEuros } from "@/lib/money";
import { orNotFound, param } from "@/lib/pages";
import { pageFromParams } from "@/lib/pagination";
import { getReportingSettings, getSemesterReport, type SemesterReport } from "@/lib/reporting/queries";
import { adjacentSemesters, parseSemester } from "@/lib/reporting/rules";

export const metadata: Metadata = { title: "Rapport semestriel des commandes" };

const PAGE_SIZE = 50;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SemesterReportPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor("/pilotage/rapports/semestriel");
  // DINUM only: anyone else gets the 404 page.
  await orNotFound(getReportingSettings({ actor }));
  const sp = await searchParams;
  const asked = param(sp.semestre);
  let report: SemesterReport | null = null;
  let refusal: AppError | null = null;
  try {
    report = await getSemesterReport({ actor, semester: asked });
  } catch (e) {
    if (isAppError(e) && e.code === "VALIDATION") refusal = e;
    else throw e;
  }
  const key = report?.semester.key ?? asked;
  const adjacent = report ? adjacentSemesters(report.semester.key) : null;
  const label = (k: string) => {
    const p = parseSemester(k);
    return p.ok ? p.value.label : k;
  };
  const page = pageFromParams(sp.page);
  const pageCount = report ? Math.max(1, Math.ceil(report.table.rows.length / PAGE_SIZE)) : 1;

  return (
    <>
      <Breadcrumb
        currentPageLabel="Rapport semestriel"
        segments={[{ label: "Pilotage", linkProps: { href: "/pilotage" } }]}
      />
      <h1>Rapport semestriel des commandes{report ? ` – ${report.semester.label}` : ""}</h1>
      <p>
        Chaque bon de commande émis pendant le semestre, ou émis avant et en cours pendant le semestre : son
        numéro, sa date, le bénéficiaire, le titulaire, le produit, ses montants hors taxes et toutes taxes
        comprises, le détail des unités d'œuvre, les services faits, les factures et les paiements enregistrés
        jusqu'au dernier jour du semestre.
      </p>
      <PeriodPicker
        action="/pilotage/rapports/semestriel"
        name="semestre"
        label="Semestre"
        hint="AAAA-S1 (janvier à juin) ou AAAA-S2 (juillet à décembre), par exemple 2026-S2."
        value={key}
        error={refusal?.fieldErrors.semestre?.join(" ")}
        previous={
          adjacent
            ? {
                href: `?semestre=${adjacent.previous}`,
                label: `Semestre précédent : ${label(adjacent.previous)}`,
              }
            : undefined
        }
        next={
          adjacent
            ? { href: `?semestre=${adjacent.next}`, label: `Semestre suivant : ${label(adjacent.next)}` }
            : undefined
        }
      />
      {refusal && (
        <div className="fr-mb-3w">
          <Alert severity="error" small description={refusal.message} />
        </div>
      )}
      {report && (
        <>
          <ul>
            <li>
              {report.summary.count} bon{report.summary.count > 1 ? "s" : ""} de commande, pour{" "}
              {formatEuros(report.summary.totalHtCents)} HT ({formatEuros(report.summary.totalTtcCents)} TTC),
              dont {formatEuros(report.summary.committedHtCents)} HT engagés aujourd'hui ;
            </li>
            <li>service fait certifié : {formatEuros(report.summary.certifiedHtCents)} HT ;</li>
            <li>
              facturé : {formatEuros(report.summary.invoicedHtCents)} HT, dont{" "}
              {formatEuros(report.summary.paidHtCents)} HT payés.
            </li>
          </ul>
          <ReportDownloads
            what="le rapport"
            href={(format) =>
              `/pilotage/rapports/semestriel/export?format=${format}&semestre=${report.semester.key}`
            }
          />
          <ReportTable
            table={report.table}
            caption={`Bons de commande – ${report.semester.label} (${report.table.rows.length})${pageCount > 1 ? ` – page ${Math.min(page, pageCount)} sur ${pageCount}` : ""}`}
            page={Math.min(page, pageCount)}
            pageSize={PAGE_SIZE}
            empty="Aucun bon de commande sur ce semestre."
          />
          <PaginationNav
            page={Math.min(page, pageCount)}
            pageCount={pageCount}
            basePath="/pilotage/rapports/semestriel"
            params={{ semestre: report.semester.key }}
          />
        </>
      )}
    </>
  );
}
