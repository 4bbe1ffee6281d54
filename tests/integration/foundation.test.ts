import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgErrorOf } from "@/lib/db/errors";
import { seedIfEmpty } from "@/prisma/seed/demo";
import { createTestDb, type TestDb } from "../support/db";

let t: TestDb;

/** The PostgreSQL message of a rejected database call. */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return pgErrorOf(e)?.message ?? String(e);
  }
  return "accepted";
}
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

describe(`database foundation (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("loads the demo data once, with the nine UO types of the CCTP", async () => {
    expect(await seedIfEmpty(t.db)).toBe(true);
    expect(await seedIfEmpty(t.db)).toBe(false);
    const codes = (await t.db.uoType.findMany({ orderBy: { sortOrder: "asc" } })).map((u) => u.code);
    expect(codes).toEqual([
      "DEVOPS_JUNIOR",
      "DEVOPS_CONFIRME",
      "DEVOPS_SENIOR",
      "DESIGN_JUNIOR",
      "DESIGN_CONFIRME",
      "BIZDEV_CUSTOMER_SUCCESS",
      "PM_JUNIOR",
      "PM",
      "REVERSIBILITE",
    ]);
    expect(await t.db.beneficiary.count({ where: { isDinum: true } })).toBe(1);
  });

  it("refuses to change or delete audit events, even through the application's connection", async () => {
    const ev = await t.db.auditEvent.findFirstOrThrow();
    expect(await refusal(t.db.auditEvent.update({ where: { id: ev.id }, data: { action: "x" } }))).toMatch(
      /append-only/,
    );
    expect(await refusal(t.db.$executeRawUnsafe(`DELETE FROM "AuditEvent"`))).toMatch(/append-only/);
    expect(await t.db.auditEvent.count()).toBeGreaterThan(0);
  });

  it("refuses to change the prices of a validated price-schedule version", async () => {
    const item = await t.db.priceScheduleItem.findFirstOrThrow({
      where: { version: { status: "VALIDATED" } },
    });
    expect(
      await refusal(
        t.db.$executeRawUnsafe(
          `UPDATE "PriceScheduleItem" SET "unitPriceHtCents" = 1 WHERE id = $1::uuid`,
          item.id,
        ),
      ),
    ).toMatch(/cannot change/);
    const version = await t.db.priceScheduleVersion.findFirstOrThrow({ where: { status: "VALIDATED" } });
    expect(
      await refusal(
        t.db.priceScheduleVersion.update({
          where: { id: version.id },
          data: { status: "REJECTED", rejectionReason: "x" },
        }),
      ),
    ).toMatch(/cannot be changed/);
  });

  it("demo orders cover every status and keep the ceiling consistent to the cent", async () => {
    const statuses = (await t.db.purchaseOrder.findMany({ select: { status: true } })).map((o) => o.status);
    expect(new Set(statuses)).toEqual(
      new Set(["DRAFT", "ISSUED", "ACKNOWLEDGED", "IN_PROGRESS", "COMPLETED", "CLOSED", "CANCELLED"]),
    );
    const agreement = await t.db.frameworkAgreement.findFirstOrThrow();
    const orders = await t.db.purchaseOrder.findMany({ include: { lines: true } });
    expect(agreement.committedHtCents).toBe(orders.reduce((s, o) => s + o.committedHtCents, 0n));
    expect(agreement.committedHtCents).toBeLessThanOrEqual(agreement.maxAmountHtCents);
    for (const o of orders.filter((x) => x.status !== "DRAFT")) {
      expect(o.totalHtCents).toBe(o.lines.reduce((s, l) => s + (l.amountHtCents ?? 0n), 0n));
      expect(o.number).toMatch(/^BDC-\d{4}-\d{4}$/);
    }
    for (const l of orders.flatMap((o) => o.lines)) {
      expect(l.consumedDays.lessThanOrEqualTo(l.quantity.times(20))).toBe(true);
    }
  });
});
