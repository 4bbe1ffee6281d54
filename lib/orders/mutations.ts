import "server-only";
import Decimal from "decimal.js";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit/mutations";
import type { Actor } from "@/lib/auth/actor";
import { dateToIso, isoToDate, todayIso } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { conflict, forbidden, notFound, staleVersion, validation } from "@/lib/errors";
import { formatEuros } from "@/lib/money";
import { enqueueNotifications, notifyAfterCommit } from "@/lib/notifications";
import { startOrder } from "./lifecycle";
import { orderMail } from "./notifications";
import { canAcknowledgeOrder, canManageOrder, canOrderForProduct, canSeeOrder } from "./policies";
import { type CorrectedLine, loadCorrectedLines } from "./queries";
import {
  CORRECTABLE_STATUSES,
  consumedAmountHtCents,
  correctionAmountHtCents,
  formatOrderNumber,
  isAtMostOneMonth,
  lineAmountHtCents,
  MAX_LINE_QUANTITY,
  type OrderStatusName,
  orderTotals,
  periodErrors,
} from "./rules";
import type {
  CreateCorrectiveOrderInput,
  CreateOrderInput,
  DraftLine,
  IssueOrderInput,
  UpdateOrderInput,
} from "./schemas";

type Tx = Prisma.TransactionClient;

const NOT_FOUND = "Ce bon de commande";

/** Loads an order the actor may see, or "not found" (existence is never revealed). */
async function loadVisibleOrder(tx: Tx, actor: Actor, id: string) {
  const order = await tx.purchaseOrder.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      number: true,
      version: true,
      agreementId: true,
      beneficiaryId: true,
      contractorId: true,
      productId: true,
      startsOn: true,
      endsOn: true,
      totalHtCents: true,
      committedHtCents: true,
      correctsOrderId: true,
      product: { select: { name: true } },
    },
  });
  if (!order || !canSeeOrder(actor, order)) throw notFound(NOT_FOUND);
  return order;
}

/** Checks the draft's product, contractor, period and lines against the reference data. */
async function checkDraft(tx: Tx, actor: Actor, input: Omit<CreateOrderInput, "creationKey">) {
  const product = await tx.product.findUnique({
    where: { id: input.productId },
    select: { id: true, beneficiaryId: true, kind: true },
  });
  // Another organisation's product is "not found", not "forbidden".
  if (!product || product.beneficiaryId !== actor.membership.beneficiaryId) {
    throw validation("Ce produit n'existe pas ou n'appartient pas à votre organisation.", {
      productId: ["Choisissez un produit de votre organisation."],
    });
  }
  if (!canOrderForProduct(actor, product)) {
    throw validation(
      "Seule la DINUM peut commander pour un produit qui n'est pas une Startup d'État (CCTP §1.2 et 1.3).",
      { productId: ["Ce produit n'est pas une Startup d'État."] },
    );
  }
  const contractor = await tx.contractor.findUnique({
    where: { id: input.contractorId },
    select: { id: true, active: true },
  });
  if (!contractor?.active) {
    throw validation("Ce titulaire n'existe pas ou n'est plus actif.", {
      contractorId: ["Choisissez un titulaire."],
    });
  }
  const agreement = await tx.frameworkAgreement.findFirstOrThrow({
    orderBy: [{ startsOn: "desc" }, { createdAt: "asc" }],
    select: { id: true, startsOn: true, endsOn: true, vatRateBp: true },
  });
  const errors = periodErrors(
    { startsOn: input.startsOn, endsOn: input.endsOn },
    { startsOn: dateToIso(agreement.startsOn), endsOn: dateToIso(agreement.endsOn) },
  );
  if (Object.keys(errors).length) throw validation("La période prévue n'est pas valide.", errors);
  const uoTypes = await tx.uoType.findMany({
    where: { agreementId: agreement.id, active: true, id: { in: input.lines.map((l) => l.uoTypeId) } },
    select: { id: true, code: true, label: true },
  });
  const byId = new Map(uoTypes.map((u) => [u.id, u]));
  input.lines.forEach((line, i) => {
    const uo = byId.get(line.uoTypeId);
    if (!uo) {
      throw validation(`Ligne ${i + 1} : cette unité d'œuvre n'existe pas.`, {
        [`uoTypeId.${i}`]: ["Choisissez une unité d'œuvre du catalogue."],
      });
    }
    if (uo.code === "REVERSIBILITE") {
      if (line.quantity.greaterThan(1)) {
        throw validation("La Réversibilité couvre au plus un mois d'un profil : 1 UO au maximum.", {
          [`quantity.${i}`]: ["1 UO au maximum pour la Réversibilité."],
        });
      }
      if (!isAtMostOneMonth(input.startsOn, input.endsOn)) {
        throw validation("Une commande de Réversibilité ne peut pas durer plus d'un mois (CCTP §2.5).", {
          endsOn: ["Un mois au plus pour la Réversibilité."],
        });
      }
    }
  });
  return { agreement, product, uoTypes: byId };
}

