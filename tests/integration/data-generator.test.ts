// The benchmark's data generator (scripts/data-generator), at a small scale, on the real
// migrations: what it writes satisfies the schema's constraints AND the domain's invariants
// (ceiling, consumed ≤ ordered, certified ≤ consumed, a staffer's month ≤ its working days,
// gapless numbers, every reference resolvable), covers every order status, is the same on
// every run, and is readable by the application's own queries.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/queries";
import { getOrder, listOrders } from "@/lib/orders/queries";
import { orderFiltersSchema } from "@/lib/orders/schemas";
import { aggregateFigures, FIGURES, type FigureRow } from "@/lib/reporting/facts";
import { summaryFigures } from "@/lib/reporting/summary";
import {
  type GenerateReport,
  generateDataSet,
  noDatabaseAnswer,
  type SqlClient,
} from "@/scripts/data-generator/generate";
import { checkInvariants, type InvariantFailure } from "@/scripts/data-generator/invariants";
import { createTestDb, type TestDb } from "../support/db";

const SCALE = 0.002;
const SEED = 4242;

let t: TestDb;
let report: GenerateReport;
let written: string;
const q = <T>(sql: string, ...params: unknown[]) => t.db.$queryRawUnsafe<T[]>(sql, ...params);

/** The data written (index rebuilds and other housekeeping statements aside). */
function record(hash: ReturnType<typeof createHash>, sql: string, params: unknown[]) {
  if (!sql.startsWith("INSERT")) return;
  hash.update(sql);
  hash.update(JSON.stringify(params));
}

/** A client that only records what it is asked to write, as a digest. */
function recordingClient(): { client: SqlClient; digest: () => string } {
  const hash = createHash("sha256");
  return {
    client: {
      exec: async (sql, params) => record(hash, sql, params),
      query: async <T>(sql: string) => noDatabaseAnswer(sql) as T[],
    },
    digest: () => hash.digest("hex"),
  };
}

beforeAll(async () => {
  t = await createTestDb();
  const hash = createHash("sha256");
  report = await t.db.$transaction(
    (tx) =>
      generateDataSet({
        scale: SCALE,
        seed: SEED,
        client: {
          exec: (sql, params) => {
            record(hash, sql, params);
            return tx.$executeRawUnsafe(sql, ...params);
          },
          query: <T>(sql: string, params: unknown[] = []) => tx.$queryRawUnsafe<T[]>(sql, ...params),
        },
      }),
    { timeout: 300_000, maxWait: 10_000 },
  );
  written = hash.digest("hex");
});

afterAll(async () => {
  await t?.close();
});

