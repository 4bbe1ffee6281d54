// The public statistics on a small deterministic fixture (all in last year, so the figures do
// not depend on the day the test runs): every figure is checked against the hand-computed
// value and against an independent computation (plain SQL sums, medians computed in
// JavaScript from the raw rows); the output carries no personal data; the CSV reads back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UoFamily } from "@/generated/prisma/client";
import { todayIso } from "@/lib/dates";
import { createRisk } from "@/lib/risks/mutations";
import { createRiskSchema } from "@/lib/risks/schemas";
import { getPublicStats, STATS_CACHE_SECONDS } from "@/lib/stats/cached";
import { statsTableToCsv } from "@/lib/stats/csv";
import { computePublicStats } from "@/lib/stats/queries";
import { type PublicStats, statsTable } from "@/lib/stats/rules";
import { parseCsv } from "../support/csv";
import { createTestDb, type TestDb } from "../support/db";
import { makeCast } from "../support/factories";
import { insertOrder } from "../support/orders";

let t: TestDb;
let cast: Awaited<ReturnType<typeof makeCast>>;
let stats: PublicStats;
const Y = Number(todayIso().slice(0, 4)) - 1;
const at = (md: string, time = "09:00:00") => new Date(`${Y}-${md}T${time}Z`);
const day = (md: string) => new Date(`${Y}-${md}T00:00:00Z`);
const PERSONAL = {
  staffers: ["Alice Confidentielle", "Bruno Secret", "Chloé Privée"],
  emails: ["alice.confidentielle@exemple.fr", "bruno.secret@exemple.fr", "chloe.privee@exemple.fr"],
};
const FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1+1)"];

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
  const uo = new Map(cast.agreement.uoTypes.map((u) => [u.code, u.id]));
  const id = (code: string) => uo.get(code) as string;
  const product = async (name: string, beneficiaryId: string) =>
    (await t.db.product.create({ data: { name, beneficiaryId, kind: "STARTUP_ETAT" } })).id;
  const p1 = await product("Produit Un", cast.orgs.benA.id);
  const p2 = await product("Produit Deux", cast.orgs.benB.id);
  const p3 = await product("Produit Trois", cast.orgs.benA.id);
  const base = { agreementId: cast.agreement.id, createdById: cast.beneficiaryA.userId };

  // O1: issued 15/01, acknowledged 2 days later; Devops confirmé 2 UO + PM 1 UO; corrected on 10/03 (+0.5 UO Devops).
  const o1 = await insertOrder(t.db, {
    ...base,
    beneficiaryId: cast.orgs.benA.id,
    productId: p1,
    contractorId: cast.orgs.conX.id,
    status: "IN_PROGRESS",
    startsOn: `${Y}-02-01`,
    endsOn: `${Y}-06-30`,
    issuedAt: at("01-15"),
    acknowledgedAt: at("01-17"),
    committedHtCents: 4_155_000n,
    lines: [
      {
        uoTypeId: id("DEVOPS_CONFIRME"),
        quantity: "2",
        unitPriceHtCents: 1_150_000,
        amountHtCents: 2_300_000n,
        orderedDays: "50",
        consumedDays: "20",
      },
      { uoTypeId: id("PM"), quantity: "1", unitPriceHtCents: 1_280_000, amountHtCents: 1_280_000n },
    ],
  });
  await insertOrder(t.db, {
    ...base,
    beneficiaryId: cast.orgs.benA.id,
    productId: p1,
    contractorId: cast.orgs.conX.id,
    status: "ISSUED",
    correctsOrderId: o1.id,
    issuedAt: at("03-10"),
    lines: [
      {
        uoTypeId: id("DEVOPS_CONFIRME"),
        quantity: "0.5",
        unitPriceHtCents: 1_150_000,
        amountHtCents: 575_000n,
        correctsLineId: o1.lineIds[0],
      },
    ],
  });
  // O2: issued 20/02, acknowledged 1 day later, closed: 13 of 20 days consumed → 715 000 committed.
  const o2 = await insertOrder(t.db, {
    ...base,
    beneficiaryId: cast.orgs.benB.id,
    productId: p2,
    contractorId: cast.orgs.conX.id,
    status: "CLOSED",
    startsOn: `${Y}-03-01`,
    endsOn: `${Y}-04-30`,
    issuedAt: at("02-20", "10:00:00"),
    acknowledgedAt: at("02-21", "10:00:00"),
    committedHtCents: 715_000n,
    lines: [
      {
        uoTypeId: id("DESIGN_CONFIRME"),
        quantity: "1",
        unitPriceHtCents: 1_100_000,
        amountHtCents: 1_100_000n,
        orderedDays: "20",
        consumedDays: "13",
        certifiedDays: "13",
      },
    ],
  });
  // O3: issued 01/04, acknowledged 4.5 days later, to contractor Y.
  const o3 = await insertOrder(t.db, {
    ...base,
    beneficiaryId: cast.orgs.benA.id,
    productId: p3,
    contractorId: cast.orgs.conY.id,
    status: "ACKNOWLEDGED",
    startsOn: `${Y}-04-06`,
    endsOn: `${Y}-09-30`,
    issuedAt: at("04-01", "08:00:00"),
    acknowledgedAt: at("04-05", "20:00:00"),
    lines: [
      {
        uoTypeId: id("BIZDEV_CUSTOMER_SUCCESS"),
        quantity: "1",
        unitPriceHtCents: 1_000_000,
        amountHtCents: 1_000_000n,
      },
    ],
  });
  // O4 cancelled, O5 draft: in no figure.
  await insertOrder(t.db, {
    ...base,
    beneficiaryId: cast.orgs.benB.id,
    productId: p2,
    contractorId: cast.orgs.conX.id,
    status: "CANCELLED",
    issuedAt: at("04-02"),
    lines: [
      {
        uoTypeId: id("DEVOPS_SENIOR"),
        quantity: "3",
        unitPriceHtCents: 1_420_000,
        amountHtCents: 4_260_000n,
      },
    ],
  });
  await insertOrder(t.db, {
    ...base,
    beneficiaryId: cast.orgs.benB.id,
    productId: p2,
    contractorId: cast.orgs.conY.id,
    status: "DRAFT",
    lines: [{ uoTypeId: id("DEVOPS_SENIOR"), quantity: "3" }],
  });
  // O6: issued 01/07, acknowledged 3 days later.
  await insertOrder(t.db, {
    ...base,
    beneficiaryId: cast.orgs.benA.id,
    productId: p1,
    contractorId: cast.orgs.conX.id,
    status: "ACKNOWLEDGED",
    startsOn: `${Y}-07-01`,
    endsOn: `${Y}-12-31`,
    issuedAt: at("07-01"),
    acknowledgedAt: at("07-04"),
    lines: [
      { uoTypeId: id("DEVOPS_JUNIOR"), quantity: "1", unitPriceHtCents: 880_000, amountHtCents: 880_000n },
    ],
  });
  await t.db.frameworkAgreement.update({
    where: { id: cast.agreement.id },
    data: { committedHtCents: 6_750_000n },
  });

  // Staffers (with names and e-mails that must never come out) and their assignments.
  const staffer = async (i: number, contractorId: string) =>
    (
      await t.db.staffer.create({
        data: {
          contractorId,
          fullName: PERSONAL.staffers[i] as string,
          email: PERSONAL.emails[i] as string,
          uoTypeId: id("DEVOPS_CONFIRME"),
          status: "EMPLOYEE",
        },
      })
    ).id;
  const s1 = await staffer(0, cast.orgs.conX.id);
  const s2 = await staffer(1, cast.orgs.conX.id);
  const s3 = await staffer(2, cast.orgs.conY.id);
  const assign = (orderId: string, orderLineId: string, stafferId: string, from: string, to: string) =>
    t.db.assignment.create({
      data: {
        orderId,
        orderLineId,
        stafferId,
        startsOn: day(from),
        endsOn: day(to),
        createdById: cast.contractorX.userId,
      },
    });
  await assign(o1.id, o1.lineIds[0] as string, s1, "02-01", "06-30");
  await assign(o2.id, o2.lineIds[0] as string, s2, "03-01", "04-30");
  await assign(o3.id, o3.lineIds[0] as string, s3, "04-06", "09-30");

  // Validated reports: O1 first validated 05/03 12:00 (49.125 days after issue), O2 02/03 10:00 (10 days).
  const report = (orderId: string, month: string, validatedAt: Date) =>
    t.db.activityReport.create({
      data: {
        orderId,
        month: day(`${month}-01`),
        status: "VALIDATED",
        submittedAt: validatedAt,
        submittedById: cast.contractorX.userId,
        validatedAt,
        validatedById: cast.beneficiaryA.userId,
        createdById: cast.contractorX.userId,
      },
    });
  await report(o1.id, "02", at("03-05", "12:00:00"));
  await report(o1.id, "03", at("04-03", "12:00:00"));
  await report(o2.id, "03", at("03-02", "10:00:00"));

  // Service fait: admission (Devops), réfaction (Design), ajournement (certifies nothing).
  const sf = async (
    orderId: string,
    decision: "ADMISSION" | "REFACTION" | "AJOURNEMENT",
    decidedOn: string,
    lines: Array<[string, bigint]>,
    refaction = 0n,
  ) => {
    const computed = lines.reduce((s, [, c]) => s + c, 0n);
    const certified = decision === "AJOURNEMENT" ? 0n : computed - refaction;
    const vat = decision === "AJOURNEMENT" ? 0n : certified / 5n;
    return t.db.serviceFait.create({
      data: {
        orderId,
        number: `SF-${decidedOn}-${decision}`,
        periodStart: day("01-01"),
        periodEnd: day("01-31"),
        decision,
        computedHtCents: computed,
        refactionHtCents: refaction,
        certifiedHtCents: certified,
        vatCents: vat,
        certifiedTtcCents: certified + vat,
        decidedOn: day(decidedOn),
        issuedById: cast.beneficiaryA.userId,
        signatoryName: "Signataire",
        lines: {
          create: lines.map(([orderLineId, amount]) => ({
            orderLineId,
            days: "1",
            unitPriceHtCents: 1,
            amountHtCents: amount,
          })),
        },
      },
    });
  };
  const sf1 = await sf(o1.id, "ADMISSION", "03-10", [[o1.lineIds[0] as string, 1_150_000n]]);
  const sf2 = await sf(o2.id, "REFACTION", "04-15", [[o2.lineIds[0] as string, 715_000n]], 15_000n);
  await sf(o1.id, "AJOURNEMENT", "05-05", [[o1.lineIds[1] as string, 100_000n]]);
  // Invoices: paid 30 and 40 days after the service fait; one unpaid.
  const invoice = (serviceFaitId: string, number: string, receivedOn: string, paidOn: string | null) =>
    t.db.invoice.create({
      data: {
        serviceFaitId,
        contractorId: cast.orgs.conX.id,
        number,
        receivedOn: day(receivedOn),
        amountHtCents: 100n,
        amountTtcCents: 120n,
        paidOn: paidOn ? day(paidOn) : null,
        paymentRecordedById: paidOn ? cast.beneficiaryA.userId : null,
        recordedById: cast.contractorX.userId,
      },
    });
  await invoice(sf1.id, "F-1", "03-15", "04-09");
  await invoice(sf2.id, "F-2", "04-20", "05-25");
  await invoice(sf1.id, "F-3", "03-16", null);

  // Risks with spreadsheet formulas as titles: they must never reach the public figures.
  for (const title of FORMULAS) {
    await createRisk({
      actor: cast.contractorX,
      input: createRiskSchema.parse({ productId: p1, title, likelihood: "HIGH", impact: "HIGH" }),
    });
  }

  stats = await computePublicStats();
});
afterAll(async () => {
  await t?.close();
});

