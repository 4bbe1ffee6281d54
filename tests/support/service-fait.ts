// Factories for the service-fait and invoice tests: an issued order in a given status, and
// VALIDATED activity reports on it, written straight with Prisma as the activity domain would
// leave them (rows inserted while the report is a draft, then the report validated — the
// trigger forbids touching a validated report — and the lines' consumed days raised).
import { randomUUID } from "node:crypto";
import Decimal from "decimal.js";
import type { OrderStatus, PrismaClient } from "@/generated/prisma/client";
import { lineAmountHtCents, orderTotals } from "@/lib/orders/rules";

const short = () => randomUUID().slice(0, 8);

export type TestOrderLine = { code: string; quantity: string; unitPriceHtCents: number };

/** An original order, issued and moved to `status`, with frozen prices and ordered days. */
export async function makeOrder(
  db: PrismaClient,
  opts: {
    agreementId: string;
    beneficiaryId: string;
    contractorId: string;
    createdById: string;
    status?: OrderStatus;
    startsOn?: string;
    endsOn?: string;
    lines?: TestOrderLine[];
  },
) {
  const lines = opts.lines ?? [
    { code: "DEVOPS_CONFIRME", quantity: "3", unitPriceHtCents: 1_150_000 },
    { code: "DESIGN_CONFIRME", quantity: "2", unitPriceHtCents: 1_100_000 },
  ];
  const uoTypes = await db.uoType.findMany({ where: { agreementId: opts.agreementId } });
  const product = await db.product.create({
    data: { name: `Produit ${short()}`, beneficiaryId: opts.beneficiaryId, kind: "STARTUP_ETAT" },
  });
  const rows = lines.map((l, i) => {
    const uo = uoTypes.find((u) => u.code === l.code);
    if (!uo) throw new Error(`UO inconnue ${l.code}`);
    return {
      position: i + 1,
      uoTypeId: uo.id,
      quantity: l.quantity,
      unitPriceHtCents: l.unitPriceHtCents,
      amountHtCents: lineAmountHtCents(l.unitPriceHtCents, l.quantity),
      orderedDays: new Decimal(l.quantity).times(uo.daysPerUnit).toString(),
    };
  });
  const totals = orderTotals(
    rows.map((r) => r.amountHtCents),
    2000,
  );
  const order = await db.purchaseOrder.create({
    data: {
      agreementId: opts.agreementId,
      number: `BDC-T-${short()}`,
      // Lines are inserted while a draft (a trigger freezes them once issued).
      status: "DRAFT",
      beneficiaryId: opts.beneficiaryId,
      productId: product.id,
      contractorId: opts.contractorId,
      startsOn: new Date(`${opts.startsOn ?? "2026-01-05"}T00:00:00Z`),
      endsOn: new Date(`${opts.endsOn ?? "2026-12-31"}T00:00:00Z`),
      chorusServiceCode: "SRV01",
      billingAddress: "1 rue de Test\n75000 Paris",
      legalCommitmentNumber: "1300012345",
      orderDate: new Date("2026-01-02T00:00:00Z"),
      signatoryName: "Signataire",
      issuedAt: new Date("2026-01-02T10:00:00Z"),
      issuedById: opts.createdById,
      vatRateBp: 2000,
      totalHtCents: totals.htCents,
      vatCents: totals.vatCents,
      totalTtcCents: totals.ttcCents,
      committedHtCents: totals.htCents,
      createdById: opts.createdById,
      lines: { create: rows },
    },
    select: { id: true },
  });
  return db.purchaseOrder.update({
    where: { id: order.id },
    data: {
      status: opts.status ?? "IN_PROGRESS",
      ...(opts.status === "CANCELLED"
        ? { cancellationReason: "Besoin abandonné", committedHtCents: 0n }
        : {}),
    },
    include: { lines: { orderBy: { position: "asc" }, include: { uoType: true } } },
  });
}

/** The assignment of one staffer of the contractor on the line (created on first use). */
async function assignmentFor(db: PrismaClient, orderId: string, orderLineId: string, createdById: string) {
  const existing = await db.assignment.findFirst({ where: { orderLineId } });
  if (existing) return existing;
  const line = await db.orderLine.findUniqueOrThrow({
    where: { id: orderLineId },
    include: { order: { select: { contractorId: true, startsOn: true, endsOn: true } } },
  });
  const staffer = await db.staffer.create({
    data: {
      contractorId: line.order.contractorId,
      fullName: `Intervenant ${short()}`,
      email: `intervenant.${short()}@titulaire.example`,
      uoTypeId: line.uoTypeId,
      status: "EMPLOYEE",
    },
  });
  return db.assignment.create({
    data: {
      orderId,
      orderLineId,
      stafferId: staffer.id,
      startsOn: line.order.startsOn,
      endsOn: line.order.endsOn,
      createdById,
    },
  });
}

/**
 * A VALIDATED report of `month` ("YYYY-MM") with billable `days` per order line; an
 * adjusting entry when `adjusts` is given (signed days). Raises consumedDays like validation.
 */
export async function addValidatedReport(
  db: PrismaClient,
  opts: {
    orderId: string;
    month: string;
    days: Record<string, string>; // orderLineId → billable days
    submittedById: string;
    validatedById: string;
    adjusts?: string;
  },
) {
  const month = new Date(`${opts.month}-01T00:00:00Z`);
  const report = await db.activityReport.create({
    data: {
      orderId: opts.orderId,
      month,
      status: "SUBMITTED",
      activities: "Développement, recherche utilisateur.",
      adjustsReportId: opts.adjusts ?? null,
      submittedAt: new Date(),
      submittedById: opts.submittedById,
      createdById: opts.submittedById,
    },
  });
  for (const [orderLineId, days] of Object.entries(opts.days)) {
    const a = await assignmentFor(db, opts.orderId, orderLineId, opts.submittedById);
    await db.activityEntry.create({
      data: { reportId: report.id, assignmentId: a.id, orderLineId, stafferId: a.stafferId, month, days },
    });
  }
  await db.activityReport.update({
    where: { id: report.id },
    data: { status: "VALIDATED", validatedAt: new Date(), validatedById: opts.validatedById },
  });
  for (const [orderLineId, days] of Object.entries(opts.days)) {
    await db.orderLine.update({ where: { id: orderLineId }, data: { consumedDays: { increment: days } } });
  }
  return report;
}
