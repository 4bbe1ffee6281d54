// The procès-verbal de service fait as a PDF download. Same access as the order page
// (getServiceFaitPdfData checks it from the record): another organisation's record, or a
// record of another order through this URL, answers 404.
// The PDF is rendered whole in memory and checked complete before anything is sent; a
// failure answers a French text page with the request id (503 "réessayez" when the
// database cannot be reached), never a partial PDF (lib/http/file-response.ts). Nothing is
// stored: the file is produced afresh from the certified record at each download.
import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { downloadFailure, fileResponse, isCompletePdf, plainTextResponse } from "@/lib/http/file-response";
import { refuseIfRateLimited } from "@/lib/security/rate-limit";
import { renderServiceFaitPdf } from "@/lib/service-fait/pdf";
import { getServiceFaitPdfData } from "@/lib/service-fait/queries";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const EVENT = "service_fait_pdf.failed";

export async function GET(request: Request, { params }: { params: Promise<{ id: string; sfId: string }> }) {
  const { id, sfId } = await params;
  const requestId = request.headers.get("x-request-id");
  let data: Awaited<ReturnType<typeof getServiceFaitPdfData>>;
  try {
    const actor = await getActor();
    if (!actor) {
      const url = new URL("/connexion", request.url);
      url.searchParams.set("callbackUrl", `/commandes/${id}/service-fait/${sfId}`);
      return NextResponse.redirect(url, 302);
    }
    // Per user and per IP (429 in French), counted before anything is read.
    const limited = await refuseIfRateLimited(request, "pdf", actor.userId);
    if (limited) return limited;
    data = await getServiceFaitPdfData({ actor, orderId: id, sfId });
  } catch (e) {
    if (isAppError(e) && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) {
      return plainTextResponse(
        404,
        "Ce procès-verbal de service fait est introuvable ou vous n'y avez pas accès.",
        requestId,
      );
    }
    return downloadFailure(e, requestId, EVENT);
  }
  return fileResponse(() => renderServiceFaitPdf(data), {
    contentType: "application/pdf",
    // Only [A-Za-z0-9.-] in the file name: nothing can break out of the header.
    fileName: `service-fait-${data.number.replace(/[^A-Za-z0-9-]/g, "")}.pdf`,
    requestId,
    event: EVENT,
    isComplete: isCompletePdf,
  });
}
