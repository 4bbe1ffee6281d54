import "server-only";
// Monthly activity reports: the contractor writes (saveReport) and submits (submitReport) one
// report per order and month; the beneficiary validates it — its billable days become the
// lines' consumed days — or rejects it with a reason. A validated report never changes
// (database trigger): a correction is an adjusting entry (createAdjustment /
// updateAdjustment) with signed changes, submitted and validated like any report.
//
// Invariants held inside each transaction, whatever runs at the same time:
//  - a person's days in a month, over every order and report, ≤ the month's working days:
//    the Staffer rows concerned are locked (SELECT … FOR UPDATE, ordered by id) before the
//    sum is read, so two saves for the same person queue and the second sees the first;
//  - validated days on a line ≤ its ordered days and ≥ its certified days: one conditional
//    UPDATE per line (the CHECK constraint OrderLine_days is the last guard);
//  - the order row is locked (FOR SHARE, FOR UPDATE when it may start) so no report is written
//    or validated on an order that has just been completed, cancelled or closed.
import Decimal from "decimal.js";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit/mutations";
import type { Actor } from "@/lib/auth/actor";
import { dateToIso, isoToDate } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { isUniqueViolation, PG_CHECK_VIOLATION, pgErrorOf } from "@/lib/db/errors";
import { conflict, forbidden, notFound, staleVersion, validation } from "@/lib/errors";
import { enqueueNotifications, notifyAfterCommit } from "@/lib/notifications";
import { startOrder } from "@/lib/orders/lifecycle";
import {
  formatMonth,
  type MonthKey,
  monthEnd,
  monthOf,
  monthStart,
  workingDaysInMonth,
  workingDaysInMonthWithin,
} from "./calendar";
import { activityMail, correspondentEmails } from "./notifications";
import { canDecideReports, canSeeReports, canWriteReports, isOwnSubmission } from "./policies";
import {
  cellCapError,
  daysLabel,
  frDays,
  isEditable,
  isReportableOrder,
  rampUpError,
  stafferMonthError,
  sumDays,
} from "./rules";
import type {
  CorrectedTotal,
  CreateAdjustmentInput,
  GridEntry,
  RejectReportInput,
  SaveReportInput,
  SubmitReportInput,
  UpdateAdjustmentInput,
  ValidateReportInput,
} from "./schemas";

type Tx = Prisma.TransactionClient;

const ORDER = "Ce bon de commande";
const REPORT = "Ce compte rendu d'activité";

const orderSelect = {
  id: true,
  number: true,
  status: true,
  beneficiaryId: true,
  contractorId: true,
  correctsOrderId: true,
  startsOn: true,
  endsOn: true,
  product: { select: { name: true } },
} satisfies Prisma.PurchaseOrderSelect;
type OrderRow = Prisma.PurchaseOrderGetPayload<{ select: typeof orderSelect }>;

/** The order, if the actor may see it (else "not found": its existence is not revealed). */
async function loadVisibleOrder(tx: Tx, actor: Actor, id: string): Promise<OrderRow> {
  const order = await tx.purchaseOrder.findUnique({ where: { id }, select: orderSelect });
  if (!order || !canSeeReports(actor, order)) throw notFound(ORDER);
  return order;
}

/**
 * Locks the order row and reads its status again: FOR SHARE when the order only has to stay
 * as it is, FOR UPDATE when this transaction may change it (first report starts the order).
 */
async function lockOrder(tx: Tx, order: OrderRow, mode: "share" | "update"): Promise<OrderRow> {
  if (mode === "update") {
    await tx.$queryRaw`SELECT 1 FROM "PurchaseOrder" WHERE "id" = ${order.id}::uuid FOR UPDATE`;
  } else {
    await tx.$queryRaw`SELECT 1 FROM "PurchaseOrder" WHERE "id" = ${order.id}::uuid FOR SHARE`;
  }
  const { status } = await tx.purchaseOrder.findUniqueOrThrow({
    where: { id: order.id },
    select: { status: true },
  });
  return { ...order, status };
}

const ORDER_REFUSALS: Record<string, string> = {
  DRAFT: "Ce bon de commande n'est pas encore émis : il ne reçoit pas de compte rendu d'activité.",
  ISSUED:
    "Le titulaire n'a pas encore accusé réception de ce bon de commande : accusez-en réception avant de déclarer l'activité.",
  COMPLETED: "Ce bon de commande est terminé : il ne reçoit plus de compte rendu d'activité.",
  CLOSED: "Ce bon de commande est clôturé : il ne reçoit plus de compte rendu d'activité.",
  CANCELLED: "Ce bon de commande est annulé : il ne reçoit pas de compte rendu d'activité.",
};

