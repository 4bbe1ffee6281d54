// ─────────────────────────────────────────────────────────────────────────────────────────
// MINIMAL demo rows for the service-fait journey (issue 4) — TO RECONCILE with the full demo
// data of staffing and activity reports, which is written in parallel. Only what the
// service-fait browser test needs: on the in-progress order "Code du travail numérique" of
// the Ministère du Travail to Coopérative Numérique Ouverte, two staffers, their assignments
// and two VALIDATED monthly reports (April and May 2026), with the lines' consumed days
// raised as validation does. Idempotent: does nothing if those reports already exist.
// ─────────────────────────────────────────────────────────────────────────────────────────
import type { Prisma } from "@/generated/prisma/client";

type Tx = Prisma.TransactionClient;

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

const STAFFERS = [
  { fullName: "Inès Garnier", email: "ines.garnier@cooperative-numerique.example", uo: "DEVOPS_CONFIRME" },
  { fullName: "Théo Lambert", email: "theo.lambert@cooperative-numerique.example", uo: "DESIGN_CONFIRME" },
] as const;

/** Billable days per month and UO (within each month's working days: 21 in April, 17 in May 2026). */
const REPORTS: Array<{ month: string; activities: string; days: Record<string, string> }> = [
  {
    month: "2026-04",
    activities:
      "Refonte du simulateur d'indemnité de licenciement ; entretiens avec douze salariés et deux inspecteurs du travail.",
    days: { DEVOPS_CONFIRME: "18", DESIGN_CONFIRME: "15.5" },
  },
  {
    month: "2026-05",
    activities: "Mise en production du simulateur ; tests utilisateurs des fiches « congés payés ».",
    days: { DEVOPS_CONFIRME: "16", DESIGN_CONFIRME: "14.5" },
  },
];

export async function seedServiceFaitMinimal(
  tx: Tx,
  people: { contractorUserId: string; beneficiaryUserId: string },
): Promise<void> {
  const order = await tx.purchaseOrder.findFirst({
    where: {
      status: "IN_PROGRESS",
      correctsOrderId: null,
      product: { name: "Code du travail numérique" },
      contractor: { name: "Coopérative Numérique Ouverte" },
    },
    select: {
      id: true,
      contractorId: true,
      startsOn: true,
      endsOn: true,
      lines: { select: { id: true, uoType: { select: { id: true, code: true } } } },
    },
  });
  if (!order) return;
  const already = await tx.activityReport.count({
    where: { orderId: order.id, month: { in: REPORTS.map((r) => d(`${r.month}-01`)) } },
  });
  if (already > 0) return;

  const assignments = new Map<string, { id: string; stafferId: string; orderLineId: string }>();
  for (const s of STAFFERS) {
    const line = order.lines.find((l) => l.uoType.code === s.uo);
    if (!line) continue;
    const staffer = await tx.staffer.upsert({
      where: { contractorId_email: { contractorId: order.contractorId, email: s.email } },
      create: {
        contractorId: order.contractorId,
        fullName: s.fullName,
        email: s.email,
        uoTypeId: line.uoType.id,
        status: "EMPLOYEE",
      },
      update: {},
      select: { id: true },
    });
    const assignment = await tx.assignment.create({
      data: {
        orderId: order.id,
        orderLineId: line.id,
        stafferId: staffer.id,
        startsOn: order.startsOn,
        endsOn: order.endsOn,
        createdById: people.contractorUserId,
      },
      select: { id: true },
    });
    assignments.set(s.uo, { id: assignment.id, stafferId: staffer.id, orderLineId: line.id });
  }

  for (const r of REPORTS) {
    const month = d(`${r.month}-01`);
    // Submitted on the 2nd of the next month, validated on the 5th.
    const [y, m] = r.month.split("-").map(Number) as [number, number];
    const next = new Date(Date.UTC(y, m, 1));
    const report = await tx.activityReport.create({
      data: {
        orderId: order.id,
        month,
        status: "SUBMITTED",
        activities: r.activities,
        submittedAt: new Date(next.getTime() + 86_400_000 + 9 * 3_600_000),
        submittedById: people.contractorUserId,
        createdById: people.contractorUserId,
      },
      select: { id: true },
    });
    for (const [uo, days] of Object.entries(r.days)) {
      const a = assignments.get(uo);
      if (!a) continue;
      await tx.activityEntry.create({
        data: {
          reportId: report.id,
          assignmentId: a.id,
          orderLineId: a.orderLineId,
          stafferId: a.stafferId,
          month,
          days,
        },
      });
    }
    // Validation freezes the report (trigger) and counts its days on the lines.
    await tx.activityReport.update({
      where: { id: report.id },
      data: {
        status: "VALIDATED",
        validatedAt: new Date(next.getTime() + 4 * 86_400_000 + 14 * 3_600_000),
        validatedById: people.beneficiaryUserId,
      },
    });
    for (const [uo, days] of Object.entries(r.days)) {
      const a = assignments.get(uo);
      if (!a) continue;
      await tx.orderLine.update({
        where: { id: a.orderLineId },
        data: { consumedDays: { increment: days } },
      });
    }
  }
}
