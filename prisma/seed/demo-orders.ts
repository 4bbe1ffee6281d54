// Demo orders in every status, written with the same rules as the portal (frozen prices of
// the version in force, exact totals, committed amounts, gapless numbers, audit trail), so
// the demo shows what real use looks like. Inserted directly: the seed runs before the
// application's database client exists. What the orders consumed comes from the activity
// reports of demo-activity.ts (which also sets the closed order's committed amount).
import type { OrderStatus, Prisma } from "@/generated/prisma/client";
import { daysOf, formatOrderNumber, lineAmountHtCents, orderTotals } from "@/lib/orders/rules";

type Tx = Prisma.TransactionClient;

type DemoOrder = {
  product: string;
  contractor: string; // contractor name
  status: OrderStatus;
  startsOn: string;
  endsOn: string;
  issuedOn?: string; // order date
  lines: Array<[code: string, quantity: string, deliverables?: string]>;
  cancellationReason?: string;
  observations?: string;
  /** CLOSED: the day the beneficiary closed it (after the final service fait). */
  closedOn?: string;
};

const ORDERS: DemoOrder[] = [
  {
    product: "Code du travail numérique",
    contractor: "Coopérative Numérique Ouverte",
    status: "IN_PROGRESS",
    startsOn: "2026-03-02",
    endsOn: "2026-12-31",
    issuedOn: "2026-02-16",
    lines: [
      ["DEVOPS_CONFIRME", "18"],
      ["DEVOPS_SENIOR", "9"],
      ["DESIGN_CONFIRME", "9"],
      ["PM", "9"],
    ],
    observations:
      "Équipe au complet depuis le 2 mars. Un développeur confirmé remplacé en juin (montée en compétence à notre charge).",
  },
  {
    product: "Carnet de bord",
    contractor: "Atelier Produit",
    status: "ACKNOWLEDGED",
    startsOn: "2026-10-01",
    endsOn: "2026-12-15",
    issuedOn: "2026-09-22",
    lines: [
      ["PM_JUNIOR", "2.5"],
      ["DESIGN_JUNIOR", "2.5"],
    ],
  },
  {
    product: "Carnet de bord",
    contractor: "Coopérative Numérique Ouverte",
    status: "ISSUED",
    startsOn: "2027-01-04",
    endsOn: "2027-06-30",
    issuedOn: "2026-11-20",
    lines: [
      ["DEVOPS_CONFIRME", "6"],
      ["BIZDEV_CUSTOMER_SUCCESS", "3.5"],
    ],
  },
  {
    product: "Code du travail numérique",
    contractor: "Atelier Produit",
    status: "DRAFT",
    startsOn: "2027-01-04",
    endsOn: "2027-03-31",
    lines: [
      ["BIZDEV_CUSTOMER_SUCCESS", "3"],
      ["PM", "1.5"],
    ],
  },
  {
    product: "Mon espace permis",
    contractor: "Groupement Agile & Associés",
    status: "COMPLETED",
    startsOn: "2025-11-03",
    endsOn: "2026-06-30",
    issuedOn: "2025-10-20",
    lines: [
      ["DEVOPS_CONFIRME", "15"],
      ["DESIGN_CONFIRME", "7.5"],
      ["PM", "7.5"],
    ],
  },
  {
    product: "Mon espace permis",
    contractor: "Groupement Agile & Associés",
    status: "IN_PROGRESS",
    startsOn: "2026-07-01",
    endsOn: "2027-06-30",
    issuedOn: "2026-06-15",
    lines: [
      ["DEVOPS_CONFIRME", "24"],
      ["DEVOPS_JUNIOR", "12"],
      ["PM", "12"],
    ],
  },
  {
    product: "Signalement des nuisances",
    contractor: "Atelier Produit",
    status: "CLOSED",
    startsOn: "2024-05-06",
    endsOn: "2025-04-30",
    issuedOn: "2024-04-22",
    closedOn: "2025-06-30",
    lines: [
      ["DEVOPS_CONFIRME", "20"],
      ["DESIGN_CONFIRME", "10"],
      ["PM_JUNIOR", "10"],
    ],
  },
  {
    product: "Signalement des nuisances",
    contractor: "Atelier Produit",
    status: "CANCELLED",
    startsOn: "2025-05-05",
    endsOn: "2025-10-31",
    issuedOn: "2025-04-28",
    lines: [["DEVOPS_CONFIRME", "12"]],
    cancellationReason: "Le comité d'investissement a décidé l'arrêt du produit le 29 avril 2025.",
  },
  {
    product: "Annuaire des entreprises",
    contractor: "Coopérative Numérique Ouverte",
    status: "IN_PROGRESS",
    startsOn: "2026-01-05",
    endsOn: "2026-12-31",
    issuedOn: "2025-12-15",
    lines: [
      ["DEVOPS_SENIOR", "11"],
      ["DEVOPS_CONFIRME", "22"],
      ["BIZDEV_CUSTOMER_SUCCESS", "11"],
    ],
  },
  {
    product: "FranceConnect",
    contractor: "Groupement Agile & Associés",
    status: "ACKNOWLEDGED",
    startsOn: "2026-12-01",
    endsOn: "2027-11-30",
    issuedOn: "2026-11-05",
    lines: [
      ["DEVOPS_SENIOR", "12"],
      ["DEVOPS_CONFIRME", "24"],
    ],
  },
  {
    product: "Aides-territoires",
    contractor: "Coopérative Numérique Ouverte",
    status: "ISSUED",
    startsOn: "2026-12-07",
    endsOn: "2027-01-06",
    issuedOn: "2026-11-23",
    lines: [
      [
        "REVERSIBILITE",
        "1",
        "Documentation mise à jour, tutoriels et bilan de transfert de compétences vers la nouvelle équipe.",
      ],
    ],
  },
];

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** `creators`: a correspondent's user id per beneficiary id; `fallback` for the others. */
export async function seedDemoOrders(
  tx: Tx,
  agreementId: string,
  creators: { byBeneficiary: Record<string, string>; fallback: string },
) {
  const products = new Map(
    (await tx.product.findMany({ select: { id: true, name: true, beneficiaryId: true } })).map((p) => [
      p.name,
      p,
    ]),
  );
  const contractors = new Map(
    (await tx.contractor.findMany({ select: { id: true, name: true } })).map((c) => [c.name, c.id]),
  );
  const beneficiaries = new Map(
    (
      await tx.beneficiary.findMany({ select: { id: true, chorusServiceCode: true, billingAddress: true } })
    ).map((b) => [b.id, b]),
  );
  const uoTypes = new Map(
    (
      await tx.uoType.findMany({
        where: { agreementId },
        select: { id: true, code: true, deliverables: true },
      })
    ).map((u) => [u.code, u]),
  );
  const counters = new Map<number, number>();
  let committed = 0n;
  // Oldest first, so numbers follow the order dates.
  const sorted = [...ORDERS].sort((a, b) => (a.issuedOn ?? "9999").localeCompare(b.issuedOn ?? "9999"));
  for (const o of sorted) {
    const product = products.get(o.product);
    const contractorId = contractors.get(o.contractor);
    if (!product || !contractorId)
      throw new Error(`Donnée de démonstration incohérente : ${o.product} / ${o.contractor}`);
    const ben = beneficiaries.get(product.beneficiaryId);
    if (!ben) throw new Error("bénéficiaire manquant");
    const issued = o.status !== "DRAFT" && o.issuedOn !== undefined;
    const version = issued
      ? await tx.priceScheduleVersion.findFirst({
          where: {
            status: "VALIDATED",
            effectiveOn: { lte: d(o.issuedOn as string) },
            schedule: { contractorId, agreementId },
          },
          orderBy: { effectiveOn: "desc" },
          select: { id: true, items: { select: { uoTypeId: true, unitPriceHtCents: true } } },
        })
      : null;
    const prices = new Map((version?.items ?? []).map((i) => [i.uoTypeId, i.unitPriceHtCents]));
    const lines = o.lines.map(([code, quantity, deliverables], i) => {
      const uo = uoTypes.get(code);
      if (!uo) throw new Error(`UO inconnue : ${code}`);
      const unit = issued ? (prices.get(uo.id) as number) : null;
      const amount = unit === null ? null : lineAmountHtCents(unit, quantity);
      return {
        position: i + 1,
        uoTypeId: uo.id,
        quantity,
        deliverables: deliverables ?? uo.deliverables.join("\n"),
        unitPriceHtCents: unit,
        priceScheduleVersionId: version?.id ?? null,
        amountHtCents: amount,
        orderedDays: issued && o.status !== "CANCELLED" ? daysOf(quantity).toString() : "0",
      };
    });
    const totals = issued
      ? orderTotals(
          lines.map((l) => l.amountHtCents ?? 0n),
          2000,
        )
      : { htCents: 0n, vatCents: 0n, ttcCents: 0n };
    let number: string | null = null;
    if (issued) {
      const year = Number((o.issuedOn as string).slice(0, 4));
      const n = (counters.get(year) ?? 0) + 1;
      counters.set(year, n);
      number = formatOrderNumber(year, n);
    }
    // What the order counts against the ceiling (rule 4). A closed order commits what it
    // consumed: set by demo-activity.ts once its reports exist.
    const committedHt =
      o.status === "DRAFT" || o.status === "CANCELLED" || o.status === "CLOSED" ? 0n : totals.htCents;
    committed += committedHt;
    const creator = creators.byBeneficiary[product.beneficiaryId] ?? creators.fallback;
    const issuedAt = issued ? new Date(`${o.issuedOn}T09:30:00Z`) : null;
    const order = await tx.purchaseOrder.create({
      data: {
        agreementId,
        number,
        status: "DRAFT",
        beneficiaryId: product.beneficiaryId,
        productId: product.id,
        contractorId,
        startsOn: d(o.startsOn),
        endsOn: d(o.endsOn),
        chorusServiceCode: ben.chorusServiceCode,
        billingAddress: ben.billingAddress,
        createdById: creator,
        lines: {
          create: lines.map((l) => ({
            ...l,
            amountHtCents: l.amountHtCents,
          })),
        },
      },
      select: { id: true },
    });
    if (o.status !== "DRAFT") {
      await tx.purchaseOrder.update({
        where: { id: order.id },
        data: {
          status: o.status,
          legalCommitmentNumber: issued
            ? `13000${String(10000 + (counters.get(Number(o.issuedOn?.slice(0, 4))) ?? 0)).slice(-5)}`
            : null,
          signatoryName: issued ? "Signataire habilité" : null,
          orderDate: issued ? d(o.issuedOn as string) : null,
          issuedAt,
          issuedById: issued ? creator : null,
          acknowledgedAt: ["ACKNOWLEDGED", "IN_PROGRESS", "COMPLETED", "CLOSED"].includes(o.status)
            ? new Date((issuedAt as Date).getTime() + 2 * 86_400_000)
            : null,
          cancelledAt: o.status === "CANCELLED" ? new Date((issuedAt as Date).getTime() + 86_400_000) : null,
          cancellationReason: o.cancellationReason ?? null,
          closedAt: o.status === "CLOSED" ? new Date(`${o.closedOn ?? o.endsOn}T09:00:00Z`) : null,
          totalHtCents: totals.htCents,
          vatCents: totals.vatCents,
          totalTtcCents: totals.ttcCents,
          committedHtCents: committedHt,
          observations: o.observations ?? "",
        },
      });
    }
    const events: Array<[string, Date]> = [
      ["order.create", issuedAt ? new Date(issuedAt.getTime() - 86_400_000) : new Date()],
    ];
    if (issued) events.push(["order.issue", issuedAt as Date]);
    if (["ACKNOWLEDGED", "IN_PROGRESS", "COMPLETED", "CLOSED"].includes(o.status)) {
      events.push(["order.acknowledge", new Date((issuedAt as Date).getTime() + 2 * 86_400_000)]);
    }
    if (o.status === "CANCELLED")
      events.push(["order.cancel", new Date((issuedAt as Date).getTime() + 86_400_000)]);
    for (const [action, occurredAt] of events) {
      await tx.auditEvent.create({
        data: {
          occurredAt,
          action,
          entityType: "PurchaseOrder",
          entityId: order.id,
          actorOrgName: action === "order.acknowledge" ? o.contractor : "Bénéficiaire",
          after: { demo: true, status: o.status, number },
        },
      });
    }
  }
  for (const [year, last] of counters) {
    await tx.orderNumberCounter.create({ data: { agreementId, year, last } });
  }
  await tx.frameworkAgreement.update({ where: { id: agreementId }, data: { committedHtCents: committed } });
}
