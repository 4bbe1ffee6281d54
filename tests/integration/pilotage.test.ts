// The consolidation (issue 5): every dashboard figure and breakdown checked to the cent
// against an independent computation, written differently — from order totals and committed
// amounts rather than line amounts, cumulated report days by a self-join rather than window
// functions, quantities × frozen prices rather than stored amounts, the réfaction
// spread in TypeScript rather than SQL — over a seeded pseudo-random history of ~200 orders.
// Plus the drill-downs (the order list shows exactly the orders behind a figure), the
// reports owed to DINUM, the scope of each role, the forecast threshold setting and the
// refusal of absurd filters.
import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { listOrders } from "@/lib/orders/queries";
import { orderFiltersSchema } from "@/lib/orders/schemas";
import type { FigureKey, Figures } from "@/lib/reporting/facts";
import { updateForecastThreshold } from "@/lib/reporting/mutations";
import {
  type BreakdownRow,
  type Dashboard,
  getDashboard,
  getQuarterlyReport,
  getReportingSettings,
  getSemesterReport,
  type QuarterlyReport,
} from "@/lib/reporting/queries";
import { forecastCeiling } from "@/lib/reporting/rules";
import { forecastThresholdSchema } from "@/lib/reporting/schemas";
import { createTestDb, type TestDb } from "../support/db";
import { type ReportingData, seedReportingData } from "../support/reporting-data";

const TODAY = "2026-11-25";
const KINDS: FigureKey[] = ["committed", "consumed", "certified", "invoiced", "paid"];

let t: TestDb;
let data: ReportingData;
let dinum: Actor;

/** One amount of the independent computation, with everything it can be grouped by. */
type Event = {
  kind: FigureKey;
  on: string | null;
  cents: bigint;
  orderId: string;
  beneficiaryId: string;
  contractorId: string;
  productId: string;
  uoTypeId: string | null;
};

/** Order-level events (for the total and every breakdown but the UO type one). */
let orderEvents: Event[];
/** Line-level events (for the UO type breakdown). */
let lineEvents: Event[];

type Raw = {
  kind: string;
  on: Date | null;
  cents: bigint | string | number;
  orderId: string;
  beneficiaryId: string;
  contractorId: string;
  productId: string;
  uoTypeId: string | null;
};

const toEvent = (r: Raw): Event => ({
  kind: r.kind as FigureKey,
  on: r.on ? r.on.toISOString().slice(0, 10) : null,
  cents: BigInt(String(r.cents).replace(/\.0+$/, "")),
  orderId: r.orderId,
  beneficiaryId: r.beneficiaryId,
  contractorId: r.contractorId,
  productId: r.productId,
  uoTypeId: r.uoTypeId,
});

