// The consolidated figures, computed by PostgreSQL in one statement.
//
// Every amount that moves the agreement's figures is one dated "fact" row — which order,
// which UO type, which day, how many cents — and the dashboard is a GROUP BY over them:
//   committed  an original order's lines on its order date; a corrective order's signed
//              lines on its own order date (unless the original was cancelled); at closing,
//              the line's consumed amount minus its corrected amount, on the closing day
//              (Paris). The sum is exactly Σ PurchaseOrder.committedHtCents.
//   consumed   validated report days per line and month; the amount of a month is the
//              line's cumulated amount at the end of that month minus at the end of the
//              previous one (each half-up to the cent, like lib/orders/rules.ts
//              consumedAmountHtCents), so the months add up exactly to the line's consumed
//              amount. Validated days a line holds beyond its monthly reports (data taken
//              over) form an undated remainder.
//   certified  service-fait records with admission or réfaction, on their decision date,
//              spread over their lines (the réfaction pro rata of the line amounts, the
//              cents left by the division to the largest line), plus an undated-UO
//              remainder should a record's lines not add up to its certified amount.
//   invoiced   invoices, on their reception date (not broken down by UO type).
//   paid       invoices with a payment date, on that date.
// Amounts are HT cents (bigint); no floating point anywhere.
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/lib/db";

export const FIGURES = ["committed", "consumed", "certified", "invoiced", "paid"] as const;
export type FigureKey = (typeof FIGURES)[number];
export type Figures = Record<FigureKey, bigint>;

export const ZERO_FIGURES: Figures = { committed: 0n, consumed: 0n, certified: 0n, invoiced: 0n, paid: 0n };

export type Dimension = "total" | "beneficiary" | "contractor" | "product" | "uoType" | "month";

export type FigureRow = {
  dimension: Dimension;
  /** Id of the beneficiary, contractor, product or UO type; "YYYY-MM" for a month; null for
   *  the total and for what has no value of the dimension (undated, not by UO type). */
  key: string | null;
  label: string | null;
  figures: Figures;
};

export type FactFilters = {
  /** Whole days, both ends included; null: open. */
  from: string | null;
  to: string | null;
  beneficiaryId: string | null;
  contractorId: string | null;
};

