import "server-only";
// Reads of activity reports, authorization inside: a report is seen by whoever sees its
// order (the ordering organisation, the company it is addressed to, DINUM); anything else is
// "not found". Each read selects what its screen shows.
import Decimal from "decimal.js";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/actor";
import { dateToIso, isoToDate } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";
import { orderScope } from "@/lib/orders/queries";
import type { OrderStatusName } from "@/lib/orders/rules";
import { type Page, skipTake, toPage } from "@/lib/pagination";
import { isUuid } from "@/lib/validation";
import {
  currentMonth,
  formatMonth,
  type MonthKey,
  monthEnd,
  monthOf,
  monthStart,
  monthsBetween,
  parseMonth,
  weekdayHolidaysOfMonth,
  workingDaysInMonth,
  workingDaysInMonthWithin,
} from "./calendar";
import { canDecideReports, canSeeReports, canWriteReports, isOwnSubmission } from "./policies";
import {
  isEditable,
  isReportableOrder,
  REPORTABLE_ORDER_STATUSES,
  type ReportStatusName,
  sumDays,
} from "./rules";

const ORDER = "Ce bon de commande";
const dec = (v: Prisma.Decimal | string | number) => new Decimal(v.toString());

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
  beneficiary: { select: { name: true } },
  contractor: { select: { name: true } },
} satisfies Prisma.PurchaseOrderSelect;

async function loadOrder(actor: Actor, orderId: string) {
  if (!isUuid(orderId)) throw notFound(ORDER);
  const db = await getDb();
  const order = await db.purchaseOrder.findUnique({ where: { id: orderId }, select: orderSelect });
  if (!order || !canSeeReports(actor, order)) throw notFound(ORDER);
  return {
    id: order.id,
    number: order.number,
    status: order.status as OrderStatusName,
    beneficiaryId: order.beneficiaryId,
    contractorId: order.contractorId,
    correctsOrderId: order.correctsOrderId,
    startsOn: dateToIso(order.startsOn),
    endsOn: dateToIso(order.endsOn),
    productName: order.product.name,
    beneficiaryName: order.beneficiary.name,
    contractorName: order.contractor.name,
  };
}
export type ReportOrder = Awaited<ReturnType<typeof loadOrder>>;

const reportSelect = {
  id: true,
  status: true,
  version: true,
  activities: true,
  adjustsReportId: true,
  createdAt: true,
  submittedAt: true,
  submittedById: true,
  validatedAt: true,
  validatedById: true,
  rejectedAt: true,
  rejectedById: true,
  rejectionReason: true,
  entries: { select: { assignmentId: true, days: true, nonBillableDays: true } },
} satisfies Prisma.ActivityReportSelect;
type ReportRow = Prisma.ActivityReportGetPayload<{ select: typeof reportSelect }>;

function reportDto(r: ReportRow, names: Map<string, string>) {
  return {
    id: r.id,
    status: r.status as ReportStatusName,
    version: r.version,
    activities: r.activities,
    isAdjustment: r.adjustsReportId !== null,
    createdAt: r.createdAt,
    submittedAt: r.submittedAt,
    submittedBy: r.submittedById ? (names.get(r.submittedById) ?? null) : null,
    validatedAt: r.validatedAt,
    validatedBy: r.validatedById ? (names.get(r.validatedById) ?? null) : null,
    rejectedAt: r.rejectedAt,
    rejectedBy: r.rejectedById ? (names.get(r.rejectedById) ?? null) : null,
    rejectionReason: r.rejectionReason,
    billableDays: sumDays(r.entries.map((e) => e.days.toString())).toString(),
    nonBillableDays: sumDays(r.entries.map((e) => e.nonBillableDays.toString())).toString(),
  };
}
export type ReportDto = ReturnType<typeof reportDto>;

export type GridRowDto = {
  assignmentId: string;
  stafferName: string;
  profile: string;
  lineLabel: string;
  startsOn: string;
  endsOn: string;
  /** Working days of the month inside the assignment's and the order's periods. */
  cap: number;
  isReplacement: boolean;
  replacesName: string | null;
  rampUpDays: string;
  /** Ramp-up days not yet used by the other reports (replacements). */
  rampUpLeft: string;
  /** On the month's report (draft, submitted, validated or rejected). */
  days: string;
  nonBillableDays: string;
  /** What is validated: the report (once validated) + its validated adjusting entries. */
  validatedDays: string;
  /** The open adjusting entry's signed change, if any… */
  pendingChange: string | null;
  /** …and the total it would leave once validated. */
  pendingTotal: string | null;
};

/**
 * One order's month: the report (if any), the grid of the people assigned that month with
 * their days, its adjusting entries, and what the caller may do.
 */
