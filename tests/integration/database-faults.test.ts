// The database connection dies in the middle of issuing an order: PostgreSQL's backend is
// terminated from a second, administrator connection between two writes of the issuing
// transaction. Nothing partial remains (no number consumed, agreement ceiling untouched,
// order still a draft, no audit event, no mail), the user is told to retry, and retrying the
// same submission issues the order exactly once. The pool gives lost connections back
// (lib/db/pool.ts) and waits for a connection for a bounded time.
// PostgreSQL only for the killed backend (PGlite has no second connection).
import { randomUUID } from "node:crypto";
import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { actionErrorState } from "@/lib/actions";
import { todayIso } from "@/lib/dates";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { createPgPool, resilientAdapter } from "@/lib/db/pool";
import { createOrderDraft, issueOrder } from "@/lib/orders/mutations";
import { createOrderSchema, issueOrderSchema } from "@/lib/orders/schemas";
import { createTestDb, onPostgres, type TestDb } from "../support/db";
import { makeCast } from "../support/factories";

const REQUEST_ID = "req-faults-0001";

/** Polls until `find` returns a value (bounded). */
async function waitFor<T>(what: string, find: () => Promise<T | null>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await find();
    if (v !== null) return v;
    if (Date.now() > end) throw new Error(`Toujours pas : ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Runs `work` while `table` is locked by an administrator connection, so the work blocks on
 * its first write to that table; then terminates the work's backend — only once it has
 * already written (PostgreSQL gives a transaction an id at its first write) — and releases
 * the lock. Returns the work's outcome.
 */
async function killBetweenWrites<T>(url: string, table: string, work: () => Promise<T>) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query("BEGIN");
    await admin.query(`LOCK TABLE "${table}" IN EXCLUSIVE MODE`);
    const outcome = work().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const victim = await waitFor(`une transaction bloquée sur ${table}`, async () => {
      // The activity view is read once per transaction unless told to read it afresh.
      await admin.query("SELECT pg_stat_clear_snapshot()");
      const { rows } = await admin.query<{ pid: number; wrote: boolean }>(
        `SELECT pid, backend_xid IS NOT NULL AS wrote FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND wait_event_type = 'Lock' AND query LIKE $1`,
        [`%${table}%`],
      );
      return rows[0] ?? null;
    });
    expect(victim.wrote).toBe(true); // a first write already happened in that transaction
    await admin.query("SELECT pg_terminate_backend($1)", [victim.pid]);
    await admin.query("ROLLBACK");
    return await outcome;
  } finally {
    await admin.end();
  }
}

describe.skipIf(!onPostgres)("a connection that dies in the middle of a transaction (PostgreSQL)", () => {
  let t: TestDb;
  let cast: Awaited<ReturnType<typeof makeCast>>;
  let productId: string;
  let devops: string;

  beforeAll(async () => {
    t = await createTestDb();
    cast = await makeCast(t.db);
    devops = cast.agreement.uoTypes.find((u) => u.code === "DEVOPS_CONFIRME")?.id as string;
    productId = (
      await t.db.product.create({
        data: { name: "Produit A", beneficiaryId: cast.orgs.benA.id, kind: "STARTUP_ETAT" },
      })
    ).id;
    const schedule = await t.db.priceSchedule.create({
      data: { agreementId: cast.agreement.id, contractorId: cast.orgs.conX.id },
    });
    const v = await t.db.priceScheduleVersion.create({
      data: {
        scheduleId: schedule.id,
        number: 1,
        effectiveOn: new Date("2024-01-01T00:00:00Z"),
        proposedById: cast.contractorX.userId,
        items: {
          create: cast.agreement.uoTypes.map((u) => ({ uoTypeId: u.id, unitPriceHtCents: 1_150_000 })),
        },
      },
    });
    await t.db.priceScheduleVersion.update({
      where: { id: v.id },
      data: { status: "VALIDATED", decidedAt: new Date(), decidedById: cast.dinum.userId },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const year = Number(todayIso().slice(0, 4));
  const draftInput = (creationKey: string) =>
    createOrderSchema.parse({
      creationKey,
      productId,
      contractorId: cast.orgs.conX.id,
      startsOn: todayIso(),
      endsOn: `${year + 1}-06-30`,
      chorusServiceCode: "SRV01",
      billingAddress: "1 rue de Test",
      uoTypeId: [devops],
      quantity: ["2"],
      deliverables: ["Le service en production"],
    });

  const expectRetryable = (error: unknown) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    const state = actionErrorState(error, REQUEST_ID);
    expect(state).toMatchObject({
      status: "error",
      message: expect.stringMatching(/momentanément indisponible.*Réessayez.*req-faults-0001/),
    });
  };

  it("issuing: nothing partial remains, the user is told to retry, the retry issues exactly once", async () => {
    const { id } = await createOrderDraft({ actor: cast.beneficiaryA, input: draftInput(randomUUID()) });
    const before = {
      order: await t.db.purchaseOrder.findUniqueOrThrow({ where: { id } }),
      agreement: await t.db.frameworkAgreement.findUniqueOrThrow({ where: { id: cast.agreement.id } }),
      counters: await t.db.orderNumberCounter.findMany({ where: { agreementId: cast.agreement.id } }),
    };
    const submission = issueOrderSchema.parse({
      id,
      version: String(before.order.version),
      legalCommitmentNumber: "1300012345",
      signatoryName: "Paul Durand",
      confirm: "on",
    });
    const issue = () => issueOrder({ actor: cast.beneficiaryA, input: submission });

    // The ceiling is reserved on the agreement first; the backend dies while the issuing
    // waits to take its number.
    const killed = await killBetweenWrites(t.url as string, "OrderNumberCounter", issue);
    expect(killed.ok).toBe(false);
    if (!killed.ok) expectRetryable(killed.error);

    const order = await t.db.purchaseOrder.findUniqueOrThrow({ where: { id } });
    expect(order).toMatchObject({
      status: "DRAFT",
      number: null,
      version: before.order.version,
      issuedAt: null,
    });
    const agreement = await t.db.frameworkAgreement.findUniqueOrThrow({ where: { id: cast.agreement.id } });
    expect(agreement.committedHtCents).toBe(before.agreement.committedHtCents);
    expect(await t.db.orderNumberCounter.findMany({ where: { agreementId: cast.agreement.id } })).toEqual(
      before.counters,
    );
    expect(await t.db.auditEvent.count({ where: { entityId: id, action: "order.issue" } })).toBe(0);
    expect(await t.db.notification.count({ where: { entityId: id } })).toBe(0);
    expect(
      (await t.db.orderLine.findMany({ where: { orderId: id } })).map((l) => l.orderedDays.toString()),
    ).toEqual(["0"]);

    // The same submission again: issued, with the number the failed attempt did not consume.
    const { number, totals } = await issue();
    const expectedNumber = `BDC-${year}-${String((before.counters[0]?.last ?? 0) + 1).padStart(4, "0")}`;
    expect(number).toBe(expectedNumber);
    // Once more (a second click): refused, nothing done twice.
    await expect(issue()).rejects.toThrow(/déjà été émis/);
    expect(await t.db.purchaseOrder.count({ where: { number } })).toBe(1);
    expect(await t.db.auditEvent.count({ where: { entityId: id, action: "order.issue" } })).toBe(1);
    const after = await t.db.frameworkAgreement.findUniqueOrThrow({ where: { id: cast.agreement.id } });
    expect(after.committedHtCents).toBe(before.agreement.committedHtCents + totals.htCents);
    expect(await t.db.notification.count({ where: { entityId: id } })).toBeGreaterThan(0);
  });

  it("creating: the retry of the same form creates exactly one order", async () => {
    const creationKey = randomUUID();
    const create = () => createOrderDraft({ actor: cast.beneficiaryA, input: draftInput(creationKey) });
    const count = () => t.db.purchaseOrder.count({ where: { creationKey } });
    const audits = () => t.db.auditEvent.count({ where: { action: "order.create" } });
    const auditsBefore = await audits();
    // The order row is written first; the backend dies while its lines wait.
    const killed = await killBetweenWrites(t.url as string, "OrderLine", create);
    expect(killed.ok).toBe(false);
    if (!killed.ok) expectRetryable(killed.error);
    expect(await count()).toBe(0);
    expect(await audits()).toBe(auditsBefore);
    const first = await create();
    const again = await create();
    expect(again).toEqual({ id: first.id, created: false });
    expect(await count()).toBe(1);
    expect(await audits()).toBe(auditsBefore + 1);
    expect(await t.db.orderLine.count({ where: { orderId: first.id } })).toBe(1);
  });

  it("a lost connection gives its place in the pool back: the portal does not freeze", async () => {
    // A pool of 2: without giving lost connections back, the third request would wait for
    // a free connection until the timeout.
    const pool = createPgPool({ connectionString: t.url as string, max: 2, connectTimeoutMs: 3_000 });
    const db = new PrismaClient({ adapter: resilientAdapter(pool) });
    try {
      for (let i = 0; i < 3; i++) {
        const killed = await killBetweenWrites(t.url as string, "OrderNumberCounter", () =>
          db.$transaction(async (tx) => {
            await tx.$executeRaw`UPDATE "FrameworkAgreement" SET "committedHtCents" = "committedHtCents"`;
            await tx.$executeRaw`INSERT INTO "OrderNumberCounter" ("agreementId", "year", "last")
              VALUES (${cast.agreement.id}::uuid, 1999, 1) ON CONFLICT DO NOTHING`;
          }),
        );
        expect(killed.ok).toBe(false);
        if (!killed.ok) expectRetryable(killed.error);
      }
      expect(pool.totalCount).toBe(0);
      const rows = await db.$queryRaw<Array<{ one: number }>>`SELECT 1 AS one`;
      expect(rows).toEqual([{ one: 1 }]);
      expect(await t.db.orderNumberCounter.count({ where: { year: 1999 } })).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });
});

describe("waiting for the database is bounded", () => {
  it("a server that accepts connections but never answers gives a retryable error, not a hang", async () => {
    // A black hole on loopback: accepts TCP connections, says nothing.
    const sockets: net.Socket[] = [];
    const server = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as net.AddressInfo;
    const pool = createPgPool({
      connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres`,
      max: 2,
      connectTimeoutMs: 1_000,
    });
    const db = new PrismaClient({ adapter: resilientAdapter(pool) });
    try {
      const started = Date.now();
      const error = await db.$queryRaw`SELECT 1`.then(
        () => null,
        (e: unknown) => e,
      );
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(actionErrorState(error, REQUEST_ID)).toMatchObject({
        message: expect.stringMatching(/momentanément indisponible/),
      });
    } finally {
      await db.$disconnect().catch(() => {});
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    }
  });
});