/** The dated facts (see the header comment), one row per amount. */
const FACTS = Prisma.sql`
  corrections AS (
    SELECT cl."correctsLineId" AS "lineId", SUM(cl."amountHtCents") AS cents
      FROM "OrderLine" cl
      JOIN "PurchaseOrder" co ON co."id" = cl."orderId"
     WHERE co."correctsOrderId" IS NOT NULL AND co."status" NOT IN ('DRAFT', 'CANCELLED')
     GROUP BY cl."correctsLineId"
  ),
  committed AS (
    SELECT o."id" AS "orderId", l."uoTypeId", o."orderDate" AS "on",
           COALESCE(l."amountHtCents", 0)::numeric AS cents
      FROM "PurchaseOrder" o JOIN "OrderLine" l ON l."orderId" = o."id"
     WHERE o."correctsOrderId" IS NULL AND o."status" NOT IN ('DRAFT', 'CANCELLED')
    UNION ALL
    SELECT c."id", l."uoTypeId", c."orderDate", COALESCE(l."amountHtCents", 0)::numeric
      FROM "PurchaseOrder" c
      JOIN "PurchaseOrder" o ON o."id" = c."correctsOrderId"
      JOIN "OrderLine" l ON l."orderId" = c."id"
     WHERE c."status" NOT IN ('DRAFT', 'CANCELLED') AND o."status" <> 'CANCELLED'
    UNION ALL
    SELECT o."id", l."uoTypeId", (o."closedAt" AT TIME ZONE 'Europe/Paris')::date,
           round(l."consumedDays" * COALESCE(l."unitPriceHtCents", 0) / u."daysPerUnit")
             - COALESCE(l."amountHtCents", 0) - COALESCE(k.cents, 0)
      FROM "PurchaseOrder" o
      JOIN "OrderLine" l ON l."orderId" = o."id"
      JOIN "UoType" u ON u."id" = l."uoTypeId"
      LEFT JOIN corrections k ON k."lineId" = l."id"
     WHERE o."correctsOrderId" IS NULL AND o."status" = 'CLOSED'
  ),
  consumed_months AS (
    SELECT e."orderLineId" AS "lineId", e."month", SUM(e."days") AS days
      FROM "ActivityEntry" e JOIN "ActivityReport" r ON r."id" = e."reportId"
     WHERE r."status" = 'VALIDATED'
     GROUP BY e."orderLineId", e."month"
  ),
  consumed_cumulated AS (
    SELECT m."lineId", m."month", l."orderId", l."uoTypeId",
           round(SUM(m.days) OVER w * COALESCE(l."unitPriceHtCents", 0) / u."daysPerUnit") AS cum
      FROM consumed_months m
      JOIN "OrderLine" l ON l."id" = m."lineId"
      JOIN "UoType" u ON u."id" = l."uoTypeId"
    WINDOW w AS (PARTITION BY m."lineId" ORDER BY m."month")
  ),
  consumed_lines AS (
    SELECT "lineId", SUM(days) AS days FROM consumed_months GROUP BY "lineId"
  ),
  consumed AS (
    SELECT "orderId", "uoTypeId", "month" AS "on",
           cum - COALESCE(lag(cum) OVER (PARTITION BY "lineId" ORDER BY "month"), 0) AS cents
      FROM consumed_cumulated
    UNION ALL
    SELECT l."orderId", l."uoTypeId", NULL::date,
           round(l."consumedDays" * COALESCE(l."unitPriceHtCents", 0) / u."daysPerUnit")
             - round(COALESCE(cl.days, 0) * COALESCE(l."unitPriceHtCents", 0) / u."daysPerUnit")
      FROM "OrderLine" l
      JOIN "UoType" u ON u."id" = l."uoTypeId"
      LEFT JOIN consumed_lines cl ON cl."lineId" = l."id"
     WHERE l."consumedDays" <> COALESCE(cl.days, 0)
  ),
  sf_lines AS (
    SELECT s."id" AS "sfId", s."orderId", s."decidedOn", l."uoTypeId",
           sl."amountHtCents"::numeric AS a, s."refactionHtCents"::numeric AS r,
           SUM(sl."amountHtCents") OVER (PARTITION BY s."id") AS total,
           row_number() OVER (PARTITION BY s."id" ORDER BY sl."amountHtCents" DESC, sl."id") AS rn
      FROM "ServiceFait" s
      JOIN "ServiceFaitLine" sl ON sl."serviceFaitId" = s."id"
      JOIN "OrderLine" l ON l."id" = sl."orderLineId"
     WHERE s."decision" IN ('ADMISSION', 'REFACTION')
  ),
  sf_shares AS (
    SELECT *, CASE WHEN total > 0 THEN floor(r * a / total) ELSE 0 END AS share FROM sf_lines
  ),
  sf_alloc AS (
    SELECT "sfId", "orderId", "decidedOn", "uoTypeId",
           a - share - CASE WHEN rn = 1 AND total > 0 THEN r - SUM(share) OVER (PARTITION BY "sfId") ELSE 0 END
             AS cents
      FROM sf_shares
  ),
  certified AS (
    SELECT "orderId", "uoTypeId", "decidedOn" AS "on", cents FROM sf_alloc
    UNION ALL
    SELECT s."orderId", NULL::uuid, s."decidedOn", s."certifiedHtCents" - COALESCE(x.cents, 0)
      FROM "ServiceFait" s
      LEFT JOIN (SELECT "sfId", SUM(cents) AS cents FROM sf_alloc GROUP BY "sfId") x ON x."sfId" = s."id"
     WHERE s."decision" IN ('ADMISSION', 'REFACTION') AND s."certifiedHtCents" <> COALESCE(x.cents, 0)
  ),
  facts AS (
    SELECT 'committed' AS kind, "orderId", "uoTypeId", "on", cents FROM committed
    UNION ALL SELECT 'consumed', "orderId", "uoTypeId", "on", cents FROM consumed
    UNION ALL SELECT 'certified', "orderId", "uoTypeId", "on", cents FROM certified
    UNION ALL
    SELECT 'invoiced', s."orderId", NULL::uuid, i."receivedOn", i."amountHtCents"::numeric
      FROM "Invoice" i JOIN "ServiceFait" s ON s."id" = i."serviceFaitId"
    UNION ALL
    SELECT 'paid', s."orderId", NULL::uuid, i."paidOn", i."amountHtCents"::numeric
      FROM "Invoice" i JOIN "ServiceFait" s ON s."id" = i."serviceFaitId"
     WHERE i."paidOn" IS NOT NULL
  )`;

