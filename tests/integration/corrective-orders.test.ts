// Corrective orders (bons de commande modificatifs), completion and closing, on a real
// database. The invariant checked after every step: the agreement's committed amount is the
// sum of its orders' committed amounts, to the cent, and never above the maximum.
// Runs on PGlite and on PostgreSQL (where the concurrent issues really race).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { todayIso } from "@/lib/dates";
import { isAppError } from "@/lib/errors";
import {
  cancelOrder,
  closeOrder,
  completeOrder,
  createCorrectiveOrder,
  createOrderDraft,
  issueOrder,
  updateOrderDraft,
} from "@/lib/orders/mutations";
import { getOrder, getOrderPdfData } from "@/lib/orders/queries";
import {
  createCorrectiveOrderSchema,
  createOrderSchema,
  issueOrderSchema,
  updateOrderSchema,
} from "@/lib/orders/schemas";
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

async function messageOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (isAppError(e)) return e.message;
    throw e;
  }
}

const version = async (id: string) => (await t.db.purchaseOrder.findUniqueOrThrow({ where: { id } })).version;

/** An issued order of benA to contractor X: 2,5 UO Devops confirmé (11 500 €) + 0,05 UO PM (12 800 €). */
async function issuedOriginal() {
  const year = Number(todayIso().slice(0, 4));
  const { id } = await createOrderDraft({
    actor: cast.beneficiaryA,
    input: createOrderSchema.parse({
      creationKey: randomUUID(),
      productId: productA,
      contractorId: cast.orgs.conX.id,
      startsOn: `${year}-12-01`,
      endsOn: `${year + 1}-05-31`,
      chorusServiceCode: "SRV01",
      billingAddress: "1 rue de Test\n75000 Paris",
      uoTypeId: [uo.devops, uo.pm],
      quantity: ["2,5", "0,05"],
      deliverables: ["Le service en production", "Les analyses"],
    }),
  });
  await issue(id);
  return id;
}

async function issue(id: string, actor: Actor = cast.beneficiaryA) {
  return issueOrder({
    actor,
    input: issueOrderSchema.parse({
      id,
      version: String(await version(id)),
      legalCommitmentNumber: "1300012345",
      signatoryName: "Paul Durand",
      confirm: "on",
    }),
  });
}

async function lineIds(orderId: string) {
  const lines = await t.db.orderLine.findMany({ where: { orderId }, orderBy: { position: "asc" } });
  return lines.map((l) => l.id);
}

/** A corrective draft setting the given new quantities ("2,5"…) on the original's lines, by position. */
async function corrective(originalId: string, quantities: string[], actor: Actor = cast.beneficiaryA) {
  return createCorrectiveOrder({
    actor,
    input: createCorrectiveOrderSchema.parse({
      creationKey: randomUUID(),
      originalId,
      lineId: await lineIds(originalId),
      quantity: quantities,
    }),
  });
}

