// The dashboard's summary (migration 20261125230000_dashboard_summary, lib/reporting/summary.ts)
// against the REFERENCE: the full computation from the raw rows, lib/reporting/facts.ts
// `aggregateFigures`. Every figure, in total and by every dimension, to the cent — on a
// seeded history written statement by statement (each commit refreshes the summary), then
// after later changes of every kind (reports validated, orders cancelled and closed, an order
// moved to another product, invoices paid and deleted, a service fait deleted), then after a
// full rebuild. On PostgreSQL, transactions committing at the same moment on the same order
// lose nothing.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aggregateFigures, type FactFilters, FIGURES, type FigureRow } from "@/lib/reporting/facts";
import { summaryFigures } from "@/lib/reporting/summary";
import { createTestDb, onPostgres, type TestDb } from "../support/db";
import { type ReportingData, seedReportingData } from "../support/reporting-data";

let t: TestDb;
let data: ReportingData;

const WINDOW = { from: "2026-08-01", to: "2026-10-31" };
const WHOLE: FactFilters = { from: null, to: null, beneficiaryId: null, contractorId: null };

/** dimension:key → "committed/consumed/certified/invoiced/paid", rows all zero left out. */
function asMap(rows: FigureRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) {
    if (r.dimension !== "total" && FIGURES.every((k) => r.figures[k] === 0n)) continue;
    const k = `${r.dimension}:${r.key ?? "∅"}`;
    expect(out[k], `clé en double ${k}`).toBeUndefined();
    out[k] = FIGURES.map((f) => r.figures[f].toString()).join("/");
  }
  return out;
}

async function expectSummaryMatchesReference(filters: FactFilters) {
  const [reference, summary, whole, win] = await Promise.all([
    aggregateFigures(t.db, filters),
    summaryFigures(t.db, filters, WINDOW),
    aggregateFigures(t.db, WHOLE, { totalsOnly: true }),
    aggregateFigures(t.db, { ...WHOLE, ...WINDOW }, { totalsOnly: true }),
  ]);
  expect(asMap(summary.rows)).toEqual(asMap(reference));
  expect(summary.whole).toEqual({
    committed: whole[0]?.figures.committed,
    consumed: whole[0]?.figures.consumed,
  });
  expect(summary.window).toEqual({
    committed: win[0]?.figures.committed,
    consumed: win[0]?.figures.consumed,
  });
  return summary;
}

async function expectEverywhere() {
  const year = await expectSummaryMatchesReference({ ...WHOLE, from: "2025-01-01", to: "2025-12-31" });
  expect(year.rows.filter((r) => r.dimension === "month").length).toBeGreaterThan(6);
  const all = await expectSummaryMatchesReference(WHOLE);
  // The history really has every kind of amount.
  const total = all.rows.find((r) => r.dimension === "total")?.figures;
  for (const k of FIGURES) expect(total?.[k], k).toBeGreaterThan(0n);
  await expectSummaryMatchesReference({ ...WHOLE, beneficiaryId: data.cast.orgs.benA.id });
  await expectSummaryMatchesReference({ ...WHOLE, contractorId: data.cast.orgs.conY.id });
  await expectSummaryMatchesReference({
    from: "2024-01-01",
    to: "2026-11-30",
    beneficiaryId: data.cast.orgs.benB.id,
    contractorId: data.cast.orgs.conX.id,
  });
}

/** The summary's roll-ups as they stand, all-zero rows left out, in a stable order. */
async function summaryRows() {
  const rollup = (table: string, extra: string) =>
    t.db.$queryRawUnsafe<unknown[]>(`
      SELECT "month"::text, "beneficiaryId", "contractorId", ${extra}
             "committed"::text, "consumed"::text, "certified"::text, "invoiced"::text, "paid"::text
        FROM "${table}"
       WHERE "committed" <> 0 OR "consumed" <> 0 OR "certified" <> 0 OR "invoiced" <> 0 OR "paid" <> 0
       ORDER BY 1 NULLS FIRST, 2, 3, 4 NULLS FIRST`);
  return {
    month: await rollup("DashboardMonthFigure", ""),
    uoType: await rollup("DashboardUoTypeFigure", `"uoTypeId",`),
    product: await rollup("DashboardProductFigure", `"productId",`),
    monthUoType: await t.db.$queryRawUnsafe<unknown[]>(`
      SELECT "month"::text, "uoTypeId", "committed"::text, "consumed"::text, "certified"::text, "invoiced"::text, "paid"::text
        FROM "DashboardMonthUoTypeFigure"
       WHERE "committed" <> 0 OR "consumed" <> 0 OR "certified" <> 0 OR "invoiced" <> 0 OR "paid" <> 0
       ORDER BY 1 NULLS FIRST, 2 NULLS FIRST`),
  };
}

beforeAll(async () => {
  t = await createTestDb();
  data = await seedReportingData(t.db);
});
afterAll(async () => {
  await t?.close();
});