async function loadIndependentEvents() {
  // Committed from ORDER TOTALS and committed amounts (the dashboard works from line
  // amounts); consumption per line and month from cumulated days by a self-join (the
  // dashboard uses window functions); certification, invoices and payments per record.
  const orderLevel = await t.db.$queryRawUnsafe<Raw[]>(`
    WITH validated AS (
      SELECT e."orderLineId", e."month", e."days" FROM "ActivityEntry" e
      WHERE EXISTS (SELECT 1 FROM "ActivityReport" r WHERE r."id" = e."reportId" AND r."status" = 'VALIDATED')
    ),
    -- Days validated on a line up to the end of each month it has, and before that month:
    -- a self-join (the dashboard cumulates with a window function).
    cumulated AS (
      SELECT a."orderLineId", a."month",
             SUM(b."days") FILTER (WHERE b."month" <= a."month") AS upto,
             COALESCE(SUM(b."days") FILTER (WHERE b."month" < a."month"), 0) AS before
        FROM (SELECT DISTINCT "orderLineId", "month" FROM validated) a
        JOIN validated b ON b."orderLineId" = a."orderLineId"
       GROUP BY a."orderLineId", a."month"
    ),
    per_line AS (SELECT "orderLineId", SUM("days") AS days FROM validated GROUP BY "orderLineId")
    SELECT 'committed' AS kind, o."orderDate" AS on, o."totalHtCents"::text AS cents, o."id" AS "orderId",
           o."beneficiaryId", o."contractorId", o."productId", NULL::uuid AS "uoTypeId"
      FROM "PurchaseOrder" o
     WHERE o."correctsOrderId" IS NULL AND o."status" IN ('ISSUED','ACKNOWLEDGED','IN_PROGRESS','COMPLETED','CLOSED')
    UNION ALL
    SELECT 'committed', c."orderDate", c."totalHtCents"::text, c."id", c."beneficiaryId", c."contractorId", c."productId", NULL
      FROM "PurchaseOrder" c
     WHERE c."correctsOrderId" IS NOT NULL AND c."status" IN ('ISSUED','ACKNOWLEDGED','IN_PROGRESS','COMPLETED','CLOSED')
       AND (SELECT o."status" FROM "PurchaseOrder" o WHERE o."id" = c."correctsOrderId") <> 'CANCELLED'
    UNION ALL
    SELECT 'committed', timezone('Europe/Paris', o."closedAt")::date,
           (o."committedHtCents" - o."totalHtCents" - COALESCE((
              SELECT SUM(c."totalHtCents") FROM "PurchaseOrder" c
               WHERE c."correctsOrderId" = o."id" AND c."status" NOT IN ('DRAFT','CANCELLED')), 0))::text,
           o."id", o."beneficiaryId", o."contractorId", o."productId", NULL
      FROM "PurchaseOrder" o WHERE o."status" = 'CLOSED' AND o."correctsOrderId" IS NULL
    UNION ALL
    SELECT 'consumed', c."month",
           (round(c.upto * l."unitPriceHtCents" / 20) - round(c.before * l."unitPriceHtCents" / 20))::text,
           o."id", o."beneficiaryId", o."contractorId", o."productId", l."uoTypeId"
      FROM cumulated c JOIN "OrderLine" l ON l."id" = c."orderLineId" JOIN "PurchaseOrder" o ON o."id" = l."orderId"
    UNION ALL
    SELECT 'consumed', NULL,
           (round(l."consumedDays" * l."unitPriceHtCents" / 20)
            - round(COALESCE(p.days, 0) * l."unitPriceHtCents" / 20))::text,
           o."id", o."beneficiaryId", o."contractorId", o."productId", l."uoTypeId"
      FROM "OrderLine" l JOIN "PurchaseOrder" o ON o."id" = l."orderId" LEFT JOIN per_line p ON p."orderLineId" = l."id"
     WHERE l."consumedDays" <> COALESCE(p.days, 0)
    UNION ALL
    SELECT 'certified', s."decidedOn", s."certifiedHtCents"::text, o."id", o."beneficiaryId", o."contractorId", o."productId", NULL
      FROM "ServiceFait" s JOIN "PurchaseOrder" o ON o."id" = s."orderId"
     WHERE s."decision" IN ('ADMISSION', 'REFACTION')
    UNION ALL
    SELECT 'invoiced', i."receivedOn", i."amountHtCents"::text, o."id", o."beneficiaryId", o."contractorId", o."productId", NULL
      FROM "Invoice" i JOIN "ServiceFait" s ON s."id" = i."serviceFaitId" JOIN "PurchaseOrder" o ON o."id" = s."orderId"
    UNION ALL
    SELECT 'paid', i."paidOn", i."amountHtCents"::text, o."id", o."beneficiaryId", o."contractorId", o."productId", NULL
      FROM "Invoice" i JOIN "ServiceFait" s ON s."id" = i."serviceFaitId" JOIN "PurchaseOrder" o ON o."id" = s."orderId"
     WHERE i."paidOn" IS NOT NULL`);

  // Committed per line from QUANTITIES × FROZEN PRICES (the telescoping of corrective orders:
  // amount + changes = round(price × corrected quantity)), corrective lines on their own date.
  const lineLevel = await t.db.$queryRawUnsafe<Raw[]>(`
    WITH corr AS (
      SELECT cl."correctsLineId" AS line, SUM(cl."quantity") AS q FROM "OrderLine" cl
        JOIN "PurchaseOrder" c ON c."id" = cl."orderId"
       WHERE c."status" NOT IN ('DRAFT', 'CANCELLED') GROUP BY cl."correctsLineId"
    )
    SELECT 'committed' AS kind, o."orderDate" AS on, round(l."unitPriceHtCents" * l."quantity")::text AS cents,
           o."id" AS "orderId", o."beneficiaryId", o."contractorId", o."productId", l."uoTypeId"
      FROM "OrderLine" l JOIN "PurchaseOrder" o ON o."id" = l."orderId"
     WHERE o."correctsOrderId" IS NULL AND o."status" IN ('ISSUED','ACKNOWLEDGED','IN_PROGRESS','COMPLETED','CLOSED')
    UNION ALL
    SELECT 'committed', c."orderDate", l."amountHtCents"::text, c."id", c."beneficiaryId", c."contractorId", c."productId", l."uoTypeId"
      FROM "OrderLine" l JOIN "PurchaseOrder" c ON c."id" = l."orderId" JOIN "PurchaseOrder" o ON o."id" = c."correctsOrderId"
     WHERE c."status" NOT IN ('DRAFT','CANCELLED') AND o."status" <> 'CANCELLED'
    UNION ALL
    SELECT 'committed', timezone('Europe/Paris', o."closedAt")::date,
           (round(l."consumedDays" * l."unitPriceHtCents" / 20)
             - round(l."unitPriceHtCents" * (l."quantity" + COALESCE(corr.q, 0))))::text,
           o."id", o."beneficiaryId", o."contractorId", o."productId", l."uoTypeId"
      FROM "OrderLine" l JOIN "PurchaseOrder" o ON o."id" = l."orderId" LEFT JOIN corr ON corr.line = l."id"
     WHERE o."status" = 'CLOSED' AND o."correctsOrderId" IS NULL`);

  // Certified per line: the réfaction spread pro rata of the line amounts (floor), the cents
  // left over to the largest line (then the smallest id), computed here in TypeScript.
  const sfLines = await t.db.$queryRawUnsafe<
    Array<{
      sfId: string;
      lineId: string;
      amount: bigint;
      refaction: bigint;
      certified: bigint;
      decidedOn: Date;
      orderId: string;
      beneficiaryId: string;
      contractorId: string;
      productId: string;
      uoTypeId: string | null;
    }>
  >(`
    SELECT s."id" AS "sfId", sl."id" AS "lineId", sl."amountHtCents" AS amount, s."refactionHtCents" AS refaction,
           s."certifiedHtCents" AS certified, s."decidedOn", o."id" AS "orderId", o."beneficiaryId", o."contractorId",
           o."productId", l."uoTypeId"
      FROM "ServiceFait" s JOIN "PurchaseOrder" o ON o."id" = s."orderId"
      LEFT JOIN "ServiceFaitLine" sl ON sl."serviceFaitId" = s."id"
      LEFT JOIN "OrderLine" l ON l."id" = sl."orderLineId"
     WHERE s."decision" IN ('ADMISSION', 'REFACTION')`);
  const bySf = new Map<string, typeof sfLines>();
  for (const l of sfLines) bySf.set(l.sfId, [...(bySf.get(l.sfId) ?? []), l]);
  const certifiedLines: Event[] = [];
  for (const lines of bySf.values()) {
    const head = lines[0] as (typeof sfLines)[number];
    const base = {
      kind: "certified" as const,
      on: head.decidedOn.toISOString().slice(0, 10),
      orderId: head.orderId,
      beneficiaryId: head.beneficiaryId,
      contractorId: head.contractorId,
      productId: head.productId,
    };
    const real = lines.filter((l) => l.lineId !== null);
    const total = real.reduce((s, l) => s + l.amount, 0n);
    const shares = real.map((l) => (total > 0n ? (head.refaction * l.amount) / total : 0n));
    const leftover = head.refaction - shares.reduce((a, b) => a + b, 0n);
    const largest = [...real].sort((a, b) =>
      a.amount === b.amount ? (a.lineId < b.lineId ? -1 : 1) : a.amount > b.amount ? -1 : 1,
    )[0];
    let sum = 0n;
    real.forEach((l, i) => {
      const cents = l.amount - (shares[i] as bigint) - (total > 0n && l === largest ? leftover : 0n);
      sum += cents;
      certifiedLines.push({ ...base, cents, uoTypeId: l.uoTypeId });
    });
    if (sum !== head.certified) certifiedLines.push({ ...base, cents: head.certified - sum, uoTypeId: null });
  }

  orderEvents = orderLevel.map(toEvent);
  lineEvents = [
    ...lineLevel.map(toEvent),
    ...orderEvents.filter((e) => e.kind === "consumed"),
    ...certifiedLines,
    ...orderEvents.filter((e) => e.kind === "invoiced" || e.kind === "paid"),
  ];
}

