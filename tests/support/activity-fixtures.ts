// Rows the activity-report tests need and that other domains create through their own
// screens (orders in progress, staffers, assignments): inserted directly, with the values
// those domains would give them (ordered days set at issue, a number, frozen prices).
import { randomUUID } from "node:crypto";
import type { OrderStatus, PrismaClient } from "@/generated/prisma/client";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
let seq = 0;

export async function makeProductFor(db: PrismaClient, beneficiaryId: string) {
  const p = await db.product.create({
    data: { name: `Produit ${randomUUID().slice(0, 8)}`, beneficiaryId, kind: "STARTUP_ETAT" },
  });
  return p.id;
}

/**
 * An original order as the order domain leaves it once issued (and acknowledged, in progress…):
 * a number, frozen unit prices, ordered days = quantity × 20 on each line.
 */
export async function makeOrderWithLines(
  db: PrismaClient,
  opts: {
    agreementId: string;
    beneficiaryId: string;
    contractorId: string;
    createdById: string;
    /** One per line: the UO type and the ordered days. */
    lines: Array<{ uoTypeId: string; orderedDays: number }>;
    startsOn?: string;
    endsOn?: string;
    status?: OrderStatus;
    productId?: string;
  },
) {
  const productId = opts.productId ?? (await makeProductFor(db, opts.beneficiaryId));
  seq += 1;
  // Created as a draft with its lines (the database freezes the lines of issued orders), then
  // moved to its status with what issuing sets.
  const order = await db.purchaseOrder.create({
    data: {
      agreementId: opts.agreementId,
      beneficiaryId: opts.beneficiaryId,
      productId,
      contractorId: opts.contractorId,
      startsOn: d(opts.startsOn ?? "2026-03-02"),
      endsOn: d(opts.endsOn ?? "2026-12-31"),
      chorusServiceCode: "SRV01",
      billingAddress: "1 rue de Test",
      createdById: opts.createdById,
      lines: {
        create: opts.lines.map((l, i) => ({
          position: i + 1,
          uoTypeId: l.uoTypeId,
          quantity: (l.orderedDays / 20).toFixed(2),
          unitPriceHtCents: 1_000_000,
          amountHtCents: BigInt(Math.round((l.orderedDays / 20) * 1_000_000)),
        })),
      },
    },
    select: { id: true, lines: { select: { id: true }, orderBy: { position: "asc" } } },
  });
  const status = opts.status ?? "IN_PROGRESS";
  if (status !== "DRAFT") {
    for (const [i, l] of opts.lines.entries()) {
      await db.orderLine.update({
        where: { id: order.lines[i]?.id as string },
        data: { orderedDays: status === "CANCELLED" ? "0" : String(l.orderedDays) },
      });
    }
    await db.purchaseOrder.update({
      where: { id: order.id },
      data: {
        status,
        number: `BDC-T${Date.now().toString(36).toUpperCase()}-${seq}-${randomUUID().slice(0, 4)}`,
        legalCommitmentNumber: "1300012345",
        signatoryName: "Signataire",
        orderDate: d("2026-02-16"),
        issuedAt: new Date("2026-02-16T09:00:00Z"),
        cancellationReason: status === "CANCELLED" ? "Besoin abandonné" : null,
      },
    });
  }
  return { id: order.id, lineIds: order.lines.map((l) => l.id), productId };
}

export async function makeStaffer(
  db: PrismaClient,
  opts: { contractorId: string; uoTypeId: string; fullName: string },
) {
  const s = await db.staffer.create({
    data: {
      contractorId: opts.contractorId,
      fullName: opts.fullName,
      email: `${opts.fullName.toLowerCase().replace(/[^a-z]+/g, ".")}.${randomUUID().slice(0, 6)}@example.org`,
      uoTypeId: opts.uoTypeId,
      status: "EMPLOYEE",
    },
  });
  return s.id;
}

export async function makeAssignment(
  db: PrismaClient,
  opts: {
    orderId: string;
    orderLineId: string;
    stafferId: string;
    createdById: string;
    startsOn?: string;
    endsOn?: string;
    replacesAssignmentId?: string;
    rampUpDays?: number;
  },
) {
  const a = await db.assignment.create({
    data: {
      orderId: opts.orderId,
      orderLineId: opts.orderLineId,
      stafferId: opts.stafferId,
      startsOn: d(opts.startsOn ?? "2026-03-02"),
      endsOn: d(opts.endsOn ?? "2026-12-31"),
      replacesAssignmentId: opts.replacesAssignmentId ?? null,
      rampUpDays: String(opts.rampUpDays ?? 0),
      createdById: opts.createdById,
    },
  });
  return a.id;
}

/** The form fields of a grid: one row per assignment (blank non-billable days when none). */
export function gridForm(
  orderId: string,
  month: string,
  rows: Array<{ assignmentId: string; days: string; nonBillableDays?: string }>,
  extra: { version?: number | null; activities?: string; intent?: "save" | "submit" } = {},
) {
  return {
    orderId,
    month,
    ...(extra.version ? { version: String(extra.version) } : {}),
    activities: extra.activities ?? "",
    assignmentId: rows.map((r) => r.assignmentId),
    days: rows.map((r) => r.days),
    nonBillableDays: rows.map((r) => r.nonBillableDays ?? ""),
    ...(extra.intent ? { intent: extra.intent } : {}),
  };
}