function assertReportable(order: OrderRow) {
  if (order.correctsOrderId) {
    throw conflict(
      "Un bon de commande modificatif ne reçoit pas de compte rendu : déclarez l'activité sur le bon de commande d'origine.",
    );
  }
  if (!isReportableOrder(order)) {
    throw conflict(ORDER_REFUSALS[order.status] ?? "Ce bon de commande ne reçoit pas de compte rendu.");
  }
}

function assertMonthInPeriod(order: OrderRow, month: MonthKey) {
  const startsOn = dateToIso(order.startsOn);
  const endsOn = dateToIso(order.endsOn);
  if (month < monthOf(startsOn) || month > monthOf(endsOn)) {
    throw validation(
      `${capitalize(formatMonth(month))} est en dehors de la période du bon de commande (du ${frDate(startsOn)} au ${frDate(endsOn)}) : aucun compte rendu ne peut y être déclaré.`,
      { month: ["Choisissez un mois de la période du bon de commande."] },
    );
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const frDate = (iso: string) => iso.split("-").reverse().join("/");
const dec = (v: Prisma.Decimal | string | number) => new Decimal(v.toString());

type GridRow = {
  assignmentId: string;
  orderLineId: string;
  stafferId: string;
  stafferName: string;
  rampUpDays: Decimal;
  /** Working days of the month inside the assignment's and the order's periods. */
  cap: number;
};

/**
 * The order's assignments whose period meets the month (plus `alsoIds`, assignments that
 * already have days on the report), each with the working days it allows that month.
 */
async function loadGrid(tx: Tx, order: OrderRow, month: MonthKey, alsoIds: string[] = []) {
  const from = isoToDate(monthStart(month));
  const to = isoToDate(monthEnd(month));
  const rows = await tx.assignment.findMany({
    where: {
      orderId: order.id,
      OR: [{ startsOn: { lte: to }, endsOn: { gte: from } }, { id: { in: alsoIds } }],
    },
    select: {
      id: true,
      orderLineId: true,
      stafferId: true,
      startsOn: true,
      endsOn: true,
      rampUpDays: true,
      staffer: { select: { fullName: true } },
    },
  });
  const orderPeriod = { startsOn: dateToIso(order.startsOn), endsOn: dateToIso(order.endsOn) };
  return new Map<string, GridRow>(
    rows.map((a) => [
      a.id,
      {
        assignmentId: a.id,
        orderLineId: a.orderLineId,
        stafferId: a.stafferId,
        stafferName: a.staffer.fullName,
        rampUpDays: dec(a.rampUpDays),
        cap: workingDaysInMonthWithin(
          month,
          { startsOn: dateToIso(a.startsOn), endsOn: dateToIso(a.endsOn) },
          orderPeriod,
        ),
      },
    ]),
  );
}

function notAssigned(month: MonthKey) {
  return validation(
    `Une personne de la grille n'est pas affectée à ce bon de commande en ${formatMonth(month)} : rechargez la page. Rien n'a été enregistré.`,
  );
}

/** Rows of the grid with their days, checked cell by cell (half-days, period, ramp-up flag). */
function checkCells(grid: Map<string, GridRow>, entries: GridEntry[], month: MonthKey) {
  const label = formatMonth(month);
  const errors: Record<string, string[]> = {};
  const rows: Array<GridRow & { days: Decimal; nonBillableDays: Decimal }> = [];
  for (const e of entries) {
    const row = grid.get(e.assignmentId);
    if (!row) throw notAssigned(month);
    if (e.days.isZero() && e.nonBillableDays.isZero()) continue;
    const cap = cellCapError({
      stafferName: row.stafferName,
      monthLabel: label,
      cap: row.cap,
      total: e.days.plus(e.nonBillableDays),
    });
    if (cap) errors[`days.${row.assignmentId}`] = [cap];
    if (!e.nonBillableDays.isZero() && row.rampUpDays.isZero()) {
      errors[`nonBillableDays.${row.assignmentId}`] = [
        `${row.stafferName} n'est pas un remplacement avec montée en compétence : pas de jours non facturables.`,
      ];
    }
    rows.push({ ...row, days: e.days, nonBillableDays: e.nonBillableDays });
  }
  throwIfErrors(errors);
  return rows;
}

function throwIfErrors(errors: Record<string, string[]>) {
  const messages = Object.values(errors).flat();
  if (messages.length) throw validation(`${messages.join(" ")} Rien n'a été enregistré.`, errors);
}

/**
 * Rule 5 under concurrency. Locks the people's Staffer rows (ordered by id: two transactions
 * never wait for each other in a cycle), then sums what every OTHER report gives them this
 * month. A not-yet-validated adjusting entry counts its additions but not its reductions, so
 * a pending correction never frees days it may not obtain.
 */
async function checkStafferMonths(
  tx: Tx,
  month: MonthKey,
  requested: Array<{ stafferId: string; stafferName: string; fieldKey: string; days: Decimal }>,
  excludeReportIds: string[],
) {
  const perStaffer = new Map<string, { name: string; fieldKeys: string[]; days: Decimal }>();
  for (const r of requested) {
    if (!r.days.greaterThan(0)) continue;
    const s = perStaffer.get(r.stafferId) ?? { name: r.stafferName, fieldKeys: [], days: new Decimal(0) };
    s.fieldKeys.push(r.fieldKey);
    s.days = s.days.plus(r.days);
    perStaffer.set(r.stafferId, s);
  }
  const ids = [...perStaffer.keys()].sort();
  if (ids.length === 0) return;
  await tx.$queryRaw`SELECT "id" FROM "Staffer" WHERE "id" = ANY(${ids}::uuid[]) ORDER BY "id" FOR UPDATE`;
  const sums = await tx.$queryRaw<Array<{ stafferId: string; total: string }>>`
    SELECT e."stafferId"::text AS "stafferId",
           SUM(CASE WHEN r."adjustsReportId" IS NOT NULL AND r."status" <> 'VALIDATED'
                    THEN GREATEST(e."days", 0) ELSE e."days" END + e."nonBillableDays")::text AS total
      FROM "ActivityEntry" e JOIN "ActivityReport" r ON r."id" = e."reportId"
     WHERE e."stafferId" = ANY(${ids}::uuid[]) AND e."month" = ${isoToDate(monthStart(month))}::date
       AND e."reportId" <> ALL(${excludeReportIds}::uuid[])
     GROUP BY e."stafferId"`;
  const elsewhere = new Map(sums.map((s) => [s.stafferId, new Decimal(s.total)]));
  const workingDays = workingDaysInMonth(month);
  const errors: Record<string, string[]> = {};
  for (const [id, s] of perStaffer) {
    const message = stafferMonthError({
      stafferName: s.name,
      monthLabel: formatMonth(month),
      workingDays,
      elsewhere: elsewhere.get(id) ?? new Decimal(0),
      requested: s.days,
    });
    if (message) for (const key of s.fieldKeys) errors[key] = [message];
  }
  throwIfErrors(errors);
}

/** CCTP §3.4: a replacement's non-billable days over all months ≤ its ramp-up days. */
async function checkRampUps(
  tx: Tx,
  rows: Array<GridRow & { nonBillableDays: Decimal }>,
  excludeReportIds: string[],
) {
  const withRampUp = rows.filter((r) => r.nonBillableDays.greaterThan(0));
  if (withRampUp.length === 0) return;
  const ids = withRampUp.map((r) => r.assignmentId);
  const sums = await tx.$queryRaw<Array<{ assignmentId: string; total: string }>>`
    SELECT "assignmentId"::text AS "assignmentId", SUM("nonBillableDays")::text AS total
      FROM "ActivityEntry"
     WHERE "assignmentId" = ANY(${ids}::uuid[]) AND "reportId" <> ALL(${excludeReportIds}::uuid[])
     GROUP BY "assignmentId"`;
  const elsewhere = new Map(sums.map((s) => [s.assignmentId, new Decimal(s.total)]));
  const errors: Record<string, string[]> = {};
  for (const r of withRampUp) {
    const message = rampUpError({
      stafferName: r.stafferName,
      rampUpDays: r.rampUpDays,
      elsewhere: elsewhere.get(r.assignmentId) ?? new Decimal(0),
      requested: r.nonBillableDays,
    });
    if (message) errors[`nonBillableDays.${r.assignmentId}`] = [message];
  }
  throwIfErrors(errors);
}

function entryRows(
  reportId: string,
  month: MonthKey,
  rows: Array<GridRow & { days: Decimal; nonBillableDays: Decimal }>,
) {
  return rows.map((r) => ({
    reportId,
    assignmentId: r.assignmentId,
    orderLineId: r.orderLineId,
    stafferId: r.stafferId,
    month: isoToDate(monthStart(month)),
    days: r.days.toFixed(1),
    nonBillableDays: r.nonBillableDays.toFixed(1),
  }));
}

const auditEntries = (
  rows: Array<{ assignmentId: string; stafferName: string; days: Decimal; nonBillableDays: Decimal }>,
) =>
  rows.map((r) => ({
    assignmentId: r.assignmentId,
    staffer: r.stafferName,
    days: r.days.toFixed(1),
    nonBillableDays: r.nonBillableDays.toFixed(1),
  }));

/** A concurrent creation of the same report (unique index) reads as "changed meanwhile". */
async function inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  try {
    return await db.$transaction(fn, { maxWait: 10_000, timeout: 30_000 });
  } catch (e) {
    if (isUniqueViolation(e)) throw staleVersion();
    throw e;
  }
}

/**
 * Creates the month's report as a draft, or updates a draft or rejected one (optimistic lock
 * on `version`). The grid is the order's assignments active that month; blank cells are 0.
 */
export async function saveReport({ actor, input }: { actor: Actor; input: SaveReportInput }) {
  return inTransaction(async (tx) => {
    let order = await loadVisibleOrder(tx, actor, input.orderId);
    if (!canWriteReports(actor, order)) throw forbidden();
    order = await lockOrder(tx, order, "share");
    assertReportable(order);
    assertMonthInPeriod(order, input.month);
    const monthDate = isoToDate(monthStart(input.month));
    const existing = await tx.activityReport.findFirst({
      where: { orderId: order.id, month: monthDate, adjustsReportId: null },
      select: {
        id: true,
        status: true,
        version: true,
        activities: true,
        entries: { select: { assignmentId: true, days: true, nonBillableDays: true } },
      },
    });
    if (existing && !isEditable(existing.status)) {
      throw conflict(
        existing.status === "VALIDATED"
          ? "Ce compte rendu est validé : il ne change plus. Pour le corriger, créez une écriture d'ajustement."
          : "Ce compte rendu a été soumis au bénéficiaire : il ne peut plus être modifié, sauf s'il est rejeté.",
      );
    }
    if ((existing?.version ?? null) !== input.version) throw staleVersion();

    const grid = await loadGrid(
      tx,
      order,
      input.month,
      (existing?.entries ?? []).map((e) => e.assignmentId),
    );
    const rows = checkCells(grid, input.entries, input.month);
    const exclude = existing ? [existing.id] : [];
    await checkStafferMonths(
      tx,
      input.month,
      rows.map((r) => ({
        stafferId: r.stafferId,
        stafferName: r.stafferName,
        fieldKey: `days.${r.assignmentId}`,
        days: r.days.plus(r.nonBillableDays),
      })),
      exclude,
    );
    await checkRampUps(tx, rows, exclude);

    let reportId: string;
    let newVersion: number;
    if (existing) {
      const { count } = await tx.activityReport.updateMany({
        where: { id: existing.id, version: existing.version, status: existing.status },
        data: { activities: input.activities, version: { increment: 1 } },
      });
      if (count === 0) throw staleVersion();
      await tx.activityEntry.deleteMany({ where: { reportId: existing.id } });
      reportId = existing.id;
      newVersion = existing.version + 1;
    } else {
      const created = await tx.activityReport.create({
        data: {
          orderId: order.id,
          month: monthDate,
          activities: input.activities,
          createdById: actor.userId,
        },
        select: { id: true, version: true },
      });
      reportId = created.id;
      newVersion = created.version;
    }
    if (rows.length) await tx.activityEntry.createMany({ data: entryRows(reportId, input.month, rows) });
    await recordAudit(tx, actor, {
      action: "activity.save",
      entityType: "ActivityReport",
      entityId: reportId,
      before: existing
        ? {
            status: existing.status,
            version: existing.version,
            activities: existing.activities,
            entries: existing.entries.map((e) => ({
              assignmentId: e.assignmentId,
              days: e.days.toString(),
              nonBillableDays: e.nonBillableDays.toString(),
            })),
          }
        : undefined,
      after: {
        orderId: order.id,
        month: input.month,
        version: newVersion,
        activities: input.activities,
        entries: auditEntries(rows),
      },
    });
    return { id: reportId, version: newVersion, created: !existing };
  });
}

const reportSelect = {
  id: true,
  orderId: true,
  month: true,
  status: true,
  version: true,
  activities: true,
  adjustsReportId: true,
  submittedById: true,
  entries: {
    select: {
      assignmentId: true,
      orderLineId: true,
      stafferId: true,
      days: true,
      nonBillableDays: true,
    },
  },
} satisfies Prisma.ActivityReportSelect;
type ReportRow = Prisma.ActivityReportGetPayload<{ select: typeof reportSelect }>;

/** The report and its order, if the actor may see the order (else "not found"). */
async function loadVisibleReport(tx: Tx, actor: Actor, id: string) {
  const report = await tx.activityReport.findUnique({ where: { id }, select: reportSelect });
  if (!report) throw notFound(REPORT);
  const order = await tx.purchaseOrder.findUnique({ where: { id: report.orderId }, select: orderSelect });
  if (!order || !canSeeReports(actor, order)) throw notFound(REPORT);
  return { report, order, month: monthOf(dateToIso(report.month)) };
}

const billableOf = (report: ReportRow) => sumDays(report.entries.map((e) => e.days.toString()));

async function notify(
  tx: Tx,
  event: "submitted" | "validated" | "rejected",
  order: OrderRow,
  report: ReportRow,
  month: MonthKey,
  reason?: string,
) {
  const to = await correspondentEmails(
    tx,
    event === "submitted" ? { beneficiaryId: order.beneficiaryId } : { contractorId: order.contractorId },
  );
  const mail = activityMail(event, {
    orderId: order.id,
    orderNumber: order.number ?? "",
    productName: order.product.name,
    month,
    isAdjustment: report.adjustsReportId !== null,
    billableDays: billableOf(report).toString(),
    ...(reason !== undefined ? { reason } : {}),
  });
  await enqueueNotifications(
    tx,
    to.map((toEmail) => ({ toEmail, ...mail, entityType: "ActivityReport", entityId: report.id })),
  );
}

/**
 * DRAFT or REJECTED → SUBMITTED, by the contractor. The first report of an acknowledged order
 * starts it (lifecycle: ACKNOWLEDGED → IN_PROGRESS). The beneficiary's correspondents are told.
 */
export async function submitReport({ actor, input }: { actor: Actor; input: SubmitReportInput }) {
  const done = await inTransaction(async (tx) => {
    const { report, order: visible, month } = await loadVisibleReport(tx, actor, input.reportId);
    if (!canWriteReports(actor, visible)) throw forbidden();
    const order = await lockOrder(tx, visible, "update");
    assertReportable(order);
    if (!isEditable(report.status)) {
      throw conflict(
        report.status === "VALIDATED"
          ? "Ce compte rendu est déjà validé."
          : "Ce compte rendu a déjà été soumis : il attend la décision du bénéficiaire.",
      );
    }
    if (report.version !== input.version) throw staleVersion();
    const hasDays = report.entries.some((e) => !e.days.isZero() || !e.nonBillableDays.isZero());
    if (report.adjustsReportId && !hasDays) {
      throw validation("Cette écriture d'ajustement ne change aucun nombre de jours : rien à soumettre.");
    }
    if (!hasDays && report.activities.trim() === "") {
      throw validation(
        "Ce compte rendu est vide : déclarez au moins une demi-journée ou décrivez les activités du mois avant de le soumettre.",
        { activities: ["Décrivez les activités du mois, ou déclarez des jours."] },
      );
    }
    const { count } = await tx.activityReport.updateMany({
      where: { id: report.id, version: input.version, status: { in: ["DRAFT", "REJECTED"] } },
      data: {
        status: "SUBMITTED",
        submittedAt: new Date(),
        submittedById: actor.userId,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw staleVersion();
    await recordAudit(tx, actor, {
      action: "activity.submit",
      entityType: "ActivityReport",
      entityId: report.id,
      before: { status: report.status, version: report.version },
      after: {
        status: "SUBMITTED",
        version: report.version + 1,
        billableDays: billableOf(report).toFixed(1),
      },
    });
    if (order.status === "ACKNOWLEDGED") await startOrder(tx, order.id, "first-report", actor);
    await notify(tx, "submitted", order, report, month);
    return { id: report.id, version: report.version + 1, orderId: order.id, month };
  });
  notifyAfterCommit();
  return done;
}

type LineChange = { lineId: string; days: Decimal };

/** Billable days of the report per order line, lines in id order (the lock order). */
function lineChanges(report: ReportRow): LineChange[] {
  const perLine = new Map<string, Decimal>();
  for (const e of report.entries) {
    perLine.set(e.orderLineId, (perLine.get(e.orderLineId) ?? new Decimal(0)).plus(e.days.toString()));
  }
  return [...perLine.entries()]
    .filter(([, days]) => !days.isZero())
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([lineId, days]) => ({ lineId, days }));
}

async function lineRefusal(tx: Tx, change: LineChange) {
  const line = await tx.orderLine.findUniqueOrThrow({
    where: { id: change.lineId },
    select: {
      position: true,
      orderedDays: true,
      consumedDays: true,
      certifiedDays: true,
      uoType: { select: { label: true } },
    },
  });
  const name = `« ${line.uoType.label} » (ligne ${line.position})`;
  if (change.days.greaterThan(0)) {
    return validation(
      `Valider ce compte rendu dépasserait les jours commandés sur la ligne ${name} : ${daysLabel(line.orderedDays.toString())} commandés, ${daysLabel(line.consumedDays.toString())} déjà validés, ce compte rendu en ajoute ${daysLabel(change.days)}. Rien n'a été validé : rejetez-le pour que le titulaire le corrige, ou augmentez la commande par un bon de commande modificatif.`,
    );
  }
  return validation(
    `Valider cette écriture ferait passer les jours validés de la ligne ${name} à ${frDays(dec(line.consumedDays).plus(change.days))}, sous les ${daysLabel(line.certifiedDays.toString())} déjà certifiés par un service fait. Rien n'a été validé.`,
  );
}

/**
 * SUBMITTED → VALIDATED, by the beneficiary (never the person who submitted). Adds the
 * report's billable days (signed, for an adjusting entry) to each line's consumed days, each
 * with one conditional UPDATE: concurrent validations on the same line queue on its row lock
 * and each re-checks the bound against what the previous one left. The contractor is told.
 */
export async function validateReport({ actor, input }: { actor: Actor; input: ValidateReportInput }) {
  const db = await getDb();
  let done: {
    id: string;
    orderId: string;
    month: MonthKey;
    lines: Array<{ lineId: string; added: string; consumedDays: string }>;
  };
  try {
    done = await db.$transaction(
      async (tx) => {
        const { report, order: visible, month } = await loadVisibleReport(tx, actor, input.reportId);
        if (!canDecideReports(actor, visible)) throw forbidden();
        if (isOwnSubmission(actor, report)) {
          throw forbidden("Vous ne pouvez pas valider un compte rendu que vous avez vous-même soumis.");
        }
        const order = await lockOrder(tx, visible, "share");
        if (order.status !== "IN_PROGRESS") {
          throw conflict(
            "Ce bon de commande n'est plus en cours : ses comptes rendus ne peuvent plus être validés.",
          );
        }
        if (report.status !== "SUBMITTED") {
          throw conflict(
            report.status === "VALIDATED"
              ? "Ce compte rendu est déjà validé."
              : "Ce compte rendu n'attend pas de validation : le titulaire ne l'a pas (encore) soumis.",
          );
        }
        if (report.version !== input.version) throw staleVersion();
        // The report first: a second validation of the same report stops here, before any line.
        const { count } = await tx.activityReport.updateMany({
          where: { id: report.id, version: input.version, status: "SUBMITTED" },
          data: {
            status: "VALIDATED",
            validatedAt: new Date(),
            validatedById: actor.userId,
            version: { increment: 1 },
          },
        });
        if (count === 0) throw staleVersion();
        const lines: Array<{ lineId: string; added: string; consumedDays: string }> = [];
        for (const change of lineChanges(report)) {
          const days = change.days.toFixed(1);
          const updated = await tx.$queryRaw<Array<{ consumedDays: string }>>`
            UPDATE "OrderLine"
               SET "consumedDays" = "consumedDays" + ${days}::numeric
             WHERE "id" = ${change.lineId}::uuid
               AND "consumedDays" + ${days}::numeric <= "orderedDays"
               AND "consumedDays" + ${days}::numeric >= "certifiedDays"
            RETURNING "consumedDays"::text AS "consumedDays"`;
          if (updated.length === 0) throw await lineRefusal(tx, change);
          lines.push({ lineId: change.lineId, added: days, consumedDays: updated[0]?.consumedDays ?? "" });
        }
        await recordAudit(tx, actor, {
          action: "activity.validate",
          entityType: "ActivityReport",
          entityId: report.id,
          before: { status: "SUBMITTED", version: report.version },
          after: { status: "VALIDATED", version: report.version + 1, lines },
        });
        await notify(tx, "validated", order, report, month);
        return { id: report.id, orderId: order.id, month, lines };
      },
      { maxWait: 10_000, timeout: 30_000 },
    );
  } catch (e) {
    // Last guard: the CHECK constraint OrderLine_days (never reached while the conditional
    // UPDATE above holds), read as the same refusal rather than an unexpected error.
    const pg = pgErrorOf(e);
    if (
      pg?.code === PG_CHECK_VIOLATION &&
      (pg.constraint === "OrderLine_days" || /OrderLine_days/.test(pg.message))
    ) {
      throw validation(
        "Valider ce compte rendu dépasserait les jours commandés (ou passerait sous les jours certifiés) d'une ligne du bon de commande. Rien n'a été validé.",
      );
    }
    throw e;
  }
  notifyAfterCommit();
  return done;
}

/** SUBMITTED → REJECTED with a reason, by the beneficiary. The contractor corrects and resubmits. */
export async function rejectReport({ actor, input }: { actor: Actor; input: RejectReportInput }) {
  const done = await inTransaction(async (tx) => {
    const { report, order, month } = await loadVisibleReport(tx, actor, input.reportId);
    if (!canDecideReports(actor, order)) throw forbidden();
    if (report.status !== "SUBMITTED") {
      throw conflict(
        "Ce compte rendu n'attend pas de décision : seul un compte rendu soumis peut être rejeté.",
      );
    }
    if (report.version !== input.version) throw staleVersion();
    const { count } = await tx.activityReport.updateMany({
      where: { id: report.id, version: input.version, status: "SUBMITTED" },
      data: {
        status: "REJECTED",
        rejectedAt: new Date(),
        rejectedById: actor.userId,
        rejectionReason: input.reason,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw staleVersion();
    await recordAudit(tx, actor, {
      action: "activity.reject",
      entityType: "ActivityReport",
      entityId: report.id,
      before: { status: "SUBMITTED", version: report.version },
      after: { status: "REJECTED", version: report.version + 1, reason: input.reason },
    });
    await notify(tx, "rejected", order, report, month, input.reason);
    return { id: report.id, orderId: order.id, month };
  });
  notifyAfterCommit();
  return done;
}

/**
 * The signed changes an adjusting entry makes: for each person whose corrected total differs
 * from what is validated (the report + its validated adjustments), the difference. Checks the
 * corrected totals against the month (≥ 0, within the assignment's working days, the person's
 * month over all orders).
 */
async function adjustmentRows(
  tx: Tx,
  order: OrderRow,
  original: ReportRow,
  month: MonthKey,
  totals: CorrectedTotal[],
  excludeReportIds: string[],
) {
  const validated = await tx.activityEntry.findMany({
    where: {
      OR: [{ reportId: original.id }, { report: { adjustsReportId: original.id, status: "VALIDATED" } }],
    },
    select: { assignmentId: true, days: true, nonBillableDays: true },
  });
  const base = new Map<string, { days: Decimal; nonBillableDays: Decimal }>();
  for (const e of validated) {
    const b = base.get(e.assignmentId) ?? { days: new Decimal(0), nonBillableDays: new Decimal(0) };
    base.set(e.assignmentId, {
      days: b.days.plus(e.days.toString()),
      nonBillableDays: b.nonBillableDays.plus(e.nonBillableDays.toString()),
    });
  }
  const grid = await loadGrid(tx, order, month, [...base.keys()]);
  const label = formatMonth(month);
  const errors: Record<string, string[]> = {};
  const rows: Array<GridRow & { days: Decimal; nonBillableDays: Decimal; correctedDays: Decimal }> = [];
  for (const t of totals) {
    const row = grid.get(t.assignmentId);
    if (!row) throw notAssigned(month);
    const b = base.get(t.assignmentId) ?? { days: new Decimal(0), nonBillableDays: new Decimal(0) };
    const change = t.days.minus(b.days);
    if (change.isZero()) continue;
    const cap = cellCapError({
      stafferName: row.stafferName,
      monthLabel: label,
      cap: row.cap,
      total: t.days.plus(b.nonBillableDays),
    });
    if (cap) errors[`correctedDays.${row.assignmentId}`] = [cap];
    rows.push({ ...row, days: change, nonBillableDays: new Decimal(0), correctedDays: t.days });
  }
  throwIfErrors(errors);
  if (rows.length === 0) {
    throw validation(
      "Aucun nombre de jours ne change par rapport au compte rendu validé : indiquez au moins un total corrigé différent.",
      { correctedDays: ["Modifiez au moins un total."] },
    );
  }
  await checkStafferMonths(
    tx,
    month,
    rows.map((r) => ({
      stafferId: r.stafferId,
      stafferName: r.stafferName,
      fieldKey: `correctedDays.${r.assignmentId}`,
      days: r.days,
    })),
    excludeReportIds,
  );
  return rows;
}

/** Locks the validated report (adjustments of one report are written one at a time) and checks none is open. */
async function lockOriginal(tx: Tx, original: ReportRow, exceptId: string | null) {
  await tx.$queryRaw`SELECT 1 FROM "ActivityReport" WHERE "id" = ${original.id}::uuid FOR UPDATE`;
  const open = await tx.activityReport.count({
    where: {
      adjustsReportId: original.id,
      status: { not: "VALIDATED" },
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
  });
  if (open > 0) {
    throw conflict(
      "Une écriture d'ajustement de ce compte rendu est déjà en cours : terminez-la (ou attendez la décision du bénéficiaire) avant d'en créer une autre.",
    );
  }
}

function adjustable(report: ReportRow) {
  if (report.adjustsReportId) {
    throw validation(
      "Une écriture d'ajustement se crée sur le compte rendu d'origine, pas sur une autre écriture.",
    );
  }
  if (report.status !== "VALIDATED") {
    throw conflict(
      "Seul un compte rendu validé se corrige par une écriture d'ajustement ; tant qu'il n'est pas validé, modifiez-le directement.",
    );
  }
}

/**
 * An adjusting entry on a VALIDATED report, by the contractor: a new report of the same order
 * and month pointing to it, whose rows are the SIGNED changes to each person's billable days.
 * The validated report is never modified. It is then submitted and validated like any report.
 */
export async function createAdjustment({ actor, input }: { actor: Actor; input: CreateAdjustmentInput }) {
  return inTransaction(async (tx) => {
    const { report: original, order: visible, month } = await loadVisibleReport(tx, actor, input.reportId);
    if (!canWriteReports(actor, visible)) throw forbidden();
    const order = await lockOrder(tx, visible, "share");
    assertReportable(order);
    adjustable(original);
    await lockOriginal(tx, original, null);
    const rows = await adjustmentRows(tx, order, original, month, input.totals, []);
    const created = await tx.activityReport.create({
      data: {
        orderId: order.id,
        month: original.month,
        adjustsReportId: original.id,
        activities: input.activities,
        createdById: actor.userId,
      },
      select: { id: true, version: true },
    });
    await tx.activityEntry.createMany({ data: entryRows(created.id, month, rows) });
    await recordAudit(tx, actor, {
      action: "activity.adjust",
      entityType: "ActivityReport",
      entityId: created.id,
      after: {
        orderId: order.id,
        month,
        adjustsReportId: original.id,
        reason: input.activities,
        changes: rows.map((r) => ({
          assignmentId: r.assignmentId,
          staffer: r.stafferName,
          change: r.days.toFixed(1),
          correctedDays: r.correctedDays.toFixed(1),
        })),
      },
    });
    return { id: created.id, version: created.version, orderId: order.id, month };
  });
}

/** Edits a draft or rejected adjusting entry (optimistic lock), before it is (re)submitted. */
export async function updateAdjustment({ actor, input }: { actor: Actor; input: UpdateAdjustmentInput }) {
  return inTransaction(async (tx) => {
    const {
      report: adjustment,
      order: visible,
      month,
    } = await loadVisibleReport(tx, actor, input.adjustmentId);
    if (!canWriteReports(actor, visible)) throw forbidden();
    if (!adjustment.adjustsReportId) throw notFound("Cette écriture d'ajustement");
    const order = await lockOrder(tx, visible, "share");
    assertReportable(order);
    if (!isEditable(adjustment.status)) {
      throw conflict(
        "Cette écriture d'ajustement a été soumise ou validée : elle ne peut plus être modifiée.",
      );
    }
    if (adjustment.version !== input.version) throw staleVersion();
    const original = await tx.activityReport.findUniqueOrThrow({
      where: { id: adjustment.adjustsReportId },
      select: reportSelect,
    });
    await lockOriginal(tx, original, adjustment.id);
    const rows = await adjustmentRows(tx, order, original, month, input.totals, [adjustment.id]);
    const { count } = await tx.activityReport.updateMany({
      where: { id: adjustment.id, version: input.version, status: adjustment.status },
      data: { activities: input.activities, version: { increment: 1 } },
    });
    if (count === 0) throw staleVersion();
    await tx.activityEntry.deleteMany({ where: { reportId: adjustment.id } });
    await tx.activityEntry.createMany({ data: entryRows(adjustment.id, month, rows) });
    await recordAudit(tx, actor, {
      action: "activity.save",
      entityType: "ActivityReport",
      entityId: adjustment.id,
      before: {
        version: adjustment.version,
        activities: adjustment.activities,
        changes: adjustment.entries.map((e) => ({ assignmentId: e.assignmentId, change: e.days.toString() })),
      },
      after: {
        adjustsReportId: original.id,
        version: adjustment.version + 1,
        reason: input.activities,
        changes: rows.map((r) => ({
          assignmentId: r.assignmentId,
          staffer: r.stafferName,
          change: r.days.toFixed(1),
          correctedDays: r.correctedDays.toFixed(1),
        })),
      },
    });
    return { id: adjustment.id, version: adjustment.version + 1, orderId: order.id, month };
  });
}
