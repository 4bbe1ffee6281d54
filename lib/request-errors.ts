// Unexpected errors while rendering a page, running a route or a server action: Next calls
// instrumentation.ts#onRequestError with them. One JSON line joins what the user sees to
// the request: the error page (app/error.tsx) shows the error's digest as the reference to
// give the support, and this line carries that digest with the request id (x-request-id,
// set by proxy.ts) and the path. A database that cannot be reached is a warning, not a bug.
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { logger } from "@/lib/logger";

type ErrorRequest = { path: string; method: string; headers: Record<string, string | string[] | undefined> };
type ErrorContext = { routePath: string; routeType: string };

export function logRequestError(error: unknown, request: ErrorRequest, context: ErrorContext): void {
  const header = request.headers["x-request-id"];
  const requestId = (Array.isArray(header) ? header[0] : header) ?? null;
  const digest =
    typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : null;
  const fields = {
    requestId,
    digest,
    method: request.method,
    // The path only: a query string may carry what people typed.
    path: request.path.split("?")[0],
    route: context.routePath,
    routeType: context.routeType,
    error,
  };
  if (isDatabaseUnavailable(error)) logger.warn("request.database_unavailable", fields);
  else logger.error("request.failed", fields);
}
