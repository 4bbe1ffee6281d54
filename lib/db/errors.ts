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
