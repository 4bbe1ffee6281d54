import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { todayIso } from "@/lib/dates";
import { AppError } from "@/lib/errors";
import { createProduct, startProductPhase, updateProduct } from "@/lib/products/mutations";
import { getProduct, listProducts } from "@/lib/products/queries";
import { addDaysIso } from "@/lib/products/rules";
import {
  type CreateProductInput,
  createProductSchema,
  startProductPhaseSchema,
  updateProductSchema,
} from "@/lib/products/schemas";
import { createTestDb, type TestDb } from "../support/db";
import { makeCast } from "../support/factories";

let t: TestDb;
let cast: Awaited<ReturnType<typeof makeCast>>;

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
});
afterAll(async () => {
  await t?.close();
});

/** The AppError code a call fails with, or "ok". */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a failure");
}

const base: Omit<CreateProductInput, "name" | "beneficiaryId"> = {
  kind: "STARTUP_ETAT",
  incubator: "Incubateur de test",
  betaGouvId: null,
  statsUrl: null,
  description: null,
};

let seq = 0;
async function productOf(actor: Actor, beneficiaryId?: string, extra: Partial<typeof base> = {}) {
  seq += 1;
  return createProduct({ actor, input: { ...base, ...extra, name: `Produit ${seq}`, beneficiaryId } });
}

async function auditCount(entityId: string, action?: string) {
  return t.db.auditEvent.count({ where: { entityId, ...(action ? { action } : {}) } });
}

describe("creating products", () => {
  it("creates a beneficiary's product for its own organisation, audited once", async () => {
    const { id } = await productOf(cast.beneficiaryA);
    const row = await t.db.product.findUniqueOrThrow({ where: { id } });
    expect(row.beneficiaryId).toBe(cast.orgs.benA.id);
    expect(await auditCount(id, "product.create")).toBe(1);
  });

  it("refuses a beneficiary creating a product for another organisation", async () => {
    const before = await t.db.product.count();
    expect(await outcome(productOf(cast.beneficiaryA, cast.orgs.benB.id))).toBe("FORBIDDEN");
    expect(await t.db.product.count()).toBe(before);
  });

  it("lets DINUM create a product for any beneficiary, and requires it to choose one", async () => {
    const { id } = await productOf(cast.dinum, cast.orgs.benB.id);
    expect((await t.db.product.findUniqueOrThrow({ where: { id } })).beneficiaryId).toBe(cast.orgs.benB.id);
    const e = await failure(productOf(cast.dinum));
    expect(e.code).toBe("VALIDATION");
    expect(e.fieldErrors.beneficiaryId).toBeDefined();
  });

  it("refuses contractors (read-only)", async () => {
    expect(await outcome(productOf(cast.contractorX))).toBe("FORBIDDEN");
  });

  it("keeps DINUM products for DINUM (DOMAIN rule 1)", async () => {
    const events = await t.db.auditEvent.count();
    const e = await failure(productOf(cast.beneficiaryA, undefined, { kind: "DINUM_PRODUCT" }));
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toMatch(/Seule la DINUM/);
    expect(e.fieldErrors.kind).toBeDefined();
    expect(await outcome(productOf(cast.dinum, cast.orgs.benA.id, { kind: "DINUM_PRODUCT" }))).toBe(
      "VALIDATION",
    );
    expect(await t.db.auditEvent.count()).toBe(events);
    expect(await outcome(productOf(cast.dinumBeneficiary, undefined, { kind: "DINUM_PRODUCT" }))).toBe("ok");
    expect(await outcome(productOf(cast.dinum, cast.orgs.dinumOrg.id, { kind: "DINUM_PRODUCT" }))).toBe("ok");
  });

  it("refuses a beta.gouv.fr id already used, next to the field, with nothing written", async () => {
    await productOf(cast.beneficiaryA, undefined, { betaGouvId: "produit-unique" });
    const events = await t.db.auditEvent.count();
    const e = await failure(productOf(cast.beneficiaryB, undefined, { betaGouvId: "produit-unique" }));
    expect(e.code).toBe("VALIDATION");
    expect(e.fieldErrors.betaGouvId?.[0]).toMatch(/déjà utilisé/);
    expect(await t.db.auditEvent.count()).toBe(events);
  });
});

