// Reads the PostgreSQL error behind a Prisma error (driver adapters put it in
// meta.driverAdapterError.cause), so the data layer can turn expected database refusals
// (unique violation, trigger, serialization failure) into clear French messages.

export type PgError = { code: string; message: string; constraint?: string };

export function pgErrorOf(e: unknown): PgError | null {
  // biome-ignore lint/suspicious/noExplicitAny: walking an untyped error shape.
  const err = e as any;
  const cause = err?.meta?.driverAdapterError?.cause ?? err?.cause;
  if (cause && typeof cause.code === "string" && cause.kind === "postgres") {
    return { code: cause.code, message: String(cause.message ?? ""), constraint: cause.constraint };
  }
  // Prisma's own unique-constraint error (P2002) when it raises it itself.
  if (err?.code === "P2002") return { code: "23505", message: String(err.message ?? "") };
  return null;
}

export const PG_UNIQUE_VIOLATION = "23505";
export const PG_CHECK_VIOLATION = "23514";
export const PG_RAISED = "P0001";
export const PG_SERIALIZATION_FAILURE = "40001";
export const PG_DEADLOCK = "40P01";

export function isUniqueViolation(e: unknown): boolean {
  return pgErrorOf(e)?.code === PG_UNIQUE_VIOLATION;
}

// Errors that mean "the database cannot be reached right now" (restart, lost connection,
// outage, every connection busy), as opposed to a refusal of the request itself. A request
// that meets one is worth retrying: the user gets "service momentanément indisponible".
const UNAVAILABLE_PRISMA_CODES = new Set([
  "P1001", // can't reach database server
  "P1002", // database server timed out
  "P1008", // operation timed out
  "P1017", // server has closed the connection
  "P2024", // timed out fetching a connection from the pool
  "P2028", // transaction could not start (or expired) in time
  "P2037", // too many database connections
]);
const UNAVAILABLE_ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
const UNAVAILABLE_SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
/**
 * PostgreSQL's own: class 08 (connection exception), 57P01–57P03 (administrator or crash
 * shutdown, server starting up or shutting down), 53300 (too many connections).
 */
function isUnavailableSqlState(code: string): boolean {
  return (
    code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03" || code === "53300"
  );
}
/** pg's own errors, which carry no code. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|Client was closed|Connection à la base de données perdue|Can't reach database server|Server has closed the connection/i;

export function isDatabaseUnavailable(e: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [e];
  while (queue.length) {
    // biome-ignore lint/suspicious/noExplicitAny: walking an untyped error shape.
    const err = queue.shift() as any;
    if (!err || typeof err !== "object" || seen.has(err) || seen.size > 10) continue;
    seen.add(err);
    if (err.name === "PrismaClientInitializationError") return true;
    if (typeof err.code === "string") {
      if (UNAVAILABLE_PRISMA_CODES.has(err.code) || UNAVAILABLE_SOCKET_CODES.has(err.code)) return true;
      if (err.code.length === 5 && isUnavailableSqlState(err.code)) return true;
    }
    if (typeof err.kind === "string" && UNAVAILABLE_ADAPTER_KINDS.has(err.kind)) return true;
    if (typeof err.originalCode === "string" && isUnavailableSqlState(err.originalCode)) return true;
    if (typeof err.message === "string" && UNAVAILABLE_MESSAGES.test(err.message)) return true;
    queue.push(err.cause, err.meta?.driverAdapterError);
    // AggregateError (e.g. a connection refused on both IPv4 and IPv6).
    if (Array.isArray(err.errors)) queue.push(...err.errors);
  }
  return false;
}
