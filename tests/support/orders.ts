// Orders written straight into the database in any status, with the fields the database
// requires of an issued order (number, EJ, signatory…), for tests that need orders as data
// (risks, impact, statistics) rather than the ordering flow itself.
import { randomUUID } from "node:crypto";
import type { OrderStatus, PrismaClient } from "@/generated/prisma/client";

export type TestOrderLine = {
  uoTypeId: string;
  quantity: string;
  unitPriceHtCents?: number;
  amountHtCents?: bigint;
  orderedDays?: string;
  consumedDays?: string;
  certifiedDays?: string;
  correctsLineId?: string;
};

export async function insertOrder(
  db: PrismaClient,
  o: {
    agreementId: string;
    beneficiaryId: string;
    productId: string;
    contractorId: string;
    createdById: string;
    status: OrderStatus;
    startsOn?: string;
    endsOn?: string;
    /** Instant of issue; the order date is its calendar day. Required unless DRAFT. */
    issuedAt?: Date;
    acknowledgedAt?: Date | null;
    correctsOrderId?: string;
    committedHtCents?: bigint;
    lines?: TestOrderLine[];
  },
): Promise<{ id: string; lineIds: string[] }> {
  const lines = o.lines ?? [];
  const totalHtCents = lines.reduce((s, l) => s + (l.amountHtCents ?? 0n), 0n);
  const order = await db.purchaseOrder.create({
    data: {
      agreementId: o.agreementId,
      beneficiaryId: o.beneficiaryId,
      productId: o.productId,
      contractorId: o.contractorId,
      startsOn: new Date(`${o.startsOn ?? "2026-01-05"}T00:00:00Z`),
      endsOn: new Date(`${o.endsOn ?? "2026-12-31"}T00:00:00Z`),
      chorusServiceCode: "SRV01",
      billingAddress: "1 rue de Test",
      createdById: o.createdById,
      correctsOrderId: o.correctsOrderId ?? null,
      lines: {
        create: lines.map((l, i) => ({
          position: i + 1,
          uoTypeId: l.uoTypeId,
          quantity: l.quantity,
          unitPriceHtCents: l.unitPriceHtCents ?? null,
          amountHtCents: l.amountHtCents ?? null,
          correctsLineId: l.correctsLineId ?? null,
        })),
      },
    },
    select: { id: true, lines: { orderBy: { position: "asc" }, select: { id: true } } },
  });
  if (o.status !== "DRAFT") {
    const issuedAt = o.issuedAt ?? new Date("2026-01-05T09:00:00Z");
    await db.purchaseOrder.update({
      where: { id: order.id },
      data: {
        status: o.status,
        number: `BDC-T-${randomUUID().slice(0, 8)}`,
        legalCommitmentNumber: "1300012345",
        signatoryName: "Signataire",
        issuedAt,
        orderDate: new Date(`${issuedAt.toISOString().slice(0, 10)}T00:00:00Z`),
        acknowledgedAt: o.acknowledgedAt ?? null,
        cancellationReason: o.status === "CANCELLED" ? "Besoin abandonné" : null,
        totalHtCents,
        vatCents: 0n,
        totalTtcCents: totalHtCents,
        committedHtCents:
          o.committedHtCents ?? (o.correctsOrderId || o.status === "CANCELLED" ? 0n : totalHtCents),
      },
    });
  }
  for (const [i, l] of lines.entries()) {
    if (l.orderedDays || l.consumedDays || l.certifiedDays) {
      await db.orderLine.update({
        where: { id: order.lines[i]?.id },
        data: {
          orderedDays: l.orderedDays ?? "0",
          consumedDays: l.consumedDays ?? "0",
          certifiedDays: l.certifiedDays ?? "0",
        },
      });
    }
  }
  return { id: order.id, lineIds: order.lines.map((l) => l.id) };
}
