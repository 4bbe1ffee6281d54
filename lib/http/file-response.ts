// A generated file (the order PDF…) sent only once it is whole: it is produced entirely in
// memory first, checked complete, then sent with its exact Content-Length. If producing it
// fails — an error mid-document, a truncated result, the database gone — the answer is a
// French text page with the request id (also in the log line), never a partial file.
// Nothing is written to disk or to the database on either path.
import "server-only";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { logger } from "@/lib/logger";

export type FileOptions = {
  contentType: string;
  /** Only [A-Za-z0-9.-] are kept: nothing can break out of the header. */
  fileName: string;
  requestId: string | null;
  /** Log event on failure, e.g. "order_pdf.failed". */
  event: string;
  /** Checks the produced bytes are a whole file (see isCompletePdf). */
  isComplete?: (bytes: Uint8Array) => boolean;
};

export function plainTextResponse(status: number, message: string, requestId?: string | null): Response {
  return new Response(message, {
    status,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      ...(requestId ? { "X-Request-Id": requestId } : {}),
    },
  });
}

/** The answer when a download cannot be produced: 503 (retry later) or 500, in French. */
export function downloadFailure(error: unknown, requestId: string | null, event: string): Response {
  const reference = `Référence à indiquer au support : ${requestId ?? "inconnue"}.`;
  if (isDatabaseUnavailable(error)) {
    logger.warn(`${event}.database_unavailable`, { requestId, error });
    return plainTextResponse(
      503,
      `Le service est momentanément indisponible : le fichier n'a pas pu être produit. Réessayez dans quelques instants.\n${reference}\n`,
      requestId,
    );
  }
  logger.error(event, { requestId, error });
  return plainTextResponse(
    500,
    `Le fichier n'a pas pu être produit à cause d'une erreur inattendue. Réessayez ; si le problème persiste, contactez le support.\n${reference}\n`,
    requestId,
  );
}

export async function fileResponse(
  produce: () => Promise<Uint8Array>,
  options: FileOptions,
): Promise<Response> {
  let bytes: Uint8Array;
  try {
    bytes = await produce();
    if (options.isComplete && !options.isComplete(bytes)) {
      throw new Error(`Fichier incomplet (${bytes.byteLength} octets) : il n'est pas envoyé.`);
    }
  } catch (e) {
    return downloadFailure(e, options.requestId, options.event);
  }
  const fileName = options.fileName.replace(/[^A-Za-z0-9.-]/g, "") || "fichier";
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": options.contentType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** A PDF starts with "%PDF-" and its last non-blank line is "%%EOF". */
export function isCompletePdf(bytes: Uint8Array): boolean {
  if (bytes.byteLength < 16) return false;
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 5));
  const tail = new TextDecoder("latin1").decode(bytes.subarray(Math.max(0, bytes.byteLength - 32)));
  return head === "%PDF-" && /%%EOF\s*$/.test(tail);
}
