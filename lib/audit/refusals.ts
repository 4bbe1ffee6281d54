// Refused accesses are audited. The data layer refuses with an AppError — FORBIDDEN (the
// role lacks the capability) or NOT_FOUND (the record is outside the person's scope, or does
// not exist: the two are indistinguishable on purpose, and probing unknown ids is worth
// recording too). The entry points turn that error into an answer, and that is where the
// refusal is audited, once, for every caller:
//   - server actions: `formAction` (lib/actions.ts);
//   - pages: `orNotFound` and `refusePage` (lib/pages.ts), once per page request;
//   - downloads: `handleDownload` (lib/exports/route.ts).
// The refused transaction has rolled back (or never started), so the "access.refused" event
// is written in its own short transaction, right after.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { type AppError, isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { recordAudit } from "./mutations";
import { REFUSAL_ACTION, REFUSAL_ENTITY_TYPE } from "./rules";

export { REFUSAL_ACTION, REFUSAL_ENTITY_TYPE };

export type Attempt = {
  /** What was attempted: a data function's name, or "POST /path" / "GET /path". */
  operation: string;
  /** The record aimed at, when known (form field `id`, id in the path); else the operation. */
  entityId?: string;
};

export function isRefusal(e: unknown): e is AppError {
  return isAppError(e) && (e.code === "FORBIDDEN" || e.code === "NOT_FOUND");
}

/** Writes one "access.refused" event. Never throws: the refusal stands even if this fails. */
export async function recordRefusal(actor: Actor, error: AppError, attempt: Attempt): Promise<void> {
  try {
    const db = await getDb();
    await db.$transaction((tx) =>
      recordAudit(tx, actor, {
        action: REFUSAL_ACTION,
        entityType: REFUSAL_ENTITY_TYPE,
        entityId: (attempt.entityId || attempt.operation).slice(0, 200),
        after: { reason: error.code, operation: attempt.operation },
      }),
    );
  } catch (e) {
    logger.error("audit.refusal_not_recorded", { requestId: actor.requestId, error: e });
  }
}

/** Runs a data-layer call; if it refuses, audits the refusal, then rethrows the error. */
export async function auditingRefusals<T>(actor: Actor, attempt: Attempt, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isRefusal(e)) await recordRefusal(actor, e, attempt);
    throw e;
  }
}
