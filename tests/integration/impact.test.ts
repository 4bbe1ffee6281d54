// Impact indicators on a real database: the product's team enters a month, corrects it with
// an optimistic lock, two entries of the same month at once make one row; the product page's
// cost per active user = certified spend of the last twelve months ÷ latest active users,
// checked against an independent SQL sum.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceFaitDecision } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { isoToDate, todayIso } from "@/lib/dates";
import { isAppError } from "@/lib/errors";
import { saveIndicator } from "@/lib/impact/mutations";
import { getIndicatorsForm, getProductImpact } from "@/lib/impact/queries";
import { costPerActiveUserCents, twelveMonthWindow } from "@/lib/impact/rules";
import { saveIndicatorSchema } from "@/lib/impact/schemas";
import { createTestDb, type TestDb } from "../support/db";
import { makeCast } from "../support/factories";
import { insertOrder } from "../support/orders";

let t: TestDb;
let cast: Awaited<ReturnType<typeof makeCast>>;
let productA: string;
let otherProductA: string;
let seq = 0;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

/** "YYYY-MM" `n` months before the current month (Paris). */
function monthsAgo(n: number): string {
  const [y, m] = todayIso().slice(0, 7).split("-").map(Number) as [number, number];
  const total = y * 12 + (m - 1) - n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
}

const input = (over: Record<string, string> = {}) =>
  saveIndicatorSchema.parse({
    productId: productA,
    month: monthsAgo(2),
    monthlyActiveUsers: "1 000",
    ...over,
  });

async function save(actor: Actor, over: Record<string, string> = {}) {
  return saveIndicator({ actor, input: input(over) });
}

/** A service-fait record on an order of `productId`, decided on `decidedOn`. */
async function serviceFait(
  orderId: string,
  decidedOn: string,
  certifiedHtCents: bigint,
  decision: ServiceFaitDecision = "ADMISSION",
) {
  seq++;
  const computed = decision === "ADMISSION" ? certifiedHtCents : 50_000n;
  await t.db.serviceFait.create({
    data: {
      orderId,
      number: `SF-T-${seq}`,
      periodStart: isoToDate("2025-01-01"),
      periodEnd: isoToDate("2025-01-31"),
      decision,
      computedHtCents: computed,
      certifiedHtCents: decision === "ADMISSION" ? certifiedHtCents : 0n,
      vatCents: 0n,
      certifiedTtcCents: decision === "ADMISSION" ? certifiedHtCents : 0n,
      decidedOn: isoToDate(decidedOn),
      issuedById: cast.beneficiaryA.userId,
      signatoryName: "Signataire",
    },
  });
}

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
  const make = async (name: string) =>
    (await t.db.product.create({ data: { name, beneficiaryId: cast.orgs.benA.id, kind: "STARTUP_ETAT" } }))
      .id;
  productA = await make("Produit A");
  otherProductA = await make("Autre produit A");
});
afterAll(async () => {
  await t?.close();
});

