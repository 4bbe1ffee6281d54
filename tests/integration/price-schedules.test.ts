import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/queries";
import { isoToDate, todayIso } from "@/lib/dates";
import { pgErrorOf } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import {
  proposePriceScheduleVersion,
  rejectPriceScheduleVersion,
  validatePriceScheduleVersion,
} from "@/lib/price-schedules/mutations";
import {
  getPriceProposalDraft,
  getPriceScheduleVersion,
  listPriceScheduleVersions,
  listPricesInForce,
} from "@/lib/price-schedules/queries";
import {
  proposePriceScheduleVersionSchema,
  rejectPriceScheduleVersionSchema,
  validatePriceScheduleVersionSchema,
} from "@/lib/price-schedules/schemas";
import { addDaysIso } from "@/lib/products/rules";
import { createTestDb, type TestDb } from "../support/db";
import { makeActor, makeCast, makeContractor } from "../support/factories";

let t: TestDb;
let cast: Awaited<ReturnType<typeof makeCast>>;
let uoIds: string[];
const today = todayIso();
const inDays = (n: number) => addDaysIso(today, n);

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
  // Proposals must fall within the agreement: keep these tests valid after its real end date.
  await t.db.frameworkAgreement.update({
    where: { id: cast.agreement.id },
    data: { endsOn: isoToDate("2099-12-31") },
  });
  uoIds = cast.agreement.uoTypes.filter((u) => u.active).map((u) => u.id);
});
afterAll(async () => {
  await t?.close();
});

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a failure");
}
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

/** Every active UO type priced at `cents` (plus its rank, so prices differ). */
function pricesAt(cents: number): Record<string, number> {
  return Object.fromEntries(uoIds.map((id, i) => [id, cents + i * 100]));
}

function propose(actor: Actor, effectiveOn: string, prices = pricesAt(1_000_000)) {
  return proposePriceScheduleVersion({ actor, input: { effectiveOn, comment: null, prices } });
}

/** A contractor of its own, so each test starts from an empty schedule. */
async function freshContractor(): Promise<{ actor: Actor; contractorId: string }> {
  const c = await makeContractor(t.db);
  return { actor: await makeActor(t.db, "CONTRACTOR", { contractorId: c.id }), contractorId: c.id };
}

const counts = async () => ({
  versions: await t.db.priceScheduleVersion.count(),
  items: await t.db.priceScheduleItem.count(),
  audit: await t.db.auditEvent.count(),
});

