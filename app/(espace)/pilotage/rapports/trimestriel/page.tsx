import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { Metadata } from "next";
import { PeriodPicker } from "@/components/reporting/PeriodPicker";
import { ReportDownloads } from "@/components/reporting/ReportDownloads";
import { ReportTable } from "@/components/reporting/ReportTable";
import { PaginationNav } from "@/components/ui/PaginationNav";
import { can } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";
import { formatDate } from "@/lib/dates";
import { type AppError, isAppError } from "@/lib/errors";
import { orNotFound, param } from "@/lib/pages";
import { pageFromParams } from "@/lib/pagination";
import { getQuarterlyReport, listDashboardOptions, type QuarterlyTableKey } from "@/lib/reporting/queries";
import { adjacentQuarters, parseQuarter } from "@/lib/reporting/rules";

export const metadata: Metadata = { title: "Rapport trimestriel du titulaire" };

const PAGE_SIZE = 50;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function QuarterlyReportPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor("/pilotage/rapports/trimestriel");
  const sp = await searchParams;
  const asked = param(sp.trimestre);
  const askedContractor = param(sp.titulaire);
  const isDinum = can(actor, "reporting:read");
  let result: Awaited<ReturnType<typeof getQuarterlyReport>> | null = null;
  let refusal: AppError | null = null;
  try {
    // Someone who may not see the report asked for (another company's, or not a contractor
    // nor DINUM) gets the 404 page.
    result = await orNotFound(
      getQuarterlyReport({ actor, quarter: asked, contractorId: askedContractor || null }),
    );
  } catch (e) {
    if (isAppError(e) && e.code === "VALIDATION") refusal = e;
    else throw e;
  }
  const contractors = isDinum ? (await listDashboardOptions({ actor })).contractors : [];
  const report = result && "tables" in result ? result : null;
  const quarter = result?.quarter ?? null;
  const key = quarter?.key ?? asked;
  const adjacent = quarter ? adjacentQuarters(quarter.key) : null;
  const label = (k: string) => {
    const p = parseQuarter(k);
    return p.ok ? p.value.label : k;
  };
  const carry = isDinum && askedContractor ? `&titulaire=${encodeURIComponent(askedContractor)}` : "";
  const page = pageFromParams(sp.page);
  const orders = report?.tables.commandes;
  const pageCount = orders ? Math.max(1, Math.ceil(orders.rows.length / PAGE_SIZE)) : 1;
  const exportHref = (table: QuarterlyTableKey) => (format: "csv" | "xlsx") =>
    report
      ? `/pilotage/rapports/trimestriel/export?format=${format}&tableau=${table}&trimestre=${report.quarter.key}${isDinum ? `&titulaire=${report.contractor.id}` : ""}`
      : "#";

  return (
    <>
      {isDinum && (
        <Breadcrumb
          currentPageLabel="Rapport trimestriel"
          segments={[{ label: "Pilotage", linkProps: { href: "/pilotage" } }]}
        />
      )}
      <h1>
        Rapport trimestriel{report ? ` de ${report.contractor.name}` : " du titulaire"}
        {quarter ? ` – ${quarter.label}` : ""}
      </h1>
      <p>
        Ce que chaque titulaire rend compte à la DINUM chaque trimestre : les profils fournis et les jours
        validés par profil, le statut de chaque commande et celles qui attendent l'accusé de réception, et les
        délais moyens (de l'émission à l'accusé de réception, de l'émission au premier jour déclaré, du
        service fait au paiement).
      </p>
      <PeriodPicker
        action="/pilotage/rapports/trimestriel"
        name="trimestre"
        label="Trimestre"
        hint="AAAA-T1 à AAAA-T4, par exemple 2026-T4."
        value={key}
        error={refusal?.fieldErrors.trimestre?.join(" ")}
        previous={
          adjacent
            ? {
                href: `?trimestre=${adjacent.previous}${carry}`,
                label: `Trimestre précédent : ${label(adjacent.previous)}`,
              }
            : undefined
        }
        next={
          adjacent
            ? {
                href: `?trimestre=${adjacent.next}${carry}`,
                label: `Trimestre suivant : ${label(adjacent.next)}`,
              }
            : undefined
        }
      >
        {isDinum && (
          <div className="fr-col-12 fr-col-md-5">
            <Select
              label="Titulaire"
              nativeSelectProps={{ name: "titulaire", defaultValue: askedContractor, required: true }}
              {...(refusal?.fieldErrors.titulaire
                ? { state: "error" as const, stateRelatedMessage: refusal.fieldErrors.titulaire.join(" ") }
                : {})}
            >
              <option value="" disabled>
                Choisir un titulaire
              </option>
              {contractors.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </Select>
          </div>
        )}
      </PeriodPicker>
      {refusal && (
        <div className="fr-mb-3w">
          <Alert severity="error" small description={refusal.message} />
        </div>
      )}
      {result && !report && <p>Choisissez un titulaire pour afficher son rapport.</p>}
      {report && orders && (
        <>
          <section aria-labelledby="synthese">
            <h2 id="synthese">Synthèse</h2>
            <ReportDownloads what="la synthèse" href={exportHref("synthese")} />
            <ReportTable
              table={report.tables.synthese}
              caption={`Synthèse – ${report.quarter.label} (état des accusés de réception au ${formatDate(report.asOf)})`}
            />
          </section>
          <section aria-labelledby="profils" className="fr-mt-6w">
            <h2 id="profils">Profils fournis</h2>
            <p>Jours validés sur les comptes rendus des mois du trimestre, par profil (unité d'œuvre).</p>
            <ReportDownloads what="les profils" href={exportHref("profils")} />
            <ReportTable
              table={report.tables.profils}
              caption={`Profils et jours validés – ${report.quarter.label}`}
              empty="Aucun jour validé sur ce trimestre."
            />
          </section>
          <section aria-labelledby="commandes" className="fr-mt-6w">
            <h2 id="commandes">Commandes</h2>
            <p>
              Les bons de commande émis au plus tard le dernier jour du trimestre et ni annulés ni clôturés
              avant son début.
            </p>
            <ReportDownloads what="les commandes" href={exportHref("commandes")} />
            <ReportTable
              table={orders}
              caption={`Commandes – ${report.quarter.label} (${orders.rows.length})${pageCount > 1 ? ` – page ${Math.min(page, pageCount)} sur ${pageCount}` : ""}`}
              page={Math.min(page, pageCount)}
              pageSize={PAGE_SIZE}
              empty="Aucune commande sur ce trimestre."
            />
            <PaginationNav
              page={Math.min(page, pageCount)}
              pageCount={pageCount}
              basePath="/pilotage/rapports/trimestriel"
              params={{
                trimestre: report.quarter.key,
                titulaire: isDinum ? report.contractor.id : undefined,
              }}
            />
          </section>
        </>
      )}
    </>
  );
}