/** Median as percentile_cont(0.5) defines it, computed independently in JavaScript. */
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return ((s[Math.floor(mid)] as number) + (s[Math.ceil(mid)] as number)) / 2;
}

describe(`public statistics (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("counts issued orders, beneficiaries, products and staffers, cancelled and draft orders aside", () => {
    expect(stats.totals).toMatchObject({ orders: 4, beneficiaries: 2, products: 3, staffers: 3 });
  });

  it("per quarter: orders issued, beneficiaries and products with an order running, staffers assigned", () => {
    const q = stats.quarters.map((x) => [x.start, x.orders, x.beneficiaries, x.products, x.staffers]);
    expect(q.slice(0, 4)).toEqual([
      [`${Y}-01-01`, 2, 2, 2, 2],
      [`${Y}-04-01`, 1, 2, 3, 3],
      [`${Y}-07-01`, 1, 1, 2, 1],
      [`${Y}-10-01`, 0, 1, 1, 0],
    ]);
    // Then every quarter up to today's, with nothing running.
    const last = stats.quarters.at(-1)?.start ?? "";
    const month = Number(todayIso().slice(5, 7));
    expect(last).toBe(
      `${todayIso().slice(0, 4)}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, "0")}-01`,
    );
    for (const x of stats.quarters.slice(4))
      expect([x.orders, x.beneficiaries, x.products, x.staffers]).toEqual([0, 0, 0, 0]);
  });

  it("committed and certified amounts by month and by UO family, equal to independent SQL sums", async () => {
    const byMonth = Object.fromEntries(
      stats.months
        .filter((m) => m.committedHtCents !== 0n || m.certifiedHtCents !== 0n)
        .map((m) => [m.month, [m.committedHtCents, m.certifiedHtCents]]),
    );
    expect(byMonth).toEqual({
      [`${Y}-01`]: [3_580_000n, 0n],
      [`${Y}-02`]: [715_000n, 0n],
      [`${Y}-03`]: [575_000n, 1_150_000n],
      [`${Y}-04`]: [1_000_000n, 700_000n],
      [`${Y}-07`]: [880_000n, 0n],
    });
    expect(stats.months[0]?.month).toBe(`${Y}-01`);
    expect(stats.months.at(-1)?.month).toBe(todayIso().slice(0, 7));
    const families = Object.fromEntries(
      stats.families.map((f) => [f.family, [f.committedHtCents, f.certifiedHtCents]]),
    );
    expect(families).toEqual({
      DEVOPS: [3_755_000n, 1_150_000n],
      DESIGN: [715_000n, 715_000n],
      BIZDEV: [1_000_000n, 0n],
      PRODUCT_MANAGEMENT: [1_280_000n, 0n],
      REVERSIBILITE: [0n, 0n],
    });
    expect(stats.totals).toMatchObject({
      committedHtCents: 6_750_000n,
      certifiedHtCents: 1_850_000n,
      refactionHtCents: 15_000n,
    });

    // Independently: the committed total is what the orders count against the agreement…
    const [sums] = await t.db.$queryRaw<Array<{ committed: bigint; certified: bigint; agreement: bigint }>>`
      SELECT (SELECT sum("committedHtCents") FROM "PurchaseOrder" WHERE "correctsOrderId" IS NULL)::bigint AS "committed",
             (SELECT sum("certifiedHtCents") FROM "ServiceFait")::bigint AS "certified",
             (SELECT "committedHtCents" FROM "FrameworkAgreement" WHERE "id" = ${cast.agreement.id}::uuid) AS "agreement"`;
    expect(BigInt(sums?.committed ?? -1n)).toBe(stats.totals.committedHtCents);
    expect(BigInt(sums?.agreement ?? -1n)).toBe(stats.totals.committedHtCents);
    expect(BigInt(sums?.certified ?? -1n)).toBe(stats.totals.certifiedHtCents);
    // …and every breakdown adds up to its total.
    const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
    expect(sum(stats.months.map((m) => m.committedHtCents))).toBe(stats.totals.committedHtCents);
    expect(sum(stats.months.map((m) => m.certifiedHtCents))).toBe(stats.totals.certifiedHtCents);
    expect(sum(stats.families.map((f) => f.committedHtCents))).toBe(stats.totals.committedHtCents);
    expect(sum(stats.families.map((f) => f.certifiedHtCents)) - stats.totals.refactionHtCents).toBe(
      stats.totals.certifiedHtCents,
    );
    const familyOf = new Map<string, UoFamily>(cast.agreement.uoTypes.map((u) => [u.id, u.family]));
    const admitted = await t.db.serviceFaitLine.findMany({
      where: { serviceFait: { decision: { in: ["ADMISSION", "REFACTION"] } } },
      select: { amountHtCents: true, line: { select: { uoTypeId: true } } },
    });
    const devops = admitted
      .filter((l) => familyOf.get(l.line.uoTypeId) === "DEVOPS")
      .reduce((s, l) => s + l.amountHtCents, 0n);
    expect(devops).toBe(families.DEVOPS?.[1]);
  });

  it("median delays with percentile_cont, equal to medians computed from the raw rows", async () => {
    const delays = Object.fromEntries(stats.delays.map((d) => [d.key, [d.medianDays, d.count]]));
    // Across February: 10 and 49.125 days (29.6), or 11 and 50.125 in a leap year (30.6).
    const leap = new Date(Date.UTC(Y, 1, 29)).getUTCMonth() === 1;
    expect(delays).toEqual({
      acknowledgement: ["2.5", 4], // 1, 2, 3, 4.5 days
      firstValidatedReport: [leap ? "30.6" : "29.6", 2],
      payment: ["35.0", 2], // 30 and 40 days
    });
    const orders = await t.db.purchaseOrder.findMany({
      where: { correctsOrderId: null, issuedAt: { not: null }, acknowledgedAt: { not: null } },
      select: { issuedAt: true, acknowledgedAt: true },
    });
    const ack = median(
      orders.map((o) => ((o.acknowledgedAt as Date).getTime() - (o.issuedAt as Date).getTime()) / 86_400_000),
    );
    expect(ack.toFixed(1)).toBe(delays.acknowledgement?.[0]);
    const reports = await t.db.activityReport.findMany({
      where: { status: "VALIDATED" },
      select: { orderId: true, validatedAt: true, order: { select: { issuedAt: true } } },
    });
    const firstByOrder = new Map<string, number>();
    for (const r of reports) {
      const d = ((r.validatedAt as Date).getTime() - (r.order.issuedAt as Date).getTime()) / 86_400_000;
      firstByOrder.set(r.orderId, Math.min(d, firstByOrder.get(r.orderId) ?? Number.POSITIVE_INFINITY));
    }
    expect(median([...firstByOrder.values()]).toFixed(1)).toBe(delays.firstValidatedReport?.[0]);
    const invoices = await t.db.invoice.findMany({
      where: { paidOn: { not: null } },
      select: { paidOn: true, serviceFait: { select: { decidedOn: true } } },
    });
    const pay = median(
      invoices.map((i) => ((i.paidOn as Date).getTime() - i.serviceFait.decidedOn.getTime()) / 86_400_000),
    );
    expect(pay.toFixed(1)).toBe(delays.payment?.[0]);
  });

  it("publishes no personal data and no free text: no name, no e-mail, no risk title", async () => {
    const csv = statsTableToCsv(statsTable(stats, todayIso()));
    const json = JSON.stringify(stats, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    const users = await t.db.user.findMany({ select: { email: true, givenName: true, usualName: true } });
    const orgNames = [cast.orgs.benA.name, cast.orgs.benB.name, cast.orgs.conX.name, cast.orgs.conY.name];
    for (const text of [csv, json]) {
      expect(text).not.toContain("@");
      for (const s of [...PERSONAL.staffers, ...PERSONAL.emails, ...orgNames, "Produit Un", "Signataire"]) {
        expect(text).not.toContain(s);
      }
      for (const u of users) expect(text).not.toContain(u.email);
      for (const f of FORMULAS) expect(text).not.toContain(f);
    }
  });

  it("downloads as a CSV a spreadsheet reads back to the same figures, with no live formula", () => {
    const csv = statsTableToCsv(statsTable(stats, todayIso()));
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(["Indicateur", "Période", "Famille d'unités d'œuvre", "Valeur", "Unité"]);
    expect(rows.every((r) => r.length === 5)).toBe(true);
    const find = (indicator: string, period = "", family = "") =>
      rows.find((r) => r[0] === indicator && r[1] === period && r[2] === family)?.[3];
    expect(find("Montant engagé HT (total)")).toBe("67500.00");
    expect(find("Montant certifié HT (total)")).toBe("18500.00");
    expect(find("Montant engagé HT", `${Y}-03`)).toBe("5750.00");
    expect(find("Montant engagé HT", "", "Devops")).toBe("37550.00");
    expect(find("Bons de commande émis", `${Y} T2`)).toBe("1");
    expect(find("Délai médian : Du service fait au paiement de la facture")).toBe("35.0");
    expect(rows.slice(1).every((r) => r.every((cell) => !/^[=+\-@\t\r]/.test(cell)))).toBe(true);
  });

  it("the page and its CSV read one computation for five minutes, then a fresh one", async () => {
    const t0 = Date.now() + 10 * STATS_CACHE_SECONDS * 1000; // past any entry of another test
    const first = await getPublicStats(t0);
    // Within five minutes every reader (the page, the CSV) gets that very computation.
    const again = await getPublicStats(t0 + (STATS_CACHE_SECONDS - 1) * 1000);
    expect(again).toBe(first);
    const fresh = await getPublicStats(t0 + (STATS_CACHE_SECONDS + 1) * 1000);
    expect(fresh).not.toBe(first);
    expect(fresh.totals).toEqual(first.totals);
  });
});