function lineRows(lines: DraftLine[]) {
  return lines.map((l, i) => ({
    position: i + 1,
    uoTypeId: l.uoTypeId,
    quantity: l.quantity.toFixed(2),
    deliverables: l.deliverables,
  }));
}

/** Réversibilité: once per product and contractor (outside cancelled orders). */
async function checkReversibiliteOnce(
  tx: Tx,
  order: { id: string; productId: string; contractorId: string },
) {
  const count = await tx.orderLine.count({
    where: {
      uoType: { code: "REVERSIBILITE" },
      order: {
        id: { not: order.id },
        productId: order.productId,
        contractorId: order.contractorId,
        status: { notIn: ["DRAFT", "CANCELLED"] },
      },
    },
  });
  if (count > 0) {
    throw validation("La Réversibilité a déjà été commandée pour ce produit auprès de ce titulaire.");
  }
}

export async function createOrderDraft({ actor, input }: { actor: Actor; input: CreateOrderInput }) {
  if (!canManageOrder(actor, { beneficiaryId: actor.membership.beneficiaryId ?? "" })) throw forbidden();
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const { agreement } = await checkDraft(tx, actor, input);
      const order = await tx.purchaseOrder.create({
        data: {
          agreementId: agreement.id,
          beneficiaryId: actor.membership.beneficiaryId as string,
          productId: input.productId,
          contractorId: input.contractorId,
          startsOn: isoToDate(input.startsOn),
          endsOn: isoToDate(input.endsOn),
          chorusServiceCode: input.chorusServiceCode,
          billingAddress: input.billingAddress,
          vatRateBp: agreement.vatRateBp,
          creationKey: input.creationKey,
          createdById: actor.userId,
          lines: { create: lineRows(input.lines) },
        },
        select: { id: true },
      });
      await recordAudit(tx, actor, {
        action: "order.create",
        entityType: "PurchaseOrder",
        entityId: order.id,
        after: { ...input, lines: lineRows(input.lines) },
      });
      return { id: order.id, created: true };
    });
  } catch (e) {
    // The same form sent twice (double click, replayed request): one draft, the first.
    if (isUniqueViolation(e)) {
      const existing = await db.purchaseOrder.findUnique({
        where: { creationKey: input.creationKey },
        select: { id: true, createdById: true },
      });
      if (existing && existing.createdById === actor.userId) return { id: existing.id, created: false };
    }
    throw e;
  }
}

