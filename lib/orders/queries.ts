import "server-only";
import { TZDate } from "@date-fns/tz";
import Decimal from "decimal.js";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/actor";
import { dateToIso, isIsoDate, isoToDate, PARIS, todayIso } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { forbidden, notFound, validation } from "@/lib/errors";
import { type Page, skipTake, toPage } from "@/lib/pagination";
import { isUuid } from "@/lib/validation";
import type { PurchaseOrderPdfData } from "./pdf-data";
import { canAcknowledgeOrder, canManageOrder, canSeeOrder } from "./policies";
import {
  CORRECTABLE_STATUSES,
  correctionAmountHtCents,
  daysOf,
  lineAmountHtCents,
  type OrderStatusName,
  orderTotals,
} from "./rules";
import type { OrderFilters } from "./schemas";

/** The orders the actor may see, as a WHERE clause (scope decided from the records). */
export function orderScope(actor: Actor): Prisma.PurchaseOrderWhereInput {
  if (can(actor, "order:readAll")) return {};
  if (!can(actor, "order:readOwn")) throw forbidden();
  const m = actor.membership;
  if (m.role === "BENEFICIARY") return { beneficiaryId: m.beneficiaryId as string };
  return { contractorId: m.contractorId as string, status: { not: "DRAFT" } };
}

/** From this offset on, a page's rows are fetched by id after an index-only scan of the ids. */
const DEFERRED_JOIN_FROM = 200;

const ISSUED_STATUSES = ["ISSUED", "ACKNOWLEDGED", "IN_PROGRESS", "COMPLETED", "CLOSED"] as const;

/**
 * The orders behind one figure of the consolidated dashboard (lib/reporting/facts.ts), with
 * the same dates: committed on the order date (a corrective order on its own, a closing on
 * its day), consumed on the month of the validated reports, certified on the decision,
 * invoiced on reception, paid on payment. Without dates: every order the figure counts.
 * With a UO type: the orders whose lines of that type carry the figure.
 */
function figureWhere(
  figure: NonNullable<OrderFilters["figure"]>,
  from: string | undefined,
  to: string | undefined,
  uoTypeId: string | undefined,
): Prisma.PurchaseOrderWhereInput {
  const uo = uoTypeId ? { uoTypeId } : {};
  const withUo: Prisma.PurchaseOrderWhereInput = uoTypeId ? { lines: { some: uo } } : {};
  const days =
    from || to
      ? { ...(from ? { gte: isoToDate(from) } : {}), ...(to ? { lte: isoToDate(to) } : {}) }
      : undefined;
  const issued = { status: { in: [...ISSUED_STATUSES] } };
  switch (figure) {
    case "committed": {
      if (!days) {
        return {
          ...withUo,
          ...issued,
          OR: [{ correctsOrderId: null }, { corrects: { status: { not: "CANCELLED" } } }],
        };
      }
      const instants = {
        ...(from ? { gte: parisMidnight(from) } : {}),
        ...(to ? { lt: parisMidnight(to, 1) } : {}),
      };
      return {
        ...withUo,
        ...issued,
        OR: [
          { correctsOrderId: null, orderDate: days },
          { correctsOrderId: null, status: "CLOSED", closedAt: instants },
          { correctsOrderId: { not: null }, orderDate: days, corrects: { status: { not: "CANCELLED" } } },
        ],
      };
    }
    case "consumed":
      return days
        ? {
            lines: {
              some: { ...uo, activityEntries: { some: { month: days, report: { status: "VALIDATED" } } } },
            },
          }
        : { lines: { some: { ...uo, consumedDays: { gt: 0 } } } };
    case "certified":
      return {
        serviceFaits: {
          some: {
            decision: { in: ["ADMISSION", "REFACTION"] },
            ...(days ? { decidedOn: days } : {}),
            ...(uoTypeId ? { lines: { some: { line: uo } } } : {}),
          },
        },
      };
    case "invoiced":
      return { ...withUo, serviceFaits: { some: { invoices: { some: days ? { receivedOn: days } : {} } } } };
    case "paid":
      return { ...withUo, serviceFaits: { some: { invoices: { some: { paidOn: days ?? { not: null } } } } } };
  }
}

