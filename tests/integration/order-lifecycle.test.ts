// Transitions that follow the work: ACKNOWLEDGED → IN_PROGRESS at the start date (at
// acknowledgement when the date has already come, else by the hourly sweep), and
// IN_PROGRESS → COMPLETED when every ordered day is certified. Each is audited once and
// announced to both sides, even when two triggers fire at the same moment.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayIso } from "@/lib/dates";
import { getDb } from "@/lib/db";
import { completeOrderIfDone, runLifecycleSweep, startOrder } from "@/lib/orders/lifecycle";
import { acknowledgeOrder, createOrderDraft, issueOrder } from "@/lib/orders/mutations";
import { createOrderSchema, issueOrderSchema } from "@/lib/orders/schemas";
import { createTestDb, type TestDb } from "../support/db";
import { makeCast } from "../support/factories";

let t: TestDb;
let cast: Awaited<ReturnType<typeof makeCast>>;
let productA: string;
let devops: string;

async function acknowledgedOrder(startsOn: string, endsOn: string) {
  const { id } = await createOrderDraft({
    actor: cast.beneficiaryA,
    input: createOrderSchema.parse({
      creationKey: randomUUID(),
      productId: productA,
      contractorId: cast.orgs.conX.id,
      startsOn,
      endsOn,
      chorusServiceCode: "SRV01",
      billingAddress: "1 rue de Test",
      uoTypeId: [devops],
      quantity: ["1"],
      deliverables: ["Le service en production"],
    }),
  });
  const v = (await t.db.purchaseOrder.findUniqueOrThrow({ where: { id } })).version;
  await issueOrder({
    actor: cast.beneficiaryA,
    input: issueOrderSchema.parse({
      id,
      version: String(v),
      legalCommitmentNumber: "1300012345",
      signatoryName: "Paul Durand",
      confirm: "on",
    }),
  });
  const v2 = (await t.db.purchaseOrder.findUniqueOrThrow({ where: { id } })).version;
  await acknowledgeOrder({ actor: cast.contractorX, input: { id, version: v2 } });
  return id;
}

const statusOf = async (id: string) => (await t.db.purchaseOrder.findUniqueOrThrow({ where: { id } })).status;
const audits = (id: string, action: string) =>
  t.db.auditEvent.count({ where: { entityType: "PurchaseOrder", entityId: id, action } });

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
  devops = cast.agreement.uoTypes.find((u) => u.code === "DEVOPS_CONFIRME")?.id as string;
  productA = (
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
      items: { create: cast.agreement.uoTypes.map((u) => ({ uoTypeId: u.id, unitPriceHtCents: 1_150_000 })) },
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

describe(`order lifecycle (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  const year = Number(todayIso().slice(0, 4));

  it("an order acknowledged on or after its start date is in progress at once", async () => {
    const id = await acknowledgedOrder(todayIso(), `${year + 1}-06-30`);
    expect(await statusOf(id)).toBe("IN_PROGRESS");
    expect(await audits(id, "order.acknowledge")).toBe(1);
    expect(await audits(id, "order.start")).toBe(1);
    // Both sides are told.
    const mails = await t.db.notification.findMany({
      where: { entityId: id, subject: { contains: "en cours" } },
    });
    expect(mails.map((m) => m.toEmail).sort()).toEqual(
      expect.arrayContaining([cast.beneficiaryA.email, cast.contractorX.email]),
    );
  });

  it("a future order waits; the sweep starts it on its start date, once", async () => {
    const id = await acknowledgedOrder(`${year + 1}-02-01`, `${year + 1}-06-30`);
    expect(await statusOf(id)).toBe("ACKNOWLEDGED");
    expect((await runLifecycleSweep({ today: `${year + 1}-01-31` })).started).toBe(0);
    expect(await statusOf(id)).toBe("ACKNOWLEDGED");
    const [a, b] = await Promise.all([
      runLifecycleSweep({ today: `${year + 1}-02-01` }),
      runLifecycleSweep({ today: `${year + 1}-02-01` }),
    ]);
    expect(a.started + b.started).toBeGreaterThanOrEqual(1);
    expect(await statusOf(id)).toBe("IN_PROGRESS");
    expect(await audits(id, "order.start")).toBe(1);
  });

  it("two simultaneous triggers (first report and start date) make one transition", async () => {
    const id = await acknowledgedOrder(`${year + 1}-03-01`, `${year + 1}-06-30`);
    const db = await getDb();
    const results = await Promise.all([
      db.$transaction((tx) => startOrder(tx, id, "first-report", cast.contractorX)),
      db.$transaction((tx) => startOrder(tx, id, "start-date", null)),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await audits(id, "order.start")).toBe(1);
  });

  it("completes only when every ordered day is certified", async () => {
    const id = await acknowledgedOrder(todayIso(), `${year + 1}-06-30`);
    const db = await getDb();
    const line = await t.db.orderLine.findFirstOrThrow({ where: { orderId: id } });
    expect(line.orderedDays.toString()).toBe("20");
    await t.db.orderLine.update({
      where: { id: line.id },
      data: { consumedDays: "20", certifiedDays: "19.5" },
    });
    expect(await db.$transaction((tx) => completeOrderIfDone(tx, id, null))).toBeNull();
    expect(await statusOf(id)).toBe("IN_PROGRESS");
    await t.db.orderLine.update({ where: { id: line.id }, data: { certifiedDays: "20" } });
    expect(await db.$transaction((tx) => completeOrderIfDone(tx, id, null))).toBe("all-days-certified");
    expect(await statusOf(id)).toBe("COMPLETED");
    expect(await audits(id, "order.complete")).toBe(1);
  });

  it("the database refuses validated days above ordered days, and certified above validated", async () => {
    const id = await acknowledgedOrder(todayIso(), `${year + 1}-06-30`);
    const line = await t.db.orderLine.findFirstOrThrow({ where: { orderId: id } });
    await expect(
      t.db.orderLine.update({ where: { id: line.id }, data: { consumedDays: "20.5" } }),
    ).rejects.toThrow();
    await expect(
      t.db.orderLine.update({ where: { id: line.id }, data: { consumedDays: "5", certifiedDays: "6" } }),
    ).rejects.toThrow();
  });
});
