// Follow-up figures on a small fixture built with Prisma: they must equal the values computed
// by hand below, and an independent SQL computation from the raw rows (report entries,
// service-fait lines, invoices) rather than from the lines' running totals. Out of scope →
// "not found".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { getOrderFollowUp, getProductFollowUp, getScopeFollowUp } from "@/lib/follow-up/queries";
import type { Figures } from "@/lib/follow-up/rules";
import { createTestDb, type TestDb } from "../support/db";
import { makeCast } from "../support/factories";

let t: TestDb;
let cast: Awaited<ReturnType<typeof makeCast>>;
const ids = { a1: "", a2: "", b1: "", draft: "", cancelled: "", corrective: "", productA: "", productB: "" };
const TODAY = "2026-04-15";
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function product(db: PrismaClient, beneficiaryId: string, name: string) {
  return (await db.product.create({ data: { name, beneficiaryId, kind: "STARTUP_ETAT" } })).id;
}

type LineSpec = { code: string; quantity: string; unit: number; ordered: string };

async function order(
  db: PrismaClient,
  o: {
    beneficiaryId: string;
    contractorId: string;
    productId: string;
    status: "DRAFT" | "ISSUED" | "IN_PROGRESS" | "COMPLETED" | "CANCELLED";
    startsOn: string;
    endsOn: string;
    lines: LineSpec[];
    number: string | null;
    correctsOrderId?: string;
    correctsLineId?: string;
  },
) {
  const uo = new Map(cast.agreement.uoTypes.map((u) => [u.code, u.id]));
  // Lines are written on a draft (a trigger freezes the lines of issued orders), then issued.
  const created = await db.purchaseOrder.create({
    data: {
      agreementId: cast.agreement.id,
      status: "DRAFT",
      beneficiaryId: o.beneficiaryId,
      productId: o.productId,
      contractorId: o.contractorId,
      correctsOrderId: o.correctsOrderId ?? null,
      startsOn: day(o.startsOn),
      endsOn: day(o.endsOn),
      chorusServiceCode: "SRV01",
      billingAddress: "1 rue de Test",
      createdById: cast.beneficiaryA.userId,
      lines: {
        create: o.lines.map((l, i) => ({
          position: i + 1,
          uoTypeId: uo.get(l.code) as string,
          quantity: l.quantity,
          unitPriceHtCents: o.status === "DRAFT" ? null : l.unit,
          orderedDays: l.ordered,
          correctsLineId: o.correctsLineId ?? null,
        })),
      },
    },
    select: { id: true, lines: { orderBy: { position: "asc" }, select: { id: true, uoTypeId: true } } },
  });
  if (o.status === "CANCELLED") {
    await db.purchaseOrder.update({
      where: { id: created.id },
      data: { status: "CANCELLED", cancellationReason: "Abandon du projet" },
    });
  } else if (o.status !== "DRAFT") {
    await db.purchaseOrder.update({
      where: { id: created.id },
      data: {
        status: o.status,
        number: o.number,
        orderDate: day(o.startsOn),
        legalCommitmentNumber: "1300012345",
        issuedAt: day(o.startsOn),
        signatoryName: "Signataire",
      },
    });
  }
  return created;
}

async function staffer(db: PrismaClient, contractorId: string, uoTypeId: string, name: string) {
  return (
    await db.staffer.create({
      data: { contractorId, fullName: name, email: `${name}@test.example`, uoTypeId, status: "EMPLOYEE" },
    })
  ).id;
}

/** A report with its rows; validated reports are written as submitted first (trigger). */
async function report(
  db: PrismaClient,
  orderId: string,
  month: string,
  status: "VALIDATED" | "SUBMITTED" | "REJECTED",
  rows: Array<{ assignment: { id: string; lineId: string; stafferId: string }; days: string }>,
  adjustsReportId: string | null = null,
) {
  const r = await db.activityReport.create({
    data: {
      orderId,
      month: day(`${month}-01`),
      status: status === "VALIDATED" ? "SUBMITTED" : status,
      adjustsReportId,
      createdById: cast.contractorX.userId,
      submittedById: cast.contractorX.userId,
      submittedAt: new Date(),
      rejectedAt: status === "REJECTED" ? new Date() : null,
      rejectedById: status === "REJECTED" ? cast.beneficiaryA.userId : null,
      rejectionReason: status === "REJECTED" ? "Jours à revoir" : null,
    },
  });
  await db.activityEntry.createMany({
    data: rows.map((x) => ({
      reportId: r.id,
      assignmentId: x.assignment.id,
      orderLineId: x.assignment.lineId,
      stafferId: x.assignment.stafferId,
      month: day(`${month}-01`),
      days: x.days,
    })),
  });
  if (status === "VALIDATED") {
    await db.activityReport.update({
      where: { id: r.id },
      data: { status: "VALIDATED", validatedAt: new Date(), validatedById: cast.beneficiaryA.userId },
    });
  }
  return r.id;
}

