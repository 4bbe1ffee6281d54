// The invariants a data set must hold, as SQL checks. Used by the generator's test (on what
// it generated) and by the benchmark (after issuing orders concurrently). Each check
// returns the number of offending rows; an empty list of failures means everything holds.
import { firstDayOfMonth, type Month, monthOfDay, WorkingCalendar } from "./calendar";

type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

export type InvariantFailure = { name: string; offending: number };

const CHECKS: Array<{ name: string; sql: string }> = [
  // The dashboard's roll-ups agree with the orders' facts they add up; the facts themselves
  // are compared with the reference computation (lib/reporting/facts.ts) by
  // tests/integration/data-generator.test.ts.
  {
    name: "dashboard summary: by month = the sum of the orders' facts",
    sql: `SELECT count(*)::int AS n FROM (
            SELECT "month", "beneficiaryId", "contractorId", sum(a) AS a, sum(b) AS b, sum(c) AS c, sum(d) AS d, sum(e) AS e
              FROM (SELECT "month", "beneficiaryId", "contractorId", "committed" AS a, "consumed" AS b, "certified" AS c, "invoiced" AS d, "paid" AS e
                      FROM "DashboardMonthFigure"
                    UNION ALL
                    SELECT "month", "beneficiaryId", "contractorId", -"committed", -"consumed", -"certified", -"invoiced", -"paid"
                      FROM "DashboardOrderFact") x
             GROUP BY "month", "beneficiaryId", "contractorId") y
           WHERE a <> 0 OR b <> 0 OR c <> 0 OR d <> 0 OR e <> 0`,
  },
  {
    name: "dashboard summary: by UO type = the sum of the orders' facts",
    sql: `SELECT count(*)::int AS n FROM (
            SELECT "month", "beneficiaryId", "contractorId", "uoTypeId", sum(a) AS a, sum(b) AS b, sum(c) AS c, sum(d) AS d, sum(e) AS e
              FROM (SELECT "month", "beneficiaryId", "contractorId", "uoTypeId", "committed" AS a, "consumed" AS b, "certified" AS c, "invoiced" AS d, "paid" AS e
                      FROM "DashboardUoTypeFigure"
                    UNION ALL
                    SELECT "month", "beneficiaryId", "contractorId", "uoTypeId", -"committed", -"consumed", -"certified", -"invoiced", -"paid"
                      FROM "DashboardOrderFact") x
             GROUP BY "month", "beneficiaryId", "contractorId", "uoTypeId") y
           WHERE a <> 0 OR b <> 0 OR c <> 0 OR d <> 0 OR e <> 0`,
  },
  {
    name: "dashboard summary: by month and UO type = the sum of the orders' facts",
    sql: `SELECT count(*)::int AS n FROM (
            SELECT "month", "uoTypeId", sum(a) AS a, sum(b) AS b, sum(c) AS c, sum(d) AS d, sum(e) AS e
              FROM (SELECT "month", "uoTypeId", "committed" AS a, "consumed" AS b, "certified" AS c, "invoiced" AS d, "paid" AS e
                      FROM "DashboardMonthUoTypeFigure"
                    UNION ALL
                    SELECT "month", "uoTypeId", -"committed", -"consumed", -"certified", -"invoiced", -"paid"
                      FROM "DashboardOrderFact") x
             GROUP BY "month", "uoTypeId") y
           WHERE a <> 0 OR b <> 0 OR c <> 0 OR d <> 0 OR e <> 0`,
  },
  {
    name: "dashboard summary: by product = the sum of the orders' facts",
    sql: `SELECT count(*)::int AS n FROM (
            SELECT "month", "beneficiaryId", "contractorId", "productId", sum(a) AS a, sum(b) AS b, sum(c) AS c, sum(d) AS d, sum(e) AS e
              FROM (SELECT "month", "beneficiaryId", "contractorId", "productId", "committed" AS a, "consumed" AS b, "certified" AS c, "invoiced" AS d, "paid" AS e
                      FROM "DashboardProductFigure"
                    UNION ALL
                    SELECT "month", "beneficiaryId", "contractorId", "productId", -"committed", -"consumed", -"certified", -"invoiced", -"paid"
                      FROM "DashboardOrderFact") x
             GROUP BY "month", "beneficiaryId", "contractorId", "productId") y
           WHERE a <> 0 OR b <> 0 OR c <> 0 OR d <> 0 OR e <> 0`,
  },
  {
    name: "ceiling: agreement committed = sum of its orders' committed amounts, ≤ maximum",
    sql: `SELECT count(*)::int AS n FROM "FrameworkAgreement" a
           WHERE a."committedHtCents" > a."maxAmountHtCents"
              OR a."committedHtCents" <> (SELECT coalesce(sum(o."committedHtCents"), 0) FROM "PurchaseOrder" o WHERE o."agreementId" = a."id")`,
  },
  {
    name: "order committed amount: its total plus its issued corrections (0 when draft or cancelled)",
    sql: `SELECT count(*)::int AS n FROM "PurchaseOrder" o
           WHERE o."correctsOrderId" IS NULL AND o."status" NOT IN ('CLOSED')
             AND o."committedHtCents" <> CASE WHEN o."status" IN ('DRAFT', 'CANCELLED') THEN 0
                 ELSE o."totalHtCents" + (SELECT coalesce(sum(c."totalHtCents"), 0) FROM "PurchaseOrder" c
                                           WHERE c."correctsOrderId" = o."id" AND c."status" NOT IN ('DRAFT', 'CANCELLED')) END`,
  },
  {
    name: "closed order committed amount: its consumed days at the frozen prices, half-up per line",
    sql: `SELECT count(*)::int AS n FROM "PurchaseOrder" o
           WHERE o."status" = 'CLOSED' AND o."committedHtCents" <> (
             SELECT coalesce(sum(round(l."unitPriceHtCents" * l."consumedDays" / 20)), 0)
               FROM "OrderLine" l WHERE l."orderId" = o."id")`,
  },
  {
    name: "order numbers: unique and gapless per year, counter = last number",
    sql: `SELECT count(*)::int AS n FROM (
            SELECT split_part("number", '-', 2)::int AS y, count(*) AS c,
                   max(split_part("number", '-', 3)::int) AS mx, count(DISTINCT "number") AS d
              FROM "PurchaseOrder" WHERE "number" IS NOT NULL GROUP BY 1) t
            LEFT JOIN "OrderNumberCounter" k ON k."year" = t.y
           WHERE t.c <> t.mx OR t.d <> t.c OR k."last" IS DISTINCT FROM t.mx`,
  },
  {
    name: "line days: consumed ≤ ordered, certified ≤ consumed",
    sql: `SELECT count(*)::int AS n FROM "OrderLine"
           WHERE "consumedDays" > "orderedDays" OR "certifiedDays" > "consumedDays" OR "certifiedDays" < 0`,
  },
  {
    name: "line consumed days = its rows in validated reports",
    sql: `SELECT count(*)::int AS n FROM "OrderLine" l
            LEFT JOIN (SELECT e."orderLineId", sum(e."days") AS d FROM "ActivityEntry" e
                         JOIN "ActivityReport" r ON r."id" = e."reportId" AND r."status" = 'VALIDATED'
                        GROUP BY 1) v ON v."orderLineId" = l."id"
           WHERE l."consumedDays" <> coalesce(v.d, 0)`,
  },
  {
    name: "line certified days = its lines in certifying service-fait records",
    sql: `SELECT count(*)::int AS n FROM "OrderLine" l
            LEFT JOIN (SELECT sl."orderLineId", sum(sl."days") AS d FROM "ServiceFaitLine" sl
                         JOIN "ServiceFait" s ON s."id" = sl."serviceFaitId" AND s."decision" IN ('ADMISSION', 'REFACTION')
                        GROUP BY 1) c ON c."orderLineId" = l."id"
           WHERE l."certifiedDays" <> coalesce(c.d, 0)`,
  },
  {
    name: "report rows: same month as the report, a line of the report's order, the assignment's line and staffer",
    sql: `SELECT count(*)::int AS n FROM "ActivityEntry" e
            JOIN "ActivityReport" r ON r."id" = e."reportId"
            JOIN "OrderLine" l ON l."id" = e."orderLineId"
            JOIN "Assignment" a ON a."id" = e."assignmentId"
           WHERE e."month" <> r."month" OR l."orderId" <> r."orderId"
              OR a."orderLineId" <> e."orderLineId" OR a."stafferId" <> e."stafferId"`,
  },
  {
    name: "reports only on orders that started (in progress, completed or closed)",
    sql: `SELECT count(*)::int AS n FROM "ActivityReport" r JOIN "PurchaseOrder" o ON o."id" = r."orderId"
           WHERE o."status" NOT IN ('IN_PROGRESS', 'COMPLETED', 'CLOSED')`,
  },
  {
    name: "service fait covers validated reports only, certifying each at most once",
    sql: `SELECT count(*)::int AS n FROM "ServiceFaitReport" x JOIN "ActivityReport" r ON r."id" = x."reportId"
           WHERE r."status" <> 'VALIDATED'`,
  },
  {
    name: "service-fait numbers: unique and gapless per year, counter = last number",
    sql: `SELECT count(*)::int AS n FROM (
            SELECT split_part("number", '-', 2)::int AS y, count(*) AS c, max(split_part("number", '-', 3)::int) AS mx
              FROM "ServiceFait" GROUP BY 1) t
            LEFT JOIN "ServiceFaitNumberCounter" k ON k."year" = t.y
           WHERE t.c <> t.mx OR k."last" IS DISTINCT FROM t.mx`,
  },
  {
    name: "invoices: one per certifying service fait at most, for its amount",
    sql: `SELECT count(*)::int AS n FROM "Invoice" i JOIN "ServiceFait" s ON s."id" = i."serviceFaitId"
           WHERE i."amountHtCents" <> s."certifiedHtCents" OR s."decision" NOT IN ('ADMISSION', 'REFACTION')`,
  },
];