/** Midnight in Paris of a calendar date (plus `addDays`), as an instant. */
function parisMidnight(iso: string, addDays = 0): Date {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d + addDays, PARIS).getTime());
}

export type OrderListItem = {
  id: string;
  number: string | null;
  status: OrderStatusName;
  productName: string;
  beneficiaryName: string;
  contractorName: string;
  startsOn: string;
  endsOn: string;
  totalHtCents: bigint;
  totalTtcCents: bigint;
  createdAt: Date;
  isCorrective: boolean;
};

/** The list's WHERE (scope + filters) and ORDER BY, shared by the page and the export. */
function orderListQuery(actor: Actor, filters: OrderFilters) {
  const where: Prisma.PurchaseOrderWhereInput[] = [orderScope(actor)];
  if (filters.from && !isIsoDate(filters.from))
    throw validation("La date de début du filtre n'est pas valide.");
  if (filters.to && !isIsoDate(filters.to)) throw validation("La date de fin du filtre n'est pas valide.");
  if (filters.from && filters.to && filters.to < filters.from) {
    throw validation("La période du filtre est inversée : la date de fin précède la date de début.");
  }
  if (filters.figureFrom && !isIsoDate(filters.figureFrom))
    throw validation("La date de début du montant suivi n'est pas valide.");
  if (filters.figureTo && !isIsoDate(filters.figureTo))
    throw validation("La date de fin du montant suivi n'est pas valide.");
  if (filters.figureFrom && filters.figureTo && filters.figureTo < filters.figureFrom) {
    throw validation("La période du montant suivi est inversée : la date de fin précède la date de début.");
  }
  if (filters.status) where.push({ status: filters.status });
  if (filters.beneficiaryId) where.push({ beneficiaryId: filters.beneficiaryId });
  if (filters.figure) {
    where.push(figureWhere(filters.figure, filters.figureFrom, filters.figureTo, filters.uoTypeId));
  } else if (filters.uoTypeId) where.push({ lines: { some: { uoTypeId: filters.uoTypeId } } });
  if (filters.productId) where.push({ productId: filters.productId });
  if (filters.contractorId) where.push({ contractorId: filters.contractorId });
  // Period filter: orders whose planned period overlaps [from, to].
  if (filters.from) where.push({ endsOn: { gte: isoToDate(filters.from) } });
  if (filters.to) where.push({ startsOn: { lte: isoToDate(filters.to) } });
  if (filters.q) where.push({ number: { contains: filters.q.toUpperCase() } });
  const orderBy: Prisma.PurchaseOrderOrderByWithRelationInput[] =
    filters.sort === "number"
      ? [{ number: { sort: filters.dir, nulls: "last" } }]
      : filters.sort === "total"
        ? [{ totalHtCents: filters.dir }]
        : filters.sort === "startsOn"
          ? [{ startsOn: filters.dir }]
          : [{ createdAt: filters.dir }];
  // The tie-breaker follows the sort's direction: one index in (scope, createdAt, id) order
  // then serves both directions of the default sort (migration 20261125220000).
  orderBy.push({ id: filters.dir });
  return { where, orderBy };
}