export async function getReport({
  actor,
  orderId,
  month: rawMonth,
}: {
  actor: Actor;
  orderId: string;
  month: string;
}) {
  const order = await loadOrder(actor, orderId);
  const parsed = parseMonth(rawMonth);
  if (!parsed.ok) throw notFound("Ce mois");
  const month = parsed.value;
  const db = await getDb();
  const monthDate = isoToDate(monthStart(month));
  const reports = await db.activityReport.findMany({
    where: { orderId: order.id, month: monthDate },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: reportSelect,
  });
  const original = reports.find((r) => r.adjustsReportId === null) ?? null;
  const adjustments = original ? reports.filter((r) => r.adjustsReportId === original.id) : [];
  const openAdjustment = adjustments.find((a) => a.status !== "VALIDATED") ?? null;

  const withDays = new Set(reports.flatMap((r) => r.entries.map((e) => e.assignmentId)));
  const assignments = await db.assignment.findMany({
    where: {
      orderId: order.id,
      OR: [
        { startsOn: { lte: isoToDate(monthEnd(month)) }, endsOn: { gte: monthDate } },
        { id: { in: [...withDays] } },
      ],
    },
    orderBy: [{ staffer: { fullName: "asc" } }, { startsOn: "asc" }, { id: "asc" }],
    select: {
      id: true,
      startsOn: true,
      endsOn: true,
      rampUpDays: true,
      replacesAssignmentId: true,
      replaces: { select: { staffer: { select: { fullName: true } } } },
      staffer: { select: { fullName: true, uoType: { select: { label: true } } } },
      line: { select: { position: true, uoType: { select: { label: true } } } },
    },
  });
  const replacementIds = assignments.filter((a) => dec(a.rampUpDays).greaterThan(0)).map((a) => a.id);
  const usedRampUp = replacementIds.length
    ? await db.activityEntry.groupBy({
        by: ["assignmentId"],
        where: {
          assignmentId: { in: replacementIds },
          ...(original ? { reportId: { not: original.id } } : {}),
        },
        _sum: { nonBillableDays: true },
      })
    : [];
  const used = new Map(usedRampUp.map((u) => [u.assignmentId, dec(u._sum.nonBillableDays ?? 0)]));
  const entryOf = (r: ReportRow | null, assignmentId: string) =>
    r?.entries.find((e) => e.assignmentId === assignmentId);
  const orderPeriod = { startsOn: order.startsOn, endsOn: order.endsOn };
  const rows: GridRowDto[] = assignments.map((a) => {
    const own = entryOf(original, a.id);
    const validated = [original, ...adjustments]
      .filter((r): r is ReportRow => r !== null && r.status === "VALIDATED")
      .map((r) => entryOf(r, a.id)?.days.toString() ?? "0");
    const pending = openAdjustment ? entryOf(openAdjustment, a.id) : undefined;
    const rampUp = dec(a.rampUpDays);
    return {
      assignmentId: a.id,
      stafferName: a.staffer.fullName,
      profile: a.staffer.uoType.label,
      lineLabel: `${a.line.uoType.label} (ligne ${a.line.position})`,
      startsOn: dateToIso(a.startsOn),
      endsOn: dateToIso(a.endsOn),
      cap: workingDaysInMonthWithin(
        month,
        { startsOn: dateToIso(a.startsOn), endsOn: dateToIso(a.endsOn) },
        orderPeriod,
      ),
      isReplacement: rampUp.greaterThan(0),
      replacesName: a.replaces?.staffer.fullName ?? null,
      rampUpDays: rampUp.toString(),
      rampUpLeft: Decimal.max(rampUp.minus(used.get(a.id) ?? 0), 0).toString(),
      days: own ? own.days.toString() : "0",
      nonBillableDays: own ? own.nonBillableDays.toString() : "0",
      validatedDays: sumDays(validated).toString(),
      pendingChange: pending ? pending.days.toString() : null,
      pendingTotal: pending ? sumDays([...validated, pending.days.toString()]).toString() : null,
    };
  });

  const people = [
    ...new Set(
      reports
        .flatMap((r) => [r.submittedById, r.validatedById, r.rejectedById])
        .filter((x): x is string => !!x),
    ),
  ];
  const users = people.length
    ? await db.user.findMany({
        where: { id: { in: people } },
        select: { id: true, givenName: true, usualName: true },
      })
    : [];
  const names = new Map(users.map((u) => [u.id, `${u.givenName} ${u.usualName}`]));

  const inPeriod = month >= monthOf(order.startsOn) && month <= monthOf(order.endsOn);
  const write = canWriteReports(actor, order);
  const decide = canDecideReports(actor, order);
  const reportable = isReportableOrder(order) && inPeriod;
  const decisionFlags = (r: ReportRow) => ({
    validate:
      decide && r.status === "SUBMITTED" && order.status === "IN_PROGRESS" && !isOwnSubmission(actor, r),
    reject: decide && r.status === "SUBMITTED",
  });
  return {
    order,
    month,
    monthLabel: formatMonth(month),
    workingDays: workingDaysInMonth(month),
    holidays: weekdayHolidaysOfMonth(month),
    inPeriod,
    report: original ? reportDto(original, names) : null,
    rows,
    showNonBillable: rows.some((r) => r.isReplacement),
    adjustments: adjustments.map((a) => ({
      ...reportDto(a, names),
      changes: a.entries
        .map((e) => ({
          assignmentId: e.assignmentId,
          stafferName: assignments.find((x) => x.id === e.assignmentId)?.staffer.fullName ?? "—",
          days: e.days.toString(),
        }))
        .sort((x, y) => x.stafferName.localeCompare(y.stafferName, "fr")),
      can: {
        edit: write && reportable && isEditable(a.status),
        ...decisionFlags(a),
      },
    })),
    can: {
      /** Save the grid (creates the report when there is none). */
      edit: write && reportable && (original === null || isEditable(original.status)),
      ...(original ? decisionFlags(original) : { validate: false, reject: false }),
      /** Start an adjusting entry of the validated report. */
      adjust: write && reportable && original?.status === "VALIDATED" && openAdjustment === null,
    },
  };
}
export type ReportPage = Awaited<ReturnType<typeof getReport>>;