/** Every single-column foreign key, checked row by row (the load skips the FK triggers). */
async function foreignKeyFailures(query: Query): Promise<InvariantFailure[]> {
  const fks = await query<{ child: string; col: string; parent: string; pcol: string; name: string }>(
    `SELECT c.conrelid::regclass::text AS child, a.attname::text AS col,
            c.confrelid::regclass::text AS parent, pa.attname::text AS pcol, c.conname::text AS name
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1 AND c.connamespace = 'public'::regnamespace
      ORDER BY c.conname`,
  );
  const failures: InvariantFailure[] = [];
  for (const fk of fks) {
    const [row] = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${fk.child} c WHERE c."${fk.col}" IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ${fk.parent} p WHERE p."${fk.pcol}" = c."${fk.col}")`,
    );
    if ((row?.n ?? 0) > 0) failures.push({ name: `foreign key ${fk.name}`, offending: row?.n ?? 0 });
  }
  return failures;
}

/** A staffer's days in a month (billable and not) never exceed that month's working days. */
async function workingDayFailures(query: Query): Promise<InvariantFailure[]> {
  const [span] = await query<{ first: string | null; last: string | null }>(
    `SELECT min("month")::text AS first, max("month")::text AS last FROM "ActivityEntry"`,
  );
  if (!span?.first || !span.last) return [];
  const from = monthOfDay(Date.parse(`${span.first}T00:00:00Z`) / 86_400_000);
  const to = monthOfDay(Date.parse(`${span.last}T00:00:00Z`) / 86_400_000);
  const cal = new WorkingCalendar(Math.floor(from / 12), Math.floor(to / 12));
  // Computed here (French holidays), inlined as a VALUES list: dates and integers only.
  const rows: string[] = [];
  for (let m: Month = from; m <= to; m++) {
    rows.push(`('${cal.iso(firstDayOfMonth(m))}'::date, ${cal.monthWorkingDays(m)})`);
  }
  const [row] = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
        SELECT e."stafferId", e."month", sum(e."days" + e."nonBillableDays") AS d
          FROM "ActivityEntry" e GROUP BY 1, 2) s
        JOIN (VALUES ${rows.join(", ")}) AS w(month, days) ON w.month = s."month"
       WHERE s.d > w.days`,
  );
  return (row?.n ?? 0) > 0
    ? [{ name: "staffer-month days ≤ working days of the month", offending: row?.n ?? 0 }]
    : [];
}

/**
 * Runs the checks; `only` keeps those whose name starts with one of the prefixes (the
 * staffer-month check is named "staffer-month…"), `foreignKeys: false` skips the
 * row-by-row reference checks.
 */
export async function checkInvariants(
  query: Query,
  opts: { only?: string[]; foreignKeys?: boolean } = {},
): Promise<InvariantFailure[]> {
  const wanted = (name: string) => !opts.only || opts.only.some((prefix) => name.startsWith(prefix));
  const failures: InvariantFailure[] = [];
  for (const check of CHECKS) {
    if (!wanted(check.name)) continue;
    const [row] = await query<{ n: number }>(check.sql);
    if ((row?.n ?? 0) > 0) failures.push({ name: check.name, offending: row?.n ?? 0 });
  }
  if (wanted("staffer-month")) failures.push(...(await workingDayFailures(query)));
  if (opts.foreignKeys !== false) failures.push(...(await foreignKeyFailures(query)));
  return failures;
}
