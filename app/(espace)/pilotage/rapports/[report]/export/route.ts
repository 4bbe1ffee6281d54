// Downloads of the reports owed to DINUM, as CSV or XLSX: exactly the tables the report
// pages show (same queries, same access). Someone who may not see the report gets 404; a
// malformed period or format gets a 400 with a French message, never a 500.
import type { Actor } from "@/lib/auth/actor";
import { notFound, validation } from "@/lib/errors";
import { exportResponse, isExportFormat } from "@/lib/exports";
import { handleDownload } from "@/lib/exports/route";
import type { Table } from "@/lib/exports/table";
import { getQuarterlyReport, getSemesterReport, QUARTERLY_TABLES } from "@/lib/reporting/queries";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const REPORTS = ["semestriel", "trimestriel"] as const;
type Report = (typeof REPORTS)[number];

/** The report's table; a bad choice in the URL is a VALIDATION error (400 in French). */
async function loadTable(report: Report, sp: URLSearchParams, actor: Actor): Promise<Table> {
  if (report === "semestriel") {
    return (await getSemesterReport({ actor, semester: sp.get("semestre") ?? "" })).table;
  }
  const which = sp.get("tableau") || "commandes";
  if (!(QUARTERLY_TABLES as readonly string[]).includes(which)) {
    throw validation(`Tableau inconnu : choisissez ${QUARTERLY_TABLES.join(", ")}.`);
  }
  const result = await getQuarterlyReport({
    actor,
    quarter: sp.get("trimestre") ?? "",
    contractorId: sp.get("titulaire") || null,
  });
  if (!("tables" in result)) throw validation("Choisissez le titulaire du rapport trimestriel.");
  return result.tables[which as (typeof QUARTERLY_TABLES)[number]];
}

// handleDownload: sign-in for the signed out, 404 for a refusal (audited), 400 for a
// malformed period or choice, access log, rate limit.
export async function GET(request: Request, { params }: { params: Promise<{ report: string }> }) {
  const { report } = await params;
  return handleDownload(
    request,
    `/pilotage/rapports/${encodeURIComponent(report)}`,
    async ({ actor, params: sp }) => {
      if (!(REPORTS as readonly string[]).includes(report)) throw notFound("Ce rapport");
      const format = sp.get("format") ?? "csv";
      if (!isExportFormat(format)) throw validation("Format inconnu : choisissez csv ou xlsx.");
      return exportResponse(await loadTable(report as Report, sp, actor), format);
    },
  );
}