let sfSeq = 0;
async function serviceFait(
  db: PrismaClient,
  orderId: string,
  decision: "ADMISSION" | "REFACTION" | "AJOURNEMENT",
  reports: string[],
  lines: Array<{ lineId: string; days: string; unit: number; amount: bigint }>,
  refaction = 0n,
) {
  const computed = lines.reduce((s, l) => s + l.amount, 0n);
  const certified = decision === "AJOURNEMENT" ? 0n : computed - refaction;
  const vat = (certified * 2n * 2000n + 10_000n) / 20_000n;
  return (
    await db.serviceFait.create({
      data: {
        orderId,
        number: `SF-2026-${String(++sfSeq).padStart(4, "0")}`,
        periodStart: day("2026-01-01"),
        periodEnd: day("2026-03-31"),
        decision,
        computedHtCents: computed,
        refactionHtCents: refaction,
        certifiedHtCents: certified,
        vatCents: vat,
        certifiedTtcCents: certified + vat,
        decidedOn: day("2026-04-10"),
        issuedById: cast.beneficiaryA.userId,
        signatoryName: "Signataire",
        lines: {
          create: lines.map((l) => ({
            orderLineId: l.lineId,
            days: l.days,
            unitPriceHtCents: l.unit,
            amountHtCents: l.amount,
          })),
        },
        reports: {
          create: reports.map((reportId) => ({ reportId, certifying: decision !== "AJOURNEMENT" })),
        },
      },
    })
  ).id;
}

