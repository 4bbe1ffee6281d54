import "server-only";
import Decimal from "decimal.js";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { dateToIso, isoToDate, todayIso } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { forbidden, notFound, validation } from "@/lib/errors";
import { canRecordInvoice, canRecordPayment } from "@/lib/invoices/policies";
import { paymentDelay } from "@/lib/invoices/rules";
import { loadCorrectedLines } from "@/lib/orders/queries";
import { orderTotals } from "@/lib/orders/rules";
import { isUuid } from "@/lib/validation";
import type { ServiceFaitPdfData } from "./pdf-data";
import { canCertifyServiceFait, canSeeServiceFait, isCertifiableOrder } from "./policies";
import {
  type Decision,
  daysPerLine,
  formatMonthRange,
  isCertifying,
  monthOf,
  monthPeriodErrors,
  monthStart,
  monthsBetween,
  serviceFaitAmounts,
} from "./rules";

type Tx = Prisma.TransactionClient;

const ORDER_NOT_FOUND = "Ce bon de commande";
const SF_NOT_FOUND = "Ce procès-verbal de service fait";

const orderSelect = {
  id: true,
  number: true,
  status: true,
  correctsOrderId: true,
  agreementId: true,
  beneficiaryId: true,
  contractorId: true,
  startsOn: true,
  endsOn: true,
  vatRateBp: true,
  legalCommitmentNumber: true,
  product: { select: { name: true } },
  beneficiary: { select: { name: true } },
  contractor: { select: { name: true } },
} satisfies Prisma.PurchaseOrderSelect;

/** The order of a service-fait screen, in the caller's scope (else "not found"). */
export async function loadServiceFaitOrder(tx: Tx, actor: Actor, orderId: string) {
  if (!isUuid(orderId)) throw notFound(ORDER_NOT_FOUND);
  const order = await tx.purchaseOrder.findUnique({ where: { id: orderId }, select: orderSelect });
  if (!order || !canSeeServiceFait(actor, order) || !order.number) throw notFound(ORDER_NOT_FOUND);
  return order;
}

export type CertificationLine = {
  orderLineId: string;
  position: number;
  label: string;
  days: Decimal;
  unitPriceHtCents: number;
  daysPerUnit: number;
  amountHtCents: bigint;
};

export type Certification = {
  reports: Array<{ id: string; month: string; isAdjustment: boolean; days: Decimal }>;
  lines: CertificationLine[];
  computedHtCents: bigint;
};

/**
 * What a service fait for these months covers: the order's VALIDATED reports of the months
 * (adjusting entries included) that no record has certified yet, their billable days per
 * line and what those days are worth at the lines' frozen prices. Runs in the caller's
 * transaction (the issue locks the order first, so it sees the latest certifications).
 * Throws a French validation error when nothing is left to certify.
 */
export async function computeCertification(
  tx: Tx,
  order: { id: string },
  period: { from: string; to: string },
): Promise<Certification> {
  const range = { gte: isoToDate(monthStart(period.from)), lte: isoToDate(monthStart(period.to)) };
  const [reports, waiting, lines] = await Promise.all([
    tx.activityReport.findMany({
      where: {
        orderId: order.id,
        status: "VALIDATED",
        month: range,
        serviceFaits: { none: { certifying: true } },
      },
      orderBy: [{ month: "asc" }, { createdAt: "asc" }],
      select: {
        id: true,
        month: true,
        adjustsReportId: true,
        entries: { select: { orderLineId: true, days: true } },
      },
    }),
    tx.activityReport.count({ where: { orderId: order.id, status: "SUBMITTED", month: range } }),
    tx.orderLine.findMany({
      where: { orderId: order.id },
      orderBy: { position: "asc" },
      select: {
        id: true,
        position: true,
        unitPriceHtCents: true,
        uoType: { select: { label: true, daysPerUnit: true } },
      },
    }),
  ]);
  const label = formatMonthRange(period.from, period.to);
  if (reports.length === 0) {
    throw validation(
      `Rien à certifier pour ${label} : aucun compte rendu d'activité validé de cette période n'attend de service fait.${
        waiting > 0
          ? ` ${waiting} compte${waiting > 1 ? "s" : ""} rendu${waiting > 1 ? "s" : ""} de cette période attend${waiting > 1 ? "ent" : ""} encore votre validation.`
          : ""
      }`,
      { from: ["Choisissez des mois dont les comptes rendus sont validés et pas encore certifiés."] },
    );
  }
  const entries = reports.flatMap((r) =>
    r.entries.map((e) => ({ orderLineId: e.orderLineId, days: e.days.toString() })),
  );
  const days = daysPerLine(entries);
  const byId = new Map(lines.map((l) => [l.id, l]));
  const priced = [...days.entries()].map(([orderLineId, d]) => {
    const line = byId.get(orderLineId);
    if (!line || line.unitPriceHtCents === null) {
      throw validation("Un compte rendu porte sur une ligne qui n'appartient pas à ce bon de commande.");
    }
    return { line, days: d };
  });
  priced.sort((a, b) => a.line.position - b.line.position);
  const amounts = serviceFaitAmounts(
    priced.map((p) => ({
      orderLineId: p.line.id,
      days: p.days,
      unitPriceHtCents: p.line.unitPriceHtCents as number,
      daysPerUnit: p.line.uoType.daysPerUnit,
    })),
  );
  const negative = priced.find((p) => p.days.isNegative());
  if (negative) {
    throw validation(
      `Pour « ${negative.line.uoType.label} », les comptes rendus de la période (${label}) totalisent ${negative.days.toString().replace(".", ",")} jours : une correction retire des jours d'un mois déjà certifié. Élargissez la période aux mois suivants pour la compenser.`,
      { from: ["Élargissez la période."] },
    );
  }
  return {
    reports: reports.map((r) => ({
      id: r.id,
      month: monthOf(dateToIso(r.month)),
      isAdjustment: r.adjustsReportId !== null,
      days: r.entries.reduce((s, e) => s.plus(e.days.toString()), new Decimal(0)),
    })),
    lines: amounts.lines.map((a, i) => {
      const p = priced[i] as (typeof priced)[number];
      return {
        orderLineId: a.orderLineId,
        position: p.line.position,
        label: p.line.uoType.label,
        days: a.days,
        unitPriceHtCents: a.unitPriceHtCents,
        daysPerUnit: p.line.uoType.daysPerUnit,
        amountHtCents: a.amountHtCents,
      };
    }),
    computedHtCents: amounts.computedHtCents,
  };
}

