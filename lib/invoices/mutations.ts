import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit/mutations";
import type { Actor } from "@/lib/auth/actor";
import { dateToIso, formatDate, isoToDate, todayIso } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { conflict, forbidden, notFound, staleVersion, validation } from "@/lib/errors";
import { enqueueNotifications, notifyAfterCommit } from "@/lib/notifications";
import { canSeeOrder } from "@/lib/orders/policies";
import { type Decision, isCertifying } from "@/lib/service-fait/rules";
import { invoiceRecordedMail, paymentRecordedMail } from "./notifications";
import { canRecordInvoice, canRecordPayment } from "./policies";
import { invoiceAmountErrors, paidOnError, paymentDelay, receivedOnError } from "./rules";
import type { RecordInvoiceInput, RecordPaymentInput } from "./schemas";

type Tx = Prisma.TransactionClient;

const DUPLICATE_NUMBER =
  "Une facture portant ce numéro Chorus Pro est déjà enregistrée pour votre société : vérifiez le numéro.";

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

const orderScopeSelect = {
  id: true,
  number: true,
  status: true,
  beneficiaryId: true,
  contractorId: true,
} satisfies Prisma.PurchaseOrderSelect;

/**
 * The contractor records an invoice it deposited on Chorus Pro, against a certifying
 * service-fait record of an order addressed to it. The record's row is locked (FOR UPDATE:
 * a read lock the immutability trigger does not mind), so two invoices recorded at the same
 * moment on one record are checked one after the other and their HT never passes what it
 * certified. A Chorus Pro number is unique per company (unique index).
 */
export async function recordInvoice({ actor, input }: { actor: Actor; input: RecordInvoiceInput }) {
  const db = await getDb();
  let created: { id: string; orderId: string; serviceFaitId: string };
  try {
    created = await db.$transaction(async (tx) => {
      const sf = await tx.serviceFait.findUnique({
        where: { id: input.serviceFaitId },
        select: { id: true, number: true, decision: true, order: { select: orderScopeSelect } },
      });
      if (!sf || !canSeeOrder(actor, sf.order)) throw notFound("Ce procès-verbal de service fait");
      if (!canRecordInvoice(actor, sf.order)) throw forbidden();
      if (!isCertifying(sf.decision as Decision)) {
        throw validation(
          "Ce procès-verbal ne certifie aucun montant (ajournement ou rejet) : aucune facture ne peut s'y rattacher.",
        );
      }
      const today = todayIso();
      const dateError = receivedOnError(input.receivedOn, today);
      if (dateError) throw validation(dateError, { receivedOn: [dateError] });

      // Lock first; sum in the NEXT statement: a statement that waited for the lock keeps
      // its starting snapshot (READ COMMITTED), so it would not see the invoice just committed.
      const [locked] = await tx.$queryRaw<Array<{ certified: bigint }>>`
        SELECT "certifiedHtCents" AS certified FROM "ServiceFait" WHERE "id" = ${sf.id}::uuid FOR UPDATE`;
      if (!locked) throw notFound("Ce procès-verbal de service fait");
      const invoiced = await tx.invoice.aggregate({
        where: { serviceFaitId: sf.id },
        _sum: { amountHtCents: true },
      });
      const errors = invoiceAmountErrors({
        amountHtCents: input.amountHtCents,
        amountTtcCents: input.amountTtcCents,
        certifiedHtCents: BigInt(locked.certified),
        alreadyInvoicedHtCents: invoiced._sum.amountHtCents ?? 0n,
      });
      if (Object.keys(errors).length) throw validation(Object.values(errors).flat().join(" "), errors);

      const duplicate = await tx.invoice.findUnique({
        where: { contractorId_number: { contractorId: sf.order.contractorId, number: input.number } },
        select: { id: true },
      });
      if (duplicate) throw validation(DUPLICATE_NUMBER, { number: [DUPLICATE_NUMBER] });

      const invoice = await tx.invoice.create({
        data: {
          serviceFaitId: sf.id,
          contractorId: sf.order.contractorId,
          number: input.number,
          receivedOn: isoToDate(input.receivedOn),
          amountHtCents: input.amountHtCents,
          amountTtcCents: input.amountTtcCents,
          recordedById: actor.userId,
        },
        select: { id: true },
      });
      await recordAudit(tx, actor, {
        action: "invoice.record",
        entityType: "Invoice",
        entityId: invoice.id,
        after: { ...input, orderId: sf.order.id, serviceFaitNumber: sf.number },
      });
      const to = await correspondents(tx, { beneficiaryId: sf.order.beneficiaryId });
      await enqueueNotifications(
        tx,
        to.map((toEmail) => ({
          toEmail,
          ...invoiceRecordedMail({
            orderId: sf.order.id,
            serviceFaitId: sf.id,
            serviceFaitNumber: sf.number,
            orderNumber: sf.order.number ?? "",
            invoiceNumber: input.number,
            amountHtCents: input.amountHtCents,
            amountTtcCents: input.amountTtcCents,
            receivedOn: input.receivedOn,
          }),
          entityType: "Invoice",
          entityId: invoice.id,
        })),
      );
      return { id: invoice.id, orderId: sf.order.id, serviceFaitId: sf.id };
    });
  } catch (e) {
    // The same number recorded at the same moment by someone else of the company.
    if (isUniqueViolation(e)) throw validation(DUPLICATE_NUMBER, { number: [DUPLICATE_NUMBER] });
    throw e;
  }
  notifyAfterCommit();
  return created;
}

