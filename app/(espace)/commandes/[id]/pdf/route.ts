// The purchase order as a PDF download. Same access as the order page (getOrderPdfData
// checks it from the record); an order the person may not see, or a draft, answers 404.
import { handleDownload } from "@/lib/exports/route";
import { renderPurchaseOrderPdf } from "@/lib/orders/pdf";
import { getOrderPdfData } from "@/lib/orders/queries";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// handleDownload: sign-in for the signed out, 404 for a refusal (audited), access log.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleDownload(request, `/commandes/${id}`, async ({ actor }) => {
    const data = await getOrderPdfData({ actor, id });
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
  });
}