const invoiceSelect = {
  id: true,
  number: true,
  receivedOn: true,
  amountHtCents: true,
  amountTtcCents: true,
  paidOn: true,
  version: true,
} satisfies Prisma.InvoiceSelect;

type InvoiceRow = Prisma.InvoiceGetPayload<{ select: typeof invoiceSelect }>;

function invoiceDto(i: InvoiceRow, today: string) {
  const receivedOn = dateToIso(i.receivedOn);
  const paidOn = i.paidOn ? dateToIso(i.paidOn) : null;
  return {
    id: i.id,
    number: i.number,
    receivedOn,
    paidOn,
    amountHtCents: i.amountHtCents,
    amountTtcCents: i.amountTtcCents,
    version: i.version,
    delay: paymentDelay({ receivedOn, paidOn }, today),
  };
}
export type ServiceFaitInvoice = ReturnType<typeof invoiceDto>;

const recordSelect = {
  id: true,
  number: true,
  periodStart: true,
  periodEnd: true,
  decision: true,
  computedHtCents: true,
  refactionHtCents: true,
  certifiedHtCents: true,
  vatCents: true,
  certifiedTtcCents: true,
  comment: true,
  isFinal: true,
  decidedOn: true,
  signatoryName: true,
  createdAt: true,
  invoices: { orderBy: [{ receivedOn: "asc" }, { id: "asc" }], select: invoiceSelect },
} satisfies Prisma.ServiceFaitSelect;

type RecordRow = Prisma.ServiceFaitGetPayload<{ select: typeof recordSelect }>;

function recordDto(r: RecordRow, today: string) {
  const invoices = r.invoices.map((i) => invoiceDto(i, today));
  const invoicedHtCents = invoices.reduce((s, i) => s + i.amountHtCents, 0n);
  return {
    id: r.id,
    number: r.number,
    periodStart: dateToIso(r.periodStart),
    periodEnd: dateToIso(r.periodEnd),
    period: formatMonthRange(monthOf(dateToIso(r.periodStart)), monthOf(dateToIso(r.periodEnd))),
    decision: r.decision as Decision,
    certifying: isCertifying(r.decision as Decision),
    computedHtCents: r.computedHtCents,
    refactionHtCents: r.refactionHtCents,
    certifiedHtCents: r.certifiedHtCents,
    vatCents: r.vatCents,
    certifiedTtcCents: r.certifiedTtcCents,
    comment: r.comment,
    isFinal: r.isFinal,
    decidedOn: dateToIso(r.decidedOn),
    signatoryName: r.signatoryName,
    invoices,
    invoicedHtCents,
    leftToInvoiceHtCents: isCertifying(r.decision as Decision) ? r.certifiedHtCents - invoicedHtCents : 0n,
  };
}
export type ServiceFaitRecord = ReturnType<typeof recordDto>;

function orderDto(o: Awaited<ReturnType<typeof loadServiceFaitOrder>>) {
  return {
    id: o.id,
    number: o.number as string,
    status: o.status,
    productName: o.product.name,
    beneficiaryName: o.beneficiary.name,
    contractorName: o.contractor.name,
    startsOn: dateToIso(o.startsOn),
    endsOn: dateToIso(o.endsOn),
    vatRateBp: o.vatRateBp,
  };
}

