import "server-only";
// Staffers, assignments and replacements. Each mutation checks the actor's right on the
// records themselves, runs in one transaction with its audit event, and tells the
// beneficiary's correspondents about staff changes on their orders.
//
// Invariants under concurrency, held by row locks taken in one order everywhere
// (order FOR SHARE → staffer FOR UPDATE → assignment FOR UPDATE, so no deadlock):
//   - the order stays staffable (acknowledged or in progress) while an assignment changes;
//   - a staffer's assignments on a line never overlap, and an inactive staffer gets none:
//     every assignment of a staffer is written under that staffer's row lock;
//   - an assignment is replaced at most once: its row lock, then the unique index on
//     "replacesAssignmentId" as the database's last word.
import Decimal from "decimal.js";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit/mutations";
import { type Actor, can } from "@/lib/auth/actor";
import { dateToIso, isoToDate, todayIso } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { conflict, forbidden, isAppError, notFound, staleVersion, validation } from "@/lib/errors";
import { enqueueNotifications, notifyAfterCommit } from "@/lib/notifications";
import { canSeeOrder } from "@/lib/orders/policies";
import { type StaffingEvent, type StaffingMailData, staffingMail } from "./notifications";
import { canCreateStaffers, canStaffOrder } from "./policies";
import {
  assignmentPeriodErrors,
  dayBefore,
  findOverlap,
  frDate,
  frMonth,
  isStaffableOrder,
  type Period,
  replacementDateError,
  reportedMonthsOutside,
} from "./rules";
import type {
  CreateAssignmentInput,
  CreateStafferInput,
  ReplaceAssignmentInput,
  SetStafferActiveInput,
  UpdateAssignmentInput,
  UpdateStafferInput,
} from "./schemas";

type Tx = Prisma.TransactionClient;

const STAFFER = "Cet intervenant";
const ASSIGNMENT = "Cette affectation";
const ORDER = "Ce bon de commande";
const EMAIL_TAKEN = "Un intervenant de votre société a déjà cette adresse e-mail.";
const ALREADY_REPLACED =
  "Cette personne a déjà été remplacée sur cette affectation : rechargez la page pour voir l'équipe à jour. Rien n'a été enregistré.";
const NOT_STAFFABLE =
  "Les intervenants s'affectent sur un bon de commande d'origine dont le titulaire a accusé réception ou qui est en cours : ce bon de commande ne l'est pas (ou plus).";

const stafferAudit = {
  id: true,
  contractorId: true,
  fullName: true,
  email: true,
  uoTypeId: true,
  status: true,
  subcontractorName: true,
  betaUsername: true,
  active: true,
  version: true,
} satisfies Prisma.StafferSelect;

function requireStaffing(actor: Actor): string {
  const contractorId = actor.membership.contractorId;
  if (!can(actor, "staffing:manageOwn") || !contractorId) throw forbidden();
  return contractorId;
}

/** The profile must be an active UO type of the agreement in force (the one orders use). */
async function checkProfile(tx: Tx, uoTypeId: string) {
  const agreement = await tx.frameworkAgreement.findFirstOrThrow({
    orderBy: [{ startsOn: "desc" }, { createdAt: "asc" }],
    select: { id: true },
  });
  const uo = await tx.uoType.findFirst({
    where: { id: uoTypeId, agreementId: agreement.id, active: true },
    select: { id: true, label: true },
  });
  if (!uo) {
    throw validation("Ce profil n'existe pas dans le catalogue des unités d'œuvre de l'accord-cadre.", {
      uoTypeId: ["Choisissez un profil du catalogue des unités d'œuvre."],
    });
  }
  return uo;
}

function mapEmailTaken(e: unknown): never {
  if (isUniqueViolation(e)) throw validation(EMAIL_TAKEN, { email: [EMAIL_TAKEN] });
  throw e;
}

/** Locks the staffer's row (see the header) and returns it, or "not found" outside the company. */
async function lockOwnStaffer(tx: Tx, contractorId: string, id: string) {
  await tx.$queryRaw`SELECT 1 FROM "Staffer" WHERE "id" = ${id}::uuid FOR UPDATE`;
  const staffer = await tx.staffer.findUnique({
    where: { id },
    select: { ...stafferAudit, uoType: { select: { label: true } } },
  });
  if (!staffer || staffer.contractorId !== contractorId) throw notFound(STAFFER);
  return staffer;
}

/** Assignments of a staffer that are not over: they end today or later. */
function currentAssignments(tx: Tx, stafferId: string) {
  return tx.assignment.findMany({
    where: { stafferId, endsOn: { gte: isoToDate(todayIso()) } },
    orderBy: { endsOn: "desc" },
    select: { endsOn: true, line: { select: { uoTypeId: true } }, order: { select: { number: true } } },
  });
}

