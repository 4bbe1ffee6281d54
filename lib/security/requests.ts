// Requests refused before any page or action runs (proxy.ts), each with a French message:
//  - a state-changing request (POST, PUT, PATCH, DELETE) must come from the portal's own
//    origin: a cross-site `Origin`, `Origin: null` (sandboxed frames, some redirects) or no
//    Origin at all is refused — server actions are public POST endpoints, and this is the
//    CSRF barrier in front of them (Next's own check only compares with the Host header);
//  - a body larger than the limit is refused before it is read.
// Pure: proxy.ts gives it what it knows.

export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export type RequestFacts = {
  method: string;
  origin: string | null;
  /** The portal's public origin (NEXTAUTH_URL), or the request's own origin in development. */
  expectedOrigin: string;
  contentLength: string | null;
};

export type Refusal = { status: 403 | 413 | 400; message: string };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function refuseRequest({
  method,
  origin,
  expectedOrigin,
  contentLength,
}: RequestFacts): Refusal | null {
  if (contentLength !== null) {
    if (!/^\d{1,15}$/.test(contentLength)) {
      return { status: 400, message: "Requête invalide : taille du contenu illisible." };
    }
    if (Number(contentLength) > MAX_BODY_BYTES) {
      return {
        status: 413,
        message: `Le contenu envoyé est trop volumineux (plus de ${MAX_BODY_BYTES / 1024 / 1024} Mo). Rien n'a été enregistré.`,
      };
    }
  }
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  if (origin === null || origin !== expectedOrigin) {
    return {
      status: 403,
      message:
        "Cette action doit être envoyée depuis le portail lui-même : la demande venait d'un autre site et a été refusée. Rien n'a été enregistré.",
    };
  }
  return null;
}
