// The choices of the order screens on a real database: who gets which products, which
// contractors with which prices in force, and who gets nothing at all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { getOrderFormOptions, listOrderFilterOptions } from "@/lib/orders/options";
import { createTestDb, type TestDb } from "../support/db";
import { makeCast } from "../support/factories";

let t: TestDb;
let cast: Awaited<ReturnType<typeof makeCast>>;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
  await t.db.product.createMany({
    data: [
      { name: "Startup A", beneficiaryId: cast.orgs.benA.id, kind: "STARTUP_ETAT" },
      { name: "Startup B", beneficiaryId: cast.orgs.benB.id, kind: "STARTUP_ETAT" },
      { name: "Startup DINUM", beneficiaryId: cast.orgs.dinumOrg.id, kind: "STARTUP_ETAT" },
      { name: "Produit DINUM", beneficiaryId: cast.orgs.dinumOrg.id, kind: "DINUM_PRODUCT" },
    ],
  });
  const schedule = await t.db.priceSchedule.create({
    data: { agreementId: cast.agreement.id, contractorId: cast.orgs.conX.id },
  });
  const devops = cast.agreement.uoTypes.find((u) => u.code === "DEVOPS_CONFIRME")!;
  // Version 1 in force, version 2 validated but not yet in force, version 3 only proposed.
  for (const [number, effectiveOn, status, cents] of [
    [1, "2024-01-01", "VALIDATED", 1_150_000],
    [2, "2099-01-01", "VALIDATED", 1_200_000],
    [3, "2024-06-01", "PROPOSED", 1_300_000],
  ] as const) {
    // Prices are frozen once decided: create the proposal, then decide it.
    const v = await t.db.priceScheduleVersion.create({
      data: {
        scheduleId: schedule.id,
        number,
        effectiveOn: new Date(`${effectiveOn}T00:00:00Z`),
        proposedById: cast.contractorX.userId,
        items: { create: [{ uoTypeId: devops.id, unitPriceHtCents: cents }] },
      },
    });
    if (status === "VALIDATED") {
      await t.db.priceScheduleVersion.update({
        where: { id: v.id },
        data: { status, decidedAt: new Date(), decidedById: cast.dinum.userId },
      });
    }
  }
});
afterAll(async () => {
  await t?.close();
});

describe("getOrderFormOptions", () => {
  it("gives a beneficiary its own Startups d'État and the prices in force today", async () => {
    const o = await getOrderFormOptions({ actor: cast.beneficiaryA });
    expect(o.products.map((p) => p.name)).toEqual(["Startup A"]);
    expect(o.beneficiary.chorusServiceCode).toBe(cast.orgs.benA.chorusServiceCode);
    expect(o.agreement.vatRateBp).toBe(2000);
    const devops = cast.agreement.uoTypes.find((u) => u.code === "DEVOPS_CONFIRME")!;
    const x = o.contractors.find((c) => c.id === cast.orgs.conX.id)!;
    expect(x.versionNumber).toBe(1);
    expect(x.prices).toEqual({ [devops.id]: 1_150_000 });
    const y = o.contractors.find((c) => c.id === cast.orgs.conY.id)!;
    expect(y).toMatchObject({ versionNumber: null, prices: {} });
    expect(o.uoTypes.find((u) => u.id === devops.id)?.deliverables).toMatch(/^- /);
  });

  it("gives DINUM, as a beneficiary, its products of every kind", async () => {
    const o = await getOrderFormOptions({ actor: cast.dinumBeneficiary });
    expect(o.products.map((p) => p.name)).toEqual(["Produit DINUM", "Startup DINUM"]);
  });

  it("refuses those who do not order", async () => {
    expect(await codeOf(getOrderFormOptions({ actor: cast.contractorX }))).toBe("FORBIDDEN");
    expect(await codeOf(getOrderFormOptions({ actor: cast.dinum }))).toBe("FORBIDDEN");
  });
});

describe("listOrderFilterOptions", () => {
  it("offers a beneficiary its own products, others every product", async () => {
    const a = await listOrderFilterOptions({ actor: cast.beneficiaryA });
    expect(a.products.map((p) => p.name)).toEqual(["Startup A"]);
    for (const actor of [cast.contractorX, cast.dinum]) {
      const all = await listOrderFilterOptions({ actor });
      expect(all.products.map((p) => p.name)).toEqual([
        "Produit DINUM",
        "Startup A",
        "Startup B",
        "Startup DINUM",
      ]);
      expect(all.contractors.map((c) => c.name)).toEqual(["Titulaire X", "Titulaire Y"]);
    }
  });
});