// ── Staffers ──

export async function createStaffer({ actor, input }: { actor: Actor; input: CreateStafferInput }) {
  if (!canCreateStaffers(actor)) throw forbidden();
  const contractorId = requireStaffing(actor);
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      await checkProfile(tx, input.uoTypeId);
      const created = await tx.staffer.create({
        data: { ...input, contractorId },
        select: stafferAudit,
      });
      await recordAudit(tx, actor, {
        action: "staffer.create",
        entityType: "Staffer",
        entityId: created.id,
        after: created,
      });
      return { id: created.id };
    });
  } catch (e) {
    mapEmailTaken(e);
  }
}

export async function updateStaffer({ actor, input }: { actor: Actor; input: UpdateStafferInput }) {
  const contractorId = requireStaffing(actor);
  const db = await getDb();
  try {
    await db.$transaction(async (tx) => {
      const { uoType, ...before } = await lockOwnStaffer(tx, contractorId, input.id);
      if (before.version !== input.version) throw staleVersion();
      await checkProfile(tx, input.uoTypeId);
      if (input.uoTypeId !== before.uoTypeId) {
        // The profile is what the person is staffed as: lines of another UO type would no
        // longer match their staffer.
        const current = await currentAssignments(tx, before.id);
        if (current.length > 0) {
          const message = `${before.fullName} est affecté comme « ${uoType.label} » jusqu'au ${frDate(dateToIso(current[0]?.endsOn as Date))} : son profil ne peut changer qu'une fois ces affectations terminées (mettez-y fin ou remplacez cette personne d'abord).`;
          throw validation(message, { uoTypeId: [message] });
        }
      }
      const { id, version, ...fields } = input;
      const { count } = await tx.staffer.updateMany({
        where: { id, version, contractorId },
        data: { ...fields, version: { increment: 1 } },
      });
      if (count === 0) throw staleVersion();
      const after = await tx.staffer.findUniqueOrThrow({ where: { id }, select: stafferAudit });
      await recordAudit(tx, actor, {
        action: "staffer.update",
        entityType: "Staffer",
        entityId: id,
        before,
        after,
      });
    });
  } catch (e) {
    mapEmailTaken(e);
  }
}

export async function setStafferActive({ actor, input }: { actor: Actor; input: SetStafferActiveInput }) {
  const contractorId = requireStaffing(actor);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const { uoType: _uo, ...before } = await lockOwnStaffer(tx, contractorId, input.id);
    if (before.version !== input.version) throw staleVersion();
    if (!input.active) {
      const current = await currentAssignments(tx, before.id);
      const last = current[0];
      if (last) {
        throw conflict(
          `${before.fullName} est affecté jusqu'au ${frDate(dateToIso(last.endsOn))} (bon de commande ${last.order.number ?? "—"}) : mettez fin à ses affectations ou remplacez cette personne avant de la désactiver.`,
        );
      }
    }
    const { count } = await tx.staffer.updateMany({
      where: { id: input.id, version: input.version, contractorId },
      data: { active: input.active, version: { increment: 1 } },
    });
    if (count === 0) throw staleVersion();
    await recordAudit(tx, actor, {
      action: input.active ? "staffer.activate" : "staffer.deactivate",
      entityType: "Staffer",
      entityId: input.id,
      before: { active: before.active, version: before.version },
      after: { active: input.active, version: before.version + 1 },
    });
  });
}

// ── Orders and assignments ──

type LockedOrder = {
  id: string;
  status: string;
  beneficiaryId: string;
  contractorId: string;
  correctsOrderId: string | null;
  startsOn: Date;
  endsOn: Date;
};

/**
 * Locks the order FOR SHARE (its status cannot change until the transaction ends) and
 * checks the actor staffs it: "not found" outside its scope, a conflict when the order is
 * not (or no longer) staffable.
 */
async function lockStaffableOrder(tx: Tx, actor: Actor, orderId: string) {
  const [order] = await tx.$queryRaw<LockedOrder[]>`
    SELECT "id", "status"::text AS "status", "beneficiaryId", "contractorId", "correctsOrderId",
           "startsOn", "endsOn"
      FROM "PurchaseOrder" WHERE "id" = ${orderId}::uuid FOR SHARE`;
  if (!order || !canSeeOrder(actor, order) || !canStaffOrder(actor, order)) throw notFound(ORDER);
  if (!isStaffableOrder(order)) throw conflict(NOT_STAFFABLE);
  const details = await tx.purchaseOrder.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      number: true,
      product: { select: { name: true } },
      beneficiary: { select: { name: true } },
      contractor: { select: { name: true } },
    },
  });
  return {
    ...order,
    period: { startsOn: dateToIso(order.startsOn), endsOn: dateToIso(order.endsOn) },
    number: details.number ?? "",
    productName: details.product.name,
    beneficiaryName: details.beneficiary.name,
    contractorName: details.contractor.name,
  };
}
type StaffableOrder = Awaited<ReturnType<typeof lockStaffableOrder>>;