type Filters = { from?: string; to?: string; beneficiaryId?: string; contractorId?: string };

function keep(e: Event, f: Filters): boolean {
  if ((f.from || f.to) && e.on === null) return false;
  if (f.from && (e.on as string) < f.from) return false;
  if (f.to && (e.on as string) > f.to) return false;
  if (f.beneficiaryId && e.beneficiaryId !== f.beneficiaryId) return false;
  if (f.contractorId && e.contractorId !== f.contractorId) return false;
  return true;
}

const zero = (): Figures => ({ committed: 0n, consumed: 0n, certified: 0n, invoiced: 0n, paid: 0n });

/** key → figures, rows whose five figures are all zero dropped (nothing to show). */
function group(events: Event[], keyOf: (e: Event) => string | null): Map<string, Figures> {
  const out = new Map<string, Figures>();
  for (const e of events) {
    const k = keyOf(e) ?? "∅";
    const f = out.get(k) ?? zero();
    f[e.kind] += e.cents;
    out.set(k, f);
  }
  for (const [k, f] of out) if (KINDS.every((x) => f[x] === 0n)) out.delete(k);
  return out;
}

function fromDashboard(rows: BreakdownRow[]): Map<string, Figures> {
  const out = new Map<string, Figures>();
  for (const r of rows) {
    if (KINDS.every((x) => r.figures[x] === 0n)) continue;
    expect(out.has(r.key ?? "∅"), `clé en double ${r.key}`).toBe(false);
    out.set(r.key ?? "∅", r.figures);
  }
  return out;
}

const asObject = (m: Map<string, Figures>) =>
  Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, f]) => [k, { ...f }]));

function expectDashboardMatches(d: Dashboard, f: Filters) {
  const ev = orderEvents.filter((e) => keep(e, f));
  const lv = lineEvents.filter((e) => keep(e, f));
  const total = group(ev, () => "total").get("total") ?? zero();
  expect(d.totals).toEqual(total);
  // The line-level computation adds up to the same totals.
  expect(group(lv, () => "total").get("total") ?? zero()).toEqual(total);
  expect(asObject(fromDashboard(d.byBeneficiary))).toEqual(asObject(group(ev, (e) => e.beneficiaryId)));
  expect(asObject(fromDashboard(d.byContractor))).toEqual(asObject(group(ev, (e) => e.contractorId)));
  expect(asObject(fromDashboard(d.byProduct))).toEqual(asObject(group(ev, (e) => e.productId)));
  expect(asObject(fromDashboard(d.byMonth))).toEqual(asObject(group(ev, (e) => e.on?.slice(0, 7) ?? null)));
  expect(asObject(fromDashboard(d.byUoType))).toEqual(asObject(group(lv, (e) => e.uoTypeId)));
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

async function message(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "";
  } catch (e) {
    if (isAppError(e)) return e.message;
    throw e;
  }
}

