import "server-only";
// The public statistics, computed in SQL from the orders, assignments, service-fait records
// and invoices. Public: no actor, and only aggregates come out (counts, sums in cents,
// medians in days) — no name, no e-mail, no free text typed by anyone.
import type { UoFamilyName } from "@/lib/agreement/rules";
import { todayIso } from "@/lib/dates";
import { getDb } from "@/lib/db";
import {
  DELAY_KEYS,
  type DelayKey,
  type FamilyStats,
  type MonthStats,
  type PublicStats,
  type QuarterStats,
  UO_FAMILIES,
} from "./rules";

/**
 * Original orders that were issued and not cancelled ("orders" in every figure). A corrective
 * order changes its original's amounts; it is not counted as one more order.
 */
const ISSUED_ORIGINALS = `
  SELECT o."id", o."beneficiaryId", o."productId", o."orderDate", o."startsOn", o."endsOn"
    FROM "PurchaseOrder" o
   WHERE o."correctsOrderId" IS NULL AND o."orderDate" IS NOT NULL AND o."status" <> 'CANCELLED'`;

/**
 * What each order line commits against the agreement, with the day it was committed and the
 * line's UO family. Per order, these add up to PurchaseOrder.committedHtCents (rule 4):
 * an open original commits its lines' amounts plus the signed changes of its issued
 * corrective orders (on the corrective order's date); a closed one commits only what was
 * consumed, per line: consumed days ÷ days per UO × frozen unit price, half-up (as closing
 * computes it).
 */
const COMMITTED_LINES = `
  SELECT o."orderDate" AS "day", u."family", COALESCE(l."amountHtCents", 0) AS "cents"
    FROM "OrderLine" l
    JOIN "PurchaseOrder" o ON o."id" = l."orderId"
    JOIN "UoType" u ON u."id" = l."uoTypeId"
   WHERE o."correctsOrderId" IS NULL AND o."status" IN ('ISSUED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'COMPLETED')
  UNION ALL
  SELECT c."orderDate", u."family", COALESCE(cl."amountHtCents", 0)
    FROM "OrderLine" cl
    JOIN "PurchaseOrder" c ON c."id" = cl."orderId"
    JOIN "PurchaseOrder" o ON o."id" = c."correctsOrderId"
    JOIN "UoType" u ON u."id" = cl."uoTypeId"
   WHERE c."status" NOT IN ('DRAFT', 'CANCELLED')
     AND o."status" IN ('ISSUED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'COMPLETED')
  UNION ALL
  SELECT o."orderDate", u."family",
         round(COALESCE(l."unitPriceHtCents", 0)::numeric * l."consumedDays" / u."daysPerUnit")::bigint
    FROM "OrderLine" l
    JOIN "PurchaseOrder" o ON o."id" = l."orderId"
    JOIN "UoType" u ON u."id" = l."uoTypeId"
   WHERE o."correctsOrderId" IS NULL AND o."status" = 'CLOSED'`;

/** Admitted service-fait lines (admission, réfaction), by the UO family of their order line. */
const CERTIFIED_LINES = `
  SELECT s."decidedOn" AS "day", u."family", sl."amountHtCents" AS "cents"
    FROM "ServiceFaitLine" sl
    JOIN "ServiceFait" s ON s."id" = sl."serviceFaitId"
    JOIN "OrderLine" l ON l."id" = sl."orderLineId"
    JOIN "UoType" u ON u."id" = l."uoTypeId"
   WHERE s."decision" IN ('ADMISSION', 'REFACTION')`;

const iso = (d: Date) => d.toISOString().slice(0, 10);