/**
 * The service-fait page of an order: its records (with their invoices), the days of each
 * line (ordered, validated, certified), the validated months still to certify, and what the
 * caller may do.
 */
export async function getOrderServiceFaits({ actor, orderId }: { actor: Actor; orderId: string }) {
  const db = await getDb();
  const order = await loadServiceFaitOrder(db, actor, orderId);
  const today = todayIso();
  const [records, lines, pending] = await Promise.all([
    db.serviceFait.findMany({
      where: { orderId: order.id },
      orderBy: [{ createdAt: "desc" }, { number: "desc" }],
      select: recordSelect,
    }),
    db.orderLine.findMany({
      where: { orderId: order.id },
      orderBy: { position: "asc" },
      select: {
        id: true,
        orderedDays: true,
        consumedDays: true,
        certifiedDays: true,
        uoType: { select: { label: true } },
      },
    }),
    db.activityReport.findMany({
      where: { orderId: order.id, status: "VALIDATED", serviceFaits: { none: { certifying: true } } },
      orderBy: [{ month: "asc" }, { createdAt: "asc" }],
      select: { month: true, adjustsReportId: true, entries: { select: { days: true } } },
    }),
  ]);
  const pendingByMonth = new Map<string, { reports: number; days: Decimal }>();
  for (const r of pending) {
    const m = monthOf(dateToIso(r.month));
    const cur = pendingByMonth.get(m) ?? { reports: 0, days: new Decimal(0) };
    cur.reports += 1;
    cur.days = r.entries.reduce((s, e) => s.plus(e.days.toString()), cur.days);
    pendingByMonth.set(m, cur);
  }
  const o = orderDto(order);
  // Months one may certify: the order's, up to the current month.
  const lastMonth = [monthOf(o.endsOn), monthOf(today)].sort()[0] as string;
  return {
    order: o,
    records: records.map((r) => recordDto(r, today)),
    recordCount: records.length,
    lines: lines.map((l) => ({
      id: l.id,
      label: l.uoType.label,
      orderedDays: l.orderedDays.toString(),
      consumedDays: l.consumedDays.toString(),
      certifiedDays: l.certifiedDays.toString(),
      toCertifyDays: new Decimal(l.consumedDays.toString()).minus(l.certifiedDays.toString()).toString(),
    })),
    pending: [...pendingByMonth.entries()].map(([month, v]) => ({
      month,
      reports: v.reports,
      days: v.days.toString(),
    })),
    months: monthsBetween(monthOf(o.startsOn), lastMonth),
    can: { certify: canCertifyServiceFait(actor, order) && isCertifiableOrder(order) },
  };
}

/**
 * What issuing a service fait for these months would certify, before the person decides:
 * the reports, the days and amounts per line, and the TVA of an admission. Same computation
 * as the issue itself (computeCertification); only for the order's certifiers.
 */
export async function previewServiceFait({
  actor,
  orderId,
  period,
}: {
  actor: Actor;
  orderId: string;
  period: { from: string; to: string };
}) {
  const db = await getDb();
  const order = await loadServiceFaitOrder(db, actor, orderId);
  if (!canCertifyServiceFait(actor, order)) throw forbidden();
  if (!isCertifiableOrder(order)) {
    throw validation("Ce bon de commande ne peut pas recevoir de service fait dans son état actuel.");
  }
  const errors = monthPeriodErrors(period, {
    startsOn: dateToIso(order.startsOn),
    endsOn: dateToIso(order.endsOn),
  });
  if (Object.keys(errors).length) throw validation(Object.values(errors).flat().join(" "), errors);
  const c = await computeCertification(db, order, period);
  const admission = orderTotals([c.computedHtCents], order.vatRateBp);
  return {
    period: { ...period, label: formatMonthRange(period.from, period.to) },
    reports: c.reports.map((r) => ({ ...r, days: r.days.toString() })),
    lines: c.lines.map((l) => ({ ...l, days: l.days.toString() })),
    computedHtCents: c.computedHtCents,
    admission: { vatCents: admission.vatCents, ttcCents: admission.ttcCents },
  };
}

async function loadRecord(db: Tx, actor: Actor, orderId: string, sfId: string) {
  if (!isUuid(sfId)) throw notFound(SF_NOT_FOUND);
  const order = await loadServiceFaitOrder(db, actor, orderId).catch(() => {
    throw notFound(SF_NOT_FOUND);
  });
  const record = await db.serviceFait.findFirst({
    where: { id: sfId, orderId: order.id },
    select: {
      ...recordSelect,
      lines: {
        orderBy: { line: { position: "asc" } },
        select: {
          days: true,
          unitPriceHtCents: true,
          amountHtCents: true,
          line: { select: { uoType: { select: { label: true } } } },
        },
      },
      reports: {
        orderBy: { report: { month: "asc" } },
        select: { certifying: true, report: { select: { month: true, adjustsReportId: true } } },
      },
    },
  });
  if (!record) throw notFound(SF_NOT_FOUND);
  return { order, record };
}

