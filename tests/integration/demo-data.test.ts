// The demo data must hold every invariant the portal holds, so the demo never drifts from the
// rules: seeds a fresh database with the demo, then checks each invariant by SQL against the
// rows themselves (not against the seed's own bookkeeping). Working days are computed here
// independently (date-fns + @socialgouv/jours-feries).
import getJoursFeries from "@socialgouv/jours-feries";
import { eachDayOfInterval, format, isWeekend } from "date-fns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "@/prisma/seed/demo";
import { createTestDb, type TestDb } from "../support/db";

let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  expect(await seedIfEmpty(t.db)).toBe(true);
});
afterAll(async () => {
  await t?.close();
});

const q = <T>(sql: string) => t.db.$queryRawUnsafe<T[]>(sql);

/** Working days between two ISO dates, inclusive (weekends and French public holidays off). */
function workingDays(from: string, to: string): number {
  const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = to.split("-").map(Number) as [number, number, number];
  const holidays = new Set<string>();
  for (let y = fy; y <= ty; y++) {
    for (const d of Object.values(getJoursFeries(y))) holidays.add(format(d, "yyyy-MM-dd"));
  }
  return eachDayOfInterval({ start: new Date(fy, fm - 1, fd), end: new Date(ty, tm - 1, td) }).filter(
    (d) => !isWeekend(d) && !holidays.has(format(d, "yyyy-MM-dd")),
  ).length;
}

function endOfMonth(iso: string): string {
  const [y, m] = iso.split("-").map(Number) as [number, number];
  return format(new Date(y, m, 0), "yyyy-MM-dd");
}