/** An active staffer of the order's company, of the line's profile (else a French refusal). */
async function lockAssignableStaffer(
  tx: Tx,
  order: StaffableOrder,
  stafferId: string,
  line: { uoTypeId: string; label: string },
) {
  const staffer = await lockOwnStaffer(tx, order.contractorId, stafferId);
  if (!staffer.active) {
    const message = `${staffer.fullName} est désactivé : réactivez cette personne ou choisissez un autre intervenant.`;
    throw validation(message, { stafferId: [message] });
  }
  if (staffer.uoTypeId !== line.uoTypeId) {
    const message = `Le profil de ${staffer.fullName} (« ${staffer.uoType.label} ») ne correspond pas à l'unité d'œuvre de cette ligne (« ${line.label} ») : affectez un intervenant de ce profil.`;
    throw validation(message, { stafferId: [message] });
  }
  return staffer;
}

function checkPeriod(order: StaffableOrder, period: Period) {
  const errors = assignmentPeriodErrors(period, order.period);
  if (Object.keys(errors).length) {
    throw validation(Object.values(errors).flat()[0] as string, errors);
  }
}

/** No two assignments of one staffer on one line share a day (caller holds the staffer lock). */
async function checkNoOverlap(
  tx: Tx,
  stafferName: string,
  where: { stafferId: string; orderLineId: string; exceptId?: string },
  period: Period,
) {
  const others = await tx.assignment.findMany({
    where: {
      stafferId: where.stafferId,
      orderLineId: where.orderLineId,
      ...(where.exceptId ? { id: { not: where.exceptId } } : {}),
    },
    select: { startsOn: true, endsOn: true },
  });
  const clash = findOverlap(
    period,
    others.map((o) => ({ startsOn: dateToIso(o.startsOn), endsOn: dateToIso(o.endsOn) })),
  );
  if (clash) {
    const message = `${stafferName} est déjà affecté à cette ligne du ${frDate(clash.startsOn)} au ${frDate(clash.endsOn)} : les périodes d'une même personne sur une ligne ne peuvent pas se chevaucher.`;
    throw validation(message, { startsOn: [message] });
  }
}

/** Days already reported on an assignment must stay inside its period (reports are monthly). */
async function checkReportedDays(tx: Tx, assignmentId: string, period: Period, who: string) {
  const rows = await tx.activityEntry.groupBy({
    by: ["month"],
    where: { assignmentId },
    _sum: { days: true, nonBillableDays: true },
  });
  const outside = reportedMonthsOutside(
    period,
    rows.map((r) => ({
      month: dateToIso(r.month),
      days: r._sum.days?.toString() ?? "0",
      nonBillableDays: r._sum.nonBillableDays?.toString() ?? "0",
    })),
  );
  if (outside.length > 0) {
    const months = outside.map(frMonth).join(", ");
    const message = `Des jours de ${who} sont déjà déclarés en ${months} sur cette affectation : sa période doit continuer à couvrir ${outside.length > 1 ? "ces mois" : "ce mois"}.`;
    throw validation(message, { endsOn: [message] });
  }
}

async function notifyBeneficiary(
  tx: Tx,
  order: StaffableOrder,
  event: StaffingEvent,
  data: Omit<
    StaffingMailData,
    "orderId" | "orderNumber" | "productName" | "beneficiaryName" | "contractorName"
  >,
  assignmentId: string,
) {
  const rows = await tx.membership.findMany({
    where: { beneficiaryId: order.beneficiaryId, role: "BENEFICIARY", active: true, user: { active: true } },
    select: { user: { select: { email: true } } },
  });
  const mail = staffingMail(event, {
    ...data,
    orderId: order.id,
    orderNumber: order.number,
    productName: order.productName,
    beneficiaryName: order.beneficiaryName,
    contractorName: order.contractorName,
  });
  await enqueueNotifications(
    tx,
    [...new Set(rows.map((r) => r.user.email))].map((toEmail) => ({
      toEmail,
      ...mail,
      entityType: "Assignment",
      entityId: assignmentId,
    })),
  );
}