async function invoice(
  db: PrismaClient,
  serviceFaitId: string,
  contractorId: string,
  ht: bigint,
  paid: boolean,
) {
  await db.invoice.create({
    data: {
      serviceFaitId,
      contractorId,
      number: `F-${serviceFaitId.slice(0, 8)}`,
      receivedOn: day("2026-04-12"),
      amountHtCents: ht,
      amountTtcCents: ht + (ht * 2n * 2000n + 10_000n) / 20_000n,
      paidOn: paid ? day("2026-04-14") : null,
      recordedById: cast.contractorX.userId,
      paymentRecordedById: paid ? cast.beneficiaryA.userId : null,
    },
  });
}

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
  const db = t.db;
  const benA = cast.orgs.benA.id;
  const benB = cast.orgs.benB.id;
  const conX = cast.orgs.conX.id;
  const conY = cast.orgs.conY.id;
  ids.productA = await product(db, benA, "Produit A");
  ids.productB = await product(db, benB, "Produit B");

  // A1: benA → X, two lines; line 1 (3 UO) raised by +0.5 UO by an issued corrective order.
  const a1 = await order(db, {
    beneficiaryId: benA,
    contractorId: conX,
    productId: ids.productA,
    status: "IN_PROGRESS",
    number: "BDC-2026-0001",
    startsOn: "2026-01-05",
    endsOn: "2026-06-30",
    lines: [
      { code: "DEVOPS_CONFIRME", quantity: "3", unit: 1_150_000, ordered: "70" },
      { code: "PM", quantity: "2", unit: 1_234_567, ordered: "40" },
    ],
  });
  ids.a1 = a1.id;
  const [l1, l2] = a1.lines as [{ id: string; uoTypeId: string }, { id: string; uoTypeId: string }];
  ids.corrective = (
    await order(db, {
      beneficiaryId: benA,
      contractorId: conX,
      productId: ids.productA,
      status: "ISSUED",
      number: "BDC-2026-0002",
      startsOn: "2026-01-05",
      endsOn: "2026-06-30",
      correctsOrderId: a1.id,
      correctsLineId: l1.id,
      lines: [{ code: "DEVOPS_CONFIRME", quantity: "0.5", unit: 1_150_000, ordered: "0" }],
    })
  ).id;
  const dev = {
    id: "",
    lineId: l1.id,
    stafferId: await staffer(db, conX, l1.uoTypeId, "dev"),
  };
  const pm = { id: "", lineId: l2.id, stafferId: await staffer(db, conX, l2.uoTypeId, "pm") };
  for (const a of [dev, pm]) {
    a.id = (
      await db.assignment.create({
        data: {
          orderId: a1.id,
          orderLineId: a.lineId,
          stafferId: a.stafferId,
          startsOn: day("2026-01-05"),
          endsOn: day("2026-06-30"),
          createdById: cast.contractorX.userId,
        },
      })
    ).id;
  }
  const jan = await report(db, a1.id, "2026-01", "VALIDATED", [
    { assignment: dev, days: "18.5" },
    { assignment: pm, days: "10.5" },
  ]);
  const feb = await report(db, a1.id, "2026-02", "VALIDATED", [
    { assignment: dev, days: "20" },
    { assignment: pm, days: "9" },
  ]);
  const mar = await report(db, a1.id, "2026-03", "VALIDATED", [{ assignment: dev, days: "15.5" }]);
  // February corrected by +1 day of PM, validated: counts, not certified yet.
  await report(db, a1.id, "2026-02", "VALIDATED", [{ assignment: pm, days: "1" }], feb);
  // Neither a submitted nor a rejected report counts.
  await report(db, a1.id, "2026-04", "SUBMITTED", [{ assignment: dev, days: "10" }]);
  await report(db, a1.id, "2026-05", "REJECTED", [{ assignment: dev, days: "5" }]);
  await db.orderLine.update({ where: { id: l1.id }, data: { consumedDays: "54", certifiedDays: "54" } });
  await db.orderLine.update({ where: { id: l2.id }, data: { consumedDays: "20.5", certifiedDays: "19.5" } });
  // 38.5 d × 11 500 € / 20 = 22 137,50 € ; 19.5 d × 12 345,67 € / 20 = 12 037,02825 → 12 037,03 €.
  const sf1 = await serviceFait(
    db,
    a1.id,
    "ADMISSION",
    [jan, feb],
    [
      { lineId: l1.id, days: "38.5", unit: 1_150_000, amount: 2_213_750n },
      { lineId: l2.id, days: "19.5", unit: 1_234_567, amount: 1_203_703n },
    ],
  );
  await serviceFait(
    db,
    a1.id,
    "AJOURNEMENT",
    [mar],
    [{ lineId: l1.id, days: "15.5", unit: 1_150_000, amount: 891_250n }],
  );
  const sf3 = await serviceFait(
    db,
    a1.id,
    "REFACTION",
    [mar],
    [{ lineId: l1.id, days: "15.5", unit: 1_150_000, amount: 891_250n }],
    5_000n,
  );
  await invoice(db, sf1, conX, 3_417_453n, true);
  await invoice(db, sf3, conX, 886_250n, false);

  // A2: benA → Y, completed: 20 days ordered, validated, certified, invoiced and paid.
  const a2 = await order(db, {
    beneficiaryId: benA,
    contractorId: conY,
    productId: ids.productA,
    status: "COMPLETED",
    number: "BDC-2026-0003",
    startsOn: "2026-02-02",
    endsOn: "2026-03-31",
    lines: [{ code: "DESIGN_CONFIRME", quantity: "1", unit: 1_100_000, ordered: "20" }],
  });
  ids.a2 = a2.id;
  const a2line = a2.lines[0] as { id: string; uoTypeId: string };
  const designer = {
    id: "",
    lineId: a2line.id,
    stafferId: await staffer(db, conY, a2line.uoTypeId, "designer"),
  };
  designer.id = (
    await db.assignment.create({
      data: {
        orderId: a2.id,
        orderLineId: a2line.id,
        stafferId: designer.stafferId,
        startsOn: day("2026-02-02"),
        endsOn: day("2026-03-31"),
        createdById: cast.contractorY.userId,
      },
    })
  ).id;
  const a2feb = await report(db, a2.id, "2026-02", "VALIDATED", [{ assignment: designer, days: "12" }]);
  const a2mar = await report(db, a2.id, "2026-03", "VALIDATED", [{ assignment: designer, days: "8" }]);
  await db.orderLine.update({ where: { id: a2line.id }, data: { consumedDays: "20", certifiedDays: "20" } });
  const a2sf = await serviceFait(
    db,
    a2.id,
    "ADMISSION",
    [a2feb, a2mar],
    [{ lineId: a2line.id, days: "20", unit: 1_100_000, amount: 1_100_000n }],
  );
  await invoice(db, a2sf, conY, 1_100_000n, true);

  // B1: benB → X, 5 days validated in March, nothing certified.
  const b1 = await order(db, {
    beneficiaryId: benB,
    contractorId: conX,
    productId: ids.productB,
    status: "IN_PROGRESS",
    number: "BDC-2026-0004",
    startsOn: "2026-03-02",
    endsOn: "2026-05-29",
    lines: [{ code: "DEVOPS_CONFIRME", quantity: "1", unit: 1_150_000, ordered: "20" }],
  });
  ids.b1 = b1.id;
  const b1line = b1.lines[0] as { id: string; uoTypeId: string };
  const b1dev = { id: "", lineId: b1line.id, stafferId: dev.stafferId };
  b1dev.id = (
    await db.assignment.create({
      data: {
        orderId: b1.id,
        orderLineId: b1line.id,
        stafferId: dev.stafferId,
        startsOn: day("2026-03-02"),
        endsOn: day("2026-05-29"),
        createdById: cast.contractorX.userId,
      },
    })
  ).id;
  await report(db, b1.id, "2026-03", "VALIDATED", [{ assignment: b1dev, days: "5" }]);
  await db.orderLine.update({ where: { id: b1line.id }, data: { consumedDays: "5" } });

  // Nothing ordered: a draft and a cancelled order of benA.
  for (const status of ["DRAFT", "CANCELLED"] as const) {
    const o = await order(db, {
      beneficiaryId: benA,
      contractorId: conX,
      productId: ids.productA,
      status,
      number: null,
      startsOn: "2026-05-04",
      endsOn: "2026-06-30",
      lines: [{ code: "PM", quantity: "4", unit: 1_280_000, ordered: "0" }],
    });
    if (status === "DRAFT") ids.draft = o.id;
    else ids.cancelled = o.id;
  }
});
afterAll(async () => {
  await t?.close();
});