export async function listOrders({
  actor,
  page,
  filters,
}: {
  actor: Actor;
  page: number;
  filters: OrderFilters;
}): Promise<Page<OrderListItem> & { totals: { htCents: bigint; ttcCents: bigint } }> {
  const { where, orderBy } = orderListQuery(actor, filters);
  const db = await getDb();
  const fullWhere = { AND: where };
  const { skip, take } = skipTake(page);
  const select = {
    id: true,
    number: true,
    status: true,
    startsOn: true,
    endsOn: true,
    totalHtCents: true,
    totalTtcCents: true,
    createdAt: true,
    correctsOrderId: true,
    product: { select: { name: true } },
    beneficiary: { select: { name: true } },
    contractor: { select: { name: true } },
  } satisfies Prisma.PurchaseOrderSelect;
  const pageRows = async () => {
    if (skip < DEFERRED_JOIN_FROM)
      return db.purchaseOrder.findMany({ where: fullWhere, orderBy, skip, take, select });
    // Deep page: the page's ids first (an index-only scan skips the preceding entries
    // without reading their rows), then those 20 rows.
    const ids = (
      await db.purchaseOrder.findMany({ where: fullWhere, orderBy, skip, take, select: { id: true } })
    ).map((r) => r.id);
    const byId = new Map(
      (await db.purchaseOrder.findMany({ where: { id: { in: ids } }, select })).map((r) => [r.id, r]),
    );
    return ids.flatMap((id) => byId.get(id) ?? []);
  };
  // The count and the sums in one aggregate (an index-only scan for the default view).
  const [rows, sums] = await Promise.all([
    pageRows(),
    db.purchaseOrder.aggregate({
      where: fullWhere,
      _count: { _all: true },
      _sum: { totalHtCents: true, totalTtcCents: true },
    }),
  ]);
  const total = sums._count._all;
  return {
    ...toPage(
      rows.map((r) => ({
        id: r.id,
        number: r.number,
        status: r.status,
        productName: r.product.name,
        beneficiaryName: r.beneficiary.name,
        contractorName: r.contractor.name,
        startsOn: dateToIso(r.startsOn),
        endsOn: dateToIso(r.endsOn),
        totalHtCents: r.totalHtCents,
        totalTtcCents: r.totalTtcCents,
        createdAt: r.createdAt,
        isCorrective: r.correctsOrderId !== null,
      })),
      total,
      page,
    ),
    totals: { htCents: sums._sum.totalHtCents ?? 0n, ttcCents: sums._sum.totalTtcCents ?? 0n },
  };
}

export type OrderExportRow = OrderListItem & {
  correctsNumber: string | null;
  orderDate: string | null;
  legalCommitmentNumber: string | null;
  vatCents: bigint;
};

/** Above this, an export asks to narrow the filters rather than build a huge file. */
export const ORDER_EXPORT_MAX_ROWS = 50_000;
const ORDER_EXPORT_BATCH = 500;

/**
 * Every order of the list's scope and filters (not one page), in the list's order, for the
 * CSV/XLSX export. The ids are read in one query (one consistent list, even if an order is
 * created meanwhile), then the rows in batches.
 */
