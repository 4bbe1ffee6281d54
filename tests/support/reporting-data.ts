// A deterministic, pseudo-random history of the agreement for the consolidation tests:
// several beneficiaries, contractors and products, ~200 orders across statuses and years
// (corrective orders, cancellations before and after issue, closings), staffing, monthly
// reports (validated, submitted, rejected, adjusting entries), service-fait records of every
// decision and invoices paid or not. Written with createMany, respecting every CHECK and
// trigger of the schema (lines go in while their order is a draft, entries while their
// report is not validated), with amounts computed by the portal's own rules.
import { randomUUID } from "node:crypto";
import Decimal from "decimal.js";
import type { OrderStatus, PrismaClient, ServiceFaitDecision } from "@/generated/prisma/client";
import {
  consumedAmountHtCents,
  correctionAmountHtCents,
  formatOrderNumber,
  lineAmountHtCents,
  orderTotals,
} from "@/lib/orders/rules";
import { makeBeneficiary, makeCast, makeContractor } from "./factories";

/** mulberry32: a small seeded generator, so every run builds the same history. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    chance: (p: number) => next() < p,
  };
}

/** The last day of the generated history. */
export const HISTORY_END = "2026-11-24";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (s: string, n: number) => iso(new Date(d(s).getTime() + n * 86_400_000));
const monthStart = (s: string) => `${s.slice(0, 7)}-01`;
const nextMonth = (m: string) => {
  const [y, mo] = m.split("-").map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, "0")}-01`;
};
const lastDay = (m: string) => addDays(nextMonth(m), -1);
const min = (a: string, b: string) => (a < b ? a : b);

type Line = {
  id: string;
  orderId: string;
  position: number;
  uoTypeId: string;
  quantity: Decimal;
  unitPriceHtCents: number;
  amountHtCents: bigint;
  /** Original quantity + issued corrections (not on a cancelled original). */
  correctedQuantity: Decimal;
  consumedDays: Decimal;
  certifiedDays: Decimal;
  /** On a corrective line: the original line it changes. */
  correctsLineId?: string;
};

type Order = {
  id: string;
  status: OrderStatus;
  issued: boolean;
  correctsOrderId: string | null;
  beneficiaryId: string;
  productId: string;
  contractorId: string;
  startsOn: string;
  endsOn: string;
  orderDate: string | null;
  number: string | null;
  lines: Line[];
  totalHtCents: bigint;
  vatCents: bigint;
  committedHtCents: bigint;
  closedAt: Date | null;
  cancelledAt: Date | null;
  acknowledgedAt: Date | null;
};

export type ReportingData = Awaited<ReturnType<typeof seedReportingData>>;

export async function seedReportingData(
  db: PrismaClient,
  seed = 20261125,
  orderCount = 200,
  /** A larger maximum for larger histories (benchmarks). */
  maxAmountHtCents?: bigint,
) {
  const r = prng(seed);
  const cast = await makeCast(db);
  const agreementId = cast.agreement.id;
  if (maxAmountHtCents) {
    await db.frameworkAgreement.update({ where: { id: agreementId }, data: { maxAmountHtCents } });
  }
  const uoTypes = [...cast.agreement.uoTypes].sort((a, b) => a.sortOrder - b.sortOrder);
  const benC = await makeBeneficiary(db, { name: "Ministère C" });
  const benD = await makeBeneficiary(db, { name: "Ministère D" });
  const conZ = await makeContractor(db, { name: "Titulaire Z" });
  const beneficiaries = [cast.orgs.dinumOrg, cast.orgs.benA, cast.orgs.benB, benC, benD];
  const contractors = [cast.orgs.conX, cast.orgs.conY, conZ];

  // Products: two per beneficiary (DINUM's are DINUM products).
  const products = beneficiaries.flatMap((b, i) =>
    [1, 2].map((k) => ({
      id: randomUUID(),
      name: `Produit ${i + 1}.${k}`,
      beneficiaryId: b.id,
      kind: b.isDinum ? ("DINUM_PRODUCT" as const) : ("STARTUP_ETAT" as const),
    })),
  );
  await db.product.createMany({ data: products });

  // Staffers: six per contractor.
  const staffers = contractors.flatMap((c, i) =>
    Array.from({ length: 6 }, (_, k) => ({
      id: randomUUID(),
      contractorId: c.id,
      fullName: `Intervenant ${i + 1}.${k + 1}`,
      email: `intervenant.${i + 1}.${k + 1}@titulaire${i + 1}.example`,
      uoTypeId: r.pick(uoTypes).id,
      status: k === 5 ? ("SUBCONTRACTOR" as const) : ("EMPLOYEE" as const),
      subcontractorName: k === 5 ? "Sous-traitant SAS" : null,
    })),
  );
  await db.staffer.createMany({ data: staffers });

  const creator = randomUUID();
  const submitter = randomUUID();
  const validator = randomUUID();

  // ── Orders and their lines ──
  const counters = new Map<number, number>();
  const orders: Order[] = [];
  const statusOf = (): { status: OrderStatus; issued: boolean } => {
    const x = r.next();
    if (x < 0.08) return { status: "DRAFT", issued: false };
    if (x < 0.12) return { status: "CANCELLED", issued: false };
    if (x < 0.17) return { status: "CANCELLED", issued: true };
    if (x < 0.29) return { status: "ISSUED", issued: true };
    if (x < 0.44) return { status: "ACKNOWLEDGED", issued: true };
    if (x < 0.72) return { status: "IN_PROGRESS", issued: true };
    if (x < 0.85) return { status: "COMPLETED", issued: true };
    return { status: "CLOSED", issued: true };
  };
  for (let i = 0; i < orderCount; i++) {
    const product = r.pick(products);
    const { status, issued } = statusOf();
    const year = r.pick([2024, 2025, 2025, 2026, 2026]);
    const dayOfYear = r.int(0, year === 2026 ? 300 : 364);
    const orderDate = addDays(`${year}-01-02`, dayOfYear);
    const startsOn = addDays(orderDate, r.int(0, 30));
    const endsOn = min(addDays(startsOn, r.int(60, 420)), "2027-12-31");
    const id = randomUUID();
    const lines: Line[] = Array.from({ length: r.int(1, 4) }, (_, k) => {
      const quantity = new Decimal(r.int(1, 200)).times("0.05");
      const unit = r.int(500_000, 1_500_000); // 5 000 to 15 000 € per UO
      return {
        id: randomUUID(),
        orderId: id,
        position: k + 1,
        uoTypeId: r.pick(uoTypes).id,
        quantity,
        unitPriceHtCents: unit,
        amountHtCents: lineAmountHtCents(unit, quantity),
        correctedQuantity: quantity,
        consumedDays: new Decimal(0),
        certifiedDays: new Decimal(0),
      };
    });
    const totals = orderTotals(
      lines.map((l) => l.amountHtCents),
      2000,
    );
    let number: string | null = null;
    if (issued) {
      const n = (counters.get(year) ?? 0) + 1;
      counters.set(year, n);
      number = formatOrderNumber(year, n);
    }
    const issuedAt = issued ? new Date(`${orderDate}T09:00:00Z`) : null;
    const acknowledged = ["ACKNOWLEDGED", "IN_PROGRESS", "COMPLETED", "CLOSED"].includes(status);
    orders.push({
      id,
      status,
      issued,
      correctsOrderId: null,
      beneficiaryId: product.beneficiaryId,
      productId: product.id,
      contractorId: r.pick(contractors).id,
      startsOn,
      endsOn,
      orderDate: issued ? orderDate : null,
      number,
      lines,
      totalHtCents: issued ? totals.htCents : 0n,
      vatCents: issued ? totals.vatCents : 0n,
      committedHtCents: 0n,
      closedAt: null,
      cancelledAt: status === "CANCELLED" ? new Date(`${addDays(orderDate, r.int(1, 10))}T15:00:00Z`) : null,
      acknowledgedAt:
        acknowledged && issuedAt
          ? new Date(issuedAt.getTime() + r.int(1, 20) * 86_400_000 + 3_600_000)
          : null,
    });
  }

  // ── Corrective orders: issued ones change the corrected quantity; drafts change nothing ──
  const correctives: Order[] = [];
  const correctable = orders.filter((o) =>
    ["ISSUED", "ACKNOWLEDGED", "IN_PROGRESS", "COMPLETED", "CLOSED"].includes(o.status),
  );
  const cancelledIssued = orders.filter((o) => o.status === "CANCELLED" && o.issued);
  const targets = [
    ...correctable.filter(() => r.chance(0.12)),
    ...cancelledIssued.slice(0, 1), // issued before its original was cancelled: commits nothing
  ];
  for (const [k, original] of targets.entries()) {
    const cStatus: OrderStatus = k % 7 === 3 ? "DRAFT" : "ISSUED";
    const id = randomUUID();
    const changed = original.lines.filter((_, i) => i === 0 || r.chance(0.4));
    const lines: Line[] = [];
    for (const [i, l] of changed.entries()) {
      let delta = new Decimal(r.int(-40, 60)).times("0.05");
      if (delta.isZero()) delta = new Decimal("0.5");
      // Never below zero (consumption is drawn later, within the corrected quantity).
      if (l.correctedQuantity.plus(delta).lt("0.05")) delta = new Decimal("0.05").minus(l.correctedQuantity);
      if (delta.isZero()) continue;
      const amount = correctionAmountHtCents(
        l.unitPriceHtCents,
        l.correctedQuantity,
        l.correctedQuantity.plus(delta),
      );
      if (cStatus === "ISSUED" && original.status !== "CANCELLED") {
        l.correctedQuantity = l.correctedQuantity.plus(delta);
      }
      lines.push({
        id: randomUUID(),
        orderId: id,
        position: i + 1,
        uoTypeId: l.uoTypeId,
        quantity: delta,
        unitPriceHtCents: l.unitPriceHtCents,
        amountHtCents: amount,
        correctedQuantity: delta,
        consumedDays: new Decimal(0),
        certifiedDays: new Decimal(0),
        correctsLineId: l.id,
      });
    }
    if (lines.length === 0) continue;
    const totals = orderTotals(
      lines.map((l) => l.amountHtCents),
      2000,
    );
    const orderDate = min(addDays(original.orderDate as string, r.int(10, 120)), HISTORY_END);
    const year = Number(orderDate.slice(0, 4));
    let number: string | null = null;
    if (cStatus === "ISSUED") {
      const n = (counters.get(year) ?? 0) + 1;
      counters.set(year, n);
      number = formatOrderNumber(year, n);
    }
    correctives.push({
      ...original,
      id,
      status: cStatus,
      issued: cStatus === "ISSUED",
      correctsOrderId: original.id,
      orderDate: cStatus === "ISSUED" ? orderDate : null,
      number,
      lines,
      totalHtCents: cStatus === "ISSUED" ? totals.htCents : 0n,
      vatCents: cStatus === "ISSUED" ? totals.vatCents : 0n,
      committedHtCents: 0n,
      closedAt: null,
      cancelledAt: null,
      acknowledgedAt: null,
    });
  }

  // ── Staffing, monthly reports, consumption ──
  type Report = {
    id: string;
    orderId: string;
    month: string;
    status: "DRAFT" | "SUBMITTED" | "VALIDATED" | "REJECTED";
    adjustsReportId: string | null;
  };
  const assignments: Array<{
    id: string;
    orderId: string;
    orderLineId: string;
    stafferId: string;
    startsOn: Date;
    endsOn: Date;
    createdById: string;
  }> = [];
  const reports: Report[] = [];
  const entries: Array<{
    id: string;
    reportId: string;
    assignmentId: string;
    orderLineId: string;
    stafferId: string;
    month: Date;
    days: string;
  }> = [];
  /** Validated days per line and month (adjustments included), for the service-fait records. */
  const validated = new Map<string, Map<string, Decimal>>();
  const working = orders.filter((o) => ["IN_PROGRESS", "COMPLETED", "CLOSED"].includes(o.status));
  for (const o of working) {
    const mine = staffers.filter((s) => s.contractorId === o.contractorId);
    const lineAssignment = new Map<string, { id: string; stafferId: string }>();
    for (const l of o.lines) {
      const s = r.pick(mine);
      const a = {
        id: randomUUID(),
        orderId: o.id,
        orderLineId: l.id,
        stafferId: s.id,
        startsOn: d(addDays(o.startsOn, r.int(0, 12))),
        endsOn: d(o.endsOn),
        createdById: creator,
      };
      assignments.push(a);
      lineAssignment.set(l.id, { id: a.id, stafferId: s.id });
    }
    const last = min(o.endsOn, HISTORY_END);
    for (let m = monthStart(o.startsOn); m <= last; m = nextMonth(m)) {
      const x = r.next();
      const status: Report["status"] =
        x < 0.84 ? "VALIDATED" : x < 0.91 ? "SUBMITTED" : x < 0.96 ? "REJECTED" : "DRAFT";
      const report: Report = { id: randomUUID(), orderId: o.id, month: m, status, adjustsReportId: null };
      reports.push(report);
      for (const l of o.lines) {
        if (r.chance(0.15)) continue;
        const ordered = l.correctedQuantity.times(20);
        const room = ordered.minus(l.consumedDays);
        const days = Decimal.min(room, new Decimal(r.int(1, 36)).dividedBy(2));
        if (days.lte(0)) continue;
        const a = lineAssignment.get(l.id) as { id: string; stafferId: string };
        entries.push({
          id: randomUUID(),
          reportId: report.id,
          assignmentId: a.id,
          orderLineId: l.id,
          stafferId: a.stafferId,
          month: d(m),
          days: days.toString(),
        });
        if (status === "VALIDATED") {
          l.consumedDays = l.consumedDays.plus(days);
          const byMonth = validated.get(l.id) ?? new Map<string, Decimal>();
          byMonth.set(m, (byMonth.get(m) ?? new Decimal(0)).plus(days));
          validated.set(l.id, byMonth);
        }
      }
      // Now and then a correction of a validated report: an adjusting entry, validated too.
      if (status === "VALIDATED" && r.chance(0.1)) {
        const adj: Report = {
          id: randomUUID(),
          orderId: o.id,
          month: m,
          status: "VALIDATED",
          adjustsReportId: report.id,
        };
        let any = false;
        for (const l of o.lines) {
          const had = validated.get(l.id)?.get(m);
          if (!had || had.lt(1)) continue;
          const change = r.chance(0.7) ? new Decimal(-0.5) : new Decimal(1);
          const ordered = l.correctedQuantity.times(20);
          if (l.consumedDays.plus(change).gt(ordered)) continue;
          const a = lineAssignment.get(l.id) as { id: string; stafferId: string };
          entries.push({
            id: randomUUID(),
            reportId: adj.id,
            assignmentId: a.id,
            orderLineId: l.id,
            stafferId: a.stafferId,
            month: d(m),
            days: change.toString(),
          });
          l.consumedDays = l.consumedDays.plus(change);
          validated.get(l.id)?.set(m, had.plus(change));
          any = true;
        }
        if (any) reports.push(adj);
      }
    }
    // Days validated before the portal (taken over with the order): no monthly report.
    for (const l of o.lines) {
      const room = l.correctedQuantity.times(20).minus(l.consumedDays);
      if (room.gte(3) && r.chance(0.05)) l.consumedDays = l.consumedDays.plus(r.int(1, 3));
    }
  }

  // ── Service fait (every decision) and invoices ──
  const serviceFaits: Array<{
    id: string;
    orderId: string;
    number: string;
    periodStart: Date;
    periodEnd: Date;
    decision: ServiceFaitDecision;
    computedHtCents: bigint;
    refactionHtCents: bigint;
    certifiedHtCents: bigint;
    vatCents: bigint;
    certifiedTtcCents: bigint;
    decidedOn: Date;
    issuedById: string;
    signatoryName: string;
    isFinal: boolean;
  }> = [];
  const sfLines: Array<{
    id: string;
    serviceFaitId: string;
    orderLineId: string;
    days: string;
    unitPriceHtCents: number;
    amountHtCents: bigint;
  }> = [];
  const invoices: Array<{
    id: string;
    serviceFaitId: string;
    contractorId: string;
    number: string;
    receivedOn: Date;
    amountHtCents: bigint;
    amountTtcCents: bigint;
    paidOn: Date | null;
    recordedById: string;
    paymentRecordedById: string | null;
  }> = [];
  let sfSeq = 0;
  let invoiceSeq = 0;
  for (const o of working) {
    const months = [...new Set(o.lines.flatMap((l) => [...(validated.get(l.id)?.keys() ?? [])]))].sort();
    let i = 0;
    while (i < months.length) {
      const span = r.int(1, 3);
      const covered = months.slice(i, i + span);
      i += span;
      if (r.chance(0.2)) continue; // not certified yet
      const first = covered[0] as string;
      const lastMonth = covered[covered.length - 1] as string;
      const decidedOn = min(addDays(lastDay(lastMonth), r.int(3, 40)), HISTORY_END);
      if (decidedOn <= lastDay(lastMonth)) continue;
      const x = r.next();
      let decision: ServiceFaitDecision =
        x < 0.7 ? "ADMISSION" : x < 0.85 ? "REFACTION" : x < 0.95 ? "AJOURNEMENT" : "REJET";
      const sfId = randomUUID();
      const lines = o.lines
        .map((l) => {
          const days = covered.reduce((s, m) => s.plus(validated.get(l.id)?.get(m) ?? 0), new Decimal(0));
          return { l, days };
        })
        .filter((x) => x.days.gt(0));
      if (lines.length === 0) continue;
      const amounts = lines.map(({ l, days }) => consumedAmountHtCents(l.unitPriceHtCents, days, 20));
      const computed = amounts.reduce((a, b) => a + b, 0n);
      if (decision === "REFACTION" && computed < 100n) decision = "ADMISSION";
      const certifying = decision === "ADMISSION" || decision === "REFACTION";
      const refaction = decision === "REFACTION" ? BigInt(r.int(1, Number(computed / 10n))) : 0n;
      const certified = certifying ? computed - refaction : 0n;
      const vat = certifying ? orderTotals([certified], 2000).vatCents : 0n;
      sfSeq += 1;
      serviceFaits.push({
        id: sfId,
        orderId: o.id,
        number: `SF-${decidedOn.slice(0, 4)}-${String(sfSeq).padStart(4, "0")}`,
        periodStart: d(first),
        periodEnd: d(lastDay(lastMonth)),
        decision,
        computedHtCents: computed,
        refactionHtCents: refaction,
        certifiedHtCents: certified,
        vatCents: vat,
        certifiedTtcCents: certified + vat,
        decidedOn: d(decidedOn),
        issuedById: creator,
        signatoryName: "Signataire",
        isFinal: false,
      });
      lines.forEach(({ l, days }, k) => {
        sfLines.push({
          id: randomUUID(),
          serviceFaitId: sfId,
          orderLineId: l.id,
          days: days.toString(),
          unitPriceHtCents: l.unitPriceHtCents,
          amountHtCents: amounts[k] as bigint,
        });
        if (certifying) l.certifiedDays = l.certifiedDays.plus(days);
      });
      // Once certified, a month is not certified again (ajournement / rejet leave it open,
      // but this history does not come back to it).
      if (!certifying || certified === 0n || r.chance(0.2)) continue;
      const contractorNo = contractors.findIndex((c) => c.id === o.contractorId) + 1;
      const split = r.chance(0.25) && certified > 200n;
      const parts = split ? [certified / 2n, certified - certified / 2n] : [certified];
      for (const ht of parts) {
        const receivedOn = min(addDays(decidedOn, r.int(1, 20)), HISTORY_END);
        const paid = r.chance(0.75) ? addDays(receivedOn, r.int(5, 60)) : null;
        invoiceSeq += 1;
        invoices.push({
          id: randomUUID(),
          serviceFaitId: sfId,
          contractorId: o.contractorId,
          number: `F${contractorNo}-${String(invoiceSeq).padStart(5, "0")}`,
          receivedOn: d(receivedOn),
          amountHtCents: ht,
          amountTtcCents: ht + orderTotals([ht], 2000).vatCents,
          paidOn: paid && paid <= HISTORY_END ? d(paid) : null,
          recordedById: submitter,
          paymentRecordedById: paid && paid <= HISTORY_END ? creator : null,
        });
      }
    }
  }
  // One record certified without lines (a migrated one): its amount is not by UO type.
  const lineless = working.find((o) => o.status === "CLOSED") ?? working[0];
  if (lineless) {
    sfSeq += 1;
    serviceFaits.push({
      id: randomUUID(),
      orderId: lineless.id,
      number: `SF-2025-${String(sfSeq).padStart(4, "0")}`,
      periodStart: d("2025-01-01"),
      periodEnd: d("2025-01-31"),
      decision: "ADMISSION",
      computedHtCents: 123_456n,
      refactionHtCents: 0n,
      certifiedHtCents: 123_456n,
      vatCents: 24_691n,
      certifiedTtcCents: 148_147n,
      decidedOn: d("2025-02-10"),
      issuedById: creator,
      signatoryName: "Signataire",
      isFinal: false,
    });
  }

  // ── What each order commits (rule 4), closings ──
  for (const o of orders) {
    if (!o.issued || o.status === "CANCELLED") continue;
    const corrections = correctives
      .filter((c) => c.correctsOrderId === o.id && c.status === "ISSUED")
      .reduce((s, c) => s + c.totalHtCents, 0n);
    if (o.status === "CLOSED") {
      o.committedHtCents = o.lines.reduce(
        (s, l) => s + consumedAmountHtCents(l.unitPriceHtCents, l.consumedDays, 20),
        0n,
      );
      // Some close late in the evening: the Paris day is the next one.
      const day = min(addDays(o.endsOn, r.int(1, 30)), HISTORY_END);
      o.closedAt = new Date(`${day}T${r.chance(0.3) ? "22:30" : "10:00"}:00Z`);
    } else {
      o.committedHtCents = o.totalHtCents + corrections;
    }
  }

  // ── Inserts ──
  const orderRow = (o: Order) => ({
    id: o.id,
    agreementId,
    number: o.number,
    status: "DRAFT" as const,
    correctsOrderId: o.correctsOrderId,
    beneficiaryId: o.beneficiaryId,
    productId: o.productId,
    contractorId: o.contractorId,
    startsOn: d(o.startsOn),
    endsOn: d(o.endsOn),
    chorusServiceCode: "SRV01",
    billingAddress: "1 rue de Test",
    legalCommitmentNumber: o.issued ? "1300012345" : null,
    orderDate: o.orderDate ? d(o.orderDate) : null,
    signatoryName: o.issued ? "Signataire" : null,
    issuedAt: o.issued ? new Date(`${o.orderDate}T09:00:00Z`) : null,
    issuedById: o.issued ? creator : null,
    acknowledgedAt: o.acknowledgedAt,
    cancelledAt: o.cancelledAt,
    cancellationReason: o.status === "CANCELLED" ? "Besoin abandonné" : null,
    closedAt: o.closedAt,
    totalHtCents: o.totalHtCents,
    vatCents: o.vatCents,
    totalTtcCents: o.totalHtCents + o.vatCents,
    committedHtCents: o.committedHtCents,
    createdById: creator,
  });
  await db.purchaseOrder.createMany({ data: orders.map(orderRow) });
  await db.purchaseOrder.createMany({ data: correctives.map(orderRow) });
  const lineRow = (o: Order, l: Line) => ({
    id: l.id,
    orderId: o.id,
    position: l.position,
    uoTypeId: l.uoTypeId,
    quantity: l.quantity.toString(),
    correctsLineId: l.correctsLineId ?? null,
    unitPriceHtCents: o.issued || o.status !== "DRAFT" ? l.unitPriceHtCents : null,
    amountHtCents: o.issued || o.status !== "DRAFT" ? l.amountHtCents : null,
    orderedDays:
      o.correctsOrderId === null && o.issued && o.status !== "CANCELLED"
        ? l.correctedQuantity.times(20).toString()
        : "0",
    consumedDays: l.consumedDays.toString(),
    certifiedDays: l.certifiedDays.toString(),
  });
  await db.orderLine.createMany({ data: orders.flatMap((o) => o.lines.map((l) => lineRow(o, l))) });
  await db.orderLine.createMany({ data: correctives.flatMap((o) => o.lines.map((l) => lineRow(o, l))) });
  for (const status of [
    "ISSUED",
    "ACKNOWLEDGED",
    "IN_PROGRESS",
    "COMPLETED",
    "CLOSED",
    "CANCELLED",
  ] as const) {
    const ids = [...orders, ...correctives].filter((o) => o.status === status).map((o) => o.id);
    if (ids.length) await db.purchaseOrder.updateMany({ where: { id: { in: ids } }, data: { status } });
  }
  for (const [year, last] of counters) {
    await db.orderNumberCounter.create({ data: { agreementId, year, last } });
  }
  const committed = orders.reduce((s, o) => s + o.committedHtCents, 0n);
  await db.frameworkAgreement.update({ where: { id: agreementId }, data: { committedHtCents: committed } });

  await db.assignment.createMany({ data: assignments });
  await db.activityReport.createMany({
    data: reports.map((rep) => ({
      id: rep.id,
      orderId: rep.orderId,
      month: d(rep.month),
      // Entries go in before validation (a validated report never changes).
      status: rep.status === "VALIDATED" ? ("SUBMITTED" as const) : rep.status,
      adjustsReportId: rep.adjustsReportId,
      submittedAt: rep.status === "DRAFT" ? null : new Date(`${lastDay(rep.month.slice(0, 7))}T12:00:00Z`),
      submittedById: rep.status === "DRAFT" ? null : submitter,
      rejectedAt: rep.status === "REJECTED" ? new Date() : null,
      rejectedById: rep.status === "REJECTED" ? validator : null,
      rejectionReason: rep.status === "REJECTED" ? "Jours à revoir" : null,
      createdById: submitter,
    })),
  });
  await db.activityEntry.createMany({ data: entries });
  const toValidate = reports.filter((rep) => rep.status === "VALIDATED");
  // Originals before their adjustments (an adjustment may only point to a validated report).
  for (const wave of [
    toValidate.filter((x) => !x.adjustsReportId),
    toValidate.filter((x) => x.adjustsReportId),
  ]) {
    await db.activityReport.updateMany({
      where: { id: { in: wave.map((x) => x.id) } },
      data: { status: "VALIDATED", validatedAt: new Date("2026-11-01T10:00:00Z"), validatedById: validator },
    });
  }
  await db.serviceFait.createMany({ data: serviceFaits });
  await db.serviceFaitLine.createMany({ data: sfLines });
  await db.invoice.createMany({ data: invoices });

  return {
    cast,
    agreementId,
    beneficiaries,
    contractors,
    products,
    uoTypes,
    orders,
    correctives,
    counts: {
      orders: orders.length,
      correctives: correctives.length,
      reports: reports.length,
      entries: entries.length,
      serviceFaits: serviceFaits.length,
      invoices: invoices.length,
    },
  };
}
