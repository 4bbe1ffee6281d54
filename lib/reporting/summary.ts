// The dashboard's figures, read from the summary the database keeps up to date
// (migration 20261125230000_dashboard_summary: "DashboardFigure", five amounts by month ×
// beneficiary × contractor × product × UO type, recomputed by trigger at the COMMIT of every
// change that moves an amount, with the rules of ./facts.ts). One statement for the page:
// the filtered figures in total and by every dimension (GROUPING SETS), the whole
// agreement's totals and the forecast window's totals.
//
// ./facts.ts `aggregateFigures` stays the reference: the tests check that the summary gives
// the same cents (tests/integration/dashboard-summary.test.ts).
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/lib/db";
import { type Dimension, type FactFilters, type FigureRow, type Figures, ZERO_FIGURES } from "./facts";

type Row = {
  g: number;
  beneficiaryId: string | null;
  contractorId: string | null;
  productId: string | null;
  uoTypeId: string | null;
  month: Date | null;
  label: string | null;
  committed: bigint;
  consumed: bigint;
  certified: bigint;
  invoiced: bigint;
  paid: bigint;
  wholeCommitted: bigint;
  wholeConsumed: bigint;
  windowCommitted: bigint;
  windowConsumed: bigint;
};

const DIMENSION_BY_GROUPING: Record<number, Dimension> = {
  // GROUPING(beneficiary, contractor, product, uoType, month): a bit is 1 when the column is
  // NOT a key of the row's grouping set (leftmost argument = most significant bit).
  31: "total",
  15: "beneficiary",
  23: "contractor",
  27: "product",
  29: "uoType",
  30: "month",
};

