// The purchase order as a PDF download. Same access as the order page (getOrderPdfData
// checks it from the record); an order the person may not see, or a draft, answers 404.
// The PDF is rendered whole in memory and checked complete before anything is sent; a
// failure answers a French text page with the request id, never a partial PDF
// (lib/http/file-response.ts).
// Rate-limited per user and per IP (429 in French), counted before anything is read.
import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { downloadFailure, fileResponse, isCompletePdf, plainTextResponse } from "@/lib/http/file-response";
import { renderPurchaseOrderPdf } from "@/lib/orders/pdf";
import { getOrderPdfData } from "@/lib/orders/queries";
import { refuseIfRateLimited } from "@/lib/security/rate-limit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const EVENT = "order_pdf.failed";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const requestId = request.headers.get("x-request-id");
  let data: Awaited<ReturnType<typeof getOrderPdfData>>;
  try {
    const actor = await getActor();
    if (!actor) {
      const url = new URL("/connexion", request.url);
      url.searchParams.set("callbackUrl", `/commandes/${id}`);
      return NextResponse.redirect(url, 302);
    }
    // Per user and per IP (429 in French), counted before anything is read.
    const limited = await refuseIfRateLimited(request, "pdf", actor.userId);
    if (limited) return limited;
    data = await getOrderPdfData({ actor, id });
  } catch (e) {
    if (isAppError(e) && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) {
      return plainTextResponse(
        404,
        "Ce bon de commande est introuvable ou vous n'y avez pas accès.",
        requestId,
      );
    }
    return downloadFailure(e, requestId, EVENT);
  }
  return fileResponse(() => renderPurchaseOrderPdf(data), {
    contentType: "application/pdf",
    fileName: `${data.number.replace(/[^A-Za-z0-9-]/g, "") || "bon-de-commande"}.pdf`,
    requestId,
    event: EVENT,
    isComplete: isCompletePdf,
  });
}
