// The beta.gouv.fr member and product cards of the caller's scope, as a zip of Markdown files
// in the site repository's layout (lib/exports/beta-gouv).

import { attachmentDisposition, downloadHeaders } from "@/lib/exports";
import { buildCardsZip } from "@/lib/exports/beta-gouv/cards";
import { loadBetaCardsInput } from "@/lib/exports/beta-gouv/queries";
import { handleDownload } from "@/lib/exports/route";
import { datedName } from "@/lib/exports/tables";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return handleDownload(request, "/fiches-beta", async ({ actor }) => {
    const zip = buildCardsZip(await loadBetaCardsInput({ actor }));
    return new Response(new Uint8Array(zip), {
      headers: downloadHeaders(
        "application/zip",
        attachmentDisposition(datedName("fiches-beta-gouv"), "zip"),
      ),
    });
  });
}
