// DINUM reference data: agreement, organisations, people, memberships and the audit trail,
// exercised through the data layer on a real, migrated database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { updateAgreement, updateUoType } from "@/lib/agreement/mutations";
import { getAgreement } from "@/lib/agreement/queries";
import { agreementUpdateSchema } from "@/lib/agreement/schemas";
import { listAuditEvents, listAuditFilterOptions } from "@/lib/audit/queries";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/queries";
import { todayIso } from "@/lib/dates";
import { AppError, type AppErrorCode } from "@/lib/errors";
import {
  createBeneficiary,
  createContractor,
  setBeneficiaryActive,
  setContractorActive,
  updateBeneficiary,
  updateContractor,
} from "@/lib/organisations/mutations";
import {
  getBeneficiary,
  getContractor,
  listBeneficiaries,
  listContractors,
  listOrganisationOptions,
} from "@/lib/organisations/queries";
import { beneficiaryCreateSchema, contractorCreateSchema } from "@/lib/organisations/schemas";
import {
  addMembership,
  createUser,
  setMembershipActive,
  setUserActive,
  updateUser,
} from "@/lib/people/mutations";
import { getUser, listUsers } from "@/lib/people/queries";
import { userCreateSchema } from "@/lib/people/schemas";
import { createTestDb, type TestDb } from "../support/db";
import { makeActor, makeCast, makeSiret } from "../support/factories";

let t: TestDb;
let cast: Awaited<ReturnType<typeof makeCast>>;

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
});
afterAll(async () => {
  await t?.close();
});

const MISSING_ID = "00000000-0000-4000-8000-000000000000";

/** The AppError a call ends with (fails the test if it succeeds or fails otherwise). */
async function appError(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError, the call succeeded");
}

async function expectCode(p: Promise<unknown>, ...codes: AppErrorCode[]) {
  const e = await appError(p);
  expect(codes).toContain(e.code);
  return e;
}

const auditCount = () => t.db.auditEvent.count();

/** Counts what a refused change must leave untouched. */
async function snapshot() {
  return {
    audit: await t.db.auditEvent.count(),
    contractors: await t.db.contractor.count(),
    beneficiaries: await t.db.beneficiary.count(),
    users: await t.db.user.count(),
    memberships: await t.db.membership.count(),
  };
}

/**
 * What `formAction` does with a form: strict parse, then the mutation. Returns the French
 * messages of a refusal (parse or mutation), or null when the change went through.
 */
async function submit<S extends z.ZodType>(
  schema: S,
  raw: Record<string, unknown>,
  run: (input: z.output<S>) => Promise<unknown>,
): Promise<string[] | null> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return parsed.error.issues.map((i) => i.message);
  try {
    await run(parsed.data);
    return null;
  } catch (e) {
    if (e instanceof AppError) return [e.message, ...Object.values(e.fieldErrors).flat()];
    throw e;
  }
}

