// One GET handler for every download (CSV/XLSX of a list, zip of cards, PDF documents):
// the session decides who asks (read from the database on each request), the producer reads
// through the domain's scoped queries, and errors become plain French answers — never a 500
// for expected cases:
//   - signed out          → sign-in, then back to the page;
//   - no access           → the "accès refusé" page;
//   - too many downloads  → 429 in French (per user and per IP: lib/security/rate-limit.ts),
//                           counted before anything is read;
//   - not allowed         → 404 (the record's existence is not revealed), audited once as a
//                           refused access (lib/audit/refusals.ts);
//   - bad filters/format  → 400 with the reason;
//   - database unreachable → 503 "réessayez"; anything else → 500 in French with the request
//                           id, logged (lib/http/file-response.ts) — never a stack trace.
// Every download is written to the access log (lib/access-log).
//
// A list export's route file is then five lines, e.g. app/(espace)/commandes/export/route.ts:
//   import { exportRoute } from "@/lib/exports/route";
//   import { ordersTable } from "@/lib/exports/tables";
//   export const dynamic = "force-dynamic";
//   export const GET = exportRoute({ page: "/commandes", load: ordersTable });
import "server-only";
import { NextResponse } from "next/server";
import { logAccess, requestInfoFrom } from "@/lib/access-log/record";
import { idInPath } from "@/lib/access-log/rules";
import { auditingRefusals, isRefusal } from "@/lib/audit/refusals";
import { getSessionState } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { downloadFailure, plainTextResponse } from "@/lib/http/file-response";
import { type LimitedAction, refuseIfRateLimited } from "@/lib/security/rate-limit";
import { type ExportFormat, exportResponse, isExportFormat } from "./index";
import type { Table } from "./table";
import type { ExportContext } from "./tables";

export type DownloadOptions = {
  /** Which rate limit counts this download (default: "export"). */
  limit?: LimitedAction;
  /** The 404 text (default: a generic "introuvable ou pas d'accès"). */
  notFound?: string;
  /** Log event of a failure (default: "download.failed"). */
  event?: string;
};

/**
 * Resolves the actor or answers for the signed-out and refused, applies the rate limit, then
 * maps the expected errors of `produce`. Shared by every download route.
 */
export async function handleDownload(
  request: Request,
  page: string,
  produce: (ctx: ExportContext) => Promise<Response>,
  options: DownloadOptions = {},
): Promise<Response> {
  const url = new URL(request.url);
  const requestId = request.headers.get("x-request-id");
  const event = options.event ?? "download.failed";
  let state: Awaited<ReturnType<typeof getSessionState>>;
  try {
    state = await getSessionState();
  } catch (e) {
    return downloadFailure(e, requestId, event);
  }
  if (state.kind === "no-access") return NextResponse.redirect(new URL("/acces-refuse", url), 302);
  if (state.kind !== "signed-in") {
    const signIn = new URL("/connexion", url);
    const back = new URLSearchParams(url.searchParams);
    back.delete("format");
    const query = back.toString();
    signIn.searchParams.set("callbackUrl", query ? `${page}?${query}` : page);
    return NextResponse.redirect(signIn, 302);
  }
  // Access log (after the response); a refusal is audited once ("access.refused").
  const actor = state.actor;
  const info = requestInfoFrom(request.headers, request.url);
  let status = 500;
  logAccess(info, actor, "GET", () => status);
  try {
    const limited = await refuseIfRateLimited(request, options.limit ?? "export", actor.userId);
    if (limited) {
      status = limited.status;
      return limited;
    }
    const response = await auditingRefusals(
      actor,
      { operation: `GET ${info.path}`, entityId: idInPath(info.path) },
      () => produce({ actor, params: url.searchParams }),
    );
    status = response.status;
    return response;
  } catch (e) {
    if (isRefusal(e)) {
      status = 404;
      return plainTextResponse(
        404,
        options.notFound ?? "Cette page est introuvable ou vous n'y avez pas accès.",
        requestId,
      );
    }
    if (isAppError(e) && e.code === "VALIDATION") {
      status = 400;
      return plainTextResponse(400, e.message, requestId);
    }
    const failure = downloadFailure(e, requestId, event);
    status = failure.status;
    return failure;
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
        return plainTextResponse(400, "Format de fichier inconnu : choisissez « csv » ou « xlsx ».");
      }
      return exportResponse(await opts.load(ctx), format as ExportFormat);
    });
  };
}