describe("dashboard summary = reference computation", () => {
  it("after the seeded history (corrective orders, cancellations, closings, adjusting entries, réfactions, invoices, payments)", async () => {
    expect(data.counts.correctives).toBeGreaterThan(5);
    await expectEverywhere();
  });

  it("after later changes of every kind, then after a full rebuild", async () => {
    const x = (sql: string) => t.db.$executeRawUnsafe(sql);
    // Pending reports validated (by someone other than who submitted them).
    const validated = await x(`
      UPDATE "ActivityReport" r SET "status" = 'VALIDATED', "validatedAt" = now(),
             "validatedById" = (SELECT u."id" FROM "User" u WHERE u."id" IS DISTINCT FROM r."submittedById" ORDER BY u."id" LIMIT 1)
       WHERE r."status" = 'SUBMITTED'`);
    expect(validated).toBeGreaterThan(0);
    // An issued original with a corrective order is cancelled: its correctives stop counting.
    const cancelled = await x(`
      UPDATE "PurchaseOrder" o SET "status" = 'CANCELLED', "cancelledAt" = now(), "cancellationReason" = 'Test'
       WHERE o."id" = (SELECT c."correctsOrderId" FROM "PurchaseOrder" c JOIN "PurchaseOrder" p ON p."id" = c."correctsOrderId"
                        WHERE c."status" NOT IN ('DRAFT', 'CANCELLED') AND p."status" <> 'CANCELLED'
                        ORDER BY c."id" LIMIT 1)`);
    expect(cancelled).toBe(1);
    // Orders in progress closed (late in the evening: the next day in Paris).
    const closed = await x(`
      UPDATE "PurchaseOrder" SET "status" = 'CLOSED', "closedAt" = '2026-11-24T23:30:00Z'
       WHERE "id" IN (SELECT "id" FROM "PurchaseOrder" WHERE "status" = 'IN_PROGRESS' AND "correctsOrderId" IS NULL
                       ORDER BY "id" LIMIT 3)`);
    expect(closed).toBeGreaterThan(0);
    // An order moved to another product of its beneficiary: its amounts move with it.
    const moved = await x(`
      UPDATE "PurchaseOrder" o SET "productId" = (SELECT p."id" FROM "Product" p
             WHERE p."beneficiaryId" = o."beneficiaryId" AND p."id" <> o."productId" ORDER BY p."id" LIMIT 1)
       WHERE o."id" = (SELECT s."orderId" FROM "ServiceFait" s JOIN "Invoice" i ON i."serviceFaitId" = s."id"
                        ORDER BY s."id" LIMIT 1)`);
    expect(moved).toBe(1);
    // Invoices paid; one unpaid invoice deleted.
    const deleted = await x(`
      DELETE FROM "Invoice" WHERE "id" = (SELECT "id" FROM "Invoice" WHERE "paidOn" IS NULL ORDER BY "id" LIMIT 1)`);
    expect(deleted).toBe(1);
    const paid = await x(
      `UPDATE "Invoice" SET "paidOn" = "receivedOn" + 20, "paymentRecordedById" = "recordedById" WHERE "paidOn" IS NULL`,
    );
    expect(paid).toBeGreaterThan(0);
    await expectEverywhere();

    // A full rebuild (what the migration and the data generator run) gives the same table.
    const before = await summaryRows();
    await x(`SELECT dashboard_rebuild()`);
    expect(await summaryRows()).toEqual(before);
    await expectEverywhere();
  });

  it.runIf(onPostgres)(
    "transactions committing together on the same orders lose no update (PostgreSQL)",
    async () => {
      // Every unpaid invoice of the orders that have the most: one transaction each, all
      // holding their change, then all committing at once — their refreshes of the same
      // order and the same summary rows run at the same moment.
      const url = t.url as string;
      await t.db.$executeRawUnsafe(
        `UPDATE "Invoice" SET "paidOn" = NULL, "paymentRecordedById" = NULL WHERE "receivedOn" >= '2025-01-01'`,
      );
      const invoices = await t.db.$queryRawUnsafe<Array<{ id: string }>>(`
        SELECT i."id" FROM "Invoice" i JOIN "ServiceFait" s ON s."id" = i."serviceFaitId"
         WHERE i."paidOn" IS NULL
         ORDER BY (SELECT count(*) FROM "Invoice" j JOIN "ServiceFait" z ON z."id" = j."serviceFaitId"
                    WHERE z."orderId" = s."orderId" AND j."paidOn" IS NULL) DESC, i."id"
         LIMIT 16`);
      expect(invoices.length).toBeGreaterThan(8);
      const clients = invoices.map(() => new pg.Client({ connectionString: url }));
      await Promise.all(clients.map((c) => c.connect()));
      try {
        await Promise.all(
          clients.map(async (c, i) => {
            await c.query("BEGIN");
            await c.query(
              `UPDATE "Invoice" SET "paidOn" = "receivedOn" + 30, "paymentRecordedById" = "recordedById" WHERE "id" = $1`,
              [invoices[i]?.id],
            );
          }),
        );
        await Promise.all(clients.map((c) => c.query("COMMIT")));
      } finally {
        await Promise.all(clients.map((c) => c.end()));
      }
      await expectSummaryMatchesReference(WHOLE);
      await expectSummaryMatchesReference({ ...WHOLE, from: "2025-01-01", to: "2026-12-31" });
    },
    60_000,
  );
});
