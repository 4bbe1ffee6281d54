// The procès-verbal de service fait as a PDF download. Same access as the order page
// (getServiceFaitPdfData checks it from the record): another organisation's record, or a
// record of another order through this URL, answers 404.
import { handleDownload } from "@/lib/exports/route";
import { renderServiceFaitPdf } from "@/lib/service-fait/pdf";
import { getServiceFaitPdfData } from "@/lib/service-fait/queries";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// handleDownload: sign-in for the signed out, 404 for a refusal (audited), access log.
export async function GET(request: Request, { params }: { params: Promise<{ id: string; sfId: string }> }) {
  const { id, sfId } = await params;
  return handleDownload(request, `/commandes/${id}/service-fait/${sfId}`, async ({ actor }) => {
    const data = await getServiceFaitPdfData({ actor, orderId: id, sfId });
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
  });
}