async function totals(today: string) {
  const db = await getDb();
  const [row] = await db.$queryRawUnsafe<
    Array<{
      orders: number;
      beneficiaries: number;
      products: number;
      staffers: number;
      committed: bigint;
      certified: bigint;
      refaction: bigint;
      firstDay: Date | null;
    }>
  >(
    `WITH o AS (${ISSUED_ORIGINALS})
     SELECT (SELECT count(*) FROM o)::int AS "orders",
            (SELECT count(DISTINCT "beneficiaryId") FROM o)::int AS "beneficiaries",
            (SELECT count(DISTINCT "productId") FROM o)::int AS "products",
            (SELECT count(DISTINCT "stafferId") FROM "Assignment" WHERE "startsOn" <= $1::date)::int AS "staffers",
            (SELECT COALESCE(sum("cents"), 0) FROM (${COMMITTED_LINES}) c)::bigint AS "committed",
            (SELECT COALESCE(sum("certifiedHtCents"), 0) FROM "ServiceFait")::bigint AS "certified",
            (SELECT COALESCE(sum("refactionHtCents"), 0) FROM "ServiceFait" WHERE "decision" = 'REFACTION')::bigint AS "refaction",
            LEAST((SELECT min("orderDate") FROM o), (SELECT min("decidedOn") FROM "ServiceFait")) AS "firstDay"`,
    today,
  );
  return row as NonNullable<typeof row>;
}

async function quarters(first: string, today: string): Promise<QuarterStats[]> {
  const db = await getDb();
  const rows = await db.$queryRawUnsafe<
    Array<{ start: Date; orders: number; beneficiaries: number; products: number; staffers: number }>
  >(
    `WITH o AS (${ISSUED_ORIGINALS}),
     q AS (
       SELECT gs::date AS "qs", (gs + interval '3 months' - interval '1 day')::date AS "qe"
         FROM generate_series(date_trunc('quarter', $1::timestamp), date_trunc('quarter', $2::timestamp),
                              interval '3 months') gs
     )
     SELECT q."qs" AS "start",
            (SELECT count(*) FROM o WHERE o."orderDate" BETWEEN q."qs" AND q."qe")::int AS "orders",
            (SELECT count(DISTINCT o."beneficiaryId") FROM o
              WHERE o."startsOn" <= q."qe" AND o."endsOn" >= q."qs")::int AS "beneficiaries",
            (SELECT count(DISTINCT o."productId") FROM o
              WHERE o."startsOn" <= q."qe" AND o."endsOn" >= q."qs")::int AS "products",
            (SELECT count(DISTINCT a."stafferId") FROM "Assignment" a
              WHERE a."startsOn" <= q."qe" AND a."endsOn" >= q."qs")::int AS "staffers"
       FROM q
      ORDER BY q."qs"`,
    first,
    today,
  );
  return rows.map((r) => ({
    start: iso(r.start),
    orders: r.orders,
    beneficiaries: r.beneficiaries,
    products: r.products,
    staffers: r.staffers,
  }));
}

async function months(first: string, today: string): Promise<MonthStats[]> {
  const db = await getDb();
  const rows = await db.$queryRawUnsafe<Array<{ month: Date; committed: bigint; certified: bigint }>>(
    `WITH m AS (
       SELECT gs::date AS "ms"
         FROM generate_series(date_trunc('month', $1::timestamp), date_trunc('month', $2::timestamp),
                              interval '1 month') gs
     ),
     c AS (SELECT date_trunc('month', "day")::date AS "ms", sum("cents") AS "cents"
             FROM (${COMMITTED_LINES}) x GROUP BY 1),
     s AS (SELECT date_trunc('month', "decidedOn")::date AS "ms", sum("certifiedHtCents") AS "cents"
             FROM "ServiceFait" GROUP BY 1)
     SELECT m."ms" AS "month", COALESCE(c."cents", 0)::bigint AS "committed", COALESCE(s."cents", 0)::bigint AS "certified"
       FROM m LEFT JOIN c ON c."ms" = m."ms" LEFT JOIN s ON s."ms" = m."ms"
      ORDER BY m."ms"`,
    first,
    today,
  );
  return rows.map((r) => ({
    month: iso(r.month).slice(0, 7),
    committedHtCents: BigInt(r.committed),
    certifiedHtCents: BigInt(r.certified),
  }));
}

