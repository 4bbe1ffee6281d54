// The outbox of e-mail notifications (model Notification).
//
// A mutation calls enqueueNotifications() with its transaction client, so a mail exists if
// and only if the change it announces commits; right after the transaction returns it calls
// notifyAfterCommit(), which delivers in the background. Delivery is at least once, never
// twice on purpose: each row is sent inside a short transaction that holds its row lock
// (SELECT … FOR UPDATE SKIP LOCKED) until the row is marked, so two deliveries running at
// the same time — two requests, two servers — never pick the same row. Only a crash between
// the relay's acceptance and the commit can send a mail again.
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";
import { MailNotConfiguredError, sendMail } from "@/lib/mail";

/** After this many failed attempts a notification is FAILED and no longer retried. */
export const MAX_ATTEMPTS = 5;
/** Delay before retrying after a failed delivery (the relay may be back by then). */
const RETRY_DELAY_MS = 60_000;

export type NotificationInput = {
  toEmail: string;
  subject: string;
  text: string;
  /** What the mail is about, e.g. "PurchaseOrder" and its id (to find its mails again). */
  entityType: string;
  entityId: string;
};

/**
 * Queues mails in the caller's transaction. The same mail to the same address is queued once
 * (a person can be a correspondent twice over).
 */
export async function enqueueNotifications(
  tx: Prisma.TransactionClient,
  items: NotificationInput[],
): Promise<number> {
  const seen = new Set<string>();
  const data = items.filter((item) => {
    const key = JSON.stringify([item.toEmail.trim().toLowerCase(), item.subject, item.text]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (data.length === 0) return 0;
  const { count } = await tx.notification.createMany({
    data: data.map((item) => ({
      toEmail: item.toEmail.trim(),
      subject: item.subject,
      text: item.text,
      entityType: item.entityType,
      entityId: item.entityId,
    })),
  });
  return count;
}

type PendingRow = { id: string; toEmail: string; subject: string; text: string; attempts: number };
type Outcome = { id: string; sent: boolean; relayDown: boolean };

/** Errors of the relay itself rather than of one mail: the next mails would fail too. */
function isRelayDown(error: unknown) {
  if (error instanceof MailNotConfiguredError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return ["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "EAUTH", "ETLS"].includes(String(code));
}

function describeError(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 1000);
}

/** Sends the oldest pending mail nobody else is sending; null when none is left. */
async function deliverOne(excluded: string[]): Promise<Outcome | null> {
  const db = await getDb();
  return db.$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<PendingRow[]>`
        SELECT "id", "toEmail", "subject", "text", "attempts" FROM "Notification"
        WHERE "status" = 'PENDING' AND "attempts" < ${MAX_ATTEMPTS}
          AND "id" <> ALL(${excluded}::uuid[])
        ORDER BY "createdAt", "id"
        LIMIT 1
        FOR UPDATE SKIP LOCKED`;
      if (!row) return null;
      const attempts = row.attempts + 1;
      try {
        await sendMail({ to: row.toEmail, subject: row.subject, text: row.text });
      } catch (error) {
        const failed = attempts >= MAX_ATTEMPTS;
        await tx.notification.update({
          where: { id: row.id },
          data: { attempts, lastError: describeError(error), status: failed ? "FAILED" : "PENDING" },
        });
        (failed ? logger.error : logger.warn)(failed ? "notification.failed" : "notification.retry_later", {
          notificationId: row.id,
          attempts,
          error,
        });
        return { id: row.id, sent: false, relayDown: isRelayDown(error) };
      }
      await tx.notification.update({
        where: { id: row.id },
        data: { attempts, status: "SENT", sentAt: new Date(), lastError: null },
      });
      return { id: row.id, sent: true, relayDown: false };
    },
    // The transaction lasts as long as one SMTP exchange (bounded in lib/mail).
    { maxWait: 10_000, timeout: 60_000 },
  );
}

export type DeliveryReport = {
  sent: number;
  /** Attempts that failed (recorded on the notification). */
  failed: number;
  /** `limit` mails were tried: more may be pending. */
  limitReached: boolean;
  /** The delivery itself failed (database unreachable…); logged. */
  errored: boolean;
};

/**
 * Sends up to `limit` pending mails, oldest first, one attempt each; stops early when the
 * relay is down. Never throws: failures are logged and recorded on the notification
 * (attempts, lastError).
 */
export async function deliverPendingNotifications({
  limit = 50,
}: {
  limit?: number;
} = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, limitReached: false, errored: false };
  const tried: string[] = [];
  try {
    while (tried.length < limit) {
      const outcome = await deliverOne(tried);
      if (!outcome) return report;
      tried.push(outcome.id);
      if (outcome.sent) report.sent++;
      else report.failed++;
      if (outcome.relayDown) return report;
    }
    report.limitReached = true;
  } catch (error) {
    report.errored = true;
    logger.error("notification.delivery_error", { error });
  }
  return report;
}

type DeliveryState = { running: boolean; again: boolean; retry?: ReturnType<typeof setTimeout> };
const g = globalThis as unknown as { __commandesNotifications?: DeliveryState };

/**
 * Starts delivering in the background; call it right after a transaction that queued mails
 * has returned. Calls made while a delivery runs are folded into one more round; after a
 * failure another round is scheduled a minute later. Never throws, never awaited.
 */
export function notifyAfterCommit(): void {
  g.__commandesNotifications ??= { running: false, again: false };
  const state = g.__commandesNotifications;
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = true;
  void (async () => {
    try {
      do {
        state.again = false;
        const report = await deliverPendingNotifications();
        if ((report.failed > 0 || report.errored) && !state.retry) {
          state.retry = setTimeout(() => {
            state.retry = undefined;
            notifyAfterCommit();
          }, RETRY_DELAY_MS);
          // A pending retry must not keep a script or a test process alive.
          state.retry.unref?.();
        } else if (report.limitReached && report.failed === 0) {
          state.again = true;
        }
      } while (state.again);
    } finally {
      state.running = false;
    }
  })().catch((error) => logger.error("notification.delivery_error", { error }));
}