describe("demo data: staffing and monthly reports", () => {
  it("has the three kinds of staffers, assignments on started orders only, and one replacement with its ramp-up", async () => {
    const kinds = await q<{ status: string; n: number }>(
      `SELECT "status"::text AS status, count(*)::int AS n FROM "Staffer" GROUP BY 1 ORDER BY 1`,
    );
    expect(kinds.map((k) => k.status)).toEqual(["EMPLOYEE", "INDEPENDENT", "SUBCONTRACTOR"]);
    const statuses = await q<{ status: string }>(
      `SELECT DISTINCT o."status"::text AS status FROM "Assignment" a JOIN "PurchaseOrder" o ON o."id" = a."orderId" ORDER BY 1`,
    );
    expect(statuses.map((s) => s.status)).toEqual(["ACKNOWLEDGED", "CLOSED", "COMPLETED", "IN_PROGRESS"]);
    const replacements = await q<{ ramp: string; reported: string; starts: string; replaced_ends: string }>(
      `SELECT a."rampUpDays"::text AS ramp,
              (SELECT sum(e."nonBillableDays") FROM "ActivityEntry" e WHERE e."assignmentId" = a."id")::text AS reported,
              a."startsOn"::text AS starts, r."endsOn"::text AS replaced_ends
         FROM "Assignment" a JOIN "Assignment" r ON r."id" = a."replacesAssignmentId"`,
    );
    expect(replacements).toHaveLength(1);
    const [rep] = replacements as [(typeof replacements)[number]];
    expect(Number(rep.ramp)).toBeGreaterThan(0);
    // The ramp-up days are reported, not billed.
    expect(Number(rep.reported)).toBe(Number(rep.ramp));
    expect(rep.replaced_ends < rep.starts).toBe(true);
    // Non-billable days only on the replacement.
    const [{ n }] = (await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM "ActivityEntry" e JOIN "Assignment" a ON a."id" = e."assignmentId"
        WHERE e."nonBillableDays" > 0 AND a."replacesAssignmentId" IS NULL`,
    )) as [{ n: number }];
    expect(n).toBe(0);
  });

  it("assigns each staffer on a line of its own profile, inside the order's period", async () => {
    const bad = await q<{ id: string }>(
      `SELECT a."id" FROM "Assignment" a
         JOIN "Staffer" s ON s."id" = a."stafferId"
         JOIN "OrderLine" l ON l."id" = a."orderLineId"
         JOIN "PurchaseOrder" o ON o."id" = a."orderId"
        WHERE l."orderId" <> a."orderId" OR s."uoTypeId" <> l."uoTypeId" OR s."contractorId" <> o."contractorId"
           OR a."startsOn" < o."startsOn" OR a."endsOn" > o."endsOn"`,
    );
    expect(bad).toEqual([]);
  });

  it("has reports in every state, a rejection with its reason, and one validated adjusting entry", async () => {
    const states = await q<{ status: string }>(
      `SELECT DISTINCT "status"::text AS status FROM "ActivityReport" ORDER BY 1`,
    );
    expect(states.map((s) => s.status)).toEqual(["DRAFT", "REJECTED", "SUBMITTED", "VALIDATED"]);
    const rejected = await q<{ reason: string | null }>(
      `SELECT "rejectionReason" AS reason FROM "ActivityReport" WHERE "status" = 'REJECTED'`,
    );
    for (const r of rejected) expect(r.reason?.trim()).toBeTruthy();
    const adjusting = await q<{ status: string; month_ok: boolean; parent: string }>(
      `SELECT r."status"::text AS status, r."month" = p."month" AS month_ok, p."status"::text AS parent
         FROM "ActivityReport" r JOIN "ActivityReport" p ON p."id" = r."adjustsReportId"`,
    );
    expect(adjusting).toEqual([{ status: "VALIDATED", month_ok: true, parent: "VALIDATED" }]);
    // Reports only on orders whose work has started; several months per staffed order.
    const perOrder = await q<{ status: string; months: number }>(
      `SELECT o."status"::text AS status, count(DISTINCT r."month")::int AS months
         FROM "ActivityReport" r JOIN "PurchaseOrder" o ON o."id" = r."orderId" GROUP BY o."id", o."status"`,
    );
    for (const o of perOrder) {
      expect(["IN_PROGRESS", "COMPLETED", "CLOSED"]).toContain(o.status);
      expect(o.months).toBeGreaterThanOrEqual(3);
    }
  });

  it("keeps each row consistent with its report and assignment, and inside the assignment's period", async () => {
    const bad = await q<{ id: string }>(
      `SELECT e."id" FROM "ActivityEntry" e
         JOIN "ActivityReport" r ON r."id" = e."reportId"
         JOIN "Assignment" a ON a."id" = e."assignmentId"
        WHERE e."month" <> r."month" OR a."orderId" <> r."orderId" OR e."orderLineId" <> a."orderLineId"
           OR e."stafferId" <> a."stafferId"
           OR a."startsOn" > (e."month" + interval '1 month' - interval '1 day')::date OR a."endsOn" < e."month"`,
    );
    expect(bad).toEqual([]);
    // No more days on a row than working days in the part of the month the assignment covers.
    const rows = await q<{ month: string; starts: string; ends: string; total: string }>(
      `SELECT e."month"::text AS month, a."startsOn"::text AS starts, a."endsOn"::text AS ends,
              (greatest(e."days", 0) + e."nonBillableDays")::text AS total
         FROM "ActivityEntry" e JOIN "Assignment" a ON a."id" = e."assignmentId"`,
    );
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) {
      const from = [r.starts, r.month].sort()[1] as string;
      const to = [r.ends, endOfMonth(r.month)].sort()[0] as string;
      expect(Number(r.total), `${r.month} ${r.starts}`).toBeLessThanOrEqual(workingDays(from, to));
    }
  });

  it("never has a staffer work more days in a month than it has working days (all orders, all reports)", async () => {
    const rows = await q<{ staffer: string; month: string; total: string; positive: string }>(
      `SELECT e."stafferId"::text AS staffer, e."month"::text AS month,
              sum(e."days" + e."nonBillableDays")::text AS total,
              sum(greatest(e."days", 0) + e."nonBillableDays")::text AS positive
         FROM "ActivityEntry" e GROUP BY 1, 2`,
    );
    for (const r of rows) {
      const limit = workingDays(r.month, endOfMonth(r.month));
      expect(Number(r.total), `${r.staffer} ${r.month}`).toBeLessThanOrEqual(limit);
      expect(Number(r.positive), `${r.staffer} ${r.month}`).toBeLessThanOrEqual(limit);
    }
  });
});

describe("demo data: what the lines consumed and what was certified", () => {
  it("sets consumedDays to the billable days of validated reports, adjustments included", async () => {
    const bad = await q<{ id: string }>(
      `SELECT l."id" FROM "OrderLine" l
        WHERE l."consumedDays" <> coalesce((
          SELECT sum(e."days") FROM "ActivityEntry" e JOIN "ActivityReport" r ON r."id" = e."reportId"
           WHERE e."orderLineId" = l."id" AND r."status" = 'VALIDATED'), 0)`,
    );
    expect(bad).toEqual([]);
    const [{ n }] = (await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM "OrderLine" WHERE "consumedDays" > 0`,
    )) as [{ n: number }];
    expect(n).toBeGreaterThanOrEqual(12);
  });

  it("sets certifiedDays to the days of certifying service-fait lines, with certified ≤ consumed ≤ ordered", async () => {
    const bad = await q<{ id: string }>(
      `SELECT l."id" FROM "OrderLine" l
        WHERE l."certifiedDays" <> coalesce((
          SELECT sum(sl."days") FROM "ServiceFaitLine" sl JOIN "ServiceFait" s ON s."id" = sl."serviceFaitId"
           WHERE sl."orderLineId" = l."id" AND s."decision" IN ('ADMISSION', 'REFACTION')), 0)
           OR l."certifiedDays" > l."consumedDays" OR l."consumedDays" > l."orderedDays"`,
    );
    expect(bad).toEqual([]);
  });

  it("has each service-fait line equal to the days of the reports it covers, priced at the frozen price, half-up", async () => {
    const bad = await q<{ id: string }>(
      `SELECT sl."id" FROM "ServiceFaitLine" sl
         JOIN "OrderLine" l ON l."id" = sl."orderLineId"
         JOIN "UoType" u ON u."id" = l."uoTypeId"
         JOIN "ServiceFait" s ON s."id" = sl."serviceFaitId"
        WHERE l."orderId" <> s."orderId" OR sl."unitPriceHtCents" <> l."unitPriceHtCents"
           -- days ÷ days per UO × price, half-up, in exact integer arithmetic (days have one decimal)
           OR sl."amountHtCents" <> (2 * sl."unitPriceHtCents"::bigint * (sl."days" * 10)::bigint + 10 * u."daysPerUnit")
                                    / (20 * u."daysPerUnit")
           OR sl."days" <> (SELECT sum(e."days") FROM "ServiceFaitReport" sr
                              JOIN "ActivityEntry" e ON e."reportId" = sr."reportId"
                             WHERE sr."serviceFaitId" = s."id" AND e."orderLineId" = sl."orderLineId")`,
    );
    expect(bad).toEqual([]);
  });

  it("has service-fait totals, réfaction and VAT consistent, and covers only validated reports", async () => {
    const bad = await q<{ number: string }>(
      `SELECT s."number" FROM "ServiceFait" s
        WHERE s."computedHtCents" <> (SELECT sum(sl."amountHtCents") FROM "ServiceFaitLine" sl WHERE sl."serviceFaitId" = s."id")
           OR s."vatCents" <> (s."certifiedHtCents" * 2000 * 2 + 10000) / 20000
           OR EXISTS (SELECT 1 FROM "ServiceFaitReport" sr JOIN "ActivityReport" r ON r."id" = sr."reportId"
                       WHERE sr."serviceFaitId" = s."id"
                         AND (r."status" <> 'VALIDATED' OR r."orderId" <> s."orderId"
                              OR r."month" < s."periodStart" OR r."month" > s."periodEnd"
                              OR sr."certifying" <> (s."decision" IN ('ADMISSION', 'REFACTION'))))`,
    );
    expect(bad).toEqual([]);
    const decisions = await q<{ decision: string; refaction: string; comment: string }>(
      `SELECT "decision"::text AS decision, "refactionHtCents"::text AS refaction, "comment" FROM "ServiceFait"`,
    );
    expect(new Set(decisions.map((d) => d.decision))).toEqual(
      new Set(["ADMISSION", "REFACTION", "AJOURNEMENT"]),
    );
    const refaction = decisions.find((d) => d.decision === "REFACTION");
    expect(BigInt(refaction?.refaction ?? "0")).toBeGreaterThan(0n);
    expect(refaction?.comment).toMatch(/\S/);
    expect(decisions.find((d) => d.decision === "AJOURNEMENT")?.comment).toMatch(/\S/);
  });

  it("numbers service-fait records without gaps per year, the counter at the last number", async () => {
    const rows = await q<{ number: string; year: number }>(
      `SELECT "number", extract(year from "decidedOn")::int AS year FROM "ServiceFait" ORDER BY "decidedOn", "number"`,
    );
    const counters = await q<{ year: number; last: number }>(
      `SELECT "year", "last" FROM "ServiceFaitNumberCounter" ORDER BY "year"`,
    );
    const byYear = new Map<number, string[]>();
    for (const r of rows) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r.number]);
    expect(counters.map((c) => c.year)).toEqual([...byYear.keys()].sort());
    for (const c of counters) {
      const numbers = byYear.get(c.year) ?? [];
      expect(numbers).toEqual(numbers.map((_, i) => `SF-${c.year}-${String(i + 1).padStart(4, "0")}`));
      expect(c.last).toBe(numbers.length);
    }
  });

  it("invoices certified records for their certified amount: one paid on time, one paid late, one unpaid", async () => {
    const bad = await q<{ number: string }>(
      `SELECT i."number" FROM "Invoice" i JOIN "ServiceFait" s ON s."id" = i."serviceFaitId"
         JOIN "PurchaseOrder" o ON o."id" = s."orderId"
        WHERE s."decision" NOT IN ('ADMISSION', 'REFACTION') OR i."amountHtCents" <> s."certifiedHtCents"
           OR i."amountTtcCents" <> s."certifiedTtcCents" OR i."contractorId" <> o."contractorId"
           OR i."receivedOn" < s."decidedOn"`,
    );
    expect(bad).toEqual([]);
    const delays = await q<{ delay: number | null }>(
      `SELECT ("paidOn" - "receivedOn")::int AS delay FROM "Invoice"`,
    );
    expect(delays.some((d) => d.delay !== null && d.delay <= 30)).toBe(true);
    expect(delays.some((d) => d.delay !== null && d.delay > 30)).toBe(true);
    expect(delays.some((d) => d.delay === null)).toBe(true);
  });
});