/** Every order the list shows for these /commandes filters (all pages). */
async function listedIds(actor: Actor, params: Record<string, string>): Promise<string[]> {
  const filters = orderFiltersSchema.parse(params);
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const r = await listOrders({ actor, page, filters });
    ids.push(...r.items.map((i) => i.id));
    if (page >= r.pageCount) break;
  }
  return ids.sort();
}

const idsOf = (events: Event[]) => [...new Set(events.map((e) => e.orderId))].sort();

beforeAll(async () => {
  t = await createTestDb();
  data = await seedReportingData(t.db);
  dinum = data.cast.dinum;
  await loadIndependentEvents();
});
afterAll(async () => {
  await t?.close();
});

describe("the seeded history", () => {
  it("has every kind of record the figures are made of", () => {
    expect(data.counts.orders).toBe(200);
    expect(data.counts.correctives).toBeGreaterThan(5);
    expect(data.counts.entries).toBeGreaterThan(500);
    expect(data.counts.serviceFaits).toBeGreaterThan(50);
    expect(data.counts.invoices).toBeGreaterThan(50);
    const statuses = new Set(data.orders.map((o) => o.status));
    expect([...statuses].sort()).toEqual(
      ["ACKNOWLEDGED", "CANCELLED", "CLOSED", "COMPLETED", "DRAFT", "IN_PROGRESS", "ISSUED"].sort(),
    );
    // Undated consumption (days taken over), a réfaction, a record without lines, a closing
    // late in the evening (next day in Paris): the edge cases are in.
    expect(orderEvents.some((e) => e.kind === "consumed" && e.on === null && e.cents !== 0n)).toBe(true);
    expect(lineEvents.some((e) => e.kind === "certified" && e.uoTypeId === null)).toBe(true);
  });
});

describe("consolidated dashboard, checked to the cent against an independent computation", () => {
  it("whole agreement: totals and every breakdown", async () => {
    const d = await getDashboard({ actor: dinum, today: TODAY });
    expectDashboardMatches(d, {});
    const agreement = await t.db.frameworkAgreement.findUniqueOrThrow({ where: { id: data.agreementId } });
    expect(d.totals.committed).toBe(agreement.committedHtCents);
    // Consumed on the whole agreement = Σ over the lines of the order's own rule.
    const [row] = await t.db.$queryRawUnsafe<Array<{ consumed: string }>>(
      `SELECT SUM(round("consumedDays" * "unitPriceHtCents" / 20))::text AS consumed FROM "OrderLine" WHERE "unitPriceHtCents" IS NOT NULL`,
    );
    expect(d.totals.consumed).toBe(BigInt(row?.consumed ?? "-1"));
    expect(d.byMonth.length).toBeGreaterThan(20);
    expect(d.byUoType.find((r) => r.key === null)?.label).toMatch(/Non ventilé/);
  });

  it.each([
    ["a period", { du: "2025-03", au: "2025-09" }, { from: "2025-03-01", to: "2025-09-30" }],
    ["one month", { du: "2026-02", au: "2026-02" }, { from: "2026-02-01", to: "2026-02-28" }],
    ["an open end", { du: "2026-06" }, { from: "2026-06-01" }],
  ] as const)("%s: every figure and breakdown", async (_label, params, period) => {
    const d = await getDashboard({ actor: dinum, filters: params, today: TODAY });
    expect(d.filtered).toBe(true);
    expectDashboardMatches(d, period);
  });

  it("a beneficiary and a contractor, with a period", async () => {
    const benA = data.cast.orgs.benA.id;
    const conY = data.cast.orgs.conY.id;
    const d = await getDashboard({
      actor: dinum,
      filters: { du: "2024-01", au: "2026-11", beneficiaire: benA, titulaire: conY },
      today: TODAY,
    });
    expectDashboardMatches(d, {
      from: "2024-01-01",
      to: "2026-11-30",
      beneficiaryId: benA,
      contractorId: conY,
    });
    expect([...fromDashboard(d.byBeneficiary).keys()]).toEqual([benA]);
  });

  it("forecast: the trailing three whole months of the whole agreement, whatever the filters", async () => {
    const d = await getDashboard({
      actor: dinum,
      filters: { beneficiaire: data.cast.orgs.benB.id },
      today: TODAY,
    });
    const win = (k: FigureKey) =>
      orderEvents
        .filter((e) => e.kind === k && e.on !== null && e.on >= "2026-08-01" && e.on <= "2026-10-31")
        .reduce((s, e) => s + e.cents, 0n);
    const all = (k: FigureKey) => orderEvents.filter((e) => e.kind === k).reduce((s, e) => s + e.cents, 0n);
    expect(d.forecast.window).toEqual({ from: "2026-08-01", to: "2026-10-31", days: 92 });
    expect(d.forecast.committed.windowCents).toBe(win("committed"));
    expect(d.forecast.consumed.windowCents).toBe(win("consumed"));
    expect(d.forecast.committed.currentCents).toBe(all("committed"));
    expect(d.forecast.consumed.currentCents).toBe(all("consumed"));
    expect(d.forecast).toEqual(
      forecastCeiling({
        today: TODAY,
        maxCents: 9_000_000_000n,
        thresholdBp: 8000,
        agreementEndsOn: "2027-12-31",
        committed: { currentCents: all("committed"), windowCents: win("committed") },
        consumed: { currentCents: all("consumed"), windowCents: win("consumed") },
      }),
    );
  });
});

