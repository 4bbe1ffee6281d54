// Purchase orders on a real database: issue, ceiling, numbering and idempotence under
// concurrency, scope. Runs on PGlite and on PostgreSQL (where concurrency is real).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { todayIso } from "@/lib/dates";
import { type AppError, isAppError } from "@/lib/errors";
import { acknowledgeOrder, cancelOrder, createOrderDraft, issueOrder } from "@/lib/orders/mutations";
import { getOrder, listOrders } from "@/lib/orders/queries";
import { createOrderSchema, issueOrderSchema } from "@/lib/orders/schemas";
import { createTestDb, type TestDb } from "../support/db";
import { makeCast } from "../support/factories";

let t: TestDb;
let cast: Awaited<ReturnType<typeof makeCast>>;
let productA: string;
let uo: { devops: string; pm: string };

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

function draftForm(over: Record<string, unknown> = {}) {
  const year = Number(todayIso().slice(0, 4));
  return {
    creationKey: randomUUID(),
    productId: productA,
    contractorId: cast.orgs.conX.id,
    startsOn: `${year}-12-01`,
    endsOn: `${year + 1}-05-31`,
    chorusServiceCode: "SRV01",
    billingAddress: "1 rue de Test\n75000 Paris",
    uoTypeId: [uo.devops, uo.pm],
    quantity: ["2,5", "0,05"],
    deliverables: ["Le service en production", "<script>alert(1)</script>"],
    ...over,
  };
}

async function draft(actor: Actor = cast.beneficiaryA, over: Record<string, unknown> = {}) {
  return createOrderDraft({ actor, input: createOrderSchema.parse(draftForm(over)) });
}

async function issue(actor: Actor, id: string) {
  const o = await t.db.purchaseOrder.findUniqueOrThrow({ where: { id } });
  return issueOrder({
    actor,
    input: issueOrderSchema.parse({
      id,
      version: String(o.version),
      legalCommitmentNumber: "1300012345",
      signatoryName: "Paul Durand",
      confirm: "on",
    }),
  });
}

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
  const byCode = new Map(cast.agreement.uoTypes.map((u) => [u.code, u.id]));
  uo = { devops: byCode.get("DEVOPS_CONFIRME") as string, pm: byCode.get("PM") as string };
  productA = (
    await t.db.product.create({
      data: { name: "Produit A", beneficiaryId: cast.orgs.benA.id, kind: "STARTUP_ETAT" },
    })
  ).id;
  // A validated schedule for contractor X: 11 500 € per Devops confirmé UO, 12 800 € per PM UO.
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
        create: cast.agreement.uoTypes.map((u) => ({
          uoTypeId: u.id,
          unitPriceHtCents: u.code === "PM" ? 1_280_000 : 1_150_000,
        })),
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

