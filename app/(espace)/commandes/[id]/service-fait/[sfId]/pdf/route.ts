// The procès-verbal de service fait as a PDF download. Same access as the order page
// (getServiceFaitPdfData checks it from the record): another organisation's record, or a
// record of another order through this URL, answers 404.
// handleDownload: sign-in for the signed out, rate limit, 404 for a refusal (audited), access
// log. The PDF is rendered whole in memory and checked complete before anything is sent; a
// failure answers a French text page with the request id (503 "réessayez" when the
// database cannot be reached), never a partial PDF (lib/http/file-response.ts). Nothing is
// stored: the file is produced afresh from the certified record at each download.
import { handleDownload } from "@/lib/exports/route";
import { fileResponse, isCompletePdf } from "@/lib/http/file-response";
import { renderServiceFaitPdf } from "@/lib/service-fait/pdf";
import { getServiceFaitPdfData } from "@/lib/service-fait/queries";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const EVENT = "service_fait_pdf.failed";

export async function GET(request: Request, { params }: { params: Promise<{ id: string; sfId: string }> }) {
  const { id, sfId } = await params;
  return handleDownload(
    request,
    `/commandes/${id}/service-fait/${sfId}`,
    async ({ actor }) => {
      const data = await getServiceFaitPdfData({ actor, orderId: id, sfId });
      return fileResponse(() => renderServiceFaitPdf(data), {
        contentType: "application/pdf",
        // Only [A-Za-z0-9.-] in the file name: nothing can break out of the header.
        fileName: `service-fait-${data.number.replace(/[^A-Za-z0-9-]/g, "")}.pdf`,
        requestId: request.headers.get("x-request-id"),
        event: EVENT,
        isComplete: isCompletePdf,
      });
    },
    {
      limit: "pdf",
      event: EVENT,
      notFound: "Ce procès-verbal de service fait est introuvable ou vous n'y avez pas accès.",
    },
  );
}