describe(`impact indicators (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("the product's team enters a month: satisfaction in tenths, audited, shown on the product page", async () => {
    await save(cast.beneficiaryA, { satisfaction: "8,2" });
    const row = await t.db.productIndicator.findFirstOrThrow({ where: { productId: productA } });
    expect(row).toMatchObject({ monthlyActiveUsers: 1000, satisfactionTenths: 82, version: 1 });
    expect(row.enteredById).toBe(cast.beneficiaryA.userId);
    const audit = await t.db.auditEvent.findMany({ where: { entityId: row.id } });
    expect(audit.map((a) => a.action)).toEqual(["indicator.create"]);
    const impact = await getProductImpact({ actor: cast.beneficiaryA, productId: productA });
    expect(impact.latest).toMatchObject({
      month: monthsAgo(2),
      monthlyActiveUsers: 1000,
      satisfactionTenths: 82,
    });
    expect(impact.canManage).toBe(true);
  });

  it("the same month entered again is refused; a correction needs the version it was loaded with", async () => {
    expect(await codeOf(save(cast.beneficiaryA, { monthlyActiveUsers: "5" }))).toBe("CONFLICT");
    const row = await t.db.productIndicator.findFirstOrThrow({ where: { productId: productA } });
    expect(row.monthlyActiveUsers).toBe(1000);
    await save(cast.beneficiaryA, { monthlyActiveUsers: "1 250", satisfaction: "", version: "1" });
    expect(await t.db.productIndicator.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      monthlyActiveUsers: 1250,
      satisfactionTenths: null,
      version: 2,
    });
    // The form loaded before that correction is stale.
    expect(await codeOf(save(cast.beneficiaryA, { monthlyActiveUsers: "9", version: "1" }))).toBe("CONFLICT");
    expect(
      (await t.db.productIndicator.findUniqueOrThrow({ where: { id: row.id } })).monthlyActiveUsers,
    ).toBe(1250);
    const audit = await t.db.auditEvent.findMany({ where: { entityId: row.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["indicator.create", "indicator.update"]);
    expect(audit[1]?.before).toMatchObject({ monthlyActiveUsers: 1000, satisfactionTenths: 82 });
    expect(audit[1]?.after).toMatchObject({ monthlyActiveUsers: 1250, satisfactionTenths: null, version: 2 });
  });

  it("refuses a month to come, other organisations and other roles: nothing written", async () => {
    const before = { rows: await t.db.productIndicator.count(), audit: await t.db.auditEvent.count() };
    const next = monthsAgo(-1);
    expect(await codeOf(save(cast.beneficiaryA, { month: next }))).toBe("VALIDATION");
    expect(await codeOf(save(cast.beneficiaryB, { month: monthsAgo(5) }))).toBe("NOT_FOUND");
    expect(await codeOf(save(cast.dinumBeneficiary, { month: monthsAgo(5) }))).toBe("NOT_FOUND");
    expect(await codeOf(save(cast.dinum, { month: monthsAgo(5) }))).toBe("FORBIDDEN");
    expect(await codeOf(save(cast.contractorX, { month: monthsAgo(5) }))).toBe("FORBIDDEN");
    expect(
      await codeOf(save(cast.beneficiaryA, { month: monthsAgo(5), productId: crypto.randomUUID() })),
    ).toBe("NOT_FOUND");
    expect({ rows: await t.db.productIndicator.count(), audit: await t.db.auditEvent.count() }).toEqual(
      before,
    );
    // The entry page: the team only; others get "not found" (or forbidden for the role).
    expect(await codeOf(getIndicatorsForm({ actor: cast.beneficiaryA, productId: productA }))).toBe("OK");
    expect(await codeOf(getIndicatorsForm({ actor: cast.beneficiaryB, productId: productA }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(getIndicatorsForm({ actor: cast.dinum, productId: productA }))).toBe("FORBIDDEN");
    expect(await codeOf(getIndicatorsForm({ actor: cast.contractorX, productId: productA }))).toBe(
      "FORBIDDEN",
    );
    const form = await getIndicatorsForm({
      actor: cast.beneficiaryA,
      productId: productA,
      month: monthsAgo(2),
    });
    expect(form.editing).toMatchObject({ month: monthsAgo(2), version: 2 });
  });

  it("two first entries of the same month at the same time: one row, the other is told", async () => {
    const month = monthsAgo(7);
    const results = await Promise.all(
      ["100", "200", "300"].map((n) => codeOf(save(cast.beneficiaryA, { month, monthlyActiveUsers: n }))),
    );
    expect(results.sort()).toEqual(["CONFLICT", "CONFLICT", "OK"]);
    const rows = await t.db.productIndicator.findMany({
      where: { productId: productA, month: isoToDate(`${month}-01`) },
    });
    expect(rows).toHaveLength(1);
    expect(await t.db.auditEvent.count({ where: { entityId: rows[0]?.id } })).toBe(1);
    // And two corrections of the same version: one wins.
    const corrections = await Promise.all(
      ["400", "500"].map((n) =>
        codeOf(save(cast.beneficiaryA, { month, monthlyActiveUsers: n, version: "1" })),
      ),
    );
    expect(corrections.sort()).toEqual(["CONFLICT", "OK"]);
    expect((await t.db.productIndicator.findUniqueOrThrow({ where: { id: rows[0]?.id } })).version).toBe(2);
  });

  it("cost per active user = certified spend of the last twelve months ÷ latest active users, half-up", async () => {
    const today = todayIso();
    const window = twelveMonthWindow(today);
    const orderA = await insertOrder(t.db, {
      agreementId: cast.agreement.id,
      beneficiaryId: cast.orgs.benA.id,
      productId: productA,
      contractorId: cast.orgs.conX.id,
      status: "IN_PROGRESS",
      createdById: cast.beneficiaryA.userId,
    });
    const orderAY = await insertOrder(t.db, {
      agreementId: cast.agreement.id,
      beneficiaryId: cast.orgs.benA.id,
      productId: productA,
      contractorId: cast.orgs.conY.id,
      status: "IN_PROGRESS",
      createdById: cast.beneficiaryA.userId,
    });
    const orderOther = await insertOrder(t.db, {
      agreementId: cast.agreement.id,
      beneficiaryId: cast.orgs.benA.id,
      productId: otherProductA,
      contractorId: cast.orgs.conX.id,
      status: "IN_PROGRESS",
      createdById: cast.beneficiaryA.userId,
    });
    await serviceFait(orderA.id, today, 1_000_001n); // in (today is included)
    await serviceFait(orderAY.id, monthsAgoDay(3), 2_000_000n); // in, another company's order
    await serviceFait(orderA.id, window.afterExclusive, 7_000_000n); // out: exactly twelve months ago
    await serviceFait(orderA.id, monthsAgoDay(13), 9_000_000n); // out: too old
    await serviceFait(orderOther.id, today, 5_000_000n); // out: another product
    await serviceFait(orderA.id, today, 0n, "AJOURNEMENT"); // certifies nothing
    // Latest month: 3 users (older months have more).
    await save(cast.beneficiaryA, { month: monthsAgo(0), monthlyActiveUsers: "3" });

    const impact = await getProductImpact({ actor: cast.beneficiaryA, productId: productA });
    const [independent] = await t.db.$queryRaw<Array<{ sum: bigint }>>`
      SELECT COALESCE(sum(s."certifiedHtCents"), 0)::bigint AS "sum"
        FROM "ServiceFait" s JOIN "PurchaseOrder" o ON o."id" = s."orderId"
       WHERE o."productId" = ${productA}::uuid
         AND s."decidedOn" > (${today}::date - interval '12 months') AND s."decidedOn" <= ${today}::date`;
    expect(impact.spend?.certifiedHtCents).toBe(3_000_001n);
    expect(BigInt(independent?.sum ?? -1n)).toBe(3_000_001n);
    // 3 000 001 / 3 = 1 000 000,33… → 1 000 000 cents (10 000,00 €).
    expect(impact.spend?.costPerActiveUserCents).toBe(1_000_000n);
    expect(impact.latest?.monthlyActiveUsers).toBe(3);

    // 2 users: 1 500 000,5 → half-up 1 500 001.
    await save(cast.beneficiaryA, { month: monthsAgo(0), monthlyActiveUsers: "2", version: "1" });
    expect(
      (await getProductImpact({ actor: cast.beneficiaryA, productId: productA })).spend
        ?.costPerActiveUserCents,
    ).toBe(1_500_001n);
    // No users in the latest month: not computable.
    await save(cast.beneficiaryA, { month: monthsAgo(0), monthlyActiveUsers: "0", version: "2" });
    const none = await getProductImpact({ actor: cast.beneficiaryA, productId: productA });
    expect(none.spend?.costPerActiveUserCents).toBeNull();
    expect(none.spend?.certifiedHtCents).toBe(3_000_001n);
    expect(costPerActiveUserCents(3_000_001n, 0)).toBeNull();
    // A product without indicators: not computable either.
    const other = await getProductImpact({ actor: cast.beneficiaryA, productId: otherProductA });
    expect(other.latest).toBeNull();
    expect(other.spend).toEqual({ window, certifiedHtCents: 5_000_000n, costPerActiveUserCents: null });
  });

  it("shows the spend to the owning organisation and DINUM, not to a contractor; others: not found", async () => {
    expect((await getProductImpact({ actor: cast.dinum, productId: productA })).spend).not.toBeNull();
    const contractor = await getProductImpact({ actor: cast.contractorX, productId: productA });
    expect(contractor.spend).toBeNull();
    expect(contractor.canManage).toBe(false);
    expect(contractor.latest).not.toBeNull();
    expect(await codeOf(getProductImpact({ actor: cast.beneficiaryB, productId: productA }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(getProductImpact({ actor: cast.dinumBeneficiary, productId: productA }))).toBe(
      "NOT_FOUND",
    );
  });
});

/** "YYYY-MM-DD": today minus `n` months (same day, clamped by date-fns rules is not needed here). */
function monthsAgoDay(n: number): string {
  return `${monthsAgo(n)}-15`;
}