export type MonthSummary = {
  month: MonthKey;
  label: string;
  workingDays: number;
  /** After the current month (Paris): nothing to report yet. */
  future: boolean;
  report: { status: ReportStatusName; billableDays: string; nonBillableDays: string } | null;
  /** Validated billable days: the report once validated + its validated adjusting entries. */
  validatedDays: string;
  adjustments: number;
  openAdjustment: ReportStatusName | null;
};

/** Every month of an order's period with its report's status and days. */
export async function listOrderReports({ actor, orderId }: { actor: Actor; orderId: string }) {
  const order = await loadOrder(actor, orderId);
  const db = await getDb();
  const reports = await db.activityReport.findMany({
    where: { orderId: order.id },
    select: {
      month: true,
      status: true,
      adjustsReportId: true,
      entries: { select: { days: true, nonBillableDays: true } },
    },
  });
  const now = currentMonth();
  const months: MonthSummary[] = monthsBetween(order.startsOn, order.endsOn).map((month) => {
    const mine = reports.filter((r) => monthOf(dateToIso(r.month)) === month);
    const original = mine.find((r) => r.adjustsReportId === null);
    const adjustments = mine.filter((r) => r.adjustsReportId !== null);
    const days = (r: (typeof mine)[number]) => sumDays(r.entries.map((e) => e.days.toString()));
    return {
      month,
      label: formatMonth(month),
      workingDays: workingDaysInMonth(month),
      future: month > now,
      report: original
        ? {
            status: original.status as ReportStatusName,
            billableDays: days(original).toString(),
            nonBillableDays: sumDays(original.entries.map((e) => e.nonBillableDays.toString())).toString(),
          }
        : null,
      validatedDays: sumDays(mine.filter((r) => r.status === "VALIDATED").map(days)).toString(),
      adjustments: adjustments.length,
      openAdjustment: (adjustments.find((a) => a.status !== "VALIDATED")?.status as ReportStatusName) ?? null,
    };
  });
  const lines = await db.orderLine.findMany({
    where: { orderId: order.id },
    orderBy: { position: "asc" },
    select: {
      id: true,
      position: true,
      orderedDays: true,
      consumedDays: true,
      uoType: { select: { label: true } },
    },
  });
  return {
    order,
    months,
    lines: lines.map((l) => ({
      id: l.id,
      label: `${l.uoType.label} (ligne ${l.position})`,
      orderedDays: l.orderedDays.toString(),
      consumedDays: l.consumedDays.toString(),
      remainingDays: dec(l.orderedDays).minus(l.consumedDays.toString()).toString(),
    })),
    canWrite: canWriteReports(actor, order) && isReportableOrder(order),
  };
}

export type WorkItem = {
  /** "missing": a month of the period without report, up to the current month. */
  kind: "missing" | ReportStatusName;
  /** Null for a month without a report. */
  reportId: string | null;
  orderId: string;
  orderNumber: string | null;
  productName: string;
  beneficiaryName: string;
  contractorName: string;
  month: MonthKey;
  monthLabel: string;
  isAdjustment: boolean;
  billableDays: string | null;
  submittedAt: Date | null;
};

const KIND_RANK: Record<WorkItem["kind"], number> = {
  REJECTED: 0,
  DRAFT: 1,
  missing: 2,
  SUBMITTED: 3,
  VALIDATED: 4,
};

