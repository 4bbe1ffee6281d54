// The SQL floors: what the database alone needs to answer a screen, timed on the same
// database as the pages (one statement after the other, on one connection).
//   orders-*      the order list's data in plain SQL — the page of 20 rows with the names it
//                 shows, and the count and totals of the whole filtered list — with the same
//                 scope, filters, sort and offset as the page.
//   dashboard-*   the dashboard's aggregate statement itself (lib/reporting/summary.ts
//                 `summaryFigures`, one SQL statement over the summary table), run through
//                 the data layer: the page adds authorisation, the options, the forecast and
//                 rendering on top.
import type { BenchContext } from "./context";
import { optionalModule } from "./optional";
import type { FloorScenario } from "./scenarios";

type ListQuery = { where: string; params: unknown[]; orderBy: string; offset: number };

function listFloor(build: (ctx: BenchContext) => ListQuery): FloorScenario["prepare"] {
  return async (ctx) => {
    const q = build(ctx);
    // The list's own SQL shapes: 20 rows with their names (a deep page picks its 20 ids
    // first, from the index alone), and the count and sums in one aggregate.
    const pageIds = `SELECT o."id" FROM "PurchaseOrder" o WHERE ${q.where} ORDER BY ${q.orderBy} LIMIT 20 OFFSET ${q.offset}`;
    const page = `SELECT o."id", o."number", o."status", o."startsOn", o."endsOn", o."totalHtCents",
                         o."totalTtcCents", o."createdAt", o."correctsOrderId",
                         p."name" AS product, b."name" AS beneficiary, c."name" AS contractor
                    FROM (${pageIds}) ids
                    JOIN "PurchaseOrder" o ON o."id" = ids."id"
                    JOIN "Product" p ON p."id" = o."productId"
                    JOIN "Beneficiary" b ON b."id" = o."beneficiaryId"
                    JOIN "Contractor" c ON c."id" = o."contractorId"
                   ORDER BY ${q.orderBy}`;
    const totals = `SELECT count(*), sum("totalHtCents"), sum("totalTtcCents") FROM "PurchaseOrder" o WHERE ${q.where}`;
    return async () => {
      await ctx.pool.query(page, q.params);
      await ctx.pool.query(totals, q.params);
    };
  };
}

/**
 * The statement the dashboard runs (lib/reporting/queries.ts `getDashboard` →
 * lib/reporting/summary.ts `summaryFigures`): one statement over the summary table, giving
 * the period's grouping sets, the whole agreement's totals and the forecast window's totals.
 */
async function dashboardFloor(period: {
  from: string | null;
  to: string | null;
}): Promise<(() => Promise<unknown>) | null> {
  const summary = await optionalModule<{
    summaryFigures: (
      db: unknown,
      filters: Record<string, string | null>,
      window: { from: string; to: string },
    ) => Promise<unknown>;
  }>("@/lib/reporting/summary");
  const rules = await optionalModule<{ trailingWindow: (today: string) => { from: string; to: string } }>(
    "@/lib/reporting/rules",
  );
  if (!summary?.summaryFigures || !rules?.trailingWindow) return null;
  const { getDb } = await import("@/lib/db");
  const { todayIso } = await import("@/lib/dates");
  const db = await getDb();
  const filters = { beneficiaryId: null, contractorId: null, ...period };
  const window = rules.trailingWindow(todayIso());
  const { summaryFigures } = summary;
  return () => summaryFigures(db, filters, window);
}

export const FLOORS: FloorScenario[] = [
  {
    id: "dashboard-all",
    label: "agrégats du pilotage, tout l'accord-cadre",
    prepare: () => dashboardFloor({ from: null, to: null }),
  },
  {
    id: "dashboard-year",
    label: "agrégats du pilotage, une année",
    prepare: (ctx) => dashboardFloor({ from: `${ctx.lastFullYear}-01-01`, to: `${ctx.lastFullYear}-12-31` }),
  },
  {
    id: "orders-first",
    label: "liste des commandes, 1re page",
    prepare: listFloor((ctx) => ({
      where: `o."beneficiaryId" = $1::uuid`,
      params: [ctx.largestBeneficiary.id],
      orderBy: `o."createdAt" DESC, o."id" DESC`,
      offset: 0,
    })),
  },
  {
    id: "orders-filtered",
    label: "liste des commandes, page filtrée",
    prepare: listFloor((ctx) => ({
      where: `o."beneficiaryId" = $1::uuid AND o."status" = 'CLOSED' AND o."endsOn" >= $2::date AND o."startsOn" <= $3::date`,
      params: [ctx.largestBeneficiary.id, `${ctx.lastFullYear}-01-01`, `${ctx.lastFullYear}-12-31`],
      orderBy: `o."totalHtCents" DESC, o."id" DESC`,
      offset: 0,
    })),
  },
  {
    id: "orders-deep",
    label: "liste des commandes, dernière page",
    prepare: listFloor((ctx) => ({
      where: `o."beneficiaryId" = $1::uuid`,
      params: [ctx.largestBeneficiary.id],
      orderBy: `o."createdAt" DESC, o."id" DESC`,
      offset: (ctx.deepPage - 1) * 20,
    })),
  },
];