/** The figures as plain strings, for readable comparisons. */
function plain(f: Figures) {
  return {
    orderedDays: f.orderedDays.toString(),
    validatedDays: f.validatedDays.toString(),
    certifiedDays: f.certifiedDays.toString(),
    remainingDays: f.remainingDays.toString(),
    toCertifyDays: f.toCertifyDays.toString(),
    orderedHtCents: f.orderedHtCents,
    validatedHtCents: f.validatedHtCents,
    certifiedHtCents: f.certifiedHtCents,
    refactionHtCents: f.refactionHtCents,
    invoicedHtCents: f.invoicedHtCents,
    paidHtCents: f.paidHtCents,
    remainingHtCents: f.remainingHtCents,
    toCertifyHtCents: f.toCertifyHtCents,
  };
}

// Hand-computed: A1 ordered 70 + 40 days = round(11 500 € × 3.5) + round(12 345,67 € × 2);
// validated 54 + 20.5 days = 31 050,00 € + round(12 345,67 € × 20.5 / 20 = 12 654,31175) € ;
// certified 54 + 19.5 days = (22 137,50 + 8 912,50) + 12 037,03 € gross, − 50 € réfaction.
const A1 = {
  orderedDays: "110",
  validatedDays: "74.5",
  certifiedDays: "73.5",
  remainingDays: "35.5",
  toCertifyDays: "1",
  orderedHtCents: 6_494_134n,
  validatedHtCents: 4_370_431n,
  certifiedHtCents: 4_303_703n,
  refactionHtCents: 5_000n,
  invoicedHtCents: 4_303_703n,
  paidHtCents: 3_417_453n,
  remainingHtCents: 2_123_703n,
  toCertifyHtCents: 61_728n,
};
const A2 = {
  orderedDays: "20",
  validatedDays: "20",
  certifiedDays: "20",
  remainingDays: "0",
  toCertifyDays: "0",
  orderedHtCents: 1_100_000n,
  validatedHtCents: 1_100_000n,
  certifiedHtCents: 1_100_000n,
  refactionHtCents: 0n,
  invoicedHtCents: 1_100_000n,
  paidHtCents: 1_100_000n,
  remainingHtCents: 0n,
  toCertifyHtCents: 0n,
};
const B1 = {
  orderedDays: "20",
  validatedDays: "5",
  certifiedDays: "0",
  remainingDays: "15",
  toCertifyDays: "5",
  orderedHtCents: 1_150_000n,
  validatedHtCents: 287_500n,
  certifiedHtCents: 0n,
  refactionHtCents: 0n,
  invoicedHtCents: 0n,
  paidHtCents: 0n,
  remainingHtCents: 862_500n,
  toCertifyHtCents: 287_500n,
};
const sum = (...xs: Array<typeof A1>) =>
  Object.fromEntries(
    Object.keys(A1).map((k) => {
      const values = xs.map((x) => x[k as keyof typeof A1]);
      return [
        k,
        typeof values[0] === "bigint"
          ? (values as bigint[]).reduce((a, b) => a + b, 0n)
          : String(values.reduce((a, b) => a + Number(b), 0)),
      ];
    }),
  );