describe("reading products", () => {
  let aId: string;
  let bId: string;
  beforeAll(async () => {
    aId = (await productOf(cast.beneficiaryA, undefined, { betaGouvId: "lecture-a" })).id;
    bId = (await productOf(cast.beneficiaryB)).id;
  });

  it("shows a beneficiary its own organisation's products only", async () => {
    const page = await listProducts({ actor: cast.beneficiaryA, page: 1 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((p) => p.owner.id === cast.orgs.benA.id)).toBe(true);
    expect(await outcome(getProduct({ actor: cast.beneficiaryA, id: bId }))).toBe("NOT_FOUND");
    expect(await outcome(getProduct({ actor: cast.beneficiaryA, id: aId }))).toBe("ok");
  });

  it("shows DINUM and contractors every product", async () => {
    for (const actor of [cast.dinum, cast.contractorX]) {
      const ids = (await listProducts({ actor, page: 1 })).items.map((p) => p.id);
      expect(ids).toEqual(expect.arrayContaining([aId, bId]));
      expect(await outcome(getProduct({ actor, id: bId }))).toBe("ok");
    }
  });

  it("searches and filters in the database", async () => {
    const found = await listProducts({ actor: cast.dinum, page: 1, q: "LECTURE-A" });
    expect(found.items.map((p) => p.id)).toEqual([aId]);
    expect(
      (await listProducts({ actor: cast.dinum, page: 1, kind: "DINUM_PRODUCT" })).items.every(
        (p) => p.kind === "DINUM_PRODUCT",
      ),
    ).toBe(true);
  });

  it("answers NOT_FOUND for an id that does not exist or is malformed", async () => {
    expect(await outcome(getProduct({ actor: cast.dinum, id: "00000000-0000-4000-8000-000000000000" }))).toBe(
      "NOT_FOUND",
    );
    expect(await outcome(getProduct({ actor: cast.dinum, id: "pas-un-uuid" }))).toBe("NOT_FOUND");
  });
});

describe("updating products", () => {
  it("applies an edit with the right version and refuses a stale one", async () => {
    const { id } = await productOf(cast.beneficiaryA);
    const input = { ...base, id, version: 1, name: "Nouveau nom", description: "Décrit" };
    await updateProduct({ actor: cast.beneficiaryA, input });
    const row = await t.db.product.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ name: "Nouveau nom", description: "Décrit", version: 2 });
    const e = await failure(updateProduct({ actor: cast.beneficiaryA, input: { ...input, name: "Autre" } }));
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toMatch(/modifié entre-temps/);
    expect(await auditCount(id, "product.update")).toBe(1);
  });

  it("answers NOT_FOUND to another organisation, FORBIDDEN to a contractor; DINUM may", async () => {
    const { id } = await productOf(cast.beneficiaryB);
    const input = { ...base, id, version: 1, name: "Piraté" };
    expect(await outcome(updateProduct({ actor: cast.beneficiaryA, input }))).toBe("NOT_FOUND");
    expect(await outcome(updateProduct({ actor: cast.contractorX, input }))).toBe("FORBIDDEN");
    expect(await auditCount(id, "product.update")).toBe(0);
    expect(
      await outcome(updateProduct({ actor: cast.dinum, input: { ...input, name: "Renommé par la DINUM" } })),
    ).toBe("ok");
    expect(await auditCount(id, "product.update")).toBe(1);
  });

  it("refuses turning a beneficiary's product into a DINUM product", async () => {
    const { id } = await productOf(cast.beneficiaryA);
    const e = await failure(
      updateProduct({
        actor: cast.dinum,
        input: { ...base, id, version: 1, name: "X", kind: "DINUM_PRODUCT" },
      }),
    );
    expect(e.code).toBe("VALIDATION");
    expect((await t.db.product.findUniqueOrThrow({ where: { id } })).kind).toBe("STARTUP_ETAT");
  });
});