describe("data generator (small scale)", () => {
  it("writes every kind of record, in proportion", async () => {
    const c = report.counts;
    expect(c.PurchaseOrder).toBeGreaterThanOrEqual(80);
    expect(c.OrderLine).toBeGreaterThan(2.5 * (c.PurchaseOrder ?? 0));
    expect(c.ActivityEntry).toBeGreaterThan(5 * (c.OrderLine ?? 0));
    for (const table of [
      "Staffer",
      "Assignment",
      "ActivityReport",
      "ServiceFait",
      "ServiceFaitLine",
      "Invoice",
    ]) {
      expect(c[table], table).toBeGreaterThan(0);
    }
    expect(c.AuditEvent).toBeGreaterThan(c.PurchaseOrder ?? 0);
    // What the report claims is what the database holds.
    const [row] = await q<{ orders: number; entries: number }>(
      `SELECT (SELECT count(*)::int FROM "PurchaseOrder") AS orders, (SELECT count(*)::int FROM "ActivityEntry") AS entries`,
    );
    expect(row).toEqual({ orders: c.PurchaseOrder, entries: c.ActivityEntry });
  });

  it("fills the dashboard's summary: its figures = the reference computation, to the cent", async () => {
    const asMap = (rows: FigureRow[]) =>
      Object.fromEntries(
        rows
          .filter((r) => r.dimension === "total" || FIGURES.some((k) => r.figures[k] !== 0n))
          .map((r) => [`${r.dimension}:${r.key}`, FIGURES.map((k) => r.figures[k].toString()).join("/")]),
      );
    const [big] = await q<{ id: string }>(
      `SELECT "beneficiaryId" AS id FROM "PurchaseOrder" GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const [con] = await q<{ id: string }>(`SELECT "id" FROM "Contractor" ORDER BY "name" LIMIT 1`);
    const none = { from: null, to: null, beneficiaryId: null, contractorId: null };
    const window = { from: "2026-08-01", to: "2026-10-31" };
    for (const filters of [
      none,
      { ...none, from: "2024-01-01", to: "2024-12-31" },
      { ...none, beneficiaryId: big?.id ?? null },
      { ...none, contractorId: con?.id ?? null },
    ]) {
      const summary = await summaryFigures(t.db, filters, window);
      expect(asMap(summary.rows)).toEqual(asMap(await aggregateFigures(t.db, filters)));
    }
    const total = (await summaryFigures(t.db, none, window)).rows.find((r) => r.dimension === "total");
    for (const k of FIGURES) expect(total?.figures[k], k).toBeGreaterThan(0n);
  });

  it("holds every invariant: ceiling, consumed ≤ ordered ≤ …, working days, numbering, references", async () => {
    const failures: InvariantFailure[] = await checkInvariants(q);
    expect(failures).toEqual([]);
    const [a] = await q<{ committed: bigint; max: bigint }>(
      `SELECT "committedHtCents" AS committed, "maxAmountHtCents" AS max FROM "FrameworkAgreement"`,
    );
    expect(a && a.committed > 0n && a.committed <= a.max).toBe(true);
  });

  it("covers every order status, validated and pending reports, admitted service fait", async () => {
    const statuses = await q<{ status: string }>(
      `SELECT DISTINCT "status"::text AS status FROM "PurchaseOrder"`,
    );
    expect(statuses.map((s) => s.status).sort()).toEqual(
      ["ACKNOWLEDGED", "CANCELLED", "CLOSED", "COMPLETED", "DRAFT", "IN_PROGRESS", "ISSUED"].sort(),
    );
    const reports = await q<{ status: string }>(
      `SELECT DISTINCT "status"::text AS status FROM "ActivityReport"`,
    );
    expect(reports.map((r) => r.status)).toContain("VALIDATED");
    expect(reports.some((r) => r.status !== "VALIDATED")).toBe(true);
    const decisions = await q<{ decision: string }>(
      `SELECT DISTINCT "decision"::text AS decision FROM "ServiceFait"`,
    );
    expect(decisions.map((d) => d.decision)).toContain("ADMISSION");
  });

  it("has realistic distributions: a few large beneficiaries, most orders small", async () => {
    const perBen = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM "PurchaseOrder" GROUP BY "beneficiaryId" ORDER BY 1 DESC`,
    );
    const largest = perBen[0]?.n ?? 0;
    const median = perBen[Math.floor(perBen.length / 2)]?.n ?? 0;
    expect(largest).toBeGreaterThan(2 * median);
    const [lines] = await q<{ small: number; all: number }>(
      `SELECT count(*) FILTER (WHERE n <= 3)::int AS small, count(*)::int AS all
         FROM (SELECT count(*) AS n FROM "OrderLine" GROUP BY "orderId") t`,
    );
    expect((lines?.small ?? 0) * 2).toBeGreaterThan(lines?.all ?? 0);
  });

  it("is deterministic: the same seed writes exactly the same data", async () => {
    const again = recordingClient();
    await generateDataSet({ scale: SCALE, seed: SEED, client: again.client });
    expect(again.digest()).toBe(written);
    const other = recordingClient();
    await generateDataSet({ scale: SCALE, seed: SEED + 1, client: other.client });
    expect(other.digest()).not.toBe(written);
  });

  it("is readable by the application: the largest beneficiary's order list and largest order", async () => {
    const [ben] = await q<{ beneficiaryId: string; n: number }>(
      `SELECT "beneficiaryId"::text AS "beneficiaryId", count(*)::int AS n FROM "PurchaseOrder"
        GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    );
    const [m] = await q<{ userId: string }>(
      `SELECT "userId"::text AS "userId" FROM "Membership" WHERE "role" = 'BENEFICIARY' AND "beneficiaryId" = $1::uuid LIMIT 1`,
      ben?.beneficiaryId,
    );
    const actor = await loadActor({ userId: m?.userId as string });
    expect(actor?.membership.beneficiaryId).toBe(ben?.beneficiaryId);
    if (!actor) return;
    const page = await listOrders({ actor, page: 1, filters: orderFiltersSchema.parse({}) });
    expect(page.total).toBe(ben?.n);
    const [largest] = await q<{ id: string; lines: number }>(
      `SELECT "orderId"::text AS id, count(*)::int AS lines FROM "OrderLine" l
         JOIN "PurchaseOrder" o ON o."id" = l."orderId" AND o."beneficiaryId" = $1::uuid
        GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
      ben?.beneficiaryId,
    );
    const order = await getOrder({ actor, id: largest?.id as string });
    expect(order.lines).toHaveLength(largest?.lines ?? -1);
  });
});