describe("demo data: commitments and the audit trail", () => {
  it("commits the closed order's consumed amount, and the agreement the sum of its orders", async () => {
    const closed = await q<{ committed: string; consumed: string }>(
      `SELECT o."committedHtCents"::text AS committed,
              (SELECT sum((2 * l."unitPriceHtCents"::bigint * (l."consumedDays" * 10)::bigint + 10 * u."daysPerUnit")
                          / (20 * u."daysPerUnit"))
                 FROM "OrderLine" l JOIN "UoType" u ON u."id" = l."uoTypeId" WHERE l."orderId" = o."id")::text AS consumed
         FROM "PurchaseOrder" o WHERE o."status" = 'CLOSED'`,
    );
    expect(closed).toHaveLength(1);
    expect(closed[0]?.committed).toBe(closed[0]?.consumed);
    expect(BigInt(closed[0]?.consumed ?? "0")).toBeGreaterThan(0n);
    const [agreement] = (await q<{ committed: string; sum: string }>(
      `SELECT a."committedHtCents"::text AS committed,
              (SELECT sum(o."committedHtCents") FROM "PurchaseOrder" o WHERE o."agreementId" = a."id")::text AS sum
         FROM "FrameworkAgreement" a`,
    )) as [{ committed: string; sum: string }];
    expect(agreement.committed).toBe(agreement.sum);
    // Orders still running commit their total; the completed one has used every ordered day.
    const running = await q<{ status: string; total: string; committed: string; left: string }>(
      `SELECT o."status"::text AS status, o."totalHtCents"::text AS total, o."committedHtCents"::text AS committed,
              (SELECT sum(l."orderedDays" - l."certifiedDays") FROM "OrderLine" l WHERE l."orderId" = o."id")::text AS left
         FROM "PurchaseOrder" o WHERE o."status" IN ('ISSUED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'COMPLETED')`,
    );
    for (const o of running) expect(o.committed).toBe(o.total);
    expect(running.filter((o) => o.status === "COMPLETED").map((o) => Number(o.left))).toEqual([0]);
  });

  it("records an audit event for every staffer, assignment, report decision, service fait, invoice and payment", async () => {
    const missing = await q<{ what: string }>(
      `SELECT 'staffer ' || s."id" AS what FROM "Staffer" s
        WHERE NOT EXISTS (SELECT 1 FROM "AuditEvent" e WHERE e."entityType" = 'Staffer' AND e."entityId" = s."id"::text)
       UNION ALL
       SELECT 'assignment ' || a."id" FROM "Assignment" a
        WHERE NOT EXISTS (SELECT 1 FROM "AuditEvent" e WHERE e."entityType" = 'Assignment' AND e."entityId" = a."id"::text)
       UNION ALL
       SELECT 'report ' || r."id" FROM "ActivityReport" r
        WHERE r."status" <> 'DRAFT' AND NOT EXISTS (SELECT 1 FROM "AuditEvent" e
          WHERE e."entityType" = 'ActivityReport' AND e."entityId" = r."id"::text
            AND e."action" = CASE r."status" WHEN 'VALIDATED' THEN 'activity.validate'
                                             WHEN 'REJECTED' THEN 'activity.reject' ELSE 'activity.submit' END)
       UNION ALL
       SELECT 'service fait ' || s."number" FROM "ServiceFait" s
        WHERE NOT EXISTS (SELECT 1 FROM "AuditEvent" e WHERE e."entityType" = 'ServiceFait' AND e."entityId" = s."id"::text)
       UNION ALL
       SELECT 'invoice ' || i."number" FROM "Invoice" i
        WHERE NOT EXISTS (SELECT 1 FROM "AuditEvent" e WHERE e."entityType" = 'Invoice' AND e."entityId" = i."id"::text
                            AND e."action" = 'invoice.record')
           OR (i."paidOn" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "AuditEvent" e
                WHERE e."entityType" = 'Invoice' AND e."entityId" = i."id"::text AND e."action" = 'invoice.pay'))`,
    );
    expect(missing).toEqual([]);
  });
});