describe("product phases", () => {
  let id: string;
  beforeEach(async () => {
    id = (await productOf(cast.beneficiaryA)).id;
  });
  const phasesOf = (productId: string) =>
    t.db.productPhase.findMany({ where: { productId }, orderBy: { startsOn: "asc" } });

  it("closes the open phase the day before the new one starts", async () => {
    const today = todayIso();
    const investigationStart = addDaysIso(today, -60);
    await startProductPhase({
      actor: cast.beneficiaryA,
      productId: id,
      input: { phase: "INVESTIGATION", startsOn: investigationStart, comment: null },
    });
    await startProductPhase({
      actor: cast.beneficiaryA,
      productId: id,
      input: { phase: "CONSTRUCTION", startsOn: today, comment: "Comité du jour" },
    });
    const phases = await phasesOf(id);
    expect(phases.map((p) => [p.phase, p.endsOn?.toISOString().slice(0, 10) ?? null])).toEqual([
      ["INVESTIGATION", addDaysIso(today, -1)],
      ["CONSTRUCTION", null],
    ]);
    const detail = await getProduct({ actor: cast.beneficiaryA, id });
    expect(detail.currentPhase?.phase).toBe("CONSTRUCTION");
    expect(detail.committee?.passed).toBe(false);
    expect(await auditCount(id, "product.phase.start")).toBe(2);
    const listed = await listProducts({ actor: cast.beneficiaryA, page: 1, phase: "CONSTRUCTION" });
    expect(listed.items.find((p) => p.id === id)?.currentPhase?.phase).toBe("CONSTRUCTION");
    const other = await listProducts({ actor: cast.beneficiaryA, page: 1, phase: "INVESTIGATION" });
    expect(other.items.some((p) => p.id === id)).toBe(false);
  });

  it("refuses a phase starting on or before the start of the current one, with nothing written", async () => {
    await startProductPhase({
      actor: cast.beneficiaryA,
      productId: id,
      input: { phase: "INVESTIGATION", startsOn: "2026-01-05", comment: null },
    });
    const events = await t.db.auditEvent.count();
    for (const startsOn of ["2026-01-04", "2026-01-05"]) {
      const e = await failure(
        startProductPhase({
          actor: cast.beneficiaryA,
          productId: id,
          input: { phase: "CONSTRUCTION", startsOn, comment: null },
        }),
      );
      expect(e.code).toBe("VALIDATION");
      expect(e.fieldErrors.startsOn?.[0]).toMatch(/doit commencer après le 5 janvier 2026/);
    }
    expect(await phasesOf(id)).toHaveLength(1);
    expect((await phasesOf(id))[0]?.endsOn).toBeNull();
    expect(await t.db.auditEvent.count()).toBe(events);
  });

  it("answers NOT_FOUND to another organisation and FORBIDDEN to a contractor; DINUM may", async () => {
    const input = { phase: "INVESTIGATION" as const, startsOn: "2026-02-02", comment: null };
    expect(await outcome(startProductPhase({ actor: cast.beneficiaryB, productId: id, input }))).toBe(
      "NOT_FOUND",
    );
    expect(await outcome(startProductPhase({ actor: cast.contractorX, productId: id, input }))).toBe(
      "FORBIDDEN",
    );
    expect(await phasesOf(id)).toHaveLength(0);
    expect(await auditCount(id, "product.phase.start")).toBe(0);
    expect(await outcome(startProductPhase({ actor: cast.dinum, productId: id, input }))).toBe("ok");
    expect(await phasesOf(id)).toHaveLength(1);
  });

  it("keeps phases consistent when two phases are started at once", async () => {
    await startProductPhase({
      actor: cast.beneficiaryA,
      productId: id,
      input: { phase: "INVESTIGATION", startsOn: "2026-01-05", comment: null },
    });
    const results = await Promise.allSettled([
      startProductPhase({
        actor: cast.beneficiaryA,
        productId: id,
        input: { phase: "CONSTRUCTION", startsOn: "2026-03-02", comment: null },
      }),
      startProductPhase({
        actor: cast.dinum,
        productId: id,
        input: { phase: "ABANDON", startsOn: "2026-03-02", comment: null },
      }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const phases = await phasesOf(id);
    expect(phases).toHaveLength(2);
    expect(phases.filter((p) => p.endsOn === null)).toHaveLength(1);
  });
});

describe("strict schemas", () => {
  const valid = {
    name: "Produit",
    kind: "STARTUP_ETAT",
    incubator: "",
    betaGouvId: "",
    statsUrl: "",
    description: "",
  };
  it("accept a well-formed form", () => {
    const parsed = createProductSchema.safeParse(valid);
    expect(parsed.success && parsed.data).toMatchObject({
      betaGouvId: null,
      statsUrl: null,
      incubator: null,
    });
    expect(parsed.success && parsed.data.beneficiaryId).toBeUndefined();
  });
  it("refuse fields the form does not have", () => {
    for (const extra of [{ status: "x" }, { version: "3" }, { contractorId: "x" }, { ownerId: "x" }]) {
      expect(createProductSchema.safeParse({ ...valid, ...extra }).success).toBe(false);
    }
    const update = { ...valid, id: "00000000-0000-4000-8000-000000000000", version: "1" };
    expect(updateProductSchema.safeParse(update).success).toBe(true);
    expect(updateProductSchema.safeParse({ ...update, beneficiaryId: cast.orgs.benA.id }).success).toBe(
      false,
    );
    expect(
      startProductPhaseSchema.safeParse({
        productId: update.id,
        phase: "CONSTRUCTION",
        startsOn: "2026-01-01",
        comment: "",
        endsOn: "2026-02-01",
      }).success,
    ).toBe(false);
  });
  it("check the beta.gouv.fr id, the statistics address and the phase date", () => {
    expect(createProductSchema.safeParse({ ...valid, betaGouvId: "Mon Produit" }).success).toBe(false);
    expect(createProductSchema.safeParse({ ...valid, betaGouvId: "mon-produit-2" }).success).toBe(true);
    expect(
      createProductSchema.safeParse({ ...valid, statsUrl: "http://exemple.gouv.fr/stats" }).success,
    ).toBe(false);
    expect(createProductSchema.safeParse({ ...valid, statsUrl: "javascript:alert(1)" }).success).toBe(false);
    expect(
      createProductSchema.safeParse({ ...valid, statsUrl: "https://exemple.gouv.fr/stats" }).success,
    ).toBe(true);
    expect(createProductSchema.safeParse({ ...valid, kind: "AUTRE" }).success).toBe(false);
    const phase = { productId: "00000000-0000-4000-8000-000000000000", phase: "CONSTRUCTION", comment: "" };
    expect(startProductPhaseSchema.safeParse({ ...phase, startsOn: "2026-02-30" }).success).toBe(false);
    expect(
      startProductPhaseSchema.safeParse({ ...phase, phase: "PIVOT", startsOn: "2026-02-02" }).success,
    ).toBe(false);
  });
});