export async function listOrdersForExport({
  actor,
  filters,
}: {
  actor: Actor;
  filters: OrderFilters;
}): Promise<OrderExportRow[]> {
  const { where, orderBy } = orderListQuery(actor, filters);
  const db = await getDb();
  const ids = (
    await db.purchaseOrder.findMany({
      where: { AND: where },
      orderBy,
      take: ORDER_EXPORT_MAX_ROWS + 1,
      select: { id: true },
    })
  ).map((r) => r.id);
  if (ids.length > ORDER_EXPORT_MAX_ROWS) {
    throw validation(
      `L'export est limité à ${ORDER_EXPORT_MAX_ROWS.toLocaleString("fr-FR")} bons de commande : affinez les filtres.`,
    );
  }
  const byId = new Map<string, OrderExportRow>();
  for (let i = 0; i < ids.length; i += ORDER_EXPORT_BATCH) {
    const batch = await db.purchaseOrder.findMany({
      // The scope again: a row is never read outside it, whatever the list of ids.
      where: { AND: [...where, { id: { in: ids.slice(i, i + ORDER_EXPORT_BATCH) } }] },
      select: {
        id: true,
        number: true,
        status: true,
        startsOn: true,
        endsOn: true,
        orderDate: true,
        legalCommitmentNumber: true,
        totalHtCents: true,
        vatCents: true,
        totalTtcCents: true,
        createdAt: true,
        correctsOrderId: true,
        corrects: { select: { number: true } },
        product: { select: { name: true } },
        beneficiary: { select: { name: true } },
        contractor: { select: { name: true } },
      },
    });
    for (const r of batch) {
      byId.set(r.id, {
        id: r.id,
        number: r.number,
        status: r.status,
        productName: r.product.name,
        beneficiaryName: r.beneficiary.name,
        contractorName: r.contractor.name,
        startsOn: dateToIso(r.startsOn),
        endsOn: dateToIso(r.endsOn),
        totalHtCents: r.totalHtCents,
        totalTtcCents: r.totalTtcCents,
        createdAt: r.createdAt,
        isCorrective: r.correctsOrderId !== null,
        correctsNumber: r.corrects?.number ?? null,
        orderDate: r.orderDate ? dateToIso(r.orderDate) : null,
        legalCommitmentNumber: r.legalCommitmentNumber,
        vatCents: r.vatCents,
      });
    }
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

const detailSelect = {
  id: true,
  number: true,
  status: true,
  version: true,
  agreementId: true,
  beneficiaryId: true,
  contractorId: true,
  productId: true,
  startsOn: true,
  endsOn: true,
  chorusServiceCode: true,
  billingAddress: true,
  legalCommitmentNumber: true,
  orderDate: true,
  signatoryName: true,
  issuedAt: true,
  acknowledgedAt: true,
  cancelledAt: true,
  cancellationReason: true,
  vatRateBp: true,
  totalHtCents: true,
  vatCents: true,
  totalTtcCents: true,
  committedHtCents: true,
  observations: true,
  correctsOrderId: true,
  corrects: { select: { id: true, number: true } },
  corrections: { select: { id: true, number: true, status: true } },
  agreement: {
    select: { reference: true, title: true, maxAmountHtCents: true, committedHtCents: true },
  },
  beneficiary: { select: { name: true, siret: true } },
  contractor: { select: { name: true, siret: true, postalAddress: true } },
  product: { select: { name: true, kind: true } },
  lines: {
    orderBy: { position: "asc" },
    select: {
      id: true,
      position: true,
      uoTypeId: true,
      quantity: true,
      deliverables: true,
      unitPriceHtCents: true,
      amountHtCents: true,
      consumedDays: true,
      correctsLineId: true,
      uoType: { select: { label: true, code: true, daysPerUnit: true } },
    },
  },
} satisfies Prisma.PurchaseOrderSelect;

export type CorrectedLine = {
  id: string;
  position: number;
  label: string;
  code: string;
  daysPerUnit: number;
  /** Frozen at the original's issue: every change of the line is priced at it. */
  unitPriceHtCents: number;
  /** Original quantity + the changes of issued corrective orders. */
  quantity: Decimal;
  /** round(unit × corrected quantity): the original amount + the issued changes' amounts. */
  amountHtCents: bigint;
  consumedDays: Decimal;
};

/**
 * The lines of an issued original order as corrected by its issued corrective orders (a
 * corrective order, once issued, is never cancelled, so "issued" = not draft, not cancelled).
 * Runs inside the caller's transaction when it must see a consistent state (issue: after
 * locking the original's row).
 */
export async function loadCorrectedLines(tx: Prisma.TransactionClient, originalId: string) {
  const [lines, changes] = await Promise.all([
    tx.orderLine.findMany({
      where: { orderId: originalId },
      orderBy: { position: "asc" },
      select: {
        id: true,
        position: true,
        quantity: true,
        unitPriceHtCents: true,
        amountHtCents: true,
        consumedDays: true,
        uoType: { select: { label: true, code: true, daysPerUnit: true } },
      },
    }),
    tx.orderLine.findMany({
      where: {
        correctsLineId: { not: null },
        order: { correctsOrderId: originalId, status: { notIn: ["DRAFT", "CANCELLED"] } },
      },
      select: { correctsLineId: true, quantity: true, amountHtCents: true },
    }),
  ]);
  const byLine = new Map<string, CorrectedLine>();
  for (const l of lines) {
    byLine.set(l.id, {
      id: l.id,
      position: l.position,
      label: l.uoType.label,
      code: l.uoType.code,
      daysPerUnit: l.uoType.daysPerUnit,
      unitPriceHtCents: l.unitPriceHtCents ?? 0,
      quantity: new Decimal(l.quantity.toString()),
      amountHtCents: l.amountHtCents ?? 0n,
      consumedDays: new Decimal(l.consumedDays.toString()),
    });
  }
  for (const c of changes) {
    const line = byLine.get(c.correctsLineId as string);
    if (!line) continue;
    line.quantity = line.quantity.plus(c.quantity.toString());
    line.amountHtCents += c.amountHtCents ?? 0n;
  }
  return byLine;
}

export type OrderDetail = Awaited<ReturnType<typeof getOrder>>;

/** One order, in the caller's scope, with what the caller may do with it. */
export async function getOrder({ actor, id }: { actor: Actor; id: string }) {
  if (!isUuid(id)) throw notFound("Ce bon de commande");
  const db = await getDb();
  const order = await db.purchaseOrder.findUnique({ where: { id }, select: detailSelect });
  if (!order || !canSeeOrder(actor, order)) throw notFound("Ce bon de commande");

  // A draft shows the prices of the schedule in force today; an issued order its frozen prices.
  let draftPrices = new Map<string, number>();
  if (order.status === "DRAFT") {
    const version = await db.priceScheduleVersion.findFirst({
      where: {
        status: "VALIDATED",
        effectiveOn: { lte: isoToDate(todayIso()) },
        schedule: { agreementId: order.agreementId, contractorId: order.contractorId },
      },
      orderBy: { effectiveOn: "desc" },
      select: { items: { select: { uoTypeId: true, unitPriceHtCents: true } } },
    });
    draftPrices = new Map((version?.items ?? []).map((i) => [i.uoTypeId, i.unitPriceHtCents]));
  }
  const isCorrective = order.correctsOrderId !== null;
  // Original order: its lines as corrected by issued corrective orders. Corrective draft: the
  // original's lines, to price each change at the original's frozen unit price.
  const corrected =
    order.status === "DRAFT" && !isCorrective
      ? new Map<string, CorrectedLine>()
      : await loadCorrectedLines(db, order.correctsOrderId ?? order.id);
  const lines = order.lines.map((l) => {
    const base = l.correctsLineId ? corrected.get(l.correctsLineId) : undefined;
    let unit = l.unitPriceHtCents ?? draftPrices.get(l.uoTypeId) ?? null;
    let amount = l.amountHtCents ?? (unit === null ? null : lineAmountHtCents(unit, l.quantity.toString()));
    if (base && l.amountHtCents === null) {
      unit = base.unitPriceHtCents;
      amount = correctionAmountHtCents(unit, base.quantity, base.quantity.plus(l.quantity.toString()));
    }
    const own = isCorrective ? undefined : corrected.get(l.id);
    const correctedQuantity = own ? own.quantity.toString() : l.quantity.toString();
    return {
      correctsLineId: l.correctsLineId,
      /** Current (corrected) quantity: this act's quantity + issued corrective changes. */
      correctedQuantity,
      correctedDays: daysOf(correctedQuantity, l.uoType.daysPerUnit).toString(),
      correctedAmountHtCents: own ? own.amountHtCents : amount,
      /** Before the change, on a corrective line (the corrected line's current quantity). */
      previousQuantity: base ? base.quantity.toString() : null,
      id: l.id,
      position: l.position,
      uoTypeId: l.uoTypeId,
      label: l.uoType.label,
      code: l.uoType.code,
      quantity: l.quantity.toString(),
      days: daysOf(l.quantity.toString(), l.uoType.daysPerUnit).toString(),
      consumedDays: l.consumedDays.toString(),
      unitPriceHtCents: unit,
      amountHtCents: amount,
      deliverables: l.deliverables,
    };
  });
  const totals =
    order.status === "DRAFT"
      ? orderTotals(
          lines.map((l) => l.amountHtCents ?? 0n),
          order.vatRateBp,
        )
      : { htCents: order.totalHtCents, vatCents: order.vatCents, ttcCents: order.totalTtcCents };
  // The original's totals as corrected by its issued corrective orders (= totals otherwise).
  const correctedTotals = isCorrective
    ? totals
    : orderTotals(
        lines.map((l) => l.correctedAmountHtCents ?? 0n),
        order.vatRateBp,
      );
  const hasCorrections =
    !isCorrective && order.corrections.some((c) => c.status !== "DRAFT" && c.status !== "CANCELLED");
  const timeline = await db.auditEvent.findMany({
    where: { entityType: "PurchaseOrder", entityId: order.id },
    orderBy: { occurredAt: "asc" },
    select: { id: true, occurredAt: true, action: true, actorEmail: true, actorOrgName: true },
  });
  const manage = canManageOrder(actor, order);
  const acknowledge = canAcknowledgeOrder(actor, order);
  return {
    ...order,
    startsOn: dateToIso(order.startsOn),
    endsOn: dateToIso(order.endsOn),
    orderDate: order.orderDate ? dateToIso(order.orderDate) : null,
    lines,
    totals,
    correctedTotals,
    hasCorrections,
    isCorrective,
    pricesMissing: lines.some((l) => l.unitPriceHtCents === null),
    capacity: {
      maxHtCents: order.agreement.maxAmountHtCents,
      committedHtCents: order.agreement.committedHtCents,
      remainingHtCents: order.agreement.maxAmountHtCents - order.agreement.committedHtCents,
    },
    timeline: timeline.map((e) => ({ ...e, id: e.id.toString() })),
    can: {
      edit: manage && order.status === "DRAFT" && !isCorrective,
      issue: manage && order.status === "DRAFT",
      // An issued corrective order has changed the original: a further one undoes it.
      cancel: manage && (order.status === "DRAFT" || (order.status === "ISSUED" && !isCorrective)),
      correct: manage && !isCorrective && CORRECTABLE_STATUSES.includes(order.status),
      complete: manage && !isCorrective && order.status === "IN_PROGRESS",
      close: manage && !isCorrective && order.status === "COMPLETED",
      acknowledge: acknowledge && order.status === "ISSUED",
      observe: acknowledge && order.status !== "CANCELLED" && order.status !== "CLOSED",
      downloadPdf: order.status !== "DRAFT" && order.status !== "CANCELLED",
    },
  };
}

/** The PDF's data: exactly the access of the order page, and only for issued orders. */
export async function getOrderPdfData({
  actor,
  id,
}: {
  actor: Actor;
  id: string;
}): Promise<PurchaseOrderPdfData> {
  const order = await getOrder({ actor, id });
  if (!order.number || !order.orderDate || !order.legalCommitmentNumber || !order.signatoryName) {
    throw notFound("Ce bon de commande");
  }
  const db = await getDb();
  const ben = await db.beneficiary.findUniqueOrThrow({
    where: { id: order.beneficiaryId },
    select: { name: true, siret: true },
  });
  return {
    number: order.number,
    correctsNumber: order.corrects?.number ?? null,
    orderDate: order.orderDate,
    agreement: { reference: order.agreement.reference, title: order.agreement.title },
    beneficiary: {
      name: ben.name,
      siret: ben.siret,
      chorusServiceCode: order.chorusServiceCode,
      billingAddress: order.billingAddress,
    },
    contractor: order.contractor,
    product: { name: order.product.name },
    period: { startsOn: order.startsOn, endsOn: order.endsOn },
    lines: order.lines.map((l) => ({
      label: l.label,
      quantity: l.quantity,
      days: l.days,
      unitPriceHtCents: l.unitPriceHtCents ?? 0,
      amountHtCents: l.amountHtCents ?? 0n,
      deliverables: l.deliverables,
    })),
    totals: {
      htCents: order.totals.htCents,
      vatRateBp: order.vatRateBp,
      vatCents: order.totals.vatCents,
      ttcCents: order.totals.ttcCents,
    },
    legalCommitmentNumber: order.legalCommitmentNumber,
    signatory: { name: order.signatoryName, signedAt: order.orderDate },
  };
}