async function expectInvariant() {
  const a = await t.db.frameworkAgreement.findUniqueOrThrow({ where: { id: cast.agreement.id } });
  const orders = await t.db.purchaseOrder.findMany({ select: { committedHtCents: true } });
  expect(a.committedHtCents).toBe(orders.reduce((s, o) => s + o.committedHtCents, 0n));
  expect(a.committedHtCents).toBeLessThanOrEqual(a.maxAmountHtCents);
  expect(a.committedHtCents).toBeGreaterThanOrEqual(0n);
  return a;
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

describe(`corrective orders and closing (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("an increase then a decrease keep the ceiling invariant to the cent; the original shows corrected figures", async () => {
    const id = await issuedOriginal();
    const start = await expectInvariant();

    // +0,5 UO Devops (2,5 → 3): + 5 750 €.
    const up = await corrective(id, ["3", "0,05"]);
    const draftView = await getOrder({ actor: cast.beneficiaryA, id: up.id });
    expect(draftView.isCorrective).toBe(true);
    expect(draftView.can.edit).toBe(false);
    expect(draftView.lines.map((l) => [l.quantity, l.unitPriceHtCents, l.amountHtCents])).toEqual([
      ["0.5", 1_150_000, 575_000n],
    ]);
    // Drafts commit nothing.
    expect((await expectInvariant()).committedHtCents).toBe(start.committedHtCents);
    const upIssued = await issue(up.id);
    expect(upIssued.number).toMatch(/^BDC-\d{4}-\d{4}$/);
    expect(upIssued.totals).toEqual({ htCents: 575_000n, vatCents: 115_000n, ttcCents: 690_000n });
    let a = await expectInvariant();
    expect(a.committedHtCents - start.committedHtCents).toBe(575_000n);

    // −1,25 UO Devops (3 → 1,75) and PM 0,05 → 0: − 14 375 € − 640 €.
    const down = await corrective(id, ["1,75", "0"]);
    const downIssued = await issue(down.id);
    expect(downIssued.totals).toEqual({ htCents: -1_501_500n, vatCents: -300_300n, ttcCents: -1_801_800n });
    a = await expectInvariant();
    expect(a.committedHtCents - start.committedHtCents).toBe(575_000n - 1_501_500n);

    const original = await getOrder({ actor: cast.beneficiaryA, id });
    expect(original.hasCorrections).toBe(true);
    expect(original.lines.map((l) => [l.quantity, l.correctedQuantity, l.correctedDays])).toEqual([
      ["2.5", "1.75", "35"],
      ["0.05", "0", "0"],
    ]);
    // 1,75 × 11 500 € = 20 125 €; the act's own figures stay those of its signature.
    expect(original.correctedTotals).toEqual({
      htCents: 2_012_500n,
      vatCents: 402_500n,
      ttcCents: 2_415_000n,
    });
    expect(original.totals.htCents).toBe(2_939_000n);
    expect(original.committedHtCents).toBe(2_012_500n);
    expect(original.corrections.map((c) => c.status)).toEqual(["ISSUED", "ISSUED"]);

    // The corrective order's PDF data: the corrected order's number and signed lines.
    const pdf = await getOrderPdfData({ actor: cast.beneficiaryA, id: down.id });
    expect(pdf.correctsNumber).toBe(original.number);
    expect(pdf.lines.map((l) => [l.quantity, l.days, l.unitPriceHtCents, l.amountHtCents])).toEqual([
      ["-1.25", "-25", 1_150_000, -1_437_500n],
      ["-0.05", "-1", 1_280_000, -64_000n],
    ]);
    expect(pdf.totals.htCents).toBe(-1_501_500n);

    // Audited on both orders; the contractor is told with the "modificatif" mail.
    const onOriginal = await t.db.auditEvent.findMany({ where: { entityId: id }, orderBy: { id: "asc" } });
    expect(onOriginal.map((e) => e.action)).toContain("order.corrected");
    const mails = await t.db.notification.findMany({ where: { entityId: down.id } });
    expect(mails.map((m) => m.toEmail)).toEqual([cast.contractorX.email]);
    expect(mails[0]?.subject).toContain("modificatif");
  });

  it("refuses 'no change', a quantity below the consumed days (at creation and at issue), and further corrections of a corrective", async () => {
    const id = await issuedOriginal();
    expect(await messageOf(corrective(id, ["2,5", "0,05"]))).toMatch(/Aucune quantité n'a changé/);
    expect(await codeOf(corrective(id, ["", ""]))).toBe("VALIDATION");
    const [devopsLine] = await lineIds(id);
    await t.db.orderLine.update({ where: { id: devopsLine }, data: { consumedDays: "30" } });
    const refused = await messageOf(corrective(id, ["1", "0,05"]));
    expect(refused).toMatch(/inférieure aux jours déjà consommés \(30 jours, soit 1,5 UO\)/);
    // Allowed at creation (1,5 UO = the 30 consumed days)…
    const ok = await corrective(id, ["1,5", "0,05"]);
    // …but refused at issue once more days were consumed meanwhile.
    await t.db.orderLine.update({ where: { id: devopsLine }, data: { consumedDays: "31" } });
    const before = await expectInvariant();
    expect(await messageOf(issue(ok.id))).toMatch(/jours déjà consommés.*Rien n'a été émis/);
    expect((await expectInvariant()).committedHtCents).toBe(before.committedHtCents);
    expect((await t.db.purchaseOrder.findUniqueOrThrow({ where: { id: ok.id } })).status).toBe("DRAFT");

    // A corrective draft is not edited with the draft form, and a corrective is not corrected.
    const up = await corrective(id, ["3", "0,05"]);
    const edit = updateOrderDraft({
      actor: cast.beneficiaryA,
      input: updateOrderSchema.parse({
        id: up.id,
        version: "1",
        productId: productA,
        contractorId: cast.orgs.conX.id,
        startsOn: `${todayIso().slice(0, 4)}-12-01`,
        endsOn: `${Number(todayIso().slice(0, 4)) + 1}-05-31`,
        chorusServiceCode: "SRV01",
        billingAddress: "x",
        uoTypeId: [uo.devops],
        quantity: ["9"],
        deliverables: [""],
      }),
    });
    expect(await codeOf(edit)).toBe("CONFLICT");
    await issue(up.id);
    expect(await codeOf(corrective(up.id, ["1"]))).toBe("CONFLICT");
    // An issued corrective order is not cancelled (its change is already applied).
    expect(
      await codeOf(
        cancelOrder({
          actor: cast.beneficiaryA,
          input: { id: up.id, version: await version(up.id), reason: "Erreur" },
        }),
      ),
    ).toBe("CONFLICT");
    // A draft one may be.
    expect(
      await codeOf(
        cancelOrder({
          actor: cast.beneficiaryA,
          input: { id: ok.id, version: await version(ok.id), reason: "Erreur" },
        }),
      ),
    ).toBe("OK");
    await expectInvariant();
  });

  it("concurrent corrective issues that together pass the ceiling: only those that fit are issued", async () => {
    const [o1, o2] = [await issuedOriginal(), await issuedOriginal()];
    // Four increases of +1 UO Devops (11 500 €), two on each order; room for exactly two.
    const drafts = [
      (await corrective(o1, ["3,5", "0,05"])).id,
      (await corrective(o1, ["3,5", "0,05"])).id,
      (await corrective(o2, ["3,5", "0,05"])).id,
      (await corrective(o2, ["3,5", "0,05"])).id,
    ];
    const a = await t.db.frameworkAgreement.findUniqueOrThrow({ where: { id: cast.agreement.id } });
    await t.db.frameworkAgreement.update({
      where: { id: cast.agreement.id },
      data: { maxAmountHtCents: a.committedHtCents + 2n * 1_150_000n + 500n },
    });
    const results = await Promise.all(drafts.map((id) => codeOf(issue(id))));
    expect(results.filter((r) => r === "OK")).toHaveLength(2);
    expect(results.filter((r) => r === "VALIDATION")).toHaveLength(2);
    const after = await expectInvariant();
    expect(after.committedHtCents - a.committedHtCents).toBe(2n * 1_150_000n);
    // Each original's committed amount is its corrected total.
    for (const id of [o1, o2]) {
      const o = await getOrder({ actor: cast.beneficiaryA, id });
      expect(o.committedHtCents).toBe(o.correctedTotals.htCents);
    }
    await t.db.frameworkAgreement.update({
      where: { id: cast.agreement.id },
      data: { maxAmountHtCents: 9_000_000_000n },
    });
  });

  it("completing then closing commits only the consumed amount and releases the rest", async () => {
    const id = await issuedOriginal();
    const [devops, pm] = await lineIds(id);
    // 10 days of Devops (0,5 UO = 5 750 €) and 1 day of PM (640 €) consumed.
    await t.db.orderLine.update({ where: { id: devops }, data: { consumedDays: "10" } });
    await t.db.orderLine.update({ where: { id: pm }, data: { consumedDays: "1" } });
    expect(
      await codeOf(closeOrder({ actor: cast.beneficiaryA, input: { id, version: await version(id) } })),
    ).toBe("CONFLICT");
    await t.db.purchaseOrder.update({ where: { id }, data: { status: "IN_PROGRESS" } });
    const view = await getOrder({ actor: cast.beneficiaryA, id });
    expect([view.can.complete, view.can.close, view.can.correct]).toEqual([true, false, true]);
    await completeOrder({ actor: cast.beneficiaryA, input: { id, version: await version(id) } });
    const before = await expectInvariant();
    const closed = await closeOrder({ actor: cast.beneficiaryA, input: { id, version: await version(id) } });
    expect(closed).toEqual({ consumedHtCents: 639_000n, releasedHtCents: 2_939_000n - 639_000n });
    const after = await expectInvariant();
    expect(before.committedHtCents - after.committedHtCents).toBe(2_300_000n);
    const o = await t.db.purchaseOrder.findUniqueOrThrow({ where: { id } });
    expect([o.status, o.committedHtCents, o.closedAt !== null]).toEqual(["CLOSED", 639_000n, true]);
    const actions = (await t.db.auditEvent.findMany({ where: { entityId: id }, orderBy: { id: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions.slice(-2)).toEqual(["order.complete", "order.close"]);
    const mails = await t.db.notification.findMany({
      where: { entityId: id },
      orderBy: { createdAt: "asc" },
    });
    expect(mails.map((m) => m.subject).slice(-2)).toEqual([
      expect.stringContaining("terminée"),
      expect.stringContaining("clôturée"),
    ]);
    // Closed: no further correction, no second closing.
    expect(await codeOf(corrective(id, ["3", "0,05"]))).toBe("CONFLICT");
    expect(
      await codeOf(closeOrder({ actor: cast.beneficiaryA, input: { id, version: await version(id) } })),
    ).toBe("CONFLICT");
  });

  it("other organisations get 'not found'; the contractor may not correct, complete or close", async () => {
    const id = await issuedOriginal();
    expect(await codeOf(corrective(id, ["3", "0,05"], cast.beneficiaryB))).toBe("NOT_FOUND");
    expect(await codeOf(corrective(id, ["3", "0,05"], cast.contractorY))).toBe("NOT_FOUND");
    expect(await codeOf(corrective(id, ["3", "0,05"], cast.contractorX))).toBe("FORBIDDEN");
    expect(await codeOf(corrective(id, ["3", "0,05"], cast.dinumBeneficiary))).toBe("NOT_FOUND");
    const up = await corrective(id, ["3", "0,05"]);
    expect(await codeOf(getOrder({ actor: cast.beneficiaryB, id: up.id }))).toBe("NOT_FOUND");
    expect(await codeOf(issue(up.id, cast.beneficiaryB))).toBe("NOT_FOUND");
    await t.db.purchaseOrder.update({ where: { id }, data: { status: "IN_PROGRESS" } });
    const v = await version(id);
    expect(await codeOf(completeOrder({ actor: cast.beneficiaryB, input: { id, version: v } }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(completeOrder({ actor: cast.contractorX, input: { id, version: v } }))).toBe(
      "FORBIDDEN",
    );
    await t.db.purchaseOrder.update({ where: { id }, data: { status: "COMPLETED" } });
    expect(await codeOf(closeOrder({ actor: cast.beneficiaryB, input: { id, version: v } }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(closeOrder({ actor: cast.contractorY, input: { id, version: v } }))).toBe(
      "NOT_FOUND",
    );
    await expectInvariant();
  });

  it("prices a corrective line at the original's frozen unit price, not the schedule in force", async () => {
    const id = await issuedOriginal();
    // A new schedule version in force today, 20 % dearer.
    const schedule = await t.db.priceSchedule.findFirstOrThrow({
      where: { contractorId: cast.orgs.conX.id },
    });
    const v2 = await t.db.priceScheduleVersion.create({
      data: {
        scheduleId: schedule.id,
        number: 2,
        effectiveOn: new Date(`${todayIso()}T00:00:00Z`),
        proposedById: cast.contractorX.userId,
        items: {
          create: cast.agreement.uoTypes.map((u) => ({ uoTypeId: u.id, unitPriceHtCents: 1_380_000 })),
        },
      },
    });
    await t.db.priceScheduleVersion.update({
      where: { id: v2.id },
      data: { status: "VALIDATED", decidedAt: new Date(), decidedById: cast.dinum.userId },
    });
    const up = await corrective(id, ["2,55", "0,05"]);
    const issued = await issue(up.id);
    // +0,05 UO (one day) at 11 500 € = 575 €.
    expect(issued.totals.htCents).toBe(57_500n);
    await expectInvariant();
  });
});