describe("proposing a version", () => {
  it("numbers a contractor's versions 1, 2, … and audits each proposal once", async () => {
    const { actor, contractorId } = await freshContractor();
    const v1 = await propose(actor, inDays(10));
    const v2 = await propose(actor, inDays(20));
    expect([v1.number, v2.number]).toEqual([1, 2]);
    const stored = await t.db.priceScheduleVersion.findUniqueOrThrow({
      where: { id: v2.id },
      include: { items: true, schedule: true },
    });
    expect(stored.schedule.contractorId).toBe(contractorId);
    expect(stored.status).toBe("PROPOSED");
    expect(stored.items).toHaveLength(uoIds.length);
    expect(await t.db.auditEvent.count({ where: { entityId: v1.id, action: "priceSchedule.propose" } })).toBe(
      1,
    );
  });

  it("refuses missing, zero, negative, absurd prices and unknown UO types, with nothing stored", async () => {
    const { actor } = await freshContractor();
    const before = await counts();
    const [first, second] = uoIds as [string, string];
    const missing = pricesAt(1_000_000);
    delete missing[second];
    const e = await failure(propose(actor, inDays(5), missing));
    expect(e.code).toBe("VALIDATION");
    const label = cast.agreement.uoTypes.find((u) => u.id === second)?.label;
    expect(e.message).toBe(`Il manque le prix de : ${label}.`);
    expect(e.fieldErrors[`price_${second}`]).toBeDefined();
    for (const bad of [0, -1, -880_000, 10_000_001, 1e12, 12.5, Number.NaN]) {
      const err = await failure(propose(actor, inDays(5), { ...pricesAt(1_000_000), [first]: bad }));
      expect(err.code).toBe("VALIDATION");
      expect(err.message).toMatch(/supérieurs à zéro et ne pas dépasser 100 000 € HT/);
    }
    const unknown = await failure(
      propose(actor, inDays(5), { ...pricesAt(1_000_000), "00000000-0000-4000-8000-000000000000": 100 }),
    );
    expect(unknown.message).toMatch(/inconnue/);
    expect(await counts()).toEqual(before);
  });

  it("refuses an effective date in the past or outside the agreement", async () => {
    const { actor } = await freshContractor();
    const before = await counts();
    const past = await failure(propose(actor, inDays(-1)));
    expect(past.code).toBe("VALIDATION");
    expect(past.fieldErrors.effectiveOn?.[0]).toMatch(/passé/);
    const outside = await failure(propose(actor, "2100-01-01"));
    expect(outside.fieldErrors.effectiveOn?.[0]).toMatch(/accord-cadre/);
    expect(await outcome(propose(actor, today))).toBe("ok");
    expect((await counts()).versions).toBe(before.versions + 1);
  });

  it("is for contractors only", async () => {
    for (const actor of [cast.dinum, cast.beneficiaryA, cast.dinumBeneficiary]) {
      expect(await outcome(propose(actor, inDays(5)))).toBe("FORBIDDEN");
    }
  });

  it("gives distinct consecutive numbers to concurrent proposals of one contractor", async () => {
    const { actor } = await freshContractor();
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => propose(actor, inDays(30 + i))));
    expect(results.map((r) => r.number).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("prefills the proposal form with the prices in force", async () => {
    const { actor } = await freshContractor();
    const draft0 = await getPriceProposalDraft({ actor });
    expect(draft0.inForceToday).toBeNull();
    expect(draft0.uoTypes).toHaveLength(uoIds.length);
    const v = await propose(actor, today, pricesAt(900_000));
    await validatePriceScheduleVersion({ actor: cast.dinum, id: v.id });
    const draft = await getPriceProposalDraft({ actor });
    expect(draft.inForceToday?.id).toBe(v.id);
    expect(draft.uoTypes[0]?.inForceCents).toBe(900_000);
    expect(await outcome(getPriceProposalDraft({ actor: cast.beneficiaryA }))).toBe("FORBIDDEN");
  });
});

describe("who sees which version", () => {
  let proposalOfX: string;
  let validatedOfX: string;
  beforeAll(async () => {
    validatedOfX = (await propose(cast.contractorX, inDays(1))).id;
    await validatePriceScheduleVersion({ actor: cast.dinum, id: validatedOfX });
    proposalOfX = (await propose(cast.contractorX, inDays(2))).id;
  });

  it("hides a contractor's proposal from other contractors and from beneficiaries", async () => {
    expect(await outcome(getPriceScheduleVersion({ actor: cast.contractorX, id: proposalOfX }))).toBe("ok");
    expect(await outcome(getPriceScheduleVersion({ actor: cast.dinum, id: proposalOfX }))).toBe("ok");
    for (const actor of [cast.contractorY, cast.beneficiaryA, cast.dinumBeneficiary]) {
      expect(await outcome(getPriceScheduleVersion({ actor, id: proposalOfX }))).toBe("NOT_FOUND");
    }
  });

  it("shows validated versions to everyone", async () => {
    for (const actor of [cast.contractorY, cast.beneficiaryA, cast.dinum]) {
      const v = await getPriceScheduleVersion({ actor, id: validatedOfX });
      expect(v.status).toBe("VALIDATED");
      expect(v.items).toHaveLength(uoIds.length);
    }
  });

  it("scopes the lists: beneficiaries validated only, contractors their own, DINUM all", async () => {
    const ben = await listPriceScheduleVersions({ actor: cast.beneficiaryA, page: 1, pageSize: 100 });
    expect(ben.items.every((v) => v.status === "VALIDATED")).toBe(true);
    expect(ben.items.map((v) => v.id)).toContain(validatedOfX);
    const y = await listPriceScheduleVersions({ actor: cast.contractorY, page: 1, pageSize: 100 });
    expect(y.items.every((v) => v.contractor.id === cast.orgs.conY.id)).toBe(true);
    const yAskingForX = await listPriceScheduleVersions({
      actor: cast.contractorY,
      contractorId: cast.orgs.conX.id,
      page: 1,
    });
    expect(yAskingForX.total).toBe(0);
    const x = await listPriceScheduleVersions({ actor: cast.contractorX, status: "PROPOSED", page: 1 });
    expect(x.items.map((v) => v.id)).toContain(proposalOfX);
    const dinum = await listPriceScheduleVersions({
      actor: cast.dinum,
      status: "PROPOSED",
      page: 1,
      pageSize: 100,
    });
    expect(dinum.items.map((v) => v.id)).toContain(proposalOfX);
    expect(dinum.items.every((v) => v.status === "PROPOSED")).toBe(true);
  });

  it("answers NOT_FOUND for an unknown or malformed id", async () => {
    expect(await outcome(getPriceScheduleVersion({ actor: cast.dinum, id: "abc" }))).toBe("NOT_FOUND");
    expect(
      await outcome(
        getPriceScheduleVersion({ actor: cast.dinum, id: "00000000-0000-4000-8000-000000000000" }),
      ),
    ).toBe("NOT_FOUND");
  });
});

describe("deciding a version", () => {
  it("lets DINUM validate once; a second decision is refused with its date", async () => {
    const { actor } = await freshContractor();
    const { id } = await propose(actor, inDays(3));
    await validatePriceScheduleVersion({ actor: cast.dinum, id });
    const row = await t.db.priceScheduleVersion.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "VALIDATED", decidedById: cast.dinum.userId });
    const before = await counts();
    const again = await failure(validatePriceScheduleVersion({ actor: cast.dinum, id }));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toMatch(/^Cette version a déjà été validée le \d\d\/\d\d\/\d{4} à \d\d:\d\d/);
    const reject = await failure(
      rejectPriceScheduleVersion({ actor: cast.dinum, id, reason: "Trop tard pour refuser" }),
    );
    expect(reject.message).toMatch(/déjà été validée/);
    expect(await counts()).toEqual(before);
    expect(await t.db.auditEvent.count({ where: { entityId: id, action: "priceSchedule.validate" } })).toBe(
      1,
    );
  });

  it("refuses decisions by contractors and beneficiaries", async () => {
    const { actor } = await freshContractor();
    const { id } = await propose(actor, inDays(3));
    for (const other of [actor, cast.contractorY, cast.beneficiaryA, cast.dinumBeneficiary]) {
      expect(await outcome(validatePriceScheduleVersion({ actor: other, id }))).toBe("FORBIDDEN");
      expect(await outcome(rejectPriceScheduleVersion({ actor: other, id, reason: "Pas d'accord" }))).toBe(
        "FORBIDDEN",
      );
    }
    expect((await t.db.priceScheduleVersion.findUniqueOrThrow({ where: { id } })).status).toBe("PROPOSED");
  });

  it("refuses a decision on one's own proposal, even with a DINUM membership", async () => {
    const { actor, contractorId } = await freshContractor();
    const { id } = await propose(actor, inDays(3));
    const m = await t.db.membership.create({
      data: { userId: actor.userId, role: "DINUM", beneficiaryId: cast.orgs.dinumOrg.id },
    });
    const asDinum = await loadActor({ userId: actor.userId, membershipId: m.id });
    expect(asDinum?.membership.role).toBe("DINUM");
    const e = await failure(validatePriceScheduleVersion({ actor: asDinum as Actor, id }));
    expect(e.code).toBe("FORBIDDEN");
    expect(e.message).toMatch(/proposée vous-même/);
    expect(contractorId).toBeTruthy();
  });

  it("requires a reason to reject, and records it", async () => {
    const { actor } = await freshContractor();
    const { id } = await propose(actor, inDays(3));
    const before = await counts();
    for (const reason of ["", "   ", "Non", "x".repeat(1001)]) {
      const e = await failure(rejectPriceScheduleVersion({ actor: cast.dinum, id, reason }));
      expect(e.code).toBe("VALIDATION");
      expect(e.fieldErrors.reason).toBeDefined();
    }
    expect(await counts()).toEqual(before);
    await rejectPriceScheduleVersion({ actor: cast.dinum, id, reason: "  Hausse non justifiée  " });
    const row = await t.db.priceScheduleVersion.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "REJECTED", rejectionReason: "Hausse non justifiée" });
    expect(await t.db.auditEvent.count({ where: { entityId: id, action: "priceSchedule.reject" } })).toBe(1);
    const detail = await getPriceScheduleVersion({ actor, id });
    expect(detail.rejectionReason).toBe("Hausse non justifiée");
    expect(detail.decidedBy?.id).toBe(cast.dinum.userId);
  });

  it("never validates two versions effective the same day, nor a version whose date has passed", async () => {
    const { actor } = await freshContractor();
    const a = await propose(actor, inDays(7));
    const b = await propose(actor, inDays(7));
    await validatePriceScheduleVersion({ actor: cast.dinum, id: a.id });
    const clash = await failure(validatePriceScheduleVersion({ actor: cast.dinum, id: b.id }));
    expect(clash.code).toBe("CONFLICT");
    expect(clash.message).toMatch(/même jour/);
    // A proposal left unexamined until after its effective date.
    await t.db.priceScheduleVersion.update({
      where: { id: b.id },
      data: { effectiveOn: isoToDate(inDays(-1)) },
    });
    const late = await failure(validatePriceScheduleVersion({ actor: cast.dinum, id: b.id }));
    expect(late.message).toMatch(/est passée/);
    expect((await t.db.priceScheduleVersion.findUniqueOrThrow({ where: { id: b.id } })).status).toBe(
      "PROPOSED",
    );
  });

  it("lets exactly one of a concurrent validation and rejection succeed", async () => {
    const { actor } = await freshContractor();
    const { id } = await propose(actor, inDays(3));
    const results = await Promise.allSettled([
      validatePriceScheduleVersion({ actor: cast.dinum, id }),
      rejectPriceScheduleVersion({ actor: cast.dinum, id, reason: "Refus concurrent" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(AppError);
    expect((lost.reason as AppError).code).toBe("CONFLICT");
    const decisions = await t.db.auditEvent.count({
      where: { entityId: id, action: { in: ["priceSchedule.validate", "priceSchedule.reject"] } },
    });
    expect(decisions).toBe(1);
  });

  it("has the database refuse any change to a validated version's prices", async () => {
    const { actor } = await freshContractor();
    const { id } = await propose(actor, inDays(3));
    await validatePriceScheduleVersion({ actor: cast.dinum, id });
    let code: string | undefined;
    try {
      await t.db.$executeRawUnsafe(
        `UPDATE "PriceScheduleItem" SET "unitPriceHtCents" = 1 WHERE "versionId" = $1::uuid`,
        id,
      );
    } catch (e) {
      code = pgErrorOf(e)?.code;
    }
    expect(code).toBe("P0001");
    const items = await t.db.priceScheduleItem.findMany({ where: { versionId: id } });
    expect(items.every((i) => i.unitPriceHtCents > 1)).toBe(true);
  });
});

describe("version in force", () => {
  it("is the latest validated version effective on the date; proposals and rejections never are", async () => {
    const { actor, contractorId } = await freshContractor();
    const v1 = await propose(actor, inDays(10), pricesAt(800_000));
    const v2 = await propose(actor, inDays(40), pricesAt(900_000));
    const rejected = await propose(actor, inDays(20), pricesAt(5_000_000));
    const pending = await propose(actor, inDays(30), pricesAt(6_000_000));
    await validatePriceScheduleVersion({ actor: cast.dinum, id: v1.id });
    await validatePriceScheduleVersion({ actor: cast.dinum, id: v2.id });
    await rejectPriceScheduleVersion({ actor: cast.dinum, id: rejected.id, reason: "Prix hors marché" });

    const inForceOn = async (date: string) => {
      const table = await listPricesInForce({ actor: cast.beneficiaryA, date });
      return table.contractors.find((c) => c.id === contractorId);
    };
    const before = await inForceOn(inDays(9));
    expect(before?.version).toBeNull();
    expect(before?.prices).toEqual({});
    expect((await inForceOn(inDays(10)))?.version?.id).toBe(v1.id);
    expect((await inForceOn(inDays(25)))?.version?.id).toBe(v1.id);
    expect((await inForceOn(inDays(35)))?.version?.id).toBe(v1.id);
    const later = await inForceOn(inDays(40));
    expect(later?.version?.id).toBe(v2.id);
    expect(later?.prices[uoIds[0] as string]).toBe(900_000);
    expect(pending.number).toBe(4);

    const table = await listPricesInForce({ actor: cast.contractorY });
    expect(table.uoTypes.map((u) => u.id)).toEqual(uoIds);
    expect(table.contractors.map((c) => c.id)).toContain(cast.orgs.conX.id);
    expect(await outcome(listPricesInForce({ actor: cast.dinum, date: "2026-02-30" }))).toBe("VALIDATION");
  });
});

describe("strict schemas", () => {
  const priceFields = () => Object.fromEntries(uoIds.map((id) => [`price_${id}`, "12 500,00"]));
  it("parse a proposal typed in euros into cents", () => {
    const parsed = proposePriceScheduleVersionSchema.safeParse({
      effectiveOn: today,
      comment: "",
      ...priceFields(),
    });
    expect(parsed.success).toBe(true);
    if (parsed.success) {
      expect(Object.keys(parsed.data.prices).sort()).toEqual([...uoIds].sort());
      expect(Object.values(parsed.data.prices).every((c) => c === 1_250_000)).toBe(true);
    }
  });
  it("refuse bad prices with a French message next to the field", () => {
    const key = `price_${uoIds[0]}`;
    for (const [typed, message] of [
      ["abc", /montant en euros/],
      ["1e309", /montant en euros/],
      ["0", /supérieur à zéro/],
      ["-5", /supérieur à zéro/],
      ["100 000,01", /anormalement élevé/],
      ["12,345", /montant en euros/],
      ["", /Indiquez le prix/],
    ] as const) {
      const parsed = proposePriceScheduleVersionSchema.safeParse({
        effectiveOn: today,
        ...priceFields(),
        [key]: typed,
      });
      expect(parsed.success).toBe(false);
      const issue = parsed.error?.issues.find((i) => i.path[0] === key);
      expect(issue?.message).toMatch(message);
    }
  });
  it("refuse fields the forms do not have", () => {
    for (const extra of [
      { contractorId: cast.orgs.conY.id },
      { status: "VALIDATED" },
      { number: "1" },
      { price_x: "1" },
    ]) {
      const parsed = proposePriceScheduleVersionSchema.safeParse({
        effectiveOn: today,
        ...priceFields(),
        ...extra,
      });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.some((i) => i.code === "unrecognized_keys")).toBe(true);
    }
    const id = "00000000-0000-4000-8000-000000000000";
    expect(validatePriceScheduleVersionSchema.safeParse({ id }).success).toBe(true);
    expect(validatePriceScheduleVersionSchema.safeParse({ id, status: "VALIDATED" }).success).toBe(false);
    expect(rejectPriceScheduleVersionSchema.safeParse({ id, reason: "Motif valable" }).success).toBe(true);
    expect(rejectPriceScheduleVersionSchema.safeParse({ id, reason: "Non" }).success).toBe(false);
    expect(
      rejectPriceScheduleVersionSchema.safeParse({ id, reason: "Motif", beneficiaryId: id }).success,
    ).toBe(false);
  });
});