describe("follow-up of an order", () => {
  it("gives the hand-computed figures in days and euros, per line and in total", async () => {
    const f = await getOrderFollowUp({ actor: cast.beneficiaryA, id: ids.a1, today: TODAY });
    expect(plain(f.figures)).toEqual(A1);
    expect(f.lines.map((l) => plain(l.figures))).toEqual([
      {
        orderedDays: "70",
        validatedDays: "54",
        certifiedDays: "54",
        remainingDays: "16",
        toCertifyDays: "0",
        orderedHtCents: 4_025_000n,
        validatedHtCents: 3_105_000n,
        certifiedHtCents: 3_105_000n,
        refactionHtCents: 0n,
        invoicedHtCents: 0n,
        paidHtCents: 0n,
        remainingHtCents: 920_000n,
        toCertifyHtCents: 0n,
      },
      {
        orderedDays: "40",
        validatedDays: "20.5",
        certifiedDays: "19.5",
        remainingDays: "19.5",
        toCertifyDays: "1",
        orderedHtCents: 2_469_134n,
        validatedHtCents: 1_265_431n,
        certifiedHtCents: 1_203_703n,
        refactionHtCents: 0n,
        invoicedHtCents: 0n,
        paidHtCents: 0n,
        remainingHtCents: 1_203_703n,
        toCertifyHtCents: 61_728n,
      },
    ]);
  });

  it("draws the burn-down by month of work and projects the run-out date at the last three months' pace", async () => {
    const f = await getOrderFollowUp({ actor: cast.beneficiaryA, id: ids.a1, today: TODAY });
    expect(
      f.burnDown.points.map((p) => [
        p.month,
        p.validatedDays.toString(),
        p.remainingDays?.toString() ?? null,
        p.certifiedCumulativeDays?.toString() ?? null,
      ]),
    ).toEqual([
      ["2026-01", "29", "81", "29"],
      ["2026-02", "30", "51", "58"], // the +1 day adjustment counts in February, not certified
      ["2026-03", "15.5", "35.5", "73.5"],
      ["2026-04", "0", "35.5", "73.5"], // submitted, not validated
      ["2026-05", "0", null, null],
      ["2026-06", "0", null, null],
    ]);
    // Pace: (29 + 30 + 15.5) / 3 = 24.83 days a month; 35.5 days = 1.4295 months from 1 April
    // → April, then 0.4295 × 31 days of May = 13.3 → 14 May.
    expect(f.burnDown.runOut).toMatchObject({ kind: "date", date: "2026-05-14", monthsMeasured: 3 });
    // Per line too: line 1 has 16 days left at (18.5 + 20 + 15.5) / 3 = 18 a month.
    expect(f.lines[0]?.burnDown.runOut).toMatchObject({ kind: "date", monthsMeasured: 3 });
    expect(f.lines[0]?.burnDown.points.at(2)?.remainingDays?.toString()).toBe("16");
    // The last certified point is the lines' certified days.
    expect(f.burnDown.points[3]?.certifiedCumulativeDays?.toString()).toBe(
      f.figures.certifiedDays.toString(),
    );
  });

  it("equals an independent SQL computation from the raw rows, for every order", async () => {
    for (const id of [ids.a1, ids.a2, ids.b1]) {
      const [raw] = await t.db.$queryRawUnsafe<
        Array<{
          validated_days: string;
          validated_cents: string;
          certified_days: string;
          certified_cents: string;
          invoiced: string;
          paid: string;
        }>
      >(
        `WITH v AS (
           SELECT e."orderLineId", sum(e."days") AS days
             FROM "ActivityEntry" e JOIN "ActivityReport" r ON r."id" = e."reportId"
            WHERE r."orderId" = $1::uuid AND r."status" = 'VALIDATED' GROUP BY 1)
         SELECT
           (SELECT coalesce(sum(days), 0) FROM v)::text AS validated_days,
           (SELECT coalesce(sum(round(v.days * l."unitPriceHtCents" / u."daysPerUnit")), 0)
              FROM v JOIN "OrderLine" l ON l."id" = v."orderLineId" JOIN "UoType" u ON u."id" = l."uoTypeId")::text AS validated_cents,
           (SELECT coalesce(sum(sl."days"), 0) FROM "ServiceFaitLine" sl JOIN "ServiceFait" s ON s."id" = sl."serviceFaitId"
             WHERE s."orderId" = $1::uuid AND s."decision" IN ('ADMISSION', 'REFACTION'))::text AS certified_days,
           (SELECT coalesce(sum(s."certifiedHtCents"), 0) FROM "ServiceFait" s WHERE s."orderId" = $1::uuid)::text AS certified_cents,
           (SELECT coalesce(sum(i."amountHtCents"), 0) FROM "Invoice" i JOIN "ServiceFait" s ON s."id" = i."serviceFaitId"
             WHERE s."orderId" = $1::uuid)::text AS invoiced,
           (SELECT coalesce(sum(i."amountHtCents"), 0) FROM "Invoice" i JOIN "ServiceFait" s ON s."id" = i."serviceFaitId"
             WHERE s."orderId" = $1::uuid AND i."paidOn" IS NOT NULL)::text AS paid`,
        id,
      );
      const f = (await getOrderFollowUp({ actor: cast.dinum, id, today: TODAY })).figures;
      expect(raw).toBeDefined();
      expect(f.validatedDays.toString()).toBe(String(Number(raw?.validated_days)));
      expect(f.validatedHtCents).toBe(BigInt(raw?.validated_cents ?? "x"));
      expect(f.certifiedDays.toString()).toBe(String(Number(raw?.certified_days)));
      expect(f.certifiedHtCents).toBe(BigInt(raw?.certified_cents ?? "x"));
      expect(f.invoicedHtCents).toBe(BigInt(raw?.invoiced ?? "x"));
      expect(f.paidHtCents).toBe(BigInt(raw?.paid ?? "x"));
    }
  });

  it("answers 'not found' outside the caller's scope, for a corrective order and for a bad id", async () => {
    const attempts: Array<[Actor, string]> = [
      [cast.beneficiaryB, ids.a1],
      [cast.contractorY, ids.a1],
      [cast.contractorX, ids.a2],
      [cast.dinumBeneficiary, ids.a1],
      [cast.beneficiaryA, ids.corrective],
      [cast.beneficiaryA, "pas-un-uuid"],
    ];
    for (const [actor, id] of attempts) {
      const error = await getOrderFollowUp({ actor, id, today: TODAY }).catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe("NOT_FOUND");
    }
    // The contractor the order is addressed to sees the same figures as the beneficiary.
    const seen = await getOrderFollowUp({ actor: cast.contractorX, id: ids.a1, today: TODAY });
    expect(plain(seen.figures)).toEqual(A1);
  });
});

