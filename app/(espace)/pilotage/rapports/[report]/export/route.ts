// Downloads of the reports owed to DINUM, as CSV or XLSX: exactly the tables the report
// pages show (same queries, same access). Someone who may not see the report gets 404; a
// malformed period or format gets a 400 with a French message, never a 500.
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { tableToCsv, tableToXlsx } from "@/lib/exports";
import { handleDownload } from "@/lib/exports/route";
import type { Table } from "@/lib/exports/table";
import { getQuarterlyReport, getSemesterReport, QUARTERLY_TABLES } from "@/lib/reporting/queries";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const REPORTS = ["semestriel", "trimestriel"] as const;
type Report = (typeof REPORTS)[number];

const text = (status: number, message: string) =>
  new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

async function loadTable(report: Report, sp: URLSearchParams, actor: Actor): Promise<Table | Response> {
  if (report === "semestriel") {
    return (await getSemesterReport({ actor, semester: sp.get("semestre") ?? "" })).table;
  }
  const which = sp.get("tableau") || "commandes";
  if (!(QUARTERLY_TABLES as readonly string[]).includes(which)) {
    return text(400, `Tableau inconnu : choisissez ${QUARTERLY_TABLES.join(", ")}.`);
  }
  const result = await getQuarterlyReport({
    actor,
    quarter: sp.get("trimestre") ?? "",
    contractorId: sp.get("titulaire") || null,
  });
  if (!("tables" in result)) return text(400, "Choisissez le titulaire du rapport trimestriel.");
  return result.tables[which as (typeof QUARTERLY_TABLES)[number]];
}

// handleDownload: sign-in for the signed out, 404 for a refusal (audited), 400 for a
// malformed period, access log.
export async function GET(request: Request, { params }: { params: Promise<{ report: string }> }) {
  const { report } = await params;
  return handleDownload(
    request,
    `/pilotage/rapports/${encodeURIComponent(report)}`,
    ({ actor, params: sp }) => download(report, sp, actor),
  );
}

async function download(report: string, sp: URLSearchParams, actor: Actor): Promise<Response> {
  if (!(REPORTS as readonly string[]).includes(report)) throw notFound("Ce rapport");
  const format = sp.get("format") ?? "csv";
  if (format !== "csv" && format !== "xlsx") return text(400, "Format inconnu : choisissez csv ou xlsx.");
  const loaded = await loadTable(report as Report, sp, actor);
  if (loaded instanceof Response) return loaded;
  const table = loaded;
  // Only [A-Za-z0-9-] in the file name: nothing can break out of the header.
  const fileName = table.name.replace(/[^A-Za-z0-9-]/g, "") || "rapport";
  const headers = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": `attachment; filename="${fileName}.${format}"`,
  };
  if (format === "csv") {
    return new Response(tableToCsv(table), {
      headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" },
    });
  }
  const xlsx = await tableToXlsx(table);
  return new Response(new Uint8Array(xlsx), {
    headers: {
      ...headers,
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    },
  });
}