type AggRow = {
  g: number;
  beneficiaryId: string | null;
  contractorId: string | null;
  productId: string | null;
  uoTypeId: string | null;
  month: Date | null;
  label: string | null;
} & Figures;

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

/**
 * The five figures in total and by beneficiary, contractor, product, UO type and month
 * (GROUPING SETS), within the filters. Facts without a date are left out as soon as a
 * period is set. `totalsOnly`: just the total row (the forecast's window).
 */
export async function aggregateFigures(
  db: Db | Prisma.TransactionClient,
  filters: FactFilters,
  opts: { totalsOnly?: boolean } = {},
): Promise<FigureRow[]> {
  // The total alone is a plain aggregate; otherwise one row per key of each grouping set.
  const keys = opts.totalsOnly
    ? Prisma.sql`31 AS g, NULL::uuid AS "beneficiaryId", NULL::uuid AS "contractorId",
                 NULL::uuid AS "productId", NULL::uuid AS "uoTypeId", NULL::date AS month`
    : Prisma.sql`GROUPING(f."beneficiaryId", f."contractorId", f."productId", f."uoTypeId", f.month)::int AS g,
                 f."beneficiaryId", f."contractorId", f."productId", f."uoTypeId", f.month`;
  const groupBy = opts.totalsOnly
    ? Prisma.empty
    : Prisma.sql`GROUP BY GROUPING SETS ((), (f."beneficiaryId"), (f."contractorId"), (f."productId"), (f."uoTypeId"), (f.month))`;
  const rows = await db.$queryRaw<AggRow[]>`
    WITH ${FACTS},
    filtered AS (
      SELECT f.kind, f.cents, f."uoTypeId", date_trunc('month', f."on"::timestamp)::date AS month,
             o."beneficiaryId", o."contractorId", o."productId"
        FROM facts f JOIN "PurchaseOrder" o ON o."id" = f."orderId"
       WHERE (${filters.from}::date IS NULL OR f."on" >= ${filters.from}::date)
         AND (${filters.to}::date IS NULL OR f."on" <= ${filters.to}::date)
         AND (${filters.beneficiaryId}::uuid IS NULL OR o."beneficiaryId" = ${filters.beneficiaryId}::uuid)
         AND (${filters.contractorId}::uuid IS NULL OR o."contractorId" = ${filters.contractorId}::uuid)
    ),
    agg AS (
      SELECT ${keys},
             COALESCE(SUM(f.cents) FILTER (WHERE f.kind = 'committed'), 0)::bigint AS committed,
             COALESCE(SUM(f.cents) FILTER (WHERE f.kind = 'consumed'), 0)::bigint AS consumed,
             COALESCE(SUM(f.cents) FILTER (WHERE f.kind = 'certified'), 0)::bigint AS certified,
             COALESCE(SUM(f.cents) FILTER (WHERE f.kind = 'invoiced'), 0)::bigint AS invoiced,
             COALESCE(SUM(f.cents) FILTER (WHERE f.kind = 'paid'), 0)::bigint AS paid
        FROM filtered f
       ${groupBy}
    )
    SELECT agg.*, COALESCE(b."name", c."name", p."name", u."label") AS label
      FROM agg
      LEFT JOIN "Beneficiary" b ON b."id" = agg."beneficiaryId"
      LEFT JOIN "Contractor" c ON c."id" = agg."contractorId"
      LEFT JOIN "Product" p ON p."id" = agg."productId"
      LEFT JOIN "UoType" u ON u."id" = agg."uoTypeId"
     ORDER BY agg.g, agg.month NULLS LAST, u."sortOrder" NULLS LAST, agg.committed DESC,
              label NULLS LAST, COALESCE(agg."beneficiaryId", agg."contractorId", agg."productId")`;
  return rows.map((r) => {
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
  });
}
