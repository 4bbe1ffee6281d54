// Downloads of the reports owed to DINUM, as CSV or XLSX: exactly the tables the report
// pages show (same queries, same access). Someone who may not see the report gets 404; a
// malformed period or format gets a 400 with a French message, never a 500.
import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { tableToCsv, tableToXlsx } from "@/lib/exports";
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

const NOT_FOUND = "Ce rapport est introuvable ou vous n'y avez pas accès.";

async function loadTable(
  report: Report,
  sp: URLSearchParams,
  actor: NonNullable<Awaited<ReturnType<typeof getActor>>>,
): Promise<Table | Response> {
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

export async function GET(request: Request, { params }: { params: Promise<{ report: string }> }) {
  const { report } = await params;
  const url = new URL(request.url);
  const actor = await getActor();
  if (!actor) {
    const signIn = new URL("/connexion", request.url);
    signIn.searchParams.set("callbackUrl", `/pilotage/rapports/${encodeURIComponent(report)}`);
    return NextResponse.redirect(signIn, 302);
  }
  if (!(REPORTS as readonly string[]).includes(report)) return text(404, NOT_FOUND);
  const format = url.searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "xlsx") return text(400, "Format inconnu : choisissez csv ou xlsx.");

  let table: Table;
  try {
    const loaded = await loadTable(report as Report, url.searchParams, actor);
    if (loaded instanceof Response) return loaded;
    table = loaded;
  } catch (e) {
    if (isAppError(e) && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) return text(404, NOT_FOUND);
    if (isAppError(e) && e.code === "VALIDATION") return text(400, e.message);
    throw e;
  }
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
