// TEMPORARY — minimal demo staffing for the activity-report screens and their browser journey
// (tests/e2e/activity.spec.ts), until the full demo staffing lands: the lead reconciles this
// file with it (keep these two people and assignments, or point the journey at the new ones).
//
// Two staffers of Coopérative Numérique Ouverte (lea.moreau's company) on its in-progress order
// for "Code du travail numérique" (Ministère du Travail, paul.durand), over the whole order
// period: Camille Roux on the "Devops – Confirmé" line, Nina Lambert on "Design – Confirmé".
// Idempotent: running it twice changes nothing.
import type { Prisma, StafferStatus } from "@/generated/prisma/client";

type Tx = Prisma.TransactionClient;

const CONTRACTOR = "Coopérative Numérique Ouverte";
const PRODUCT = "Code du travail numérique";

export const DEMO_STAFFING_MINIMAL: ReadonlyArray<{
  fullName: string;
  email: string;
  uoCode: string;
  status: StafferStatus;
  betaUsername: string;
}> = [
  {
    fullName: "Camille Roux",
    email: "camille.roux@cooperative-numerique.example",
    uoCode: "DEVOPS_CONFIRME",
    status: "EMPLOYEE",
    betaUsername: "camille.roux",
  },
  {
    fullName: "Nina Lambert",
    email: "nina.lambert@cooperative-numerique.example",
    uoCode: "DESIGN_CONFIRME",
    status: "INDEPENDENT",
    betaUsername: "nina.lambert",
  },
];

export async function seedMinimalStaffing(tx: Tx): Promise<void> {
  const order = await tx.purchaseOrder.findFirst({
    where: {
      status: "IN_PROGRESS",
      correctsOrderId: null,
      contractor: { name: CONTRACTOR },
      product: { name: PRODUCT },
    },
    orderBy: [{ orderDate: "asc" }, { id: "asc" }],
    select: {
      id: true,
      contractorId: true,
      startsOn: true,
      endsOn: true,
      createdById: true,
      lines: { select: { id: true, uoTypeId: true, uoType: { select: { code: true } } } },
    },
  });
  if (!order) return;
  const correspondent = await tx.membership.findFirst({
    where: { contractorId: order.contractorId, role: "CONTRACTOR", active: true },
    select: { userId: true },
  });
  for (const p of DEMO_STAFFING_MINIMAL) {
    const line = order.lines.find((l) => l.uoType.code === p.uoCode);
    if (!line) continue;
    const staffer = await tx.staffer.upsert({
      where: { contractorId_email: { contractorId: order.contractorId, email: p.email } },
      create: {
        contractorId: order.contractorId,
        fullName: p.fullName,
        email: p.email,
        uoTypeId: line.uoTypeId,
        status: p.status,
        betaUsername: p.betaUsername,
      },
      update: {},
      select: { id: true },
    });
    const existing = await tx.assignment.count({ where: { orderId: order.id, stafferId: staffer.id } });
    if (existing > 0) continue;
    await tx.assignment.create({
      data: {
        orderId: order.id,
        orderLineId: line.id,
        stafferId: staffer.id,
        startsOn: order.startsOn,
        endsOn: order.endsOn,
        createdById: correspondent?.userId ?? order.createdById,
      },
    });
  }
}