export async function updateOrderDraft({ actor, input }: { actor: Actor; input: UpdateOrderInput }) {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const order = await loadVisibleOrder(tx, actor, input.id);
    if (!canManageOrder(actor, order)) throw forbidden();
    if (order.status !== "DRAFT")
      throw conflict("Ce bon de commande a été émis : il ne peut plus être modifié.");
    if (order.correctsOrderId) {
      throw conflict("Un modificatif ne se modifie pas : annulez ce brouillon et créez-en un nouveau.");
    }
    await checkDraft(tx, actor, input);
    const { count } = await tx.purchaseOrder.updateMany({
      where: { id: order.id, version: input.version, status: "DRAFT" },
      data: {
        productId: input.productId,
        contractorId: input.contractorId,
        startsOn: isoToDate(input.startsOn),
        endsOn: isoToDate(input.endsOn),
        chorusServiceCode: input.chorusServiceCode,
        billingAddress: input.billingAddress,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw staleVersion();
    await tx.orderLine.deleteMany({ where: { orderId: order.id } });
    await tx.orderLine.createMany({ data: lineRows(input.lines).map((l) => ({ ...l, orderId: order.id })) });
    await recordAudit(tx, actor, {
      action: "order.update",
      entityType: "PurchaseOrder",
      entityId: order.id,
      before: { version: order.version },
      after: { ...input, lines: lineRows(input.lines) },
    });
  });
}

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

type IssueLine = {
  id: string;
  uoTypeId: string;
  quantity: Prisma.Decimal;
  correctsLineId: string | null;
  uoType: { label: string };
};

/** Rule 2: an original order's lines take the contractor's validated prices in force today. */
async function priceOriginalLines(
  tx: Tx,
  order: { agreementId: string; contractorId: string },
  today: string,
  lines: IssueLine[],
) {
  const version = await tx.priceScheduleVersion.findFirst({
    where: {
      status: "VALIDATED",
      effectiveOn: { lte: isoToDate(today) },
      schedule: { agreementId: order.agreementId, contractorId: order.contractorId },
    },
    orderBy: { effectiveOn: "desc" },
    select: { id: true, items: { select: { uoTypeId: true, unitPriceHtCents: true } } },
  });
  if (!version) {
    throw validation(
      "Ce titulaire n'a pas de bordereau de prix validé en vigueur aujourd'hui : la commande ne peut pas être émise.",
    );
  }
  const prices = new Map(version.items.map((i) => [i.uoTypeId, i.unitPriceHtCents]));
  const amounts: bigint[] = [];
  for (const line of lines) {
    const unit = prices.get(line.uoTypeId);
    if (unit === undefined) {
      throw validation(`Le bordereau de prix en vigueur n'a pas de prix pour « ${line.uoType.label} ».`);
    }
    const amount = lineAmountHtCents(unit, line.quantity.toString());
    amounts.push(amount);
    await tx.orderLine.update({
      where: { id: line.id },
      data: { unitPriceHtCents: unit, priceScheduleVersionId: version.id, amountHtCents: amount },
    });
  }
  return { amounts, priceScheduleVersionId: version.id as string | null, correctsNumber: null };
}

/**
 * A corrective order's lines keep the ORIGINAL lines' frozen unit prices. The original's
 * row is locked first, so corrective orders of the same order are issued one at a time and
 * each re-checks its change against the quantities left by the previous ones (and against
 * the days consumed meanwhile).
 */
async function priceCorrectiveLines(tx: Tx, originalId: string, lines: IssueLine[]) {
  const [original] = await tx.$queryRaw<Array<{ status: string; number: string | null }>>`
    SELECT "status"::text AS status, "number" FROM "PurchaseOrder" WHERE "id" = ${originalId}::uuid FOR UPDATE`;
  if (!original || !CORRECTABLE_STATUSES.includes(original.status as OrderStatusName)) {
    throw conflict(
      "Le bon de commande d'origine n'est plus émis ou en cours : ce modificatif ne peut plus être émis.",
    );
  }
  const current = await loadCorrectedLines(tx, originalId);
  const amounts: bigint[] = [];
  for (const line of lines) {
    const base = line.correctsLineId ? current.get(line.correctsLineId) : undefined;
    if (!base) throw validation("Une ligne de ce modificatif ne correspond à aucune ligne de la commande.");
    const next = base.quantity.plus(line.quantity.toString());
    const error = correctedQuantityError(base, next);
    if (error) throw validation(`${error} Rien n'a été émis.`);
    const amount = correctionAmountHtCents(base.unitPriceHtCents, base.quantity, next);
    amounts.push(amount);
    await tx.orderLine.update({
      where: { id: line.id },
      data: { unitPriceHtCents: base.unitPriceHtCents, amountHtCents: amount },
    });
  }
  return { amounts, priceScheduleVersionId: null, correctsNumber: original.number };
}

/** Why a line cannot take this new quantity, in French, or null. */
function correctedQuantityError(line: CorrectedLine, next: Decimal): string | null {
  const consumedUo = line.consumedDays.dividedBy(line.daysPerUnit);
  if (next.lessThan(consumedUo)) {
    return `« ${line.label} » : la nouvelle quantité (${frUo(next)} UO) est inférieure aux jours déjà consommés (${line.consumedDays.toString().replace(".", ",")} jours, soit ${frUo(consumedUo)} UO).`;
  }
  if (next.isNegative()) return `« ${line.label} » : la quantité ne peut pas devenir négative.`;
  if (next.greaterThan(MAX_LINE_QUANTITY)) {
    return `« ${line.label} » : la quantité d'une ligne ne peut pas dépasser ${MAX_LINE_QUANTITY} UO.`;
  }
  if (line.code === "REVERSIBILITE" && next.greaterThan(1)) {
    return "La Réversibilité couvre au plus un mois d'un profil : 1 UO au maximum.";
  }
  return null;
}

const frUo = (d: Decimal) => d.toString().replace(".", ",");

/**
 * Issues queue on the ceiling: under a burst (50 at once against a pool of 10), a
 * transaction may wait its turn for a connection longer than Prisma's default 2 s.
 */
const ISSUE_TRANSACTION = { maxWait: 15_000, timeout: 20_000 };

/**
 * Issues a draft: freezes the unit prices of the contractor's version in force today,
 * commits the total HT against the agreement's ceiling and assigns the next number —
 * all in one transaction. The ceiling is one conditional UPDATE of the agreement row:
 * concurrent issues queue on that row lock and each re-checks the sum, so the committed
 * total can never pass the maximum (the CHECK constraint is the last line of defence).
 */
export async function issueOrder({ actor, input }: { actor: Actor; input: IssueOrderInput }) {
  const db = await getDb();
  const issued = await db.$transaction(async (tx) => {
    const order = await loadVisibleOrder(tx, actor, input.id);
    if (!canManageOrder(actor, order)) throw forbidden();
    if (order.status !== "DRAFT") {
      throw conflict(
        `Ce bon de commande a déjà été émis (n° ${order.number ?? "—"}) ou annulé : rien n'a été refait.`,
      );
    }
    if (order.version !== input.version) throw staleVersion();
    const today = todayIso();
    const lines = await tx.orderLine.findMany({
      where: { orderId: order.id },
      orderBy: { position: "asc" },
      select: {
        id: true,
        uoTypeId: true,
        quantity: true,
        correctsLineId: true,
        uoType: { select: { label: true } },
      },
    });
    if (lines.length === 0)
      throw validation("Ajoutez au moins une ligne avant d'émettre le bon de commande.");
    const agreementRow = await tx.frameworkAgreement.findUniqueOrThrow({
      where: { id: order.agreementId },
      select: { vatRateBp: true, startsOn: true, endsOn: true },
    });
    if (today < dateToIso(agreementRow.startsOn) || today > dateToIso(agreementRow.endsOn)) {
      throw validation(
        "L'accord-cadre n'est pas en vigueur aujourd'hui : aucune commande ne peut être émise.",
      );
    }
    const priced = order.correctsOrderId
      ? await priceCorrectiveLines(tx, order.correctsOrderId, lines)
      : await priceOriginalLines(tx, order, today, lines);
    const totals = orderTotals(priced.amounts, agreementRow.vatRateBp);
    if (order.correctsOrderId === null) await checkReversibiliteOnce(tx, order);

    // The one read that does not depend on the ceiling is done before the two rows every
    // issue queues on (the agreement's ceiling and the year's counter) are locked: those
    // locks are held until COMMIT, so the work done after taking them is what simultaneous
    // issues wait for, one after the other (docs/PERFORMANCE.md). Every write stays after
    // the agreement lock, in the same order as the other mutations of the ceiling.
    const to = await correspondents(tx, { contractorId: order.contractorId });

    // The ceiling and the number, atomically and in one statement. The ceiling is a
    // conditional UPDATE of the agreement row: concurrent issues queue on that row lock and
    // each re-checks the sum, so the committed total can never pass the maximum (the CHECK
    // constraint is the last line of defence). A corrective order's delta may be negative
    // (a decrease releases its amount): the UPDATE then always matches, and the CHECK keeps
    // the committed sum ≥ 0. Gapless numbering: the year's counter is incremented only when
    // the ceiling held, in this transaction, and rolls back with it.
    const year = Number(today.slice(0, 4));
    const reserved = await tx.$queryRaw<Array<{ last: number }>>`
      WITH reserved AS (
        UPDATE "FrameworkAgreement"
           SET "committedHtCents" = "committedHtCents" + ${totals.htCents}
         WHERE "id" = ${order.agreementId}::uuid
           AND "committedHtCents" + ${totals.htCents} <= "maxAmountHtCents"
        RETURNING "id")
      INSERT INTO "OrderNumberCounter" ("agreementId", "year", "last")
      SELECT "id", ${year}, 1 FROM reserved
      ON CONFLICT ("agreementId", "year") DO UPDATE SET "last" = "OrderNumberCounter"."last" + 1
      RETURNING "last"`;
    if (reserved.length === 0) {
      const a = await tx.frameworkAgreement.findUniqueOrThrow({
        where: { id: order.agreementId },
        select: { committedHtCents: true, maxAmountHtCents: true },
      });
      throw validation(
        `Le montant maximum de l'accord-cadre serait dépassé : il reste ${formatEuros(a.maxAmountHtCents - a.committedHtCents)} HT disponibles, cette commande en demande ${formatEuros(totals.htCents)} HT. Rien n'a été émis.`,
      );
    }
    const number = formatOrderNumber(year, (reserved[0] as { last: number }).last);

    const { count } = await tx.purchaseOrder.updateMany({
      where: { id: order.id, status: "DRAFT", version: input.version },
      data: {
        status: "ISSUED",
        number,
        legalCommitmentNumber: input.legalCommitmentNumber,
        signatoryName: input.signatoryName,
        orderDate: isoToDate(today),
        issuedAt: new Date(),
        issuedById: actor.userId,
        totalHtCents: totals.htCents,
        vatCents: totals.vatCents,
        totalTtcCents: totals.ttcCents,
        vatRateBp: agreementRow.vatRateBp,
        // A corrective order commits nothing itself: its delta goes to the original (below).
        committedHtCents: order.correctsOrderId ? 0n : totals.htCents,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw staleVersion();
    // Ordered days, on the lines that consumption is counted against (the original's): the
    // database CHECK keeps validated days ≤ ordered days, even against a concurrent decrease.
    if (order.correctsOrderId) {
      await tx.$executeRaw`
        UPDATE "OrderLine" l
           SET "orderedDays" = l."orderedDays" + c."quantity" * u."daysPerUnit"
          FROM "OrderLine" c JOIN "UoType" u ON u."id" = c."uoTypeId"
         WHERE c."orderId" = ${order.id}::uuid AND l."id" = c."correctsLineId"`;
    } else {
      await tx.$executeRaw`
        UPDATE "OrderLine" l SET "orderedDays" = l."quantity" * u."daysPerUnit"
          FROM "UoType" u WHERE u."id" = l."uoTypeId" AND l."orderId" = ${order.id}::uuid`;
    }
    if (order.correctsOrderId) {
      const original = await tx.purchaseOrder.update({
        where: { id: order.correctsOrderId },
        data: { committedHtCents: { increment: totals.htCents }, version: { increment: 1 } },
        select: { committedHtCents: true },
      });
      await recordAudit(tx, actor, {
        action: "order.corrected",
        entityType: "PurchaseOrder",
        entityId: order.correctsOrderId,
        before: { committedHtCents: original.committedHtCents - totals.htCents },
        after: { committedHtCents: original.committedHtCents, correctiveOrderId: order.id, number },
      });
    }
    await recordAudit(tx, actor, {
      action: "order.issue",
      entityType: "PurchaseOrder",
      entityId: order.id,
      before: { status: "DRAFT" },
      after: {
        status: "ISSUED",
        number,
        legalCommitmentNumber: input.legalCommitmentNumber,
        signatoryName: input.signatoryName,
        priceScheduleVersionId: priced.priceScheduleVersionId,
        correctsOrderId: order.correctsOrderId,
        totalHtCents: totals.htCents,
        vatCents: totals.vatCents,
        totalTtcCents: totals.ttcCents,
      },
    });
    await enqueueNotifications(
      tx,
      to.map((toEmail) => ({
        toEmail,
        ...orderMail(order.correctsOrderId ? "corrected" : "issued", {
          id: order.id,
          number,
          productName: order.product.name,
          totalHtCents: totals.htCents,
          ...(priced.correctsNumber ? { reason: priced.correctsNumber } : {}),
        }),
        entityType: "PurchaseOrder",
        entityId: order.id,
      })),
    );
    return { id: order.id, number, totals };
  }, ISSUE_TRANSACTION);
  notifyAfterCommit();
  return issued;
}

export async function cancelOrder({
  actor,
  input,
}: {
  actor: Actor;
  input: { id: string; version: number; reason: string };
}) {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const order = await loadVisibleOrder(tx, actor, input.id);
    if (!canManageOrder(actor, order)) throw forbidden();
    if (order.status !== "DRAFT" && order.status !== "ISSUED") {
      throw conflict(
        "Seul un bon de commande en brouillon ou émis (sans accusé de réception) peut être annulé.",
      );
    }
    // Its change is already applied to the original order: a new modificatif undoes it.
    if (order.correctsOrderId && order.status !== "DRAFT") {
      throw conflict(
        "Un bon de commande modificatif émis ne peut pas être annulé : émettez un nouveau modificatif pour revenir aux quantités précédentes.",
      );
    }
    const { count } = await tx.purchaseOrder.updateMany({
      where: { id: order.id, version: input.version, status: order.status },
      data: {
        status: "CANCELLED",
        cancelledAt: new Date(),
        cancellationReason: input.reason,
        committedHtCents: 0n,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw staleVersion();
    // A cancelled order releases its amount.
    if (order.committedHtCents > 0n) {
      await tx.$executeRaw`
        UPDATE "FrameworkAgreement" SET "committedHtCents" = "committedHtCents" - ${order.committedHtCents}
         WHERE "id" = ${order.agreementId}::uuid`;
    }
    await recordAudit(tx, actor, {
      action: "order.cancel",
      entityType: "PurchaseOrder",
      entityId: order.id,
      before: { status: order.status, committedHtCents: order.committedHtCents },
      after: { status: "CANCELLED", reason: input.reason, committedHtCents: 0n },
    });
    if (order.status === "ISSUED") {
      const to = await correspondents(tx, { contractorId: order.contractorId });
      await enqueueNotifications(
        tx,
        to.map((toEmail) => ({
          toEmail,
          ...orderMail("cancelled", {
            id: order.id,
            number: order.number ?? "",
            productName: order.product.name,
            totalHtCents: order.totalHtCents,
            reason: input.reason,
          }),
          entityType: "PurchaseOrder",
          entityId: order.id,
        })),
      );
    }
  });
  notifyAfterCommit();
}

export async function acknowledgeOrder({
  actor,
  input,
}: {
  actor: Actor;
  input: { id: string; version: number };
}) {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const order = await loadVisibleOrder(tx, actor, input.id);
    if (!canAcknowledgeOrder(actor, order)) throw forbidden();
    if (order.status !== "ISSUED") throw conflict("Ce bon de commande n'attend pas d'accusé de réception.");
    const { count } = await tx.purchaseOrder.updateMany({
      where: { id: order.id, version: input.version, status: "ISSUED" },
      data: {
        status: "ACKNOWLEDGED",
        acknowledgedAt: new Date(),
        acknowledgedById: actor.userId,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw staleVersion();
    await recordAudit(tx, actor, {
      action: "order.acknowledge",
      entityType: "PurchaseOrder",
      entityId: order.id,
      before: { status: "ISSUED" },
      after: { status: "ACKNOWLEDGED" },
    });
    const to = await correspondents(tx, { beneficiaryId: order.beneficiaryId });
    await enqueueNotifications(
      tx,
      to.map((toEmail) => ({
        toEmail,
        ...orderMail("acknowledged", {
          id: order.id,
          number: order.number ?? "",
          productName: order.product.name,
          totalHtCents: order.totalHtCents,
        }),
        entityType: "PurchaseOrder",
        entityId: order.id,
      })),
    );
    // Acknowledged on or after its start date: the work has begun (lifecycle rule).
    if (dateToIso(order.startsOn) <= todayIso()) await startOrder(tx, order.id, "start-date", actor);
  });
  notifyAfterCommit();
}

/** The contractor's observations, appended with author and time; the beneficiary sees them. */
export async function recordObservation({
  actor,
  input,
}: {
  actor: Actor;
  input: { id: string; text: string };
}) {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const order = await loadVisibleOrder(tx, actor, input.id);
    if (!canAcknowledgeOrder(actor, order)) throw forbidden();
    if (order.status === "CANCELLED" || order.status === "CLOSED") {
      throw conflict("Ce bon de commande est clos : il ne reçoit plus d'observations.");
    }
    const current = await tx.purchaseOrder.findUniqueOrThrow({
      where: { id: order.id },
      select: { observations: true },
    });
    const entry = `${new Date().toISOString()} — ${actor.displayName} (${actor.membership.organisationName}) :\n${input.text}`;
    await tx.purchaseOrder.update({
      where: { id: order.id },
      data: { observations: current.observations ? `${current.observations}\n\n${entry}` : entry },
    });
    await recordAudit(tx, actor, {
      action: "order.observe",
      entityType: "PurchaseOrder",
      entityId: order.id,
      after: { observation: input.text },
    });
    const to = await correspondents(tx, { beneficiaryId: order.beneficiaryId });
    await enqueueNotifications(
      tx,
      to.map((toEmail) => ({
        toEmail,
        ...orderMail("observed", {
          id: order.id,
          number: order.number ?? "",
          productName: order.product.name,
          totalHtCents: order.totalHtCents,
          reason: input.text,
        }),
        entityType: "PurchaseOrder",
        entityId: order.id,
      })),
    );
  });
  notifyAfterCommit();
}

/**
 * Creates a corrective order (bon de commande modificatif) as a DRAFT: same beneficiary,
 * product, contractor, period and billing as the original, one line per changed line with
 * the SIGNED change (new − current corrected quantity). Issuing it (issueOrder) prices the
 * changes at the original's frozen unit prices, adds the delta to the original's committed
 * amount and to the agreement (ceiling checked for an increase), and gives it its own number.
 */
export async function createCorrectiveOrder({
  actor,
  input,
}: {
  actor: Actor;
  input: CreateCorrectiveOrderInput;
}) {
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const original = await loadVisibleOrder(tx, actor, input.originalId);
      if (!canManageOrder(actor, original)) throw forbidden();
      if (original.correctsOrderId) {
        throw conflict(
          "Un modificatif se crée sur le bon de commande d'origine, pas sur un autre modificatif.",
        );
      }
      if (!CORRECTABLE_STATUSES.includes(original.status)) {
        throw conflict(
          "Seul un bon de commande émis, reçu par le titulaire ou en cours peut être modifié par un modificatif.",
        );
      }
      const current = await loadCorrectedLines(tx, original.id);
      const changes: Array<{ line: CorrectedLine; change: Decimal }> = [];
      const fieldErrors: Record<string, string[]> = {};
      for (const [lineId, raw] of Object.entries(input.quantities)) {
        const line = current.get(lineId);
        if (!line) throw validation("Une ligne envoyée n'appartient pas à ce bon de commande.");
        const next = new Decimal(raw);
        const error = correctedQuantityError(line, next);
        if (error) {
          fieldErrors[`quantity.${line.position - 1}`] = [error];
          continue;
        }
        const change = next.minus(line.quantity);
        if (!change.isZero()) changes.push({ line, change });
      }
      const errors = Object.values(fieldErrors).flat();
      if (errors.length) throw validation(errors.join(" "), fieldErrors);
      if (changes.length === 0) {
        throw validation(
          "Aucune quantité n'a changé : indiquez au moins une nouvelle quantité différente de la quantité actuelle.",
        );
      }
      const full = await tx.purchaseOrder.findUniqueOrThrow({
        where: { id: original.id },
        select: { chorusServiceCode: true, billingAddress: true, vatRateBp: true },
      });
      const rows = changes
        .sort((a, b) => a.line.position - b.line.position)
        .map((c, i) => ({
          position: i + 1,
          uoTypeId: "",
          correctsLineId: c.line.id,
          quantity: c.change.toFixed(2),
        }));
      const uoTypes = await tx.orderLine.findMany({
        where: { id: { in: rows.map((r) => r.correctsLineId) } },
        select: { id: true, uoTypeId: true, deliverables: true },
      });
      const byId = new Map(uoTypes.map((u) => [u.id, u]));
      const order = await tx.purchaseOrder.create({
        data: {
          agreementId: original.agreementId,
          correctsOrderId: original.id,
          beneficiaryId: original.beneficiaryId,
          productId: original.productId,
          contractorId: original.contractorId,
          startsOn: original.startsOn,
          endsOn: original.endsOn,
          chorusServiceCode: full.chorusServiceCode,
          billingAddress: full.billingAddress,
          vatRateBp: full.vatRateBp,
          creationKey: input.creationKey,
          createdById: actor.userId,
          lines: {
            create: rows.map((r) => ({
              ...r,
              uoTypeId: byId.get(r.correctsLineId)?.uoTypeId as string,
              deliverables: byId.get(r.correctsLineId)?.deliverables ?? "",
            })),
          },
        },
        select: { id: true },
      });
      await recordAudit(tx, actor, {
        action: "order.createCorrective",
        entityType: "PurchaseOrder",
        entityId: order.id,
        after: {
          correctsOrderId: original.id,
          lines: changes.map((c) => ({
            correctsLineId: c.line.id,
            from: c.line.quantity.toFixed(2),
            to: c.line.quantity.plus(c.change).toFixed(2),
            change: c.change.toFixed(2),
          })),
        },
      });
      return { id: order.id, created: true };
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      const existing = await db.purchaseOrder.findUnique({
        where: { creationKey: input.creationKey },
        select: { id: true, createdById: true },
      });
      if (existing && existing.createdById === actor.userId) return { id: existing.id, created: false };
    }
    throw e;
  }
}

/** IN_PROGRESS → COMPLETED, by the beneficiary: the work is over; the contractor is told. */
export async function completeOrder({
  actor,
  input,
}: {
  actor: Actor;
  input: { id: string; version: number };
}) {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const order = await loadVisibleOrder(tx, actor, input.id);
    if (!canManageOrder(actor, order)) throw forbidden();
    if (order.correctsOrderId || order.status !== "IN_PROGRESS") {
      throw conflict("Seul un bon de commande en cours peut être déclaré terminé.");
    }
    const { count } = await tx.purchaseOrder.updateMany({
      where: { id: order.id, version: input.version, status: "IN_PROGRESS" },
      data: { status: "COMPLETED", version: { increment: 1 } },
    });
    if (count === 0) throw staleVersion();
    await recordAudit(tx, actor, {
      action: "order.complete",
      entityType: "PurchaseOrder",
      entityId: order.id,
      before: { status: "IN_PROGRESS" },
      after: { status: "COMPLETED" },
    });
    await notifyContractor(tx, order, "completed");
  });
  notifyAfterCommit();
}

