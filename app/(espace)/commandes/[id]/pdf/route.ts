// The purchase order as a PDF download. Same access as the order page (getOrderPdfData
// checks it from the record); an order the person may not see, or a draft, answers 404.
// Rate-limited per user and per IP (429 in French), counted before anything is read.
import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { renderPurchaseOrderPdf } from "@/lib/orders/pdf";
import { getOrderPdfData } from "@/lib/orders/queries";
import { refuseIfRateLimited } from "@/lib/security/rate-limit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const notFoundResponse = () =>
  new Response("Ce bon de commande est introuvable ou vous n'y avez pas accès.", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await getActor();
  if (!actor) {
    const url = new URL("/connexion", request.url);
    url.searchParams.set("callbackUrl", `/commandes/${id}`);
    return NextResponse.redirect(url, 302);
  }
  const limited = await refuseIfRateLimited(request, "pdf", actor.userId);
  if (limited) return limited;
  let data: Awaited<ReturnType<typeof getOrderPdfData>>;
  try {
    data = await getOrderPdfData({ actor, id });
  } catch (e) {
    if (isAppError(e) && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) return notFoundResponse();
    throw e;
  }
  const pdf = await renderPurchaseOrderPdf(data);
  // Only [A-Za-z0-9-] in the file name: nothing can break out of the header.
  const fileName = data.number.replace(/[^A-Za-z0-9-]/g, "") || "bon-de-commande";
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${fileName}.pdf"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