describe("follow-up of a scope and of a product", () => {
  it("sums each caller's own orders only: beneficiary, contractor, DINUM", async () => {
    const cases: Array<[Actor, Array<typeof A1>, string[]]> = [
      [cast.beneficiaryA, [A1, A2], [ids.a1, ids.a2]],
      [cast.beneficiaryB, [B1], [ids.b1]],
      [cast.contractorX, [A1, B1], [ids.a1, ids.b1]],
      [cast.contractorY, [A2], [ids.a2]],
      [cast.dinum, [A1, A2, B1], [ids.a1, ids.a2, ids.b1]],
    ];
    for (const [actor, parts, orderIds] of cases) {
      const s = await getScopeFollowUp({ actor, page: 1, filters: {} });
      expect(plain(s.scopeTotals)).toEqual(sum(...parts));
      expect(plain(s.totals)).toEqual(sum(...parts));
      expect(s.orders.items.map((o) => o.id).sort()).toEqual([...orderIds].sort());
      expect(s.orders.total).toBe(orderIds.length);
    }
    const empty = await getScopeFollowUp({ actor: cast.dinumBeneficiary, page: 1, filters: {} });
    expect(empty.orders.total).toBe(0);
    expect(empty.totals.orderedHtCents).toBe(0n);
  });

  it("filters by status, product and contractor, keeping the scope totals, and paginates", async () => {
    const byStatus = await getScopeFollowUp({
      actor: cast.beneficiaryA,
      page: 1,
      filters: { status: "COMPLETED" },
    });
    expect(byStatus.orders.items.map((o) => o.id)).toEqual([ids.a2]);
    expect(plain(byStatus.totals)).toEqual(A2);
    expect(plain(byStatus.scopeTotals)).toEqual(sum(A1, A2));
    const byContractor = await getScopeFollowUp({
      actor: cast.dinum,
      page: 1,
      filters: { contractorId: cast.orgs.conX.id },
    });
    expect(plain(byContractor.totals)).toEqual(sum(A1, B1));
    const byProduct = await getScopeFollowUp({
      actor: cast.dinum,
      page: 1,
      filters: { productId: ids.productB },
    });
    expect(byProduct.orders.items.map((o) => o.id)).toEqual([ids.b1]);
    // Another organisation's product as a filter: nothing, not its figures.
    const foreign = await getScopeFollowUp({
      actor: cast.beneficiaryA,
      page: 1,
      filters: { productId: ids.productB },
    });
    expect(foreign.orders.total).toBe(0);
    expect(foreign.totals.orderedDays.toString()).toBe("0");
    const page2 = await getScopeFollowUp({ actor: cast.dinum, page: 2, filters: {} });
    expect(page2.orders.items).toEqual([]);
    expect(page2.orders.total).toBe(3);
    expect(plain(page2.totals)).toEqual(sum(A1, A2, B1));
  });

  it("gives a product's figures over the orders the caller sees, and 'not found' for another organisation's product", async () => {
    const mine = await getProductFollowUp({ actor: cast.beneficiaryA, id: ids.productA, today: TODAY });
    expect(plain(mine.figures)).toEqual(sum(A1, A2));
    expect(mine.orders.items.map((o) => o.id).sort()).toEqual([ids.a1, ids.a2].sort());
    expect(mine.burnDown?.points.map((p) => p.month)).toEqual([
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
    ]);
    // 130 days ordered; validated by month: 29, 30 + 12, 15.5 + 8.
    expect(mine.burnDown?.points.slice(0, 4).map((p) => p.remainingDays?.toString())).toEqual([
      "101",
      "59",
      "35.5",
      "35.5",
    ]);
    // A contractor sees the product, but only its own orders' figures.
    const y = await getProductFollowUp({ actor: cast.contractorY, id: ids.productA, today: TODAY });
    expect(plain(y.figures)).toEqual(A2);
    const none = await getProductFollowUp({ actor: cast.contractorY, id: ids.productB, today: TODAY });
    expect(none.orders.total).toBe(0);
    expect(none.burnDown).toBeNull();
    for (const [actor, id] of [
      [cast.beneficiaryB, ids.productA],
      [cast.beneficiaryA, ids.productB],
      [cast.beneficiaryA, "nimporte-quoi"],
    ] as Array<[Actor, string]>) {
      const error = await getProductFollowUp({ actor, id }).catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe("NOT_FOUND");
    }
  });
});
