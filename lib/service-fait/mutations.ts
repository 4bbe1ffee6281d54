import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit/mutations";
import type { Actor } from "@/lib/auth/actor";
import { dateToIso, isoToDate, todayIso } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { isUniqueViolation, PG_CHECK_VIOLATION, pgErrorOf } from "@/lib/db/errors";
import { conflict, forbidden, notFound, validation } from "@/lib/errors";
import { enqueueNotifications, notifyAfterCommit } from "@/lib/notifications";
import { completeOrderIfDone } from "@/lib/orders/lifecycle";
import { serviceFaitMail } from "./notifications";
import { canCertifyServiceFait, canSeeServiceFait, isCertifiableOrder } from "./policies";
import { computeCertification } from "./queries";
import {
  DECISION_LABELS,
  decisionAmounts,
  formatMonthRange,
  formatServiceFaitNumber,
  isCertifying,
  monthEnd,
  monthPeriodErrors,
  monthStart,
} from "./rules";
import type { IssueServiceFaitInput } from "./schemas";

type Tx = Prisma.TransactionClient;

const ALREADY_CERTIFIED =
  "Ces comptes rendus viennent d'être certifiés par un autre procès-verbal : rien n'a été enregistré. Rechargez la page pour le voir.";

/** Active correspondents' e-mails of an organisation. */
async function correspondents(tx: Tx, where: { beneficiaryId?: string; contractorId?: string }) {
  const rows = await tx.membership.findMany({
    where: {
      ...where,
      active: true,
      role: where.contractorId ? "CONTRACTOR" : "BENEFICIARY",
      user: { active: true },
    },
    select: { user: { select: { email: true } } },
  });
  return [...new Set(rows.map((r) => r.user.email))];
}

/**
 * Issues a procès-verbal de service fait for an order and whole months, from the validated
 * reports of those months that no record certified yet. In ONE transaction:
 *   1. the order's row is locked (FOR UPDATE): records of one order are issued one at a
 *      time, each seeing the certifications committed before it;
 *   2. the reports, days and amounts are computed on the server (never taken from the form);
 *   3. the next gapless number is taken (counter row, rolled back with the transaction);
 *   4. the record, its lines and its reports are written — certifying=true for admission and
 *      réfaction: the partial unique index then refuses a second certification of a report,
 *      whatever happens to the lock (last line of defence under concurrency);
 *   5. certified days are added to the order lines (CHECK certifiedDays ≤ consumedDays);
 *   6. audit, mail to the contractor, and the order completes if its work is done.
 */