async function families(): Promise<FamilyStats[]> {
  const db = await getDb();
  const rows = await db.$queryRawUnsafe<
    Array<{ family: UoFamilyName; committed: bigint; certified: bigint }>
  >(
    `SELECT f."family",
            COALESCE((SELECT sum("cents") FROM (${COMMITTED_LINES}) c WHERE c."family" = f."family"), 0)::bigint AS "committed",
            COALESCE((SELECT sum("cents") FROM (${CERTIFIED_LINES}) s WHERE s."family" = f."family"), 0)::bigint AS "certified"
       FROM (SELECT unnest(enum_range(NULL::"UoFamily")) AS "family") f`,
  );
  const byFamily = new Map(rows.map((r) => [String(r.family) as UoFamilyName, r]));
  return UO_FAMILIES.map((family) => ({
    family,
    committedHtCents: BigInt(byFamily.get(family)?.committed ?? 0n),
    certifiedHtCents: BigInt(byFamily.get(family)?.certified ?? 0n),
  }));
}

/** Medians with percentile_cont, in days with one decimal, and the number of cases. */
async function delays() {
  const db = await getDb();
  const median = (days: string) =>
    `round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ${days}))::numeric, 1)::text`;
  const [row] = await db.$queryRawUnsafe<
    Array<Record<`${DelayKey}Median`, string | null> & Record<`${DelayKey}Count`, number>>
  >(
    `SELECT a."median" AS "acknowledgementMedian", a."n" AS "acknowledgementCount",
            r."median" AS "firstValidatedReportMedian", r."n" AS "firstValidatedReportCount",
            p."median" AS "paymentMedian", p."n" AS "paymentCount"
       FROM (SELECT ${median(`extract(epoch FROM (o."acknowledgedAt" - o."issuedAt")) / 86400`)} AS "median",
                    count(*)::int AS "n"
               FROM "PurchaseOrder" o
              WHERE o."correctsOrderId" IS NULL AND o."issuedAt" IS NOT NULL AND o."acknowledgedAt" IS NOT NULL) a,
            (SELECT ${median(`extract(epoch FROM (f."firstValidatedAt" - f."issuedAt")) / 86400`)} AS "median",
                    count(*)::int AS "n"
               FROM (SELECT o."issuedAt", min(r."validatedAt") AS "firstValidatedAt"
                       FROM "PurchaseOrder" o
                       JOIN "ActivityReport" r ON r."orderId" = o."id"
                      WHERE o."issuedAt" IS NOT NULL AND r."status" = 'VALIDATED' AND r."validatedAt" IS NOT NULL
                        AND r."adjustsReportId" IS NULL
                      GROUP BY o."id", o."issuedAt") f) r,
            (SELECT ${median(`(i."paidOn" - s."decidedOn")`)} AS "median", count(*)::int AS "n"
               FROM "Invoice" i JOIN "ServiceFait" s ON s."id" = i."serviceFaitId"
              WHERE i."paidOn" IS NOT NULL) p`,
  );
  const r = row as NonNullable<typeof row>;
  return DELAY_KEYS.map((key) => ({ key, medianDays: r[`${key}Median`], count: r[`${key}Count`] }));
}

/** Every figure of the public statistics page, computed now. */
export async function computePublicStats(): Promise<PublicStats> {
  const today = todayIso();
  const t = await totals(today);
  const first = t.firstDay ? iso(t.firstDay) : null;
  const [q, m, f, d] = await Promise.all([
    first ? quarters(first, today) : Promise.resolve([]),
    first ? months(first, today) : Promise.resolve([]),
    families(),
    delays(),
  ]);
  return {
    computedAt: new Date().toISOString(),
    totals: {
      orders: t.orders,
      beneficiaries: t.beneficiaries,
      products: t.products,
      staffers: t.staffers,
      committedHtCents: BigInt(t.committed),
      certifiedHtCents: BigInt(t.certified),
      refactionHtCents: BigInt(t.refaction),
    },
    quarters: q,
    months: m,
    families: f,
    delays: d,
  };
}
