// The procès-verbal de service fait as a PDF download. Same access as the order page
// (getServiceFaitPdfData checks it from the record): another organisation's record, or a
// record of another order through this URL, answers 404.
import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { renderServiceFaitPdf } from "@/lib/service-fait/pdf";
import { getServiceFaitPdfData } from "@/lib/service-fait/queries";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const notFoundResponse = () =>
  new Response("Ce procès-verbal de service fait est introuvable ou vous n'y avez pas accès.", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

export async function GET(request: Request, { params }: { params: Promise<{ id: string; sfId: string }> }) {
  const { id, sfId } = await params;
  const actor = await getActor();
  if (!actor) {
    const url = new URL("/connexion", request.url);
    url.searchParams.set("callbackUrl", `/commandes/${id}/service-fait/${sfId}`);
    return NextResponse.redirect(url, 302);
  }
  let data: Awaited<ReturnType<typeof getServiceFaitPdfData>>;
  try {
    data = await getServiceFaitPdfData({ actor, orderId: id, sfId });
  } catch (e) {
    if (isAppError(e) && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) return notFoundResponse();
    throw e;
  }
  const pdf = await renderServiceFaitPdf(data);
  // Only [A-Za-z0-9-] in the file name: nothing can break out of the header.
  const fileName = `service-fait-${data.number.replace(/[^A-Za-z0-9-]/g, "")}`;
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${fileName}.pdf"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
