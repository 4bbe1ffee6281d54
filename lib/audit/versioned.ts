import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { type AppError, staleVersion } from "@/lib/errors";
import { recordAudit } from "./mutations";

/**
 * The optimistic-lock update every editable record goes through, inside the caller's
 * transaction: read the row as it was, update it only if it is still at the version the
 * form was loaded with (else "modified meanwhile"), read it again, and audit before/after.
 * `update` must filter on `{ id, version }` and increment the version.
 */
export async function updateVersioned<Row>(
  tx: Prisma.TransactionClient,
  actor: Actor,
  opts: {
    load: () => Promise<Row | null>;
    update: () => Promise<{ count: number }>;
    missing: () => AppError;
    /** Rules that depend on the stored row (throw an AppError to refuse). */
    check?: (before: Row) => void;
    audit: { action: string; entityType: string; entityId: string };
  },
): Promise<Row> {
  const before = await opts.load();
  if (!before) throw opts.missing();
  opts.check?.(before);
  const { count } = await opts.update();
  if (count === 0) throw staleVersion();
  const after = (await opts.load()) as Row;
  await recordAudit(tx, actor, { ...opts.audit, before, after });
  return after;
}