/**
 * The caller's work queue, one page:
 *  - contractor: reports to write or correct — drafts, rejected reports (and adjusting
 *    entries), and the months of its acknowledged or in-progress orders without a report,
 *    up to the current month;
 *  - beneficiary: the submitted reports of its organisation's orders, to validate;
 *  - DINUM: every report, read only, latest month first.
 */
export async function listWorkQueue({
  actor,
  page,
}: {
  actor: Actor;
  page: number;
}): Promise<Page<WorkItem>> {
  const db = await getDb();
  const entrySum = { entries: { select: { days: true } } } as const;
  const itemOf = (r: {
    id: string;
    month: Date;
    status: string;
    adjustsReportId: string | null;
    submittedAt: Date | null;
    entries: Array<{ days: Prisma.Decimal }>;
    order: {
      id: string;
      number: string | null;
      product: { name: string };
      beneficiary: { name: string };
      contractor: { name: string };
    };
  }): WorkItem => {
    const month = monthOf(dateToIso(r.month));
    return {
      kind: r.status as ReportStatusName,
      reportId: r.id,
      orderId: r.order.id,
      orderNumber: r.order.number,
      productName: r.order.product.name,
      beneficiaryName: r.order.beneficiary.name,
      contractorName: r.order.contractor.name,
      month,
      monthLabel: formatMonth(month),
      isAdjustment: r.adjustsReportId !== null,
      billableDays: sumDays(r.entries.map((e) => e.days.toString())).toString(),
      submittedAt: r.submittedAt,
    };
  };
  const orderFields = {
    select: {
      id: true,
      number: true,
      product: { select: { name: true } },
      beneficiary: { select: { name: true } },
      contractor: { select: { name: true } },
    },
  } as const;
  const reportFields = {
    id: true,
    month: true,
    status: true,
    adjustsReportId: true,
    submittedAt: true,
    ...entrySum,
    order: orderFields,
  } as const;

  if (can(actor, "activity:reportOwn")) {
    const contractorId = actor.membership.contractorId as string;
    const orders = await db.purchaseOrder.findMany({
      where: { contractorId, correctsOrderId: null, status: { in: [...REPORTABLE_ORDER_STATUSES] } },
      select: {
        ...orderFields.select,
        startsOn: true,
        endsOn: true,
        reports: { select: { month: true, adjustsReportId: true } },
      },
    });
    const open = await db.activityReport.findMany({
      where: {
        status: { in: ["DRAFT", "REJECTED"] },
        order: { contractorId, correctsOrderId: null, status: { in: [...REPORTABLE_ORDER_STATUSES] } },
      },
      select: reportFields,
    });
    const now = currentMonth();
    const items: WorkItem[] = open.map((r) => itemOf(r));
    for (const o of orders) {
      const reported = new Set(
        o.reports.filter((r) => r.adjustsReportId === null).map((r) => monthOf(dateToIso(r.month))),
      );
      for (const month of monthsBetween(dateToIso(o.startsOn), dateToIso(o.endsOn))) {
        if (month > now || reported.has(month)) continue;
        items.push({
          kind: "missing",
          reportId: null,
          orderId: o.id,
          orderNumber: o.number,
          productName: o.product.name,
          beneficiaryName: o.beneficiary.name,
          contractorName: o.contractor.name,
          month,
          monthLabel: formatMonth(month),
          isAdjustment: false,
          billableDays: null,
          submittedAt: null,
        });
      }
    }
    // A handful of orders per company: the queue is built whole, then one page is returned.
    items.sort(
      (a, b) =>
        KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
        a.month.localeCompare(b.month) ||
        (a.orderNumber ?? "").localeCompare(b.orderNumber ?? ""),
    );
    const { skip, take } = skipTake(page);
    return toPage(items.slice(skip, skip + take), items.length, page);
  }

  if (can(actor, "activity:validateOwn")) {
    const where: Prisma.ActivityReportWhereInput = {
      status: "SUBMITTED",
      order: { beneficiaryId: actor.membership.beneficiaryId as string },
    };
    const [rows, total] = await Promise.all([
      db.activityReport.findMany({
        where,
        orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
        ...skipTake(page),
        select: reportFields,
      }),
      db.activityReport.count({ where }),
    ]);
    return toPage(
      rows.map((r) => itemOf(r)),
      total,
      page,
    );
  }

  if (can(actor, "order:readAll")) {
    const where: Prisma.ActivityReportWhereInput = { order: orderScope(actor) };
    const [rows, total] = await Promise.all([
      db.activityReport.findMany({
        where,
        orderBy: [{ month: "desc" }, { createdAt: "desc" }, { id: "asc" }],
        ...skipTake(page),
        select: reportFields,
      }),
      db.activityReport.count({ where }),
    ]);
    return toPage(
      rows.map((r) => itemOf(r)),
      total,
      page,
    );
  }
  throw forbidden();
}
