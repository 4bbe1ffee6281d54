// The purchase order as a PDF download. Same access as the order page (getOrderPdfData
// checks it from the record); an order the person may not see, or a draft, answers 404.
// handleDownload: sign-in for the signed out, rate limit, 404 for a refusal (audited), access
// log. The PDF is rendered whole in memory and checked complete before anything is sent; a
// failure answers a French text page with the request id, never a partial PDF
// (lib/http/file-response.ts).
import { handleDownload } from "@/lib/exports/route";
import { fileResponse, isCompletePdf } from "@/lib/http/file-response";
import { renderPurchaseOrderPdf } from "@/lib/orders/pdf";
import { getOrderPdfData } from "@/lib/orders/queries";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const EVENT = "order_pdf.failed";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleDownload(
    request,
    `/commandes/${id}`,
    async ({ actor }) => {
      const data = await getOrderPdfData({ actor, id });
      return fileResponse(() => renderPurchaseOrderPdf(data), {
        contentType: "application/pdf",
        fileName: `${data.number.replace(/[^A-Za-z0-9-]/g, "") || "bon-de-commande"}.pdf`,
        requestId: request.headers.get("x-request-id"),
        event: EVENT,
        isComplete: isCompletePdf,
      });
    },
    {
      limit: "pdf",
      event: EVENT,
      notFound: "Ce bon de commande est introuvable ou vous n'y avez pas accès.",
    },
  );
}