/** One record with its lines, reports and invoices, and what the caller may record on it. */
export async function getServiceFait({
  actor,
  orderId,
  sfId,
}: {
  actor: Actor;
  orderId: string;
  sfId: string;
}) {
  const db = await getDb();
  const { order, record } = await loadRecord(db, actor, orderId, sfId);
  const dto = recordDto(record, todayIso());
  const payer = canRecordPayment(actor, order);
  return {
    order: orderDto(order),
    record: {
      ...dto,
      lines: record.lines.map((l) => ({
        label: l.line.uoType.label,
        days: l.days.toString(),
        unitPriceHtCents: l.unitPriceHtCents,
        amountHtCents: l.amountHtCents,
      })),
      reports: record.reports.map((r) => ({
        month: monthOf(dateToIso(r.report.month)),
        isAdjustment: r.report.adjustsReportId !== null,
      })),
    },
    can: {
      /** The contractor of the order, on a certifying record (the form says when all is invoiced). */
      recordInvoice: canRecordInvoice(actor, order) && dto.certifying,
      recordPayment: payer,
    },
  };
}

/** The procès-verbal as printed: same access as the order page. */
export async function getServiceFaitPdfData({
  actor,
  orderId,
  sfId,
}: {
  actor: Actor;
  orderId: string;
  sfId: string;
}): Promise<ServiceFaitPdfData> {
  const db = await getDb();
  const { order, record } = await loadRecord(db, actor, orderId, sfId);
  const [full, corrected, certifying] = await Promise.all([
    db.purchaseOrder.findUniqueOrThrow({
      where: { id: order.id },
      select: {
        orderDate: true,
        agreement: { select: { reference: true, title: true } },
        beneficiary: { select: { name: true, siret: true } },
        contractor: { select: { name: true, siret: true, postalAddress: true } },
      },
    }),
    loadCorrectedLines(db, order.id),
    db.serviceFait.findMany({
      where: { orderId: order.id, decision: { in: ["ADMISSION", "REFACTION"] } },
      select: { number: true, certifiedHtCents: true },
    }),
  ]);
  const orderedHtCents = [...corrected.values()].reduce((s, l) => s + l.amountHtCents, 0n);
  // Numbers grow with each record (one counter, taken under the order's lock): the earlier
  // records of this order are those with a smaller number ("SF-2026-0009" < "SF-2026-0010").
  const certifiedBeforeHtCents = certifying
    .filter((r) => r.number < record.number)
    .reduce((s, r) => s + r.certifiedHtCents, 0n);
  const certifiedNowHtCents = isCertifying(record.decision as Decision) ? record.certifiedHtCents : 0n;
  const reports = record.reports.map((r) => monthOf(dateToIso(r.report.month)));
  return {
    number: record.number,
    decidedOn: dateToIso(record.decidedOn),
    agreement: full.agreement,
    order: {
      number: order.number as string,
      legalCommitmentNumber: order.legalCommitmentNumber ?? "",
      orderDate: full.orderDate ? dateToIso(full.orderDate) : null,
    },
    beneficiary: full.beneficiary,
    contractor: full.contractor,
    product: { name: order.product.name },
    period: {
      startsOn: dateToIso(record.periodStart),
      endsOn: dateToIso(record.periodEnd),
      label: formatMonthRange(monthOf(dateToIso(record.periodStart)), monthOf(dateToIso(record.periodEnd))),
    },
    reportMonths: reports,
    adjustments: record.reports.filter((r) => r.report.adjustsReportId !== null).length,
    decision: record.decision as Decision,
    isFinal: record.isFinal,
    lines: record.lines.map((l) => ({
      label: l.line.uoType.label,
      days: l.days.toString(),
      unitPriceHtCents: l.unitPriceHtCents,
      amountHtCents: l.amountHtCents,
    })),
    amounts: {
      computedHtCents: record.computedHtCents,
      refactionHtCents: record.refactionHtCents,
      certifiedHtCents: record.certifiedHtCents,
      vatRateBp: order.vatRateBp,
      vatCents: record.vatCents,
      certifiedTtcCents: record.certifiedTtcCents,
    },
    comment: record.comment,
    summary: {
      orderedHtCents,
      certifiedNowHtCents,
      certifiedBeforeHtCents,
      remainingHtCents: orderedHtCents - certifiedBeforeHtCents - certifiedNowHtCents,
    },
    signatory: { name: record.signatoryName, signedAt: dateToIso(record.decidedOn) },
  };
}
