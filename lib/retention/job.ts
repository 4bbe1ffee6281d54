// The retention job: purges the technical data older than ACCESS_LOG_RETENTION_MONTHS
// (12 months by default) — the access log (AccessLog) and ended sessions (UserSession rows
// expired or revoked before the cutoff). Nothing else: orders, activity reports, service
// fait records, invoices and the audit trail are kept (records of public spending, and the
// audit trail is append-only in the database anyway).
// Runs daily in the server (instrumentation.ts) and on demand with `npm run retention`.
// Idempotent, safe on several instances at once (plain DELETE … WHERE older than).
// It also logs the head of the audit chain every day ("audit.chain_head"): shipped with the
// logs, those heads are the outside anchor that reveals a chain rewritten or cut short
// (`npm run audit:verify -- --attendu <seq>:<hash>`).
import "server-only";
import { retentionCutoff } from "@/lib/access-log/rules";
import { type ChainHead, readChainHead } from "@/lib/audit/chain";
import { recordAudit } from "@/lib/audit/mutations";
import { getDb } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { logger } from "@/lib/logger";

export type RetentionReport = {
  cutoff: Date;
  months: number;
  accessLogs: number;
  sessions: number;
  chainHead: ChainHead | null;
};

export async function runRetention({
  now = new Date(),
  months = serverEnv().ACCESS_LOG_RETENTION_MONTHS,
}: {
  now?: Date;
  months?: number;
} = {}): Promise<RetentionReport> {
  const cutoff = retentionCutoff(now, months);
  const db = await getDb();
  const { accessLogs, sessions } = await db.$transaction(async (tx) => {
    const accessLogs = (await tx.accessLog.deleteMany({ where: { occurredAt: { lt: cutoff } } })).count;
    // A session ends when it expires or is revoked; both instants are at most 12 h apart
    // from its start, so "ended before the cutoff" is either one before it.
    const sessions = (
      await tx.userSession.deleteMany({
        where: { OR: [{ expiresAt: { lt: cutoff } }, { revokedAt: { lt: cutoff } }] },
      })
    ).count;
    if (accessLogs > 0 || sessions > 0) {
      await recordAudit(tx, null, {
        action: "retention.purge",
        entityType: "Retention",
        entityId: cutoff.toISOString(),
        after: { months, cutoff: cutoff.toISOString(), accessLogs, sessions },
      });
    }
    return { accessLogs, sessions };
  });
  const chainHead = await readChainHead(db);
  logger.info("retention.purged", { months, cutoff: cutoff.toISOString(), accessLogs, sessions });
  logger.info("audit.chain_head", {
    seq: chainHead?.seq.toString() ?? null,
    hash: chainHead?.hash ?? null,
    anchor: chainHead ? `${chainHead.seq}:${chainHead.hash}` : null,
  });
  return { cutoff, months, accessLogs, sessions, chainHead };
}

/** For the daily schedule: never throws (a failure is logged and retried the next day). */
export async function runRetentionSafely(): Promise<void> {
  try {
    await runRetention();
  } catch (error) {
    logger.error("retention.failed", { error });
  }
}