export async function issueServiceFait({ actor, input }: { actor: Actor; input: IssueServiceFaitInput }) {
  const db = await getDb();
  let result: { id: string; number: string; completed: boolean };
  try {
    result = await db.$transaction(async (tx) => {
      const order = await tx.purchaseOrder.findUnique({
        where: { id: input.orderId },
        select: {
          id: true,
          number: true,
          status: true,
          correctsOrderId: true,
          agreementId: true,
          beneficiaryId: true,
          contractorId: true,
          startsOn: true,
          endsOn: true,
          vatRateBp: true,
          product: { select: { name: true } },
        },
      });
      if (!order || !canSeeServiceFait(actor, order)) throw notFound("Ce bon de commande");
      if (!canCertifyServiceFait(actor, order)) throw forbidden();

      // (1) One record at a time per order. What the lock may have changed is read by the
      // NEXT statements: in READ COMMITTED a statement that waited for the lock keeps the
      // snapshot it started with, so nothing but the locked row is read here.
      const [locked] = await tx.$queryRaw<Array<{ status: string }>>`
        SELECT "status"::text AS status FROM "PurchaseOrder" WHERE "id" = ${order.id}::uuid FOR UPDATE`;
      const count = await tx.serviceFait.count({ where: { orderId: order.id } });
      if (!locked || !isCertifiableOrder({ status: locked.status, correctsOrderId: order.correctsOrderId })) {
        throw conflict(
          "Ce bon de commande ne peut pas recevoir de service fait : il doit être un bon de commande d'origine, reçu par le titulaire, en cours ou terminé.",
        );
      }
      if (count !== input.recordCount) {
        throw conflict(
          "Un procès-verbal vient d'être enregistré pour ce bon de commande (peut-être par un double envoi du formulaire) : rien n'a été refait. Rechargez la page pour le voir.",
        );
      }
      const errors = monthPeriodErrors(input, {
        startsOn: dateToIso(order.startsOn),
        endsOn: dateToIso(order.endsOn),
      });
      if (Object.keys(errors).length) {
        throw validation(Object.values(errors).flat().join(" "), errors);
      }

      // (2) What the months cover, computed here.
      const c = await computeCertification(tx, order, input);
      const decided = decisionAmounts({
        decision: input.decision,
        computedHtCents: c.computedHtCents,
        refactionHtCents: input.refactionHtCents,
        vatRateBp: order.vatRateBp,
      });
      if (!decided.ok) throw validation(decided.message, { [decided.field]: [decided.message] });
      const amounts = decided.amounts;
      const certifying = isCertifying(input.decision);

      // (3) Gapless numbering, like orders.
      const today = todayIso();
      const year = Number(today.slice(0, 4));
      const [{ last }] = (await tx.$queryRaw<Array<{ last: number }>>`
        INSERT INTO "ServiceFaitNumberCounter" ("agreementId", "year", "last")
        VALUES (${order.agreementId}::uuid, ${year}, 1)
        ON CONFLICT ("agreementId", "year") DO UPDATE SET "last" = "ServiceFaitNumberCounter"."last" + 1
        RETURNING "last"`) as [{ last: number }];
      const number = formatServiceFaitNumber(year, last);

      // (4) The record.
      const sf = await tx.serviceFait.create({
        data: {
          orderId: order.id,
          number,
          periodStart: isoToDate(monthStart(input.from)),
          periodEnd: isoToDate(monthEnd(input.to)),
          decision: input.decision,
          computedHtCents: amounts.computedHtCents,
          refactionHtCents: amounts.refactionHtCents,
          certifiedHtCents: amounts.certifiedHtCents,
          vatCents: amounts.vatCents,
          certifiedTtcCents: amounts.certifiedTtcCents,
          comment: input.comment,
          isFinal: input.isFinal,
          decidedOn: isoToDate(today),
          issuedById: actor.userId,
          signatoryName: input.signatoryName,
          lines: {
            create: c.lines.map((l) => ({
              orderLineId: l.orderLineId,
              days: l.days.toFixed(1),
              unitPriceHtCents: l.unitPriceHtCents,
              amountHtCents: l.amountHtCents,
            })),
          },
          reports: { create: c.reports.map((r) => ({ reportId: r.id, certifying })) },
        },
        select: { id: true },
      });

      // (5) Certified days on the lines.
      if (certifying) {
        for (const l of c.lines) {
          if (l.days.isZero()) continue;
          await tx.$executeRaw`
            UPDATE "OrderLine" SET "certifiedDays" = "certifiedDays" + ${l.days.toFixed(1)}::numeric
             WHERE "id" = ${l.orderLineId}::uuid`;
        }
      }

      // (6) Audit, mail, lifecycle.
      await recordAudit(tx, actor, {
        action: "serviceFait.issue",
        entityType: "ServiceFait",
        entityId: sf.id,
        after: {
          orderId: order.id,
          number,
          period: { from: input.from, to: input.to },
          decision: input.decision,
          ...amounts,
          isFinal: input.isFinal,
          signatoryName: input.signatoryName,
          comment: input.comment,
          reports: c.reports.map((r) => r.id),
          lines: c.lines.map((l) => ({
            orderLineId: l.orderLineId,
            days: l.days.toString(),
            amountHtCents: l.amountHtCents,
          })),
        },
      });
      const to = await correspondents(tx, { contractorId: order.contractorId });
      await enqueueNotifications(
        tx,
        to.map((toEmail) => ({
          toEmail,
          ...serviceFaitMail({
            orderId: order.id,
            serviceFaitId: sf.id,
            number,
            orderNumber: order.number ?? "",
            productName: order.product.name,
            period: formatMonthRange(input.from, input.to),
            decision: DECISION_LABELS[input.decision],
            certifiedHtCents: amounts.certifiedHtCents,
            certifiedTtcCents: amounts.certifiedTtcCents,
            comment: input.comment,
          }),
          entityType: "ServiceFait",
          entityId: sf.id,
        })),
      );
      const completed = certifying ? await completeOrderIfDone(tx, order.id, actor, today) : null;
      return { id: sf.id, number, completed: completed !== null };
    });
  } catch (e) {
    // The partial unique index: one of these reports was certified meanwhile.
    if (isUniqueViolation(e)) throw conflict(ALREADY_CERTIFIED);
    if (pgErrorOf(e)?.code === PG_CHECK_VIOLATION) {
      throw conflict(
        "Les jours à certifier dépassent les jours validés d'une ligne du bon de commande : rien n'a été enregistré. Contactez la DINUM.",
      );
    }
    throw e;
  }
  notifyAfterCommit();
  return result;
}