/** French, for the purpose of these tests: accented words or French punctuation spacing. */
function expectFrench(messages: string[] | null) {
  expect(messages).not.toBeNull();
  expect(messages!.join(" ")).toMatch(/[éèàêç]|doit|est |n'est|obligatoire/);
}

const contractorInput = () => ({
  name: "Octo Technology",
  acronym: "OCTO",
  siret: makeSiret(),
  postalAddress: "34 avenue de l'Opéra\n75002 Paris",
});
const beneficiaryInput = () => ({
  ...contractorInput(),
  name: "Ministère des Sports",
  acronym: "MS",
  chorusServiceCode: "MS0001",
  billingAddress: "95 avenue de France\n75013 Paris",
});
let emailSeq = 0;
const userInput = () => ({
  email: `personne.${++emailSeq}@exemple.gouv.fr`,
  givenName: "Camille",
  usualName: "Durand",
});

describe("DINUM manages reference data, one audit event per change", () => {
  it("creates and updates a contractor", async () => {
    const before = await auditCount();
    const { id } = await createContractor({ actor: cast.dinum, input: contractorInput() });
    expect(await auditCount()).toBe(before + 1);
    const created = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: id } });
    expect(created).toMatchObject({
      action: "contractor.create",
      entityType: "Contractor",
      actorUserId: cast.dinum.userId,
    });

    const c = await getContractor({ actor: cast.dinum, id });
    await updateContractor({
      actor: cast.dinum,
      id,
      input: { ...contractorInput(), name: "Octo", version: c.version },
    });
    expect(await auditCount()).toBe(before + 2);
    const ev = await t.db.auditEvent.findFirstOrThrow({
      where: { entityId: id, action: "contractor.update" },
    });
    expect(ev.before).toMatchObject({ name: "Octo Technology", version: 1 });
    expect(ev.after).toMatchObject({ name: "Octo", version: 2 });
    expect((await getContractor({ actor: cast.dinum, id })).name).toBe("Octo");

    await setContractorActive({ actor: cast.dinum, id, input: { version: 2, active: false } });
    expect(await auditCount()).toBe(before + 3);
    expect((await getContractor({ actor: cast.dinum, id })).active).toBe(false);
  });

  it("creates and updates a beneficiary; isDinum never comes from the input", async () => {
    const before = await auditCount();
    const input = { ...beneficiaryInput(), isDinum: true } as ReturnType<typeof beneficiaryInput>;
    const { id } = await createBeneficiary({ actor: cast.dinum, input });
    expect(await auditCount()).toBe(before + 1);
    const b = await getBeneficiary({ actor: cast.dinum, id });
    expect(b.isDinum).toBe(false);
    await updateBeneficiary({
      actor: cast.dinum,
      id,
      input: { ...beneficiaryInput(), chorusServiceCode: "MS0002", version: b.version },
    });
    expect(await auditCount()).toBe(before + 2);
    expect((await getBeneficiary({ actor: cast.dinum, id })).chorusServiceCode).toBe("MS0002");
  });

  it("creates and updates a person, and gives them a membership", async () => {
    const before = await auditCount();
    const { id } = await createUser({ actor: cast.dinum, input: userInput() });
    expect(await auditCount()).toBe(before + 1);
    const u = await getUser({ actor: cast.dinum, id });
    await updateUser({
      actor: cast.dinum,
      id,
      input: { ...userInput(), usualName: "Petit", version: u.version },
    });
    expect(await auditCount()).toBe(before + 2);
    await addMembership({
      actor: cast.dinum,
      userId: id,
      input: { role: "BENEFICIARY", organisationId: cast.orgs.benA.id },
    });
    expect(await auditCount()).toBe(before + 3);
    const ev = await t.db.auditEvent.findFirstOrThrow({
      where: { action: "membership.add" },
      orderBy: { id: "desc" },
    });
    expect(ev.after).toMatchObject({
      userId: id,
      role: "BENEFICIARY",
      beneficiaryId: cast.orgs.benA.id,
      active: true,
    });
    const after = await getUser({ actor: cast.dinum, id });
    expect(after.usualName).toBe("Petit");
    expect(after.memberships).toHaveLength(1);
  });

  it("changes the agreement and a UO type, keeping the CCTP's code, family and 20 days", async () => {
    const a = await getAgreement({ actor: cast.dinum });
    const before = await auditCount();
    await updateAgreement({
      actor: cast.dinum,
      id: a.id,
      input: {
        version: a.version,
        title: a.title,
        startsOn: "2024-01-01",
        endsOn: "2028-06-30",
        maxAmountHt: 9_500_000_000n,
        vatRate: 550,
      },
    });
    const uo = a.uoTypes[0]!;
    await updateUoType({
      actor: cast.dinum,
      id: uo.id,
      input: {
        version: uo.version,
        label: "Devops junior",
        level: "Junior",
        description: "D",
        deliverables: ["X"],
        active: true,
      },
    });
    expect(await auditCount()).toBe(before + 2);
    const b = await getAgreement({ actor: cast.beneficiaryA });
    expect(b.maxAmountHtCents).toBe(9_500_000_000n);
    expect(b.vatRateBp).toBe(550);
    expect(b.uoTypes[0]).toMatchObject({
      code: uo.code,
      family: uo.family,
      daysPerUnit: 20,
      label: "Devops junior",
    });
    const ev = await t.db.auditEvent.findFirstOrThrow({ where: { action: "agreement.update" } });
    expect(ev.after).toMatchObject({ maxAmountHtCents: "9500000000", vatRateBp: 550 });
  });

  it("writes no audit event when a mutation fails", async () => {
    const taken = await t.db.contractor.findFirstOrThrow({ select: { siret: true } });
    const before = await snapshot();
    await expectCode(
      createContractor({ actor: cast.dinum, input: { ...contractorInput(), siret: taken.siret } }),
      "VALIDATION",
    );
    await expectCode(
      updateContractor({
        actor: cast.dinum,
        id: cast.orgs.conX.id,
        input: { ...contractorInput(), version: 999 },
      }),
      "CONFLICT",
    );
    await expectCode(
      setUserActive({ actor: cast.dinum, id: MISSING_ID, input: { version: 1, active: false } }),
      "NOT_FOUND",
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe("other roles may not manage reference data", () => {
  const others = () =>
    [
      ["beneficiary", cast.beneficiaryA],
      ["contractor", cast.contractorX],
      ["DINUM's own beneficiary correspondent", cast.dinumBeneficiary],
    ] as Array<[string, Actor]>;

  it("every mutation answers FORBIDDEN and changes nothing", async () => {
    const a = await getAgreement({ actor: cast.dinum });
    const before = await snapshot();
    for (const [, actor] of others()) {
      const v = { version: 1, active: false };
      const calls: Array<() => Promise<unknown>> = [
        () =>
          updateAgreement({
            actor,
            id: a.id,
            input: {
              version: a.version,
              title: "x",
              startsOn: "2024-01-01",
              endsOn: "2027-01-01",
              maxAmountHt: 1n,
              vatRate: 2000,
            },
          }),
        () =>
          updateUoType({
            actor,
            id: a.uoTypes[0]!.id,
            input: {
              version: 1,
              label: "x",
              level: null,
              description: "x",
              deliverables: ["x"],
              active: true,
            },
          }),
        () => createContractor({ actor, input: contractorInput() }),
        () => updateContractor({ actor, id: cast.orgs.conX.id, input: { ...contractorInput(), version: 1 } }),
        () => setContractorActive({ actor, id: cast.orgs.conX.id, input: v }),
        () => createBeneficiary({ actor, input: beneficiaryInput() }),
        () =>
          updateBeneficiary({ actor, id: cast.orgs.benA.id, input: { ...beneficiaryInput(), version: 1 } }),
        () => setBeneficiaryActive({ actor, id: cast.orgs.benA.id, input: v }),
        () => createUser({ actor, input: userInput() }),
        () => updateUser({ actor, id: actor.userId, input: { ...userInput(), version: 1 } }),
        () => setUserActive({ actor, id: cast.dinum.userId, input: v }),
        () => addMembership({ actor, userId: actor.userId, input: { role: "DINUM", organisationId: null } }),
        () => setMembershipActive({ actor, id: cast.dinum.membership.id, input: v }),
      ];
      for (const call of calls) expect((await appError(call())).code).toBe("FORBIDDEN");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("DINUM-only reads answer FORBIDDEN or NOT_FOUND, never data", async () => {
    for (const [, actor] of others()) {
      const reads: Array<() => Promise<unknown>> = [
        () => listContractors({ actor, page: 1 }),
        () => getContractor({ actor, id: cast.orgs.conX.id }),
        () => listBeneficiaries({ actor, page: 1 }),
        () => getBeneficiary({ actor, id: cast.orgs.benA.id }),
        () => listUsers({ actor, page: 1 }),
        () => getUser({ actor, id: actor.userId }),
        () => listOrganisationOptions({ actor }),
        () => listAuditEvents({ actor, page: 1 }),
        () => listAuditFilterOptions({ actor }),
      ];
      for (const read of reads) await expectCode(read(), "FORBIDDEN", "NOT_FOUND");
    }
  });

  it("everyone signed in reads the agreement and its UO catalogue", async () => {
    for (const actor of [cast.beneficiaryA, cast.contractorX, cast.dinum]) {
      const a = await getAgreement({ actor });
      expect(a.reference).toBe("21_BAM_048");
      expect(a.uoTypes).toHaveLength(9);
    }
  });

  it("DINUM gets NOT_FOUND for a record that does not exist or a malformed id", async () => {
    await expectCode(getContractor({ actor: cast.dinum, id: MISSING_ID }), "NOT_FOUND");
    await expectCode(getBeneficiary({ actor: cast.dinum, id: "1 OR 1=1" }), "NOT_FOUND");
    await expectCode(getUser({ actor: cast.dinum, id: "../etc" }), "NOT_FOUND");
  });
});

describe("bad input is refused in French and nothing is stored", () => {
  it("SIRET: bad checksum, 13 digits, already used", async () => {
    const before = await snapshot();
    const create = (input: z.output<typeof contractorCreateSchema>) =>
      createContractor({ actor: cast.dinum, input });
    expectFrench(
      await submit(contractorCreateSchema, { ...contractorInput(), siret: "13002526500014" }, create),
    );
    expectFrench(
      await submit(contractorCreateSchema, { ...contractorInput(), siret: "1300252650001" }, create),
    );
    // Bypassing the form does not bypass the rule.
    await expectCode(
      createContractor({ actor: cast.dinum, input: { ...contractorInput(), siret: "13002526500014" } }),
      "VALIDATION",
    );
    const dup = await appError(
      createContractor({ actor: cast.dinum, input: { ...contractorInput(), siret: cast.orgs.conY.siret } }),
    );
    expect(dup.code).toBe("VALIDATION");
    expect(dup.fieldErrors.siret?.[0]).toMatch(/déjà/);
    const dupBen = await appError(
      updateBeneficiary({
        actor: cast.dinum,
        id: cast.orgs.benA.id,
        input: { ...beneficiaryInput(), siret: cast.orgs.benB.siret, version: 1 },
      }),
    );
    expect(dupBen.fieldErrors.siret?.[0]).toMatch(/déjà/);
    expect(await snapshot()).toEqual(before);
  });

  it("beneficiary without a Chorus service code", async () => {
    const before = await snapshot();
    const { chorusServiceCode: _, ...raw } = beneficiaryInput();
    const messages = await submit(beneficiaryCreateSchema, raw, (input) =>
      createBeneficiary({ actor: cast.dinum, input }),
    );
    expectFrench(messages);
    expect(messages!.join(" ")).toMatch(/Chorus/);
    expect(await snapshot()).toEqual(before);
  });

  it("invalid e-mail, duplicate e-mail whatever its case", async () => {
    await createUser({
      actor: cast.dinum,
      input: { ...userInput(), email: "claire.dupont@exemple.gouv.fr" },
    });
    const before = await snapshot();
    const create = (input: z.output<typeof userCreateSchema>) => createUser({ actor: cast.dinum, input });
    expectFrench(await submit(userCreateSchema, { ...userInput(), email: "claire.dupont" }, create));
    const dup = await submit(
      userCreateSchema,
      { ...userInput(), email: "  Claire.DUPONT@Exemple.gouv.fr " },
      create,
    );
    expectFrench(dup);
    expect(dup!.join(" ")).toMatch(/déjà utilisée/);
    await expectCode(
      createUser({ actor: cast.dinum, input: { ...userInput(), email: "pas-un-email" } }),
      "VALIDATION",
    );
    expect(await snapshot()).toEqual(before);
  });

  it("agreement: end before start, zero/negative/absurd maximum, VAT 'abc'", async () => {
    const a = await getAgreement({ actor: cast.dinum });
    const raw = {
      id: a.id,
      version: String(a.version),
      title: a.title,
      startsOn: "2024-01-01",
      endsOn: "2027-12-31",
      maxAmountHt: "90 000 000",
      vatRate: "20",
    };
    const before = await snapshot();
    const run = ({ id, ...input }: z.output<typeof agreementUpdateSchema>) =>
      updateAgreement({ actor: cast.dinum, id, input });
    for (const bad of [
      { endsOn: "2023-12-31" },
      { maxAmountHt: "0" },
      { maxAmountHt: "-1000" },
      { maxAmountHt: "5 000 000 000" },
      { vatRate: "abc" },
      { vatRate: "20,001" },
    ]) {
      expectFrench(await submit(agreementUpdateSchema, { ...raw, ...bad }, run));
    }
    // The mutation holds the rules even when called without the form.
    const direct = (over: Partial<Parameters<typeof updateAgreement>[0]["input"]>) =>
      updateAgreement({
        actor: cast.dinum,
        id: a.id,
        input: {
          version: a.version,
          title: a.title,
          startsOn: "2024-01-01",
          endsOn: "2027-12-31",
          maxAmountHt: 1n,
          vatRate: 2000,
          ...over,
        },
      });
    expect(
      (await expectCode(direct({ endsOn: "2023-01-01" }), "VALIDATION")).fieldErrors.endsOn,
    ).toBeDefined();
    await expectCode(direct({ maxAmountHt: 0n }), "VALIDATION");
    await expectCode(direct({ maxAmountHt: -5n }), "VALIDATION");
    await expectCode(direct({ vatRate: -1 }), "VALIDATION");
    expect(await snapshot()).toEqual(before);
    expect((await getAgreement({ actor: cast.dinum })).version).toBe(a.version);
  });

  it("strict schemas refuse extra fields (no mass assignment)", () => {
    const isDinum = beneficiaryCreateSchema.safeParse({ ...beneficiaryInput(), isDinum: "on" });
    expect(isDinum.success).toBe(false);
    expect(isDinum.error?.issues[0]?.code).toBe("unrecognized_keys");
    expect(contractorCreateSchema.safeParse({ ...contractorInput(), active: "on" }).success).toBe(false);
    expect(userCreateSchema.safeParse({ ...userInput(), active: "on" }).success).toBe(false);
  });
});

describe("optimistic locking", () => {
  it("the second of two updates made from the same version gets CONFLICT", async () => {
    const { id } = await createContractor({ actor: cast.dinum, input: contractorInput() });
    const v = (await getContractor({ actor: cast.dinum, id })).version;
    await updateContractor({
      actor: cast.dinum,
      id,
      input: { ...contractorInput(), name: "Premier", version: v },
    });
    const e = await expectCode(
      updateContractor({
        actor: cast.dinum,
        id,
        input: { ...contractorInput(), name: "Second", version: v },
      }),
      "CONFLICT",
    );
    expect(e.message).toMatch(/modifié entre-temps/);
    expect((await getContractor({ actor: cast.dinum, id })).name).toBe("Premier");

    const u = await createUser({ actor: cast.dinum, input: userInput() });
    await setUserActive({ actor: cast.dinum, id: u.id, input: { version: 1, active: false } });
    await expectCode(
      setUserActive({ actor: cast.dinum, id: u.id, input: { version: 1, active: true } }),
      "CONFLICT",
    );

    const a = await getAgreement({ actor: cast.dinum });
    const input = {
      version: a.version,
      title: "T1",
      startsOn: "2024-01-01",
      endsOn: "2027-12-31",
      maxAmountHt: 9_000_000_000n,
      vatRate: 2000,
    };
    await updateAgreement({ actor: cast.dinum, id: a.id, input });
    await expectCode(
      updateAgreement({ actor: cast.dinum, id: a.id, input: { ...input, title: "T2" } }),
      "CONFLICT",
    );
  });
});

describe("memberships", () => {
  it("a deactivated membership no longer gives access (loadActor)", async () => {
    const actor = await makeActor(t.db, "BENEFICIARY", { beneficiaryId: cast.orgs.benB.id });
    expect(await loadActor({ userId: actor.userId })).not.toBeNull();
    await setMembershipActive({
      actor: cast.dinum,
      id: actor.membership.id,
      input: { version: 1, active: false },
    });
    expect(await loadActor({ userId: actor.userId })).toBeNull();
    expect(await loadActor({ userId: actor.userId, membershipId: actor.membership.id })).toBeNull();
    const ev = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: actor.membership.id } });
    expect(ev).toMatchObject({
      action: "membership.deactivate",
      before: { active: true },
      after: { active: false },
    });
  });

  it("keeps the other memberships of a person when one is removed", async () => {
    const actor = await makeActor(t.db, "BENEFICIARY", { beneficiaryId: cast.orgs.benA.id });
    const { id: second } = await addMembership({
      actor: cast.dinum,
      userId: actor.userId,
      input: { role: "CONTRACTOR", organisationId: cast.orgs.conY.id },
    });
    await setMembershipActive({
      actor: cast.dinum,
      id: actor.membership.id,
      input: { version: 1, active: false },
    });
    const loaded = await loadActor({ userId: actor.userId, membershipId: actor.membership.id });
    expect(loaded?.membership.id).toBe(second);
    expect(loaded?.memberships.map((m) => m.id)).toEqual([second]);
  });

  it("refuses a duplicate, reactivates a removed one, implies the DINUM organisation", async () => {
    const { id: userId } = await createUser({ actor: cast.dinum, input: userInput() });
    const input = { role: "CONTRACTOR" as const, organisationId: cast.orgs.conX.id };
    const { id } = await addMembership({ actor: cast.dinum, userId, input });
    const before = await snapshot();
    const dup = await expectCode(addMembership({ actor: cast.dinum, userId, input }), "VALIDATION");
    expect(dup.message).toMatch(/déjà cette habilitation/);
    expect(await snapshot()).toEqual(before);

    await setMembershipActive({ actor: cast.dinum, id, input: { version: 1, active: false } });
    const again = await addMembership({ actor: cast.dinum, userId, input });
    expect(again.id).toBe(id);
    expect(await t.db.membership.findUniqueOrThrow({ where: { id } })).toMatchObject({
      active: true,
      version: 3,
    });

    const dinum = await addMembership({
      actor: cast.dinum,
      userId,
      input: { role: "DINUM", organisationId: null },
    });
    expect((await t.db.membership.findUniqueOrThrow({ where: { id: dinum.id } })).beneficiaryId).toBe(
      cast.orgs.dinumOrg.id,
    );
  });

  it("refuses an organisation that does not match the role or does not exist", async () => {
    const { id: userId } = await createUser({ actor: cast.dinum, input: userInput() });
    const before = await snapshot();
    for (const input of [
      { role: "CONTRACTOR" as const, organisationId: cast.orgs.benA.id },
      { role: "BENEFICIARY" as const, organisationId: cast.orgs.conX.id },
      { role: "BENEFICIARY" as const, organisationId: MISSING_ID },
      { role: "BENEFICIARY" as const, organisationId: null },
    ]) {
      const e = await expectCode(addMembership({ actor: cast.dinum, userId, input }), "VALIDATION");
      expect(e.fieldErrors.organisationId?.[0]).toBeTruthy();
    }
    await expectCode(
      addMembership({
        actor: cast.dinum,
        userId: MISSING_ID,
        input: { role: "DINUM", organisationId: null },
      }),
      "NOT_FOUND",
    );
    expect(await snapshot()).toEqual(before);
  });

  it("DINUM cannot lock themselves out (own account, own DINUM membership)", async () => {
    const before = await snapshot();
    const me = await getUser({ actor: cast.dinum, id: cast.dinum.userId });
    const own = await expectCode(
      setUserActive({
        actor: cast.dinum,
        id: cast.dinum.userId,
        input: { version: me.version, active: false },
      }),
      "VALIDATION",
    );
    expect(own.message).toMatch(/propre compte/);
    const m = await expectCode(
      setMembershipActive({
        actor: cast.dinum,
        id: cast.dinum.membership.id,
        input: { version: 1, active: false },
      }),
      "VALIDATION",
    );
    expect(m.message).toMatch(/propre habilitation DINUM/);
    await expectCode(
      setBeneficiaryActive({
        actor: cast.dinum,
        id: cast.orgs.dinumOrg.id,
        input: { version: 1, active: false },
      }),
      "VALIDATION",
    );
    expect(await snapshot()).toEqual(before);
    expect(await loadActor({ userId: cast.dinum.userId })).not.toBeNull();
  });
});

describe("lists", () => {
  it("search, order and filter organisations and people", async () => {
    const page = await listContractors({ actor: cast.dinum, page: 1, q: "titulaire x" });
    expect(page.items.map((c) => c.name)).toEqual(["Titulaire X"]);
    const bySiret = await listBeneficiaries({
      actor: cast.dinum,
      page: 1,
      q: cast.orgs.benB.siret.slice(0, 9),
    });
    expect(bySiret.items.map((b) => b.id)).toContain(cast.orgs.benB.id);
    const all = await listBeneficiaries({ actor: cast.dinum, page: 1 });
    const names = all.items.map((b) => b.name);
    expect(names).toEqual([...names].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));

    const contractors = await listUsers({
      actor: cast.dinum,
      page: 1,
      role: "CONTRACTOR",
      organisation: cast.orgs.conX.id,
    });
    expect(contractors.items.map((u) => u.id)).toContain(cast.contractorX.userId);
    expect(contractors.items.every((u) => u.memberships.some((m) => m.role === "CONTRACTOR"))).toBe(true);
    const byEmail = await listUsers({ actor: cast.dinum, page: 1, q: cast.beneficiaryA.email.toUpperCase() });
    expect(byEmail.items.map((u) => u.id)).toEqual([cast.beneficiaryA.userId]);
    expect((await listUsers({ actor: cast.dinum, page: 1, organisation: "nope" })).total).toBe(0);
  });
});

describe("audit trail", () => {
  it("lists events newest first, filtered by action, entity and person", async () => {
    const { id } = await createContractor({ actor: cast.dinum, input: contractorInput() });
    const byEntity = await listAuditEvents({
      actor: cast.dinum,
      page: 1,
      filters: { entityType: "Contractor", entityId: id },
    });
    expect(byEntity.items).toHaveLength(1);
    expect(byEntity.items[0]).toMatchObject({
      action: "contractor.create",
      actorEmail: cast.dinum.email,
      actorRole: "DINUM",
      actorOrgName: "DINUM",
      requestId: cast.dinum.requestId,
    });
    const byAction = await listAuditEvents({
      actor: cast.dinum,
      page: 1,
      filters: { action: "membership.deactivate" },
    });
    expect(byAction.total).toBeGreaterThan(0);
    expect(byAction.items.every((e) => e.action === "membership.deactivate")).toBe(true);
    const times = byAction.items.map((e) => e.occurredAt.getTime());
    expect(times).toEqual([...times].sort((x, y) => y - x));
    const byPerson = await listAuditEvents({
      actor: cast.dinum,
      page: 1,
      filters: { actorEmail: cast.dinum.email.toUpperCase() },
    });
    expect(byPerson.total).toBeGreaterThan(0);
    const today = todayIso();
    const todays = await listAuditEvents({
      actor: cast.dinum,
      page: 1,
      filters: { entityId: id, from: today, to: today },
    });
    expect(todays.total).toBe(1);
    const none = await listAuditEvents({
      actor: cast.dinum,
      page: 1,
      filters: { from: "2000-01-01", to: "2000-01-02" },
    });
    expect(none.total).toBe(0);
    expect(byAction.pageSize).toBe(20);
    const options = await listAuditFilterOptions({ actor: cast.dinum });
    expect(options.actions).toContain("contractor.create");
  });

  it("refuses an inverted period in French", async () => {
    const e = await expectCode(
      listAuditEvents({ actor: cast.dinum, page: 1, filters: { from: "2026-03-01", to: "2026-02-01" } }),
      "VALIDATION",
    );
    expect(e.message).toMatch(/inversée/);
  });
});