export async function createAssignment({ actor, input }: { actor: Actor; input: CreateAssignmentInput }) {
  requireStaffing(actor);
  const db = await getDb();
  const created = await db.$transaction(async (tx) => {
    const order = await lockStaffableOrder(tx, actor, input.orderId);
    const line = await tx.orderLine.findFirst({
      where: { id: input.orderLineId, orderId: order.id },
      select: { id: true, uoTypeId: true, uoType: { select: { label: true } } },
    });
    if (!line) {
      throw validation("Cette ligne n'appartient pas à ce bon de commande.", {
        orderLineId: ["Choisissez une ligne du bon de commande."],
      });
    }
    const lineInfo = { uoTypeId: line.uoTypeId, label: line.uoType.label };
    const staffer = await lockAssignableStaffer(tx, order, input.stafferId, lineInfo);
    const period = { startsOn: input.startsOn, endsOn: input.endsOn };
    checkPeriod(order, period);
    await checkNoOverlap(tx, staffer.fullName, { stafferId: staffer.id, orderLineId: line.id }, period);
    const assignment = await tx.assignment.create({
      data: {
        orderId: order.id,
        orderLineId: line.id,
        stafferId: staffer.id,
        startsOn: isoToDate(period.startsOn),
        endsOn: isoToDate(period.endsOn),
        createdById: actor.userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "assignment.create",
      entityType: "Assignment",
      entityId: assignment.id,
      after: {
        orderId: order.id,
        orderNumber: order.number,
        orderLineId: line.id,
        uoType: line.uoType.label,
        stafferId: staffer.id,
        stafferName: staffer.fullName,
        ...period,
      },
    });
    await notifyBeneficiary(
      tx,
      order,
      "assigned",
      { lineLabel: line.uoType.label, stafferName: staffer.fullName, ...period },
      assignment.id,
    );
    return { id: assignment.id, orderId: order.id };
  });
  notifyAfterCommit();
  return created;
}

/** Loads an assignment in the actor's scope and takes the locks in the documented order. */
async function lockAssignment(tx: Tx, actor: Actor, id: string, newcomerId?: string) {
  const head = await tx.assignment.findUnique({ where: { id }, select: { orderId: true, stafferId: true } });
  if (!head) throw notFound(ASSIGNMENT);
  let order: StaffableOrder;
  try {
    order = await lockStaffableOrder(tx, actor, head.orderId);
  } catch (e) {
    // Someone else's order: the assignment itself is what is "not found".
    if (isAppError(e) && e.code === "NOT_FOUND") throw notFound(ASSIGNMENT);
    throw e;
  }
  // The staffer whose assignments on the line change: the newcomer on a replacement.
  await tx.$queryRaw`SELECT 1 FROM "Staffer" WHERE "id" = ${newcomerId ?? head.stafferId}::uuid FOR UPDATE`;
  await tx.$queryRaw`SELECT 1 FROM "Assignment" WHERE "id" = ${id}::uuid FOR UPDATE`;
  const a = await tx.assignment.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      version: true,
      orderLineId: true,
      startsOn: true,
      endsOn: true,
      replacesAssignmentId: true,
      rampUpDays: true,
      staffer: { select: { id: true, fullName: true } },
      line: { select: { uoTypeId: true, uoType: { select: { label: true } } } },
      replacedBy: { select: { id: true } },
    },
  });
  return {
    order,
    a: { ...a, period: { startsOn: dateToIso(a.startsOn), endsOn: dateToIso(a.endsOn) } },
  };
}

export async function updateAssignment({ actor, input }: { actor: Actor; input: UpdateAssignmentInput }) {
  requireStaffing(actor);
  const db = await getDb();
  const updated = await db.$transaction(async (tx) => {
    const { order, a } = await lockAssignment(tx, actor, input.id);
    if (a.version !== input.version) throw staleVersion();
    if (a.replacedBy) {
      throw conflict(
        `${a.staffer.fullName} a été remplacé sur cette affectation : sa période se termine la veille de l'arrivée de la personne qui le remplace et ne se modifie plus.`,
      );
    }
    const period = { startsOn: input.startsOn, endsOn: input.endsOn };
    if (a.replacesAssignmentId && period.startsOn !== a.period.startsOn) {
      const message =
        "La date d'arrivée d'un remplaçant ne se modifie pas : elle suit la fin de l'affectation de la personne remplacée.";
      throw validation(message, { startsOn: [message] });
    }
    if (period.startsOn === a.period.startsOn && period.endsOn === a.period.endsOn) {
      throw validation("La période n'a pas changé : rien n'a été enregistré.");
    }
    checkPeriod(order, period);
    await checkNoOverlap(
      tx,
      a.staffer.fullName,
      { stafferId: a.staffer.id, orderLineId: a.orderLineId, exceptId: a.id },
      period,
    );
    await checkReportedDays(tx, a.id, period, a.staffer.fullName);
    const { count } = await tx.assignment.updateMany({
      where: { id: a.id, version: input.version },
      data: {
        startsOn: isoToDate(period.startsOn),
        endsOn: isoToDate(period.endsOn),
        version: { increment: 1 },
      },
    });
    if (count === 0) throw staleVersion();
    await recordAudit(tx, actor, {
      action: "assignment.update",
      entityType: "Assignment",
      entityId: a.id,
      before: { ...a.period, version: a.version },
      after: { ...period, version: a.version + 1 },
    });
    await notifyBeneficiary(
      tx,
      order,
      "periodChanged",
      { lineLabel: a.line.uoType.label, stafferName: a.staffer.fullName, ...period, previous: a.period },
      a.id,
    );
    return { orderId: order.id };
  });
  notifyAfterCommit();
  return updated;
}