/**
 * The beneficiary records the date it paid an invoice: once (a conditional UPDATE on
 * "not paid yet" and the version the form was loaded with), on or after the receipt date,
 * never in the future. The contractor is told, with the delay.
 */
export async function recordPayment({ actor, input }: { actor: Actor; input: RecordPaymentInput }) {
  const db = await getDb();
  const paid = await db.$transaction(async (tx) => {
    const invoice = await tx.invoice.findUnique({
      where: { id: input.invoiceId },
      select: {
        id: true,
        number: true,
        receivedOn: true,
        paidOn: true,
        amountHtCents: true,
        amountTtcCents: true,
        serviceFait: { select: { id: true, number: true, order: { select: orderScopeSelect } } },
      },
    });
    if (!invoice || !canSeeOrder(actor, invoice.serviceFait.order)) throw notFound("Cette facture");
    const order = invoice.serviceFait.order;
    if (!canRecordPayment(actor, order)) throw forbidden();
    if (invoice.paidOn) {
      throw conflict(
        `Le paiement de cette facture est déjà enregistré (payée le ${formatDate(invoice.paidOn)}) : il ne se modifie pas.`,
      );
    }
    const receivedOn = dateToIso(invoice.receivedOn);
    const today = todayIso();
    const dateError = paidOnError(input.paidOn, receivedOn, today);
    if (dateError) throw validation(dateError, { paidOn: [dateError] });
    const { count } = await tx.invoice.updateMany({
      where: { id: invoice.id, version: input.version, paidOn: null },
      data: {
        paidOn: isoToDate(input.paidOn),
        paymentRecordedById: actor.userId,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw staleVersion();
    const delay = paymentDelay({ receivedOn, paidOn: input.paidOn }, today);
    await recordAudit(tx, actor, {
      action: "invoice.pay",
      entityType: "Invoice",
      entityId: invoice.id,
      before: { paidOn: null },
      after: { paidOn: input.paidOn, delayDays: delay.days, late: delay.late },
    });
    const to = await correspondents(tx, { contractorId: order.contractorId });
    await enqueueNotifications(
      tx,
      to.map((toEmail) => ({
        toEmail,
        ...paymentRecordedMail({
          orderId: order.id,
          serviceFaitId: invoice.serviceFait.id,
          serviceFaitNumber: invoice.serviceFait.number,
          orderNumber: order.number ?? "",
          invoiceNumber: invoice.number,
          amountHtCents: invoice.amountHtCents,
          amountTtcCents: invoice.amountTtcCents,
          paidOn: input.paidOn,
          delayDays: delay.days,
        }),
        entityType: "Invoice",
        entityId: invoice.id,
      })),
    );
    return { delay, orderId: order.id, serviceFaitId: invoice.serviceFait.id };
  });
  notifyAfterCommit();
  return paid;
}
