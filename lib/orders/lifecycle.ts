import "server-only";
// Transitions that follow the work rather than a person's click (issue 4):
//   ACKNOWLEDGED → IN_PROGRESS at the start date or at the first activity report;
//   IN_PROGRESS → COMPLETED when every ordered day is certified, or when the period has
//   ended and its final service fait is pronounced.
// Each is a conditional UPDATE (so two triggers at the same moment make one transition),
// audited with the cause, and announced to both sides. `runLifecycleSweep` applies the
// date-driven ones; the server runs it at start and every hour (instrumentation.ts).
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit/mutations";
import type { Actor } from "@/lib/auth/actor";
import { isoToDate, todayIso } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";
import { enqueueNotifications, notifyAfterCommit } from "@/lib/notifications";
import { orderMail } from "./notifications";

type Tx = Prisma.TransactionClient;
export type StartCause = "start-date" | "first-report";
export type CompletionCause = "all-days-certified" | "period-ended-final-service-fait";

const CAUSE_LABELS: Record<StartCause | CompletionCause, string> = {
  "start-date": "date de début atteinte",
  "first-report": "premier compte rendu d'activité",
  "all-days-certified": "tous les jours commandés sont certifiés",
  "period-ended-final-service-fait": "période achevée et service fait final prononcé",
};

async function bothSides(tx: Tx, order: { beneficiaryId: string; contractorId: string }) {
  const rows = await tx.membership.findMany({
    where: {
      active: true,
      user: { active: true },
      OR: [
        { role: "BENEFICIARY", beneficiaryId: order.beneficiaryId },
        { role: "CONTRACTOR", contractorId: order.contractorId },
      ],
    },
    select: { user: { select: { email: true } } },
  });
  return [...new Set(rows.map((r) => r.user.email))];
}

async function announce(
  tx: Tx,
  orderId: string,
  event: "started" | "completedByWork",
  cause: StartCause | CompletionCause,
) {
  const order = await tx.purchaseOrder.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      id: true,
      number: true,
      beneficiaryId: true,
      contractorId: true,
      totalHtCents: true,
      product: { select: { name: true } },
    },
  });
  const to = await bothSides(tx, order);
  await enqueueNotifications(
    tx,
    to.map((toEmail) => ({
      toEmail,
      ...orderMail(event, {
        id: order.id,
        number: order.number ?? "",
        productName: order.product.name,
        totalHtCents: order.totalHtCents,
        reason: CAUSE_LABELS[cause],
      }),
      entityType: "PurchaseOrder",
      entityId: order.id,
    })),
  );
}

/**
 * ACKNOWLEDGED → IN_PROGRESS, inside the caller's transaction. Returns false (and changes
 * nothing) when the order is not ACKNOWLEDGED any more. `actor` is null for the sweep.
 */
export async function startOrder(tx: Tx, orderId: string, cause: StartCause, actor: Actor | null) {
  const { count } = await tx.purchaseOrder.updateMany({
    where: { id: orderId, status: "ACKNOWLEDGED", correctsOrderId: null },
    data: { status: "IN_PROGRESS", version: { increment: 1 } },
  });
  if (count === 0) return false;
  await recordAudit(tx, actor, {
    action: "order.start",
    entityType: "PurchaseOrder",
    entityId: orderId,
    before: { status: "ACKNOWLEDGED" },
    after: { status: "IN_PROGRESS", cause },
  });
  await announce(tx, orderId, "started", cause);
  return true;
}

/**
 * IN_PROGRESS → COMPLETED when the work is over, inside the caller's transaction (call it
 * after recording a service fait). Returns the cause, or null when the order goes on.
 */
export async function completeOrderIfDone(
  tx: Tx,
  orderId: string,
  actor: Actor | null,
  today: string = todayIso(),
): Promise<CompletionCause | null> {
  const [row] = await tx.$queryRaw<Array<{ all_certified: boolean; ended_final: boolean }>>`
    SELECT
      (SELECT bool_and(l."certifiedDays" >= l."orderedDays") AND sum(l."orderedDays") > 0
         FROM "OrderLine" l WHERE l."orderId" = o."id") AS all_certified,
      (o."endsOn" < ${isoToDate(today)}::date AND EXISTS (
         SELECT 1 FROM "ServiceFait" s
          WHERE s."orderId" = o."id" AND s."isFinal" AND s."decision" IN ('ADMISSION', 'REFACTION'))) AS ended_final
    FROM "PurchaseOrder" o
    WHERE o."id" = ${orderId}::uuid AND o."status" = 'IN_PROGRESS' AND o."correctsOrderId" IS NULL`;
  if (!row) return null;
  const cause: CompletionCause | null = row.all_certified
    ? "all-days-certified"
    : row.ended_final
      ? "period-ended-final-service-fait"
      : null;
  if (!cause) return null;
  const { count } = await tx.purchaseOrder.updateMany({
    where: { id: orderId, status: "IN_PROGRESS" },
    data: { status: "COMPLETED", version: { increment: 1 } },
  });
  if (count === 0) return null;
  await recordAudit(tx, actor, {
    action: "order.complete",
    entityType: "PurchaseOrder",
    entityId: orderId,
    before: { status: "IN_PROGRESS" },
    after: { status: "COMPLETED", cause },
  });
  await announce(tx, orderId, "completedByWork", cause);
  return cause;
}

export type SweepReport = { started: number; completed: number };

/**
 * Applies the date-driven transitions for `today` (Paris): starts acknowledged orders whose
 * start date has come, completes orders whose period has ended with a final service fait.
 * One short transaction per order; never throws (logged).
 */
export async function runLifecycleSweep({
  today = todayIso(),
}: {
  today?: string;
} = {}): Promise<SweepReport> {
  const report: SweepReport = { started: 0, completed: 0 };
  try {
    const db = await getDb();
    const due = await db.purchaseOrder.findMany({
      where: { status: "ACKNOWLEDGED", correctsOrderId: null, startsOn: { lte: isoToDate(today) } },
      select: { id: true },
      orderBy: { startsOn: "asc" },
    });
    for (const { id } of due) {
      if (await db.$transaction((tx) => startOrder(tx, id, "start-date", null))) report.started++;
    }
    const ended = await db.purchaseOrder.findMany({
      where: {
        status: "IN_PROGRESS",
        correctsOrderId: null,
        endsOn: { lt: isoToDate(today) },
        serviceFaits: { some: { isFinal: true, decision: { in: ["ADMISSION", "REFACTION"] } } },
      },
      select: { id: true },
    });
    for (const { id } of ended) {
      if (await db.$transaction((tx) => completeOrderIfDone(tx, id, null, today))) report.completed++;
    }
    if (report.started || report.completed) notifyAfterCommit();
  } catch (error) {
    logger.error("orders.lifecycle_sweep_failed", { error });
  }
  return report;
}