describe(`purchase orders (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("issues a draft: frozen prices, exact totals, a number, the ceiling committed, audited", async () => {
    const before = await t.db.frameworkAgreement.findUniqueOrThrow({ where: { id: cast.agreement.id } });
    const { id } = await draft();
    const issued = await issue(cast.beneficiaryA, id);
    // 2,5 × 11 500 € = 28 750 € ; 0,05 × 12 800 € = 640 € ; HT 29 390 € ; TVA 5 878 €.
    expect(issued.totals).toEqual({ htCents: 2_939_000n, vatCents: 587_800n, ttcCents: 3_526_800n });
    expect(issued.number).toMatch(/^BDC-\d{4}-\d{4}$/);
    const order = await getOrder({ actor: cast.beneficiaryA, id });
    expect(order.status).toBe("ISSUED");
    expect(order.lines.map((l) => [l.unitPriceHtCents, l.days])).toEqual([
      [1_150_000, "50"],
      [1_280_000, "1"],
    ]);
    const after = await t.db.frameworkAgreement.findUniqueOrThrow({ where: { id: cast.agreement.id } });
    expect(after.committedHtCents - before.committedHtCents).toBe(2_939_000n);
    const actions = (await t.db.auditEvent.findMany({ where: { entityId: id } })).map((e) => e.action);
    expect(actions).toEqual(["order.create", "order.issue"]);
    const mails = await t.db.notification.findMany({ where: { entityId: id } });
    expect(mails.map((m) => m.toEmail)).toEqual([cast.contractorX.email]);
    expect(mails[0]?.subject).toContain(issued.number);
  });

  it("a second issue of the same order is refused and commits nothing more", async () => {
    const { id } = await draft();
    const results = await Promise.all([
      codeOf(issue(cast.beneficiaryA, id)),
      codeOf(issue(cast.beneficiaryA, id)),
    ]);
    expect(results.sort()).toEqual(["CONFLICT", "OK"]);
    const orders = await t.db.purchaseOrder.findMany({ where: { status: { not: "DRAFT" } } });
    const agreement = await t.db.frameworkAgreement.findUniqueOrThrow({ where: { id: cast.agreement.id } });
    expect(agreement.committedHtCents).toBe(orders.reduce((s, o) => s + o.committedHtCents, 0n));
  });

  it("the same creation form sent twice at once creates one draft", async () => {
    const form = createOrderSchema.parse(draftForm());
    const [a, b] = await Promise.all([
      createOrderDraft({ actor: cast.beneficiaryA, input: form }),
      createOrderDraft({ actor: cast.beneficiaryA, input: form }),
    ]);
    expect(a.id).toBe(b.id);
    expect(await t.db.purchaseOrder.count({ where: { creationKey: form.creationKey } })).toBe(1);
  });

  it("concurrent issues never pass the ceiling, and numbers stay unique and gapless", async () => {
    // Room for exactly 3 of the 8 orders of 29 390 € HT.
    const agreement = await t.db.frameworkAgreement.findUniqueOrThrow({ where: { id: cast.agreement.id } });
    await t.db.frameworkAgreement.update({
      where: { id: cast.agreement.id },
      data: { maxAmountHtCents: agreement.committedHtCents + 3n * 2_939_000n + 1_000n },
    });
    const drafts = [];
    for (let i = 0; i < 8; i++) drafts.push((await draft()).id);
    const results = await Promise.all(drafts.map((id) => codeOf(issue(cast.beneficiaryA, id))));
    expect(results.filter((r) => r === "OK")).toHaveLength(3);
    expect(results.filter((r) => r === "VALIDATION")).toHaveLength(5);
    const after = await t.db.frameworkAgreement.findUniqueOrThrow({ where: { id: cast.agreement.id } });
    expect(after.committedHtCents).toBeLessThanOrEqual(after.maxAmountHtCents);
    const issued = await t.db.purchaseOrder.findMany({
      where: { number: { not: null } },
      orderBy: { number: "asc" },
    });
    expect(after.committedHtCents).toBe(issued.reduce((s, o) => s + o.committedHtCents, 0n));
    const seq = issued.map((o) => Number(o.number?.slice(-4)));
    expect(seq).toEqual(seq.map((_, i) => i + 1));
    // Give the room back for the other tests.
    await t.db.frameworkAgreement.update({
      where: { id: cast.agreement.id },
      data: { maxAmountHtCents: 9_000_000_000n },
    });
  });

  it("cancelling an issued order releases its amount", async () => {
    const { id } = await draft();
    await issue(cast.beneficiaryA, id);
    const before = await t.db.frameworkAgreement.findUniqueOrThrow({ where: { id: cast.agreement.id } });
    const o = await t.db.purchaseOrder.findUniqueOrThrow({ where: { id } });
    await cancelOrder({
      actor: cast.beneficiaryA,
      input: { id, version: o.version, reason: "Besoin reporté" },
    });
    const after = await t.db.frameworkAgreement.findUniqueOrThrow({ where: { id: cast.agreement.id } });
    expect(before.committedHtCents - after.committedHtCents).toBe(2_939_000n);
  });

  it("keeps each organisation to its own orders: not found elsewhere", async () => {
    const { id } = await draft();
    // Contractors never see drafts.
    expect(await codeOf(getOrder({ actor: cast.contractorX, id }))).toBe("NOT_FOUND");
    await issue(cast.beneficiaryA, id);
    expect(await codeOf(getOrder({ actor: cast.beneficiaryB, id }))).toBe("NOT_FOUND");
    expect(await codeOf(getOrder({ actor: cast.contractorY, id }))).toBe("NOT_FOUND");
    expect(await codeOf(getOrder({ actor: cast.contractorX, id }))).toBe("OK");
    expect(await codeOf(getOrder({ actor: cast.dinum, id }))).toBe("OK");
    const o = await t.db.purchaseOrder.findUniqueOrThrow({ where: { id } });
    const v = o.version;
    expect(
      await codeOf(
        cancelOrder({ actor: cast.beneficiaryB, input: { id, version: v, reason: "malveillant" } }),
      ),
    ).toBe("NOT_FOUND");
    expect(await codeOf(acknowledgeOrder({ actor: cast.contractorY, input: { id, version: v } }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(acknowledgeOrder({ actor: cast.beneficiaryA, input: { id, version: v } }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(acknowledgeOrder({ actor: cast.contractorX, input: { id, version: v } }))).toBe("OK");
    const list = await listOrders({
      actor: cast.beneficiaryB,
      page: 1,
      filters: { q: null, sort: "createdAt", dir: "desc" },
    });
    expect(list.total).toBe(0);
  });

  it("refuses bad input with a French message and stores nothing", async () => {
    const count = await t.db.purchaseOrder.count();
    for (const quantity of ["0", "-1", "0.03", "1e309", "NaN", ""]) {
      const r = createOrderSchema.safeParse(draftForm({ quantity: [quantity, "1"] }));
      expect(r.success, quantity).toBe(false);
    }
    expect(createOrderSchema.safeParse(draftForm({ status: "ISSUED" })).success).toBe(false);
    expect(createOrderSchema.safeParse(draftForm({ unitPriceHtCents: "1" })).success).toBe(false);
    expect(createOrderSchema.safeParse(draftForm({ beneficiaryId: cast.orgs.benB.id })).success).toBe(false);
    const period = await codeOf(draft(cast.beneficiaryA, { startsOn: "2023-01-01", endsOn: "2023-02-01" }));
    expect(period).toBe("VALIDATION");
    // Another organisation's product, and rule 1 (only DINUM orders non-Startup products).
    expect(await codeOf(draft(cast.beneficiaryB))).toBe("VALIDATION");
    const dinumProduct = await t.db.product.create({
      data: { name: "Produit DINUM", beneficiaryId: cast.orgs.benA.id, kind: "DINUM_PRODUCT" },
    });
    expect(await codeOf(draft(cast.beneficiaryA, { productId: dinumProduct.id }))).toBe("VALIDATION");
    expect(await codeOf(draft(cast.contractorX))).toBe("FORBIDDEN");
    expect(await t.db.purchaseOrder.count()).toBe(count);
    const ej = issueOrderSchema.safeParse({
      id: randomUUID(),
      version: "1",
      legalCommitmentNumber: "12345",
      signatoryName: "x",
      confirm: "on",
    });
    expect(ej.success).toBe(false);
    if (!ej.success) expect(ej.error.issues[0]?.message).toMatch(/10 chiffres/);
  });

  it("reads 5,5 as 5.5 UO (110 days), never 5 or 55", async () => {
    const { id } = await draft(cast.beneficiaryA, {
      uoTypeId: [uo.devops],
      quantity: ["5,5"],
      deliverables: [""],
    });
    const order = await getOrder({ actor: cast.beneficiaryA, id });
    expect(order.lines[0]?.quantity).toBe("5.5");
    expect(order.lines[0]?.days).toBe("110");
  });
});

export type { AppError };
