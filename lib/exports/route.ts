// One GET handler for every CSV/XLSX download of a list: the session decides who asks (read
// from the database on each request), the Table builder reads through the domain's scoped
// queries, and errors become plain French answers — never a 500 for expected cases:
//   - signed out        → sign-in, then back to the list page;
//   - no access         → the "accès refusé" page;
//   - not allowed       → 404 (the list's existence is not revealed);
//   - bad filters/format → 400 with the reason.
//
// A route file is then five lines, e.g. app/(espace)/commandes/export/route.ts:
//   import { exportRoute } from "@/lib/exports/route";
//   import { ordersTable } from "@/lib/exports/tables";
//   export const dynamic = "force-dynamic";
//   export const GET = exportRoute({ page: "/commandes", load: ordersTable });
import "server-only";
import { NextResponse } from "next/server";
import { getSessionState } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { type ExportFormat, exportResponse, isExportFormat } from "./index";
import type { Table } from "./table";
import type { ExportContext } from "./tables";

export function textResponse(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * Resolves the actor or answers for the signed-out and refused, then maps the expected
 * errors of `produce`. Shared by the table exports and other downloads (zip of cards).
 */
export async function handleDownload(
  request: Request,
  page: string,
  produce: (ctx: ExportContext) => Promise<Response>,
): Promise<Response> {
  const url = new URL(request.url);
  const state = await getSessionState();
  if (state.kind === "no-access") return NextResponse.redirect(new URL("/acces-refuse", url), 302);
  if (state.kind !== "signed-in") {
    const signIn = new URL("/connexion", url);
    const back = new URLSearchParams(url.searchParams);
    back.delete("format");
    const query = back.toString();
    signIn.searchParams.set("callbackUrl", query ? `${page}?${query}` : page);
    return NextResponse.redirect(signIn, 302);
  }
  try {
    return await produce({ actor: state.actor, params: url.searchParams });
  } catch (e) {
    if (isAppError(e) && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) {
      return textResponse(404, "Cette page est introuvable ou vous n'y avez pas accès.");
    }
    if (isAppError(e) && e.code === "VALIDATION") return textResponse(400, e.message);
    throw e;
  }
}

/** GET handler of a list export: ?format=csv|xlsx plus the list page's own filters. */
export function exportRoute(opts: {
  /** The list page, where a signed-out person comes back after signing in. */
  page: string;
  load: (ctx: ExportContext) => Promise<Table>;
}) {
  return async function GET(request: Request): Promise<Response> {
    return handleDownload(request, opts.page, async (ctx) => {
      const format = ctx.params.get("format");
      if (!isExportFormat(format)) {
        return textResponse(400, "Format de fichier inconnu : choisissez « csv » ou « xlsx ».");
      }
      return exportResponse(await opts.load(ctx), format as ExportFormat);
    });
  };
}