export type SummaryFigures = {
  /** Total and breakdowns within the filters (rows whose five figures are all zero left out). */
  rows: FigureRow[];
  /** Committed and consumed on the whole agreement, and within the window (whole months). */
  whole: Pick<Figures, "committed" | "consumed">;
  window: Pick<Figures, "committed" | "consumed">;
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function assertMonthBounds(from: string | null, to: string | null) {
  // The summary is by month: a period must be whole months (the dashboard's filters are).
  if (from !== null && !(ISO_DAY.test(from) && from.endsWith("-01"))) {
    throw new Error(`summaryFigures: ${from} is not the first day of a month`);
  }
  if (to !== null) {
    const next = new Date(`${to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    if (!ISO_DAY.test(to) || next.getUTCDate() !== 1) {
      throw new Error(`summaryFigures: ${to} is not the last day of a month`);
    }
  }
}

/**
 * The figures within `filters` (whole months), by every dimension, plus the whole agreement's
 * and `window`'s committed and consumed totals — one SQL statement over the summary.
 */
export async function summaryFigures(
  db: Db | Prisma.TransactionClient,
  filters: FactFilters,
  window: { from: string; to: string },
): Promise<SummaryFigures> {
  assertMonthBounds(filters.from, filters.to);
  assertMonthBounds(window.from, window.to);
  // The filters, on any of the three roll-ups (all carry month, beneficiary and contractor).
  const where = (t: Prisma.Sql) => Prisma.sql`
         (${filters.from}::date IS NULL OR ${t}."month" >= ${filters.from}::date)
     AND (${filters.to}::date IS NULL OR ${t}."month" <= ${filters.to}::date)
     AND (${filters.beneficiaryId}::uuid IS NULL OR ${t}."beneficiaryId" = ${filters.beneficiaryId}::uuid)
     AND (${filters.contractorId}::uuid IS NULL OR ${t}."contractorId" = ${filters.contractorId}::uuid)`;
  // Without an organisation filter, the UO types come from the month × UO type roll-up (a few
  // hundred rows); with one, from the roll-up that keeps the organisations.
  const byOrganisation = filters.beneficiaryId !== null || filters.contractorId !== null;
  const uoTypeSource = byOrganisation
    ? Prisma.sql`"DashboardUoTypeFigure"`
    : Prisma.sql`(SELECT *, NULL::uuid AS "beneficiaryId", NULL::uuid AS "contractorId" FROM "DashboardMonthUoTypeFigure")`;
  const sums = Prisma.sql`COALESCE(SUM(f."committed"), 0)::bigint AS committed,
             COALESCE(SUM(f."consumed"), 0)::bigint AS consumed,
             COALESCE(SUM(f."certified"), 0)::bigint AS certified,
             COALESCE(SUM(f."invoiced"), 0)::bigint AS invoiced,
             COALESCE(SUM(f."paid"), 0)::bigint AS paid`;
  const nonZero = Prisma.sql`(SUM(f."committed") <> 0 OR SUM(f."consumed") <> 0 OR SUM(f."certified") <> 0
          OR SUM(f."invoiced") <> 0 OR SUM(f."paid") <> 0)`;
  const rows = await db.$queryRaw<Row[]>`
    WITH agg AS (
      -- Total, by beneficiary, contractor and month: the smallest roll-up.
      -- g: the code GROUPING(beneficiary, contractor, product, UO type, month) would give.
      SELECT CASE GROUPING(f."beneficiaryId", f."contractorId", f."month")
               WHEN 7 THEN 31 WHEN 3 THEN 15 WHEN 5 THEN 23 ELSE 30 END AS g,
             f."beneficiaryId", f."contractorId", NULL::uuid AS "productId", NULL::uuid AS "uoTypeId", f."month",
             ${sums}
        FROM "DashboardMonthFigure" f
       WHERE ${where(Prisma.sql`f`)}
       GROUP BY GROUPING SETS ((), (f."beneficiaryId"), (f."contractorId"), (f."month"))
      HAVING GROUPING(f."beneficiaryId", f."contractorId", f."month") = 7 OR ${nonZero}
      UNION ALL
      SELECT 29, NULL, NULL, NULL, f."uoTypeId", NULL, ${sums}
        FROM ${uoTypeSource} f
       WHERE ${where(Prisma.sql`f`)}
       GROUP BY f."uoTypeId"
      HAVING ${nonZero}
      UNION ALL
      SELECT 27, NULL, NULL, f."productId", NULL, NULL, ${sums}
        FROM "DashboardProductFigure" f
       WHERE ${where(Prisma.sql`f`)}
       GROUP BY f."productId"
      HAVING ${nonZero}
    ),
    tot AS (
      SELECT COALESCE(SUM("committed"), 0)::bigint AS "wholeCommitted",
             COALESCE(SUM("consumed"), 0)::bigint AS "wholeConsumed",
             COALESCE(SUM("committed") FILTER (WHERE "month" BETWEEN ${window.from}::date AND ${window.to}::date), 0)::bigint
               AS "windowCommitted",
             COALESCE(SUM("consumed") FILTER (WHERE "month" BETWEEN ${window.from}::date AND ${window.to}::date), 0)::bigint
               AS "windowConsumed"
        FROM "DashboardMonthFigure"
    )
    SELECT agg.*, COALESCE(b."name", c."name", p."name", u."label") AS label, tot.*
      FROM agg
      CROSS JOIN tot
      LEFT JOIN "Beneficiary" b ON b."id" = agg."beneficiaryId"
      LEFT JOIN "Contractor" c ON c."id" = agg."contractorId"
      LEFT JOIN "Product" p ON p."id" = agg."productId"
      LEFT JOIN "UoType" u ON u."id" = agg."uoTypeId"
     ORDER BY agg.g, agg."month" NULLS LAST, u."sortOrder" NULLS LAST, agg.committed DESC,
              label NULLS LAST, COALESCE(agg."beneficiaryId", agg."contractorId", agg."productId")`;
  const first = rows[0];
  return {
    rows: rows.map((r) => {
      const dimension = DIMENSION_BY_GROUPING[r.g] ?? "total";
      const key =
        dimension === "beneficiary"
          ? r.beneficiaryId
          : dimension === "contractor"
            ? r.contractorId
            : dimension === "product"
              ? r.productId
              : dimension === "uoType"
                ? r.uoTypeId
                : dimension === "month" && r.month
                  ? r.month.toISOString().slice(0, 7)
                  : null;
      return {
        dimension,
        key,
        label: r.label,
        figures: {
          committed: BigInt(r.committed),
          consumed: BigInt(r.consumed),
          certified: BigInt(r.certified),
          invoiced: BigInt(r.invoiced),
          paid: BigInt(r.paid),
        },
      };
    }),
    whole: first
      ? { committed: BigInt(first.wholeCommitted), consumed: BigInt(first.wholeConsumed) }
      : { committed: ZERO_FIGURES.committed, consumed: ZERO_FIGURES.consumed },
    window: first
      ? { committed: BigInt(first.windowCommitted), consumed: BigInt(first.windowConsumed) }
      : { committed: 0n, consumed: 0n },
  };
}