describe("drill-down: the order list shows exactly the orders behind a figure", () => {
  const period = { from: "2025-03-01", to: "2025-09-30" };

  it.each(KINDS)("%s, on the whole agreement and over a period", async (kind) => {
    const whole = idsOf(orderEvents.filter((e) => e.kind === kind && e.cents !== 0n));
    expect(whole.length).toBeGreaterThan(0);
    expect(await listedIds(dinum, { figure: kind })).toEqual(
      idsOf(orderEvents.filter((e) => e.kind === kind)),
    );
    expect(await listedIds(dinum, { figure: kind, figureFrom: period.from, figureTo: period.to })).toEqual(
      idsOf(orderEvents.filter((e) => e.kind === kind && keep(e, period))),
    );
  });

  it("by beneficiary, contractor, product and UO type", async () => {
    const benB = data.cast.orgs.benB.id;
    expect(
      await listedIds(dinum, {
        figure: "certified",
        beneficiaryId: benB,
        figureFrom: "2025-01-01",
        figureTo: "2026-06-30",
      }),
    ).toEqual(
      idsOf(
        orderEvents.filter(
          (e) =>
            e.kind === "certified" &&
            e.beneficiaryId === benB &&
            keep(e, { from: "2025-01-01", to: "2026-06-30" }),
        ),
      ),
    );
    const conZ = data.contractors[2]?.id as string;
    expect(await listedIds(dinum, { figure: "paid", contractorId: conZ })).toEqual(
      idsOf(orderEvents.filter((e) => e.kind === "paid" && e.contractorId === conZ)),
    );
    const product = data.products[3]?.id as string;
    expect(await listedIds(dinum, { figure: "committed", productId: product })).toEqual(
      idsOf(orderEvents.filter((e) => e.kind === "committed" && e.productId === product)),
    );
    for (const uo of data.uoTypes.slice(0, 4)) {
      for (const kind of ["committed", "consumed", "certified"] as const) {
        expect(
          await listedIds(dinum, {
            figure: kind,
            uoTypeId: uo.id,
            figureFrom: "2025-01-01",
            figureTo: "2025-12-31",
          }),
          `${kind} ${uo.code}`,
        ).toEqual(
          idsOf(
            lineEvents.filter(
              (e) =>
                e.kind === kind && e.uoTypeId === uo.id && keep(e, { from: "2025-01-01", to: "2025-12-31" }),
            ),
          ),
        );
      }
    }
  });

  it("stays within the caller's scope (a beneficiary only sees its own orders)", async () => {
    const mine = await listedIds(data.cast.beneficiaryA, { figure: "committed" });
    expect(mine).toEqual(
      idsOf(orderEvents.filter((e) => e.kind === "committed" && e.beneficiaryId === data.cast.orgs.benA.id)),
    );
  });

  it("refuses an inverted or malformed figure period with a French message", async () => {
    const f = (p: Record<string, string>) =>
      listOrders({ actor: dinum, page: 1, filters: orderFiltersSchema.parse(p) });
    expect(await message(f({ figure: "paid", figureFrom: "2025-06-01", figureTo: "2025-01-01" }))).toMatch(
      /inversée/,
    );
    expect(await message(f({ figure: "paid", figureFrom: "2025-02-30" }))).toMatch(/n'est pas valide/);
  });
});

describe("absurd dashboard filters: a clear French message, nothing computed", () => {
  it.each([
    [{ du: "2026-07", au: "2026-06" }, /période est inversée/, "au"],
    [{ du: "2026-13" }, /mois de début n'est pas un mois valide/, "du"],
    [{ au: "06/2026" }, /mois de fin doit être un mois au format AAAA-MM/, "au"],
    [{ du: "1850-01" }, /compris entre 2000 et 2100/, "du"],
    [{ beneficiaire: "pas-un-identifiant" }, /bénéficiaire demandé n'existe pas/, "beneficiaire"],
    [
      { beneficiaire: "7d7bcb0e-3f0a-4e0a-9a4b-1f6a7c0f0b11" },
      /bénéficiaire demandé n'existe pas/,
      "beneficiaire",
    ],
    [{ titulaire: "00000000-0000-4000-8000-000000000000" }, /titulaire demandé n'existe pas/, "titulaire"],
  ] as const)("%o", async (filters, pattern, field) => {
    try {
      await getDashboard({ actor: dinum, filters, today: TODAY });
      expect.unreachable("the filters should be refused");
    } catch (e) {
      if (!isAppError(e)) throw e;
      expect(e.code).toBe("VALIDATION");
      expect(e.message).toMatch(pattern);
      expect(Object.keys(e.fieldErrors)).toContain(field);
    }
  });

  it("refuses unknown filters and bad report periods too", async () => {
    expect(
      await message(
        getDashboard({ actor: dinum, filters: { du: "2026-01", extra: "1" } as never, today: TODAY }),
      ),
    ).toMatch(/Filtres inconnus : extra/);
    expect(await message(getSemesterReport({ actor: dinum, semester: "2026-S3" }))).toMatch(
      /AAAA-S1 ou AAAA-S2/,
    );
    expect(
      await message(
        getQuarterlyReport({ actor: dinum, quarter: "2026-T5", contractorId: data.cast.orgs.conX.id }),
      ),
    ).toMatch(/AAAA-T1 à AAAA-T4/);
    expect(
      await message(
        getQuarterlyReport({
          actor: dinum,
          quarter: "2026-T1",
          contractorId: "00000000-0000-4000-8000-000000000000",
        }),
      ),
    ).toMatch(/titulaire demandé n'existe pas/);
  });
});

describe("scope", () => {
  it("the dashboard and the six-monthly report are DINUM's only", async () => {
    for (const actor of [
      data.cast.beneficiaryA,
      data.cast.dinumBeneficiary,
      data.cast.contractorX,
      data.cast.contractorY,
    ]) {
      expect(["FORBIDDEN", "NOT_FOUND"]).toContain(await code(getDashboard({ actor, today: TODAY })));
      expect(["FORBIDDEN", "NOT_FOUND"]).toContain(
        await code(getSemesterReport({ actor, semester: "2026-S1" })),
      );
      expect(["FORBIDDEN", "NOT_FOUND"]).toContain(await code(getReportingSettings({ actor })));
    }
  });

  it("a contractor reads its own quarterly report only, whatever the URL asks", async () => {
    const x = data.cast.orgs.conX.id;
    const own = (await getQuarterlyReport({
      actor: data.cast.contractorX,
      quarter: "2026-T2",
    })) as QuarterlyReport;
    expect(own.contractor.id).toBe(x);
    const asked = (await getQuarterlyReport({
      actor: data.cast.contractorX,
      quarter: "2026-T2",
      contractorId: x,
    })) as QuarterlyReport;
    expect(asked.tables).toEqual(own.tables);
    // Only its own orders.
    const xNumbers = new Set(
      [...data.orders, ...data.correctives]
        .filter((o) => o.contractorId === x && o.number)
        .map((o) => o.number),
    );
    expect(own.tables.commandes.rows.length).toBeGreaterThan(0);
    for (const row of own.tables.commandes.rows) expect(xNumbers.has(row.number as string)).toBe(true);
    // Another company's, asked for by id: not found, not revealed.
    expect(
      await code(
        getQuarterlyReport({
          actor: data.cast.contractorX,
          quarter: "2026-T2",
          contractorId: data.cast.orgs.conY.id,
        }),
      ),
    ).toBe("NOT_FOUND");
    // Beneficiaries have no quarterly report to read.
    expect(
      await code(getQuarterlyReport({ actor: data.cast.beneficiaryA, quarter: "2026-T2", contractorId: x })),
    ).toBe("NOT_FOUND");
    // DINUM reads it for the contractor it picks — the same report.
    const byDinum = (await getQuarterlyReport({
      actor: dinum,
      quarter: "2026-T2",
      contractorId: x,
    })) as QuarterlyReport;
    expect(byDinum.tables).toEqual(own.tables);
    expect(await getQuarterlyReport({ actor: dinum, quarter: "2026-T2" })).toMatchObject({ choose: true });
  });
});

describe("reports owed to DINUM", () => {
  it("six-monthly: every order of the semester, with service faits, invoices and payments to its end", async () => {
    const s = await getSemesterReport({ actor: dinum, semester: "2025-S2" });
    expect(s.semester).toMatchObject({ from: "2025-07-01", to: "2025-12-31" });
    const from = "2025-07-01";
    const to = "2025-12-31";
    const expected = [...data.orders, ...data.correctives]
      .filter(
        (o) =>
          o.number !== null &&
          (o.orderDate as string) <= to &&
          ((o.orderDate as string) >= from ||
            (o.status !== "CANCELLED" && o.startsOn <= to && o.endsOn >= from)),
      )
      .map((o) => o.number as string)
      .sort();
    expect(s.table.rows.map((r) => r.number as string).sort()).toEqual(expected);
    expect(s.summary.count).toBe(expected.length);

    const perOrder = await t.db.$queryRawUnsafe<
      Array<{ number: string; certified: string; invoiced: string; paid: string; invoicedTtc: string }>
    >(`
      SELECT o."number",
        (SELECT COALESCE(SUM(s."certifiedHtCents"), 0) FROM "ServiceFait" s WHERE s."orderId" = o."id" AND s."decidedOn" <= '${to}')::text AS certified,
        (SELECT COALESCE(SUM(i."amountHtCents"), 0) FROM "Invoice" i JOIN "ServiceFait" s ON s."id" = i."serviceFaitId"
          WHERE s."orderId" = o."id" AND i."receivedOn" <= '${to}')::text AS invoiced,
        (SELECT COALESCE(SUM(i."amountTtcCents"), 0) FROM "Invoice" i JOIN "ServiceFait" s ON s."id" = i."serviceFaitId"
          WHERE s."orderId" = o."id" AND i."receivedOn" <= '${to}')::text AS "invoicedTtc",
        (SELECT COALESCE(SUM(i."amountHtCents"), 0) FROM "Invoice" i JOIN "ServiceFait" s ON s."id" = i."serviceFaitId"
          WHERE s."orderId" = o."id" AND i."receivedOn" <= '${to}' AND i."paidOn" <= '${to}')::text AS paid
      FROM "PurchaseOrder" o WHERE o."number" IS NOT NULL`);
    const byNumber = new Map(perOrder.map((p) => [p.number, p]));
    let withInvoices = 0;
    for (const row of s.table.rows) {
      const p = byNumber.get(row.number as string);
      expect(row.certifiedHt, row.number as string).toBe(BigInt(p?.certified ?? "x"));
      expect(row.invoicedHt).toBe(BigInt(p?.invoiced ?? "x"));
      expect(row.invoicedTtc).toBe(BigInt(p?.invoicedTtc ?? "x"));
      expect(row.paidHt).toBe(BigInt(p?.paid ?? "x"));
      const order = [...data.orders, ...data.correctives].find((o) => o.number === row.number);
      expect(row.totalHt).toBe(order?.totalHtCents);
      expect(row.totalTtc).toBe((order?.totalHtCents ?? 0n) + (order?.vatCents ?? 0n));
      // UO detail: one entry per line, in order.
      expect((row.uoDetail as string).split(" ; ")).toHaveLength(order?.lines.length ?? -1);
      if (row.invoicedHt !== 0n) {
        withInvoices += 1;
        expect(row.invoices).toMatch(/reçue le \d\d\/\d\d\/\d{4}/);
        expect(row.serviceFaits).toMatch(/SF-\d{4}-\d{4} du \d\d\/\d\d\/\d{4}/);
      }
    }
    expect(withInvoices).toBeGreaterThan(3);
    const sum = (k: string) => s.table.rows.reduce((acc, r) => acc + (r[k] as bigint), 0n);
    expect(s.summary.totalHtCents).toBe(sum("totalHt"));
    expect(s.summary.certifiedHtCents).toBe(sum("certifiedHt"));
    expect(s.summary.invoicedHtCents).toBe(sum("invoicedHt"));
    expect(s.summary.paidHtCents).toBe(sum("paidHt"));
    // Columns the report owes: number, date, beneficiary, contractor, product, HT and TTC,
    // UO detail, service-fait dates, invoice references and amounts, paid amounts.
    expect(s.table.columns.map((c) => c.key)).toEqual(
      expect.arrayContaining([
        "number",
        "orderDate",
        "beneficiary",
        "contractor",
        "product",
        "totalHt",
        "totalTtc",
        "uoDetail",
        "serviceFaits",
        "invoices",
        "invoicedHt",
        "paidHt",
      ]),
    );
  });

  it("quarterly: profiles and days, orders pending acknowledgement, statuses, average delays", async () => {
    const x = data.cast.orgs.conX.id;
    const q = (await getQuarterlyReport({
      actor: dinum,
      quarter: "2026-T2",
      contractorId: x,
    })) as QuarterlyReport;
    expect(q.asOf).toBe("2026-06-30");

    // Profiles: validated days of the quarter's months on X's orders, by the line's UO type.
    const profiles = await t.db.$queryRawUnsafe<Array<{ label: string; days: string; staffers: number }>>(`
      SELECT u."label", SUM(e."days")::text AS days, COUNT(DISTINCT e."stafferId")::int AS staffers
        FROM "ActivityEntry" e, "ActivityReport" r, "OrderLine" l, "PurchaseOrder" o, "UoType" u
       WHERE r."id" = e."reportId" AND l."id" = e."orderLineId" AND o."id" = l."orderId" AND u."id" = l."uoTypeId"
         AND r."status" = 'VALIDATED' AND o."contractorId" = '${x}'
         AND e."month" >= '2026-04-01' AND e."month" <= '2026-06-01'
       GROUP BY u."label", u."sortOrder" ORDER BY u."sortOrder"`);
    const rows = q.tables.profils.rows;
    expect(rows.slice(0, -1).map((r) => [r.profile, r.days, r.staffers])).toEqual(
      profiles.map((p) => [p.label, new Decimal(p.days).toString(), p.staffers]),
    );
    expect(rows.at(-1)?.days).toBe(profiles.reduce((s, p) => s.plus(p.days), new Decimal(0)).toString());

    // Orders: issued by the quarter's end, not cancelled or closed before it began.
    const starts = new Date("2026-03-31T22:00:00Z"); // 1 April 2026, 00:00 in Paris
    const mine = [...data.orders, ...data.correctives].filter(
      (o) => o.contractorId === x && o.number !== null,
    );
    const expected = mine.filter(
      (o) =>
        (o.orderDate as string) <= "2026-06-30" &&
        (o.cancelledAt === null || o.cancelledAt >= starts) &&
        (o.closedAt === null || o.closedAt >= starts),
    );
    expect(q.tables.commandes.rows.map((r) => r.number).sort()).toEqual(expected.map((o) => o.number).sort());

    // Pending acknowledgement at the quarter's end (2026-07-01 00:00 Paris).
    const asOf = new Date("2026-06-30T22:00:00Z");
    const pending = mine.filter(
      (o) =>
        new Date(`${o.orderDate}T09:00:00Z`) <= asOf &&
        (o.acknowledgedAt === null || o.acknowledgedAt > asOf) &&
        (o.cancelledAt === null || o.cancelledAt > asOf),
    );
    expect(pending.length).toBeGreaterThan(0);
    expect(
      q.tables.commandes.rows
        .filter((r) => r.pending === "Oui")
        .map((r) => r.number)
        .sort(),
    ).toEqual(pending.map((o) => o.number).sort());
    const synthesis = q.tables.synthese.rows;
    expect(synthesis[0]?.count).toBe(pending.length);

    // Issue → acknowledgement, over the acknowledgements of the quarter (Paris calendar days).
    const parisDay = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(d);
    const dayDiff = (a: string, b: string) => (Date.parse(a) - Date.parse(b)) / 86_400_000;
    const acks = mine.filter(
      (o) => o.acknowledgedAt && o.acknowledgedAt >= starts && o.acknowledgedAt < asOf,
    );
    const avg = (xs: number[]) =>
      xs.length === 0
        ? null
        : new Decimal(xs.reduce((a, b) => a + b, 0))
            .dividedBy(xs.length)
            .toDecimalPlaces(1, Decimal.ROUND_HALF_UP)
            .toString();
    expect(synthesis[1]).toMatchObject({
      count: acks.length,
      value: avg(acks.map((o) => dayDiff(parisDay(o.acknowledgedAt as Date), o.orderDate as string))),
    });

    // Service fait → payment, over X's invoices paid in the quarter.
    const pays = await t.db.$queryRawUnsafe<Array<{ delay: number }>>(`
      SELECT (i."paidOn" - s."decidedOn")::int AS delay FROM "Invoice" i JOIN "ServiceFait" s ON s."id" = i."serviceFaitId"
       WHERE i."contractorId" = '${x}' AND i."paidOn" BETWEEN '2026-04-01' AND '2026-06-30'`);
    expect(synthesis[3]).toMatchObject({ count: pays.length, value: avg(pays.map((p) => p.delay)) });

    // Issue → first reported day: computed from the rows of the report's own table.
    const firsts = q.tables.commandes.rows.filter((r) => {
      const day = r.firstReportedDay as Date | null;
      return (
        day !== null &&
        day.toISOString().slice(0, 10) >= "2026-04-01" &&
        day.toISOString().slice(0, 10) <= "2026-06-30"
      );
    });
    expect(synthesis[2]).toMatchObject({
      count: firsts.length,
      value: avg(firsts.map((r) => r.firstDelay as number)),
    });
  });
});

describe("forecast threshold (DINUM setting)", () => {
  const form = (threshold: string, version: number) =>
    forecastThresholdSchema.parse({ threshold, version: String(version) });

  it("is saved, audited, and moves the warning", async () => {
    const before = await getReportingSettings({ actor: dinum });
    expect(before).toMatchObject({ thresholdBp: 8000, version: 1 });
    await updateForecastThreshold({ actor: dinum, input: form("20", before.version) });
    const after = await getReportingSettings({ actor: dinum });
    expect(after).toMatchObject({ thresholdBp: 2000, version: 2 });
    const events = await t.db.auditEvent.findMany({ where: { action: "agreementSetting.update" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      entityType: "AgreementSetting",
      entityId: data.agreementId,
      actorUserId: dinum.userId,
      before: { forecastThresholdBp: 8000, version: 1 },
      after: { forecastThresholdBp: 2000, version: 2 },
    });
    // 20 % of 90 M€ = 18 M€: the committed amount is already above it → warning.
    const d = await getDashboard({ actor: dinum, today: TODAY });
    expect(d.forecast.thresholdBp).toBe(2000);
    expect(d.forecast.committed.threshold).toEqual({ kind: "reached" });
    expect(d.forecast.committed.warning).toBe(true);
    await updateForecastThreshold({ actor: dinum, input: form("80", 2) });
  });

  it("refuses a stale version, and out-of-range or malformed values", async () => {
    const { version } = await getReportingSettings({ actor: dinum });
    expect(await message(updateForecastThreshold({ actor: dinum, input: form("75", version - 1) }))).toMatch(
      /modifié entre-temps/,
    );
    for (const bad of ["0", "150", "quatre-vingts", "80,55"]) {
      expect(forecastThresholdSchema.safeParse({ threshold: bad, version: "1" }).success, bad).toBe(false);
    }
    expect((await getReportingSettings({ actor: dinum })).version).toBe(version);
  });

  it("is DINUM's only", async () => {
    for (const actor of [data.cast.beneficiaryA, data.cast.contractorX, data.cast.dinumBeneficiary]) {
      expect(await code(updateForecastThreshold({ actor, input: form("50", 1) }))).toBe("FORBIDDEN");
    }
  });

  it("two saves of the same version: one wins, the other is told it changed meanwhile", async () => {
    const { version } = await getReportingSettings({ actor: dinum });
    const results = await Promise.allSettled([
      updateForecastThreshold({ actor: dinum, input: form("70", version) }),
      updateForecastThreshold({ actor: dinum, input: form("90", version) }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(isAppError(rejected.reason) && rejected.reason.code).toBe("CONFLICT");
    expect((await getReportingSettings({ actor: dinum })).version).toBe(version + 1);
  });
});