/**
 * Replaces the person of an assignment from `startsOn` (CCTP §3.4): in one transaction the
 * replaced assignment ends the day before, and the newcomer's assignment starts, linked to
 * it, with its ramp-up days (at the contractor's cost, never billed).
 */
export async function replaceAssignment({ actor, input }: { actor: Actor; input: ReplaceAssignmentInput }) {
  requireStaffing(actor);
  const db = await getDb();
  try {
    const created = await db.$transaction(async (tx) => {
      const { order, a } = await lockAssignment(tx, actor, input.id, input.stafferId);
      if (a.replacedBy) throw conflict(ALREADY_REPLACED);
      if (a.version !== input.version) throw staleVersion();
      const lineInfo = { uoTypeId: a.line.uoTypeId, label: a.line.uoType.label };
      if (input.stafferId === a.staffer.id) {
        const message = "Choisissez une autre personne que celle qui est remplacée.";
        throw validation(message, { stafferId: [message] });
      }
      const newcomer = await lockAssignableStaffer(tx, order, input.stafferId, lineInfo);
      const dateError = replacementDateError(a.period, input.startsOn);
      if (dateError) throw validation(dateError, { startsOn: [dateError] });
      const period = { startsOn: input.startsOn, endsOn: input.endsOn ?? a.period.endsOn };
      checkPeriod(order, period);
      await checkNoOverlap(
        tx,
        newcomer.fullName,
        { stafferId: newcomer.id, orderLineId: a.orderLineId },
        period,
      );
      const replacedUntil = dayBefore(input.startsOn);
      await checkReportedDays(
        tx,
        a.id,
        { startsOn: a.period.startsOn, endsOn: replacedUntil },
        a.staffer.fullName,
      );
      const { count } = await tx.assignment.updateMany({
        where: { id: a.id, version: input.version },
        data: { endsOn: isoToDate(replacedUntil), version: { increment: 1 } },
      });
      if (count === 0) throw staleVersion();
      const rampUpDays = new Decimal(input.rampUpDays).toFixed(1);
      const replacement = await tx.assignment.create({
        data: {
          orderId: order.id,
          orderLineId: a.orderLineId,
          stafferId: newcomer.id,
          startsOn: isoToDate(period.startsOn),
          endsOn: isoToDate(period.endsOn),
          replacesAssignmentId: a.id,
          rampUpDays,
          createdById: actor.userId,
        },
        select: { id: true },
      });
      await recordAudit(tx, actor, {
        action: "assignment.replace",
        entityType: "Assignment",
        entityId: replacement.id,
        before: { replaced: { id: a.id, stafferName: a.staffer.fullName, ...a.period } },
        after: {
          replaced: { id: a.id, endsOn: replacedUntil },
          replacement: {
            id: replacement.id,
            orderId: order.id,
            orderLineId: a.orderLineId,
            stafferId: newcomer.id,
            stafferName: newcomer.fullName,
            ...period,
            rampUpDays,
          },
        },
      });
      await notifyBeneficiary(
        tx,
        order,
        "replaced",
        {
          lineLabel: a.line.uoType.label,
          stafferName: newcomer.fullName,
          ...period,
          replacedName: a.staffer.fullName,
          rampUpDays: new Decimal(rampUpDays).toString(),
        },
        replacement.id,
      );
      return { id: replacement.id, orderId: order.id };
    });
    notifyAfterCommit();
    return created;
  } catch (e) {
    // The unique index on "replacesAssignmentId": another replacement won the race.
    if (isUniqueViolation(e)) throw conflict(ALREADY_REPLACED);
    throw e;
  }
}