/**
 * COMPLETED → CLOSED, by the beneficiary (rule 4: a closed order commits only what was
 * consumed). The order's committed amount becomes the consumed amount — per line, consumed
 * days in UO × frozen unit price, half-up — and the rest is released from the agreement in
 * the same transaction. Consumed ≤ corrected quantity on every line, so the consumed amount
 * never exceeds what was committed.
 */
export async function closeOrder({ actor, input }: { actor: Actor; input: { id: string; version: number } }) {
  const db = await getDb();
  const closed = await db.$transaction(async (tx) => {
    const order = await loadVisibleOrder(tx, actor, input.id);
    if (!canManageOrder(actor, order)) throw forbidden();
    if (order.correctsOrderId || order.status !== "COMPLETED") {
      throw conflict("Seul un bon de commande terminé peut être clôturé.");
    }
    if (order.version !== input.version) throw staleVersion();
    const lines = await loadCorrectedLines(tx, order.id);
    const consumedHtCents = [...lines.values()].reduce(
      (sum, l) => sum + consumedAmountHtCents(l.unitPriceHtCents, l.consumedDays, l.daysPerUnit),
      0n,
    );
    if (consumedHtCents > order.committedHtCents) {
      throw conflict(
        "Le montant consommé dépasse le montant engagé : la clôture est impossible, contactez la DINUM.",
      );
    }
    const releasedHtCents = order.committedHtCents - consumedHtCents;
    const { count } = await tx.purchaseOrder.updateMany({
      where: { id: order.id, version: input.version, status: "COMPLETED" },
      data: {
        status: "CLOSED",
        closedAt: new Date(),
        committedHtCents: consumedHtCents,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw staleVersion();
    if (releasedHtCents > 0n) {
      await tx.$executeRaw`
        UPDATE "FrameworkAgreement" SET "committedHtCents" = "committedHtCents" - ${releasedHtCents}
         WHERE "id" = ${order.agreementId}::uuid`;
    }
    await recordAudit(tx, actor, {
      action: "order.close",
      entityType: "PurchaseOrder",
      entityId: order.id,
      before: { status: "COMPLETED", committedHtCents: order.committedHtCents },
      after: { status: "CLOSED", committedHtCents: consumedHtCents, releasedHtCents },
    });
    await notifyContractor(
      tx,
      order,
      "closed",
      `Montant consommé retenu : ${formatEuros(consumedHtCents)} HT. Montant libéré : ${formatEuros(releasedHtCents)} HT.`,
    );
    return { consumedHtCents, releasedHtCents };
  });
  notifyAfterCommit();
  return closed;
}

async function notifyContractor(
  tx: Tx,
  order: {
    id: string;
    number: string | null;
    contractorId: string;
    totalHtCents: bigint;
    product: { name: string };
  },
  event: "completed" | "closed",
  reason?: string,
) {
  const to = await correspondents(tx, { contractorId: order.contractorId });
  await enqueueNotifications(
    tx,
    to.map((toEmail) => ({
      toEmail,
      ...orderMail(event, {
        id: order.id,
        number: order.number ?? "",
        productName: order.product.name,
        totalHtCents: order.totalHtCents,
        ...(reason ? { reason } : {}),
      }),
      entityType: "PurchaseOrder",
      entityId: order.id,
    })),
  );
}
