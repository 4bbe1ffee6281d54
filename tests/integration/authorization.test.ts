// The authorization matrix, generated from the permission table (lib/auth/permissions.ts):
// every persona × every reference-data mutation × own and foreign record. The expected
// outcome is computed from the table, not written by hand:
//   - the role lacks the capability            → FORBIDDEN, nothing written;
//   - it holds only the "own" capability and the record belongs to another organisation
//                                               → NOT_FOUND, nothing written;
//   - otherwise                                 → the mutation succeeds, one audit event.
// A refusal writes exactly one "access.refused" audit event and changes nothing else (every
// business table's digest is compared), through the wrapper the entry points use
// (lib/audit/refusals.ts; tests/integration/audit-refusals.test.ts checks the entry points
// use it); a refused read too, and an allowed read writes nothing.
// An inventory check fails when a mutation exported by lib/*/mutations.ts is missing here.
//
// The same matrix covers the public entry points, with a seventh persona, "signedOut":
//   - every server action (each export of a "use server" file): signed out it refuses and
//     writes nothing; signed in it runs the mutation above with the SESSION's actor (cases in
//     authorization/actions.cases.ts; some run through the action itself per persona × owner);
//   - every route handler (app/**/route.ts: PDFs, CSV/XLSX exports, reports, zips, /stats):
//     called through its exported handler with a Request, signed out it sends to sign-in
//     (or answers 401/404) with none of the record's data; per persona × own/foreign record
//     the answer holds the record exactly when the permission table says so.
// The session is real: each persona signs in (a UserSession row, lib/auth/mutations.ts) and
// only next-auth's cookie decoding is replaced by "this request carries that session id", so
// lib/auth/session.ts resolves the actor from the database on every call, as in production.
// Inventory checks fail when an action or a route handler is missing.
import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { updateAgreement, updateUoType } from "@/lib/agreement/mutations";
import { agreementUpdateSchema, uoTypeUpdateSchema } from "@/lib/agreement/schemas";
import { auditingRefusals, REFUSAL_ACTION } from "@/lib/audit/refusals";
import type { Actor } from "@/lib/auth/actor";
import { openSession } from "@/lib/auth/mutations";
import { type Capability, roleHas } from "@/lib/auth/permissions";
import { resetEnvCache } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import {
  acknowledgeOrder,
  cancelOrder,
  closeOrder,
  completeOrder,
  createCorrectiveOrder,
  createOrderDraft,
  issueOrder,
  recordObservation,
  updateOrderDraft,
} from "@/lib/orders/mutations";
import {
  createCorrectiveOrderSchema,
  createOrderSchema,
  issueOrderSchema,
  updateOrderSchema,
} from "@/lib/orders/schemas";
import {
  createBeneficiary,
  createContractor,
  setBeneficiaryActive,
  setContractorActive,
  updateBeneficiary,
  updateContractor,
} from "@/lib/organisations/mutations";
import { getBeneficiary, getContractor } from "@/lib/organisations/queries";
import { beneficiaryCreateSchema, contractorCreateSchema } from "@/lib/organisations/schemas";
import {
  addMembership,
  createUser,
  setMembershipActive,
  setUserActive,
  updateUser,
} from "@/lib/people/mutations";
import { getUser } from "@/lib/people/queries";
import { userCreateSchema } from "@/lib/people/schemas";
import {
  proposePriceScheduleVersion,
  rejectPriceScheduleVersion,
  validatePriceScheduleVersion,
} from "@/lib/price-schedules/mutations";
import { getPriceScheduleVersion } from "@/lib/price-schedules/queries";
import { proposePriceScheduleVersionSchema } from "@/lib/price-schedules/schemas";
import { createProduct, startProductPhase, updateProduct } from "@/lib/products/mutations";
import { getProduct } from "@/lib/products/queries";
import { createProductSchema, startProductPhaseSchema, updateProductSchema } from "@/lib/products/schemas";
import { createTestDb, type TestDb } from "../support/db";
import { makeCast, makeSiret } from "../support/factories";

/** The session id the current request carries (next-auth's cookie, decoded). */
const current = vi.hoisted(() => ({ sid: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (current.sid ? { sid: current.sid } : null),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-request-id": "authorization-matrix" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
}));
vi.mock("next/cache", () => ({
  revalidatePath: () => {},
  revalidateTag: () => {},
  unstable_cache: <T>(fn: T) => fn,
}));

export type Cast = Awaited<ReturnType<typeof makeCast>>;
export type Persona =
  | "dinum"
  | "dinumBeneficiary"
  | "beneficiaryA"
  | "beneficiaryB"
  | "contractorX"
  | "contractorY";
const PERSONAS: Persona[] = [
  "dinum",
  "dinumBeneficiary",
  "beneficiaryA",
  "beneficiaryB",
  "contractorX",
  "contractorY",
];

/** Whose record a case acts on: none (global or implied by the actor) or one organisation's. */
export type Owner = "none" | "benA" | "benB" | "conX";

export type Requirement =
  /** Allowed when the role holds any of these capabilities. */
  | { kind: "global"; capability: Capability | Capability[] }
  /** Records owned by an organisation: `all` (if any role has it) reaches every record, `own` only its own. */
  | { kind: "scoped"; own: Capability; all?: Capability };

export type Case = {
  mutation: string;
  requirement: Requirement;
  owners: Owner[];
  /** Prepares a fresh target (so an allowed call never depends on another's side effects). */
  prepare: (db: PrismaClient, cast: Cast, owner: Owner) => Promise<string>;
  run: (actor: Actor, target: string, cast: Cast) => Promise<unknown>;
};

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

const GLOBAL = ["none"] as Owner[];

async function makeProduct(db: PrismaClient, beneficiaryId: string) {
  const p = await db.product.create({
    data: {
      name: `Produit ${uniq()}`,
      beneficiaryId,
      kind: "STARTUP_ETAT",
      phases: { create: { phase: "INVESTIGATION", startsOn: new Date("2025-01-06T00:00:00Z") } },
    },
  });
  return p.id;
}

async function makeProposal(db: PrismaClient, cast: Cast) {
  const schedule = await db.priceSchedule.upsert({
    where: { agreementId_contractorId: { agreementId: cast.agreement.id, contractorId: cast.orgs.conX.id } },
    create: { agreementId: cast.agreement.id, contractorId: cast.orgs.conX.id },
    update: {},
  });
  const number = (await db.priceScheduleVersion.count({ where: { scheduleId: schedule.id } })) + 1;
  const v = await db.priceScheduleVersion.create({
    data: {
      scheduleId: schedule.id,
      number,
      effectiveOn: new Date(`2027-${String((number % 12) + 1).padStart(2, "0")}-01T00:00:00Z`),
      proposedById: cast.contractorX.userId,
      items: { create: cast.agreement.uoTypes.map((u) => ({ uoTypeId: u.id, unitPriceHtCents: 1_000_000 })) },
    },
  });
  return v.id;
}

/** A draft order of a beneficiary (benA or benB), addressed to contractor X. */
async function makeDraftOrder(db: PrismaClient, c: Cast, owner: Owner) {
  const beneficiaryId = orgId(c, owner);
  const productId = await makeProduct(db, beneficiaryId);
  const devops = c.agreement.uoTypes.find((u) => u.code === "DEVOPS_CONFIRME") as { id: string };
  const o = await db.purchaseOrder.create({
    data: {
      agreementId: c.agreement.id,
      beneficiaryId,
      productId,
      contractorId: c.orgs.conX.id,
      startsOn: new Date("2026-12-01T00:00:00Z"),
      endsOn: new Date("2027-03-31T00:00:00Z"),
      chorusServiceCode: "SRV01",
      billingAddress: "1 rue de Test",
      createdById: c.beneficiaryA.userId,
      lines: { create: [{ position: 1, uoTypeId: devops.id, quantity: "1.5" }] },
    },
  });
  return o.id;
}

/** An order issued by benA (or benB) to contractor X. */
async function makeIssuedOrder(db: PrismaClient, c: Cast, owner: Owner = "benA") {
  const id = await makeDraftOrder(db, c, owner);
  await issueOrder({ actor: owner === "benB" ? c.beneficiaryB : c.beneficiaryA, input: issueForm(id, 1) });
  return id;
}

/** An issued order of `owner`, moved to `status` as the (later) lifecycle would. */
async function makeOrderIn(db: PrismaClient, c: Cast, owner: Owner, status: "IN_PROGRESS" | "COMPLETED") {
  const id = await makeIssuedOrder(db, c, owner);
  await db.purchaseOrder.update({ where: { id }, data: { status } });
  return id;
}

function issueForm(id: string, version: number) {
  return issueOrderSchema.parse({
    id,
    version: String(version),
    legalCommitmentNumber: "1300012345",
    signatoryName: "Signataire",
    confirm: "on",
  });
}

const orderVersion = async (id: string) =>
  (await t.db.purchaseOrder.findUniqueOrThrow({ where: { id } })).version;

const orgId = (cast: Cast, owner: Owner) =>
  owner === "benA" ? cast.orgs.benA.id : owner === "benB" ? cast.orgs.benB.id : cast.orgs.conX.id;

const versionOf = async (db: PrismaClient, model: "contractor" | "beneficiary" | "user", id: string) =>
  // biome-ignore lint/suspicious/noExplicitAny: one helper for three models with a version.
  ((await (db[model] as any).findUniqueOrThrow({ where: { id } })) as { version: number }).version;

let t: TestDb;
let cast: Cast;
/** Each signed-in persona's open session. */
const sids = new Map<Persona, string>();

const CASES: Case[] = [
  {
    mutation: "updateAgreement",
    requirement: { kind: "global", capability: "agreement:manage" },
    owners: GLOBAL,
    prepare: async () => cast.agreement.id,
    run: async (actor, id) => {
      const a = await t.db.frameworkAgreement.findUniqueOrThrow({ where: { id } });
      const { id: _id, ...input } = agreementUpdateSchema.parse({
        id,
        version: String(a.version),
        title: `Accord ${uniq()}`,
        startsOn: "2024-01-01",
        endsOn: "2027-12-31",
        maxAmountHt: "90 000 000",
        vatRate: "20",
      });
      return updateAgreement({ actor, id, input });
    },
  },
  {
    mutation: "updateUoType",
    requirement: { kind: "global", capability: "agreement:manage" },
    owners: GLOBAL,
    prepare: async () => (cast.agreement.uoTypes[0] as { id: string }).id,
    run: async (actor, id) => {
      const u = await t.db.uoType.findUniqueOrThrow({ where: { id } });
      const { id: _id, ...input } = uoTypeUpdateSchema.parse({
        id,
        version: String(u.version),
        label: `Devops – Junior ${uniq()}`,
        level: "Junior",
        description: u.description,
        deliverables: u.deliverables.join("\n"),
        active: "on",
      });
      return updateUoType({ actor, id, input });
    },
  },
  ...(["contractor", "beneficiary"] as const).flatMap((kind): Case[] => {
    const fields = () => ({
      name: `Organisation ${uniq()}`,
      siret: makeSiret(),
      postalAddress: "1 rue de la Paix\n75002 Paris",
      ...(kind === "beneficiary" ? { chorusServiceCode: "SRV01", billingAddress: "1 rue de la Paix" } : {}),
    });
    const make = async () =>
      kind === "contractor"
        ? (await t.db.contractor.create({ data: contractorCreateSchema.parse(fields()) })).id
        : (await t.db.beneficiary.create({ data: beneficiaryCreateSchema.parse(fields()) })).id;
    const requirement = { kind: "global", capability: "organisation:manage" } as const;
    return [
      {
        mutation: kind === "contractor" ? "createContractor" : "createBeneficiary",
        requirement,
        owners: GLOBAL,
        prepare: async () => "",
        run: (actor) =>
          kind === "contractor"
            ? createContractor({ actor, input: contractorCreateSchema.parse(fields()) })
            : createBeneficiary({ actor, input: beneficiaryCreateSchema.parse(fields()) }),
      },
      {
        mutation: kind === "contractor" ? "updateContractor" : "updateBeneficiary",
        requirement,
        owners: GLOBAL,
        prepare: make,
        run: async (actor, id) => {
          const version = await versionOf(t.db, kind, id);
          return kind === "contractor"
            ? updateContractor({ actor, id, input: { ...contractorCreateSchema.parse(fields()), version } })
            : updateBeneficiary({
                actor,
                id,
                input: { ...beneficiaryCreateSchema.parse(fields()), version },
              });
        },
      },
      {
        mutation: kind === "contractor" ? "setContractorActive" : "setBeneficiaryActive",
        requirement,
        owners: GLOBAL,
        prepare: make,
        run: async (actor, id) => {
          const input = { version: await versionOf(t.db, kind, id), active: false };
          return kind === "contractor"
            ? setContractorActive({ actor, id, input })
            : setBeneficiaryActive({ actor, id, input });
        },
      },
    ];
  }),
  ...(() => {
    const requirement = { kind: "global", capability: "people:manage" } as const;
    const person = () => ({ email: `p.${uniq()}@test.gouv.fr`, givenName: "Prénom", usualName: "Nom" });
    const makeUser = async () => (await t.db.user.create({ data: userCreateSchema.parse(person()) })).id;
    const cases: Case[] = [
      {
        mutation: "createUser",
        requirement,
        owners: GLOBAL,
        prepare: async () => "",
        run: (actor) => createUser({ actor, input: userCreateSchema.parse(person()) }),
      },
      {
        mutation: "updateUser",
        requirement,
        owners: GLOBAL,
        prepare: makeUser,
        run: async (actor, id) =>
          updateUser({
            actor,
            id,
            input: { ...userCreateSchema.parse(person()), version: await versionOf(t.db, "user", id) },
          }),
      },
      {
        mutation: "setUserActive",
        requirement,
        owners: GLOBAL,
        prepare: makeUser,
        run: async (actor, id) =>
          setUserActive({ actor, id, input: { version: await versionOf(t.db, "user", id), active: false } }),
      },
      {
        mutation: "addMembership",
        requirement,
        owners: GLOBAL,
        prepare: makeUser,
        run: (actor, userId, c) =>
          addMembership({ actor, userId, input: { role: "BENEFICIARY", organisationId: c.orgs.benA.id } }),
      },
      {
        mutation: "setMembershipActive",
        requirement,
        owners: GLOBAL,
        prepare: async (db, c) => {
          const userId = await makeUser();
          return (
            await db.membership.create({
              data: { userId, role: "BENEFICIARY", beneficiaryId: c.orgs.benA.id },
            })
          ).id;
        },
        run: async (actor, id) => {
          const m = await t.db.membership.findUniqueOrThrow({ where: { id } });
          return setMembershipActive({ actor, id, input: { version: m.version, active: false } });
        },
      },
    ];
    return cases;
  })(),
  {
    mutation: "createProduct",
    // Creating is scoped by the owner the actor may create for: its own organisation, or any
    // (DINUM). Beneficiaries have no owner field: the product is theirs.
    requirement: { kind: "global", capability: ["product:manageOwn", "product:manageAll"] },
    owners: GLOBAL,
    prepare: async () => "",
    run: (actor, _t, c) =>
      createProduct({
        actor,
        input: createProductSchema.parse({
          name: `Produit ${uniq()}`,
          kind: "STARTUP_ETAT",
          ...(roleHas(actor.membership.role, "product:manageAll") ? { beneficiaryId: c.orgs.benA.id } : {}),
        }),
      }),
  },
  {
    mutation: "updateProduct",
    requirement: { kind: "scoped", own: "product:manageOwn", all: "product:manageAll" },
    owners: ["benA", "benB"],
    prepare: (db, c, owner) => makeProduct(db, orgId(c, owner)),
    run: async (actor, id) => {
      const p = await t.db.product.findUniqueOrThrow({ where: { id } });
      return updateProduct({
        actor,
        input: updateProductSchema.parse({
          id,
          version: String(p.version),
          name: `Produit ${uniq()}`,
          kind: "STARTUP_ETAT",
        }),
      });
    },
  },
  {
    mutation: "startProductPhase",
    requirement: { kind: "scoped", own: "product:manageOwn", all: "product:manageAll" },
    owners: ["benA", "benB"],
    prepare: (db, c, owner) => makeProduct(db, orgId(c, owner)),
    run: (actor, productId) => {
      const { productId: _p, ...input } = startProductPhaseSchema.parse({
        productId,
        phase: "CONSTRUCTION",
        startsOn: "2025-03-03",
      });
      return startProductPhase({ actor, productId, input });
    },
  },
  {
    mutation: "proposePriceScheduleVersion",
    // The company is the actor's own (never sent by the form).
    requirement: { kind: "global", capability: "priceSchedule:propose" },
    owners: GLOBAL,
    prepare: async () => "",
    run: (actor, _t, c) => {
      const month = String((seq++ % 12) + 1).padStart(2, "0");
      const form: Record<string, string> = { effectiveOn: `2027-${month}-15`, comment: "" };
      for (const u of c.agreement.uoTypes) form[`price_${u.id}`] = "10 000,00";
      return proposePriceScheduleVersion({ actor, input: proposePriceScheduleVersionSchema.parse(form) });
    },
  },
  {
    mutation: "validatePriceScheduleVersion",
    requirement: { kind: "global", capability: "priceSchedule:decide" },
    owners: ["conX"],
    prepare: (db, c) => makeProposal(db, c),
    run: (actor, id) => validatePriceScheduleVersion({ actor, id }),
  },
  {
    mutation: "rejectPriceScheduleVersion",
    requirement: { kind: "global", capability: "priceSchedule:decide" },
    owners: ["conX"],
    prepare: (db, c) => makeProposal(db, c),
    run: (actor, id) => rejectPriceScheduleVersion({ actor, id, reason: "Prix hors marché" }),
  },
  {
    mutation: "createOrderDraft",
    requirement: { kind: "global", capability: "order:manageOwn" },
    owners: GLOBAL,
    // Each person orders for a product of their own organisation, made beforehand (a refused
    // call must leave every table as it was).
    prepare: async (db, c) => {
      for (const org of [c.orgs.dinumOrg, c.orgs.benA, c.orgs.benB]) {
        if (!(await db.product.findFirst({ where: { beneficiaryId: org.id } })))
          await makeProduct(db, org.id);
      }
      return "";
    },
    run: async (actor, _t, c) => {
      const { id: productId } = await t.db.product.findFirstOrThrow({
        where: { beneficiaryId: actor.membership.beneficiaryId ?? c.orgs.benA.id },
      });
      const devops = c.agreement.uoTypes[1] as { id: string };
      return createOrderDraft({
        actor,
        input: createOrderSchema.parse({
          creationKey: crypto.randomUUID(),
          productId,
          contractorId: c.orgs.conX.id,
          startsOn: "2026-12-01",
          endsOn: "2027-03-31",
          chorusServiceCode: "SRV01",
          billingAddress: "1 rue de Test",
          uoTypeId: [devops.id],
          quantity: ["2"],
          deliverables: [""],
        }),
      });
    },
  },
  {
    mutation: "updateOrderDraft",
    requirement: { kind: "scoped", own: "order:manageOwn" },
    owners: ["benA", "benB"],
    prepare: (db, c, owner) => makeDraftOrder(db, c, owner),
    run: async (actor, id) => {
      const o = await t.db.purchaseOrder.findUniqueOrThrow({ where: { id }, include: { lines: true } });
      return updateOrderDraft({
        actor,
        input: updateOrderSchema.parse({
          id,
          version: String(o.version),
          productId: o.productId,
          contractorId: o.contractorId,
          startsOn: "2026-12-01",
          endsOn: "2027-04-30",
          chorusServiceCode: "SRV02",
          billingAddress: "2 rue de Test",
          uoTypeId: o.lines.map((l) => l.uoTypeId),
          quantity: ["3"],
          deliverables: [""],
        }),
      });
    },
  },
  {
    mutation: "issueOrder",
    requirement: { kind: "scoped", own: "order:manageOwn" },
    owners: ["benA", "benB"],
    prepare: (db, c, owner) => makeDraftOrder(db, c, owner),
    run: async (actor, id) => issueOrder({ actor, input: issueForm(id, await orderVersion(id)) }),
  },
  {
    mutation: "cancelOrder",
    requirement: { kind: "scoped", own: "order:manageOwn" },
    owners: ["benA", "benB"],
    prepare: (db, c, owner) => makeDraftOrder(db, c, owner),
    run: async (actor, id) =>
      cancelOrder({ actor, input: { id, version: await orderVersion(id), reason: "Besoin abandonné" } }),
  },
  {
    mutation: "createCorrectiveOrder",
    requirement: { kind: "scoped", own: "order:manageOwn" },
    owners: ["benA", "benB"],
    prepare: (db, c, owner) => makeIssuedOrder(db, c, owner),
    run: async (actor, id) => {
      const lines = await t.db.orderLine.findMany({ where: { orderId: id } });
      return createCorrectiveOrder({
        actor,
        input: createCorrectiveOrderSchema.parse({
          creationKey: crypto.randomUUID(),
          originalId: id,
          lineId: lines.map((l) => l.id),
          quantity: lines.map(() => "2"),
        }),
      });
    },
  },
  {
    mutation: "completeOrder",
    requirement: { kind: "scoped", own: "order:manageOwn" },
    owners: ["benA", "benB"],
    prepare: (db, c, owner) => makeOrderIn(db, c, owner, "IN_PROGRESS"),
    run: async (actor, id) => completeOrder({ actor, input: { id, version: await orderVersion(id) } }),
  },
  {
    mutation: "closeOrder",
    requirement: { kind: "scoped", own: "order:manageOwn" },
    owners: ["benA", "benB"],
    prepare: (db, c, owner) => makeOrderIn(db, c, owner, "COMPLETED"),
    run: async (actor, id) => closeOrder({ actor, input: { id, version: await orderVersion(id) } }),
  },
  {
    mutation: "acknowledgeOrder",
    requirement: { kind: "scoped", own: "order:acknowledge" },
    owners: ["conX"],
    prepare: (db, c) => makeIssuedOrder(db, c),
    run: async (actor, id) => acknowledgeOrder({ actor, input: { id, version: await orderVersion(id) } }),
  },
  {
    mutation: "recordObservation",
    requirement: { kind: "scoped", own: "order:acknowledge" },
    owners: ["conX"],
    prepare: (db, c) => makeIssuedOrder(db, c),
    run: (actor, id) =>
      recordObservation({ actor, input: { id, text: "Équipe mobilisée le 1er décembre." } }),
  },
];

/** What the permission table says should happen. */
function expected(actor: Actor, requirement: Requirement, owner: Owner): "OK" | "FORBIDDEN" | "NOT_FOUND" {
  const role = actor.membership.role;
  if (requirement.kind === "global") {
    const any = ([] as Capability[]).concat(requirement.capability);
    return any.some((cap) => roleHas(role, cap)) ? "OK" : "FORBIDDEN";
  }
  if (requirement.all && roleHas(role, requirement.all)) return "OK";
  if (!roleHas(role, requirement.own)) return "FORBIDDEN";
  const mine =
    owner === "benA" ? cast.orgs.benA.id : owner === "benB" ? cast.orgs.benB.id : cast.orgs.conX.id;
  return actor.membership.beneficiaryId === mine || actor.membership.contractorId === mine
    ? "OK"
    : "NOT_FOUND";
}

const RATE_LIMITS = [
  "RATE_LIMIT_EXPORT_PER_USER",
  "RATE_LIMIT_EXPORT_PER_IP",
  "RATE_LIMIT_PDF_PER_USER",
  "RATE_LIMIT_PDF_PER_IP",
];
const savedEnv: Record<string, string | undefined> = {};

beforeAll(async () => {
  // The matrix downloads far more than a person would in a minute (limits: rate-limit.test.ts).
  for (const key of RATE_LIMITS) {
    savedEnv[key] = process.env[key];
    process.env[key] = "100000";
  }
  resetEnvCache();
  t = await createTestDb();
  cast = await makeCast(t.db);
  for (const persona of PERSONAS) {
    const userId = cast[persona].userId;
    const user = await t.db.user.findUniqueOrThrow({ where: { id: userId }, select: { oidcSub: true } });
    const opened = await openSession({ userId, sub: user.oidcSub ?? `sub-${userId}`, idToken: null });
    if (!opened.ok) throw new Error(`session of ${persona} not opened: ${opened.reason}`);
    sids.set(persona, opened.sid);
  }
  // Contractor X has a validated price schedule in force, so orders to X can be issued.
  const validated = await makeProposal(t.db, cast);
  await t.db.priceScheduleVersion.update({
    where: { id: validated },
    data: { effectiveOn: new Date("2024-01-01T00:00:00Z") },
  });
  await t.db.priceScheduleVersion.update({
    where: { id: validated },
    data: { status: "VALIDATED", decidedAt: new Date(), decidedById: cast.dinum.userId },
  });
});
afterAll(async () => {
  for (const key of RATE_LIMITS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  resetEnvCache();
  await t?.close();
});

const lastAuditId = async () => (await t.db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
const auditSince = (id: bigint) =>
  t.db.auditEvent.findMany({
    where: { id: { gt: id } },
    orderBy: { id: "asc" },
    select: { action: true, actorUserId: true, entityId: true },
  });

/**
 * A digest of every business table (all but the audit trail and the technical log): a
 * refused call must leave every one unchanged. One query: per table, md5 over its rows.
 */
let digestSql: string | undefined;
async function businessDigest(): Promise<Record<string, string>> {
  if (!digestSql) {
    const tables = await t.db.$queryRawUnsafe<Array<{ name: string }>>(
      `SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public'
          AND tablename NOT IN ('AuditEvent', 'AccessLog', '_prisma_migrations') ORDER BY 1`,
    );
    // The mail outbox's delivery state moves on its own (sent after earlier commits).
    const row = (name: string) =>
      name === "Notification"
        ? `(r."id", r."toEmail", r."subject", r."text", r."entityType", r."entityId", r."createdAt")::text`
        : "r::text";
    digestSql = `SELECT json_build_object(${tables
      .map(
        (x) =>
          `'${x.name}', (SELECT md5(coalesce(string_agg(md5(${row(x.name)}), '' ORDER BY md5(${row(x.name)})), '')) FROM "${x.name}" r)`,
      )
      .join(", ")})::text AS digest`;
  }
  const [row] = await t.db.$queryRawUnsafe<Array<{ digest: string }>>(digestSql);
  return JSON.parse(row?.digest ?? "{}");
}

export type ReadCase = {
  query: string;
  requirement: Requirement;
  owners: Owner[];
  prepare: (db: PrismaClient, cast: Cast, owner: Owner) => Promise<string>;
  run: (actor: Actor, id: string) => Promise<unknown>;
};

const READS: ReadCase[] = [
  {
    query: "getProduct",
    requirement: { kind: "scoped", own: "product:readOwn", all: "product:readAll" },
    owners: ["benA", "benB"],
    prepare: (db, c, owner) => makeProduct(db, orgId(c, owner)),
    run: (actor, id) => getProduct({ actor, id }),
  },
  {
    query: "getPriceScheduleVersion (proposal)",
    requirement: { kind: "scoped", own: "priceSchedule:readOwn", all: "priceSchedule:readAll" },
    owners: ["conX"],
    prepare: (db, c) => makeProposal(db, c),
    run: (actor, id) => getPriceScheduleVersion({ actor, id }),
  },
  {
    query: "getContractor",
    requirement: { kind: "global", capability: "organisation:manage" },
    owners: GLOBAL,
    prepare: async (_db, c) => c.orgs.conX.id,
    run: (actor, id) => getContractor({ actor, id }),
  },
  {
    query: "getBeneficiary",
    requirement: { kind: "global", capability: "organisation:manage" },
    owners: GLOBAL,
    prepare: async (_db, c) => c.orgs.benA.id,
    run: (actor, id) => getBeneficiary({ actor, id }),
  },
  {
    query: "getUser",
    requirement: { kind: "global", capability: "people:manage" },
    owners: GLOBAL,
    prepare: async (_db, c) => c.beneficiaryA.userId,
    run: (actor, id) => getUser({ actor, id }),
  },
];

// Later domains keep their cases in tests/integration/authorization/<domain>.cases.ts: each
// exports `cases(kit)` and/or `reads(kit)`, loaded here so one matrix covers them all.
export type Kit = {
  db: () => PrismaClient;
  makeProduct: typeof makeProduct;
  makeDraftOrder: typeof makeDraftOrder;
  makeIssuedOrder: typeof makeIssuedOrder;
  makeOrderIn: typeof makeOrderIn;
  orgId: typeof orgId;
  uniq: typeof uniq;
};
const kit: Kit = {
  db: () => t.db,
  makeProduct,
  makeDraftOrder,
  makeIssuedOrder,
  makeOrderIn,
  orgId,
  uniq,
};
/**
 * A server action (an export of a "use server" file). It runs `mutation` (a case of the
 * matrix above) with the session's actor. With `form`, the matrix also posts it per persona
 * × owner, on the record `prepare` makes (by default the mutation case's own `prepare`).
 */
export type ActionCase = {
  /** The file, from the repository root, e.g. "lib/orders/actions.ts". */
  file: string;
  action: string;
  /** The mutation it calls, or null with `exempt` saying where it is tested. */
  mutation: string | null;
  exempt?: string;
  form?: (target: string, cast: Cast) => Promise<Record<string, string | string[]>>;
};

export type Outcome = "OK" | "FORBIDDEN" | "NOT_FOUND";

/** A route handler (app/…/route.ts) called with a Request, per persona × owner. */
export type RouteCase = {
  /** The file, from the repository root. */
  file: string;
  method: "GET" | "POST";
  label: string;
  /** "public": the same answer for everybody, signed out included (no personal data). */
  requirement: Requirement | "public";
  owners: Owner[];
  prepare: (db: PrismaClient, cast: Cast, owner: Owner) => Promise<string>;
  request: (target: string) => { path: string; params?: Record<string, string> };
  /** "OK" when the answer holds the record (or, for a list, the caller's right to it). */
  outcome: (res: Response, target: string) => Promise<Outcome>;
  /** Data of the record that must never reach a refused caller (checked in the body). */
  secret?: (target: string) => Promise<string>;
};

const ACTIONS: ActionCase[] = [];
const ROUTES: RouteCase[] = [];

const caseDir = path.resolve("tests/integration/authorization");
for (const file of fs.existsSync(caseDir) ? fs.readdirSync(caseDir).sort() : []) {
  if (!file.endsWith(".cases.ts")) continue;
  const mod = (await import(path.join(caseDir, file))) as {
    cases?: (k: Kit) => Case[];
    reads?: (k: Kit) => ReadCase[];
    actions?: (k: Kit) => ActionCase[];
    routes?: (k: Kit) => RouteCase[];
  };
  CASES.push(...(mod.cases?.(kit) ?? []));
  READS.push(...(mod.reads?.(kit) ?? []));
  ACTIONS.push(...(mod.actions?.(kit) ?? []));
  ROUTES.push(...(mod.routes?.(kit) ?? []));
}

/** Makes the next calls carry `persona`'s session cookie (or none). */
function signInAs(persona: Persona | "signedOut") {
  current.sid = persona === "signedOut" ? null : (sids.get(persona) ?? null);
}

/** Every file under `dir` (from the repository root) whose name matches. */
function filesUnder(dir: string, match: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && !entry.name.startsWith(".")) walk(p);
      } else if (match(entry.name)) out.push(path.relative(process.cwd(), p));
    }
  };
  walk(path.resolve(dir));
  return out.sort();
}

const SERVER_ACTION_FILES = () =>
  ["app", "lib", "components"]
    .flatMap((d) => filesUnder(d, (n) => /\.(ts|tsx)$/.test(n) && !/\.test\.tsx?$/.test(n)))
    .filter((f) => /^\s*["']use server["'];?/m.test(fs.readFileSync(f, "utf8")));

function formDataOf(values: Record<string, string | string[]>): FormData {
  const fd = new FormData();
  for (const [key, value] of Object.entries(values)) {
    if (Array.isArray(value)) for (const v of value) fd.append(`${key}[]`, v);
    else fd.append(key, value);
  }
  return fd;
}

type ActionFn = (prev: unknown, fd: FormData) => Promise<{ status: string; message: string }>;

/** Runs a server action; a redirect (Next's NEXT_REDIRECT error) counts as a success. */
async function postAction(c: ActionCase, fd: FormData): Promise<{ status: string; message: string }> {
  const mod = (await import(path.resolve(c.file))) as Record<string, ActionFn>;
  const fn = mod[c.action];
  if (typeof fn !== "function") throw new Error(`${c.file} n'exporte pas ${c.action}`);
  try {
    return await fn({ status: "idle", message: "", fieldErrors: {} }, fd);
  } catch (e) {
    const digest = (e as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) {
      return { status: "redirect", message: digest };
    }
    throw e;
  }
}

/** Rows of every table that a request could change, to prove a refused call changed nothing. */
async function footprint(): Promise<string> {
  const db = t.db;
  const counts = await Promise.all([
    db.auditEvent.count(),
    db.purchaseOrder.count(),
    db.product.count(),
    db.user.count(),
    db.membership.count(),
    db.beneficiary.count(),
    db.contractor.count(),
    db.priceScheduleVersion.count(),
    db.activityReport.count(),
    db.serviceFait.count(),
    db.invoice.count(),
    db.risk.count(),
    db.staffer.count(),
    db.assignment.count(),
    db.notification.count(),
    db.activityEntry.count(),
    db.productIndicator.count(),
  ]);
  const versions = await db.purchaseOrder.aggregate({ _sum: { version: true } });
  return JSON.stringify([counts, versions._sum.version]);
}

async function callRoute(c: RouteCase, target: string): Promise<Response> {
  const mod = (await import(path.resolve(c.file))) as Record<
    string,
    (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>
  >;
  const handler = mod[c.method];
  if (typeof handler !== "function") throw new Error(`${c.file} n'exporte pas ${c.method}`);
  const { path: p, params = {} } = c.request(target);
  return handler(new NextRequest(`http://localhost:3000${p}`, { method: c.method }), {
    params: Promise.resolve(params),
  });
}

describe("authorization matrix generated from the permission table", () => {
  it("covers every mutation exported by lib/*/mutations.ts", async () => {
    const exempt = new Set([
      // Sign-in plumbing: called by next-auth callbacks for the person signing in, never with
      // another person's record (tests/integration/auth.test.ts).
      "findUserForSignIn",
      "openSession",
      "revokeSession",
      "switchMembership",
      // The audit writer itself.
      "recordAudit",
    ]);
    const exported: string[] = [];
    for (const dir of fs.readdirSync(path.resolve("lib"))) {
      const file = path.resolve("lib", dir, "mutations.ts");
      if (!fs.existsSync(file)) continue;
      const mod = await import(file);
      for (const [name, value] of Object.entries(mod)) if (typeof value === "function") exported.push(name);
    }
    const covered = new Set(CASES.map((c) => c.mutation));
    expect(exported.filter((n) => !covered.has(n) && !exempt.has(n))).toEqual([]);
  });

  for (const c of CASES) {
    for (const persona of PERSONAS) {
      for (const owner of c.owners) {
        const label = `${persona} → ${c.mutation}${owner === "none" ? "" : ` (record of ${owner})`}`;
        it(label, async () => {
          const actor = cast[persona];
          const want = expected(actor, c.requirement, owner);
          const target = await c.prepare(t.db, cast, owner);
          const auditBefore = await lastAuditId();
          const digestBefore = want === "OK" ? {} : await businessDigest();
          let got: string = "OK";
          try {
            const attempt = { operation: c.mutation, entityId: target || undefined };
            await auditingRefusals(actor, attempt, () => c.run(actor, target, cast));
          } catch (e) {
            if (!isAppError(e)) throw e;
            got = e.code;
          }
          if (want === "FORBIDDEN") expect(["FORBIDDEN", "NOT_FOUND"]).toContain(got);
          else expect(got).toBe(want);
          const written = await auditSince(auditBefore);
          if (want === "OK") {
            expect(written).toHaveLength(1);
            expect(written[0]?.action).not.toBe(REFUSAL_ACTION);
          } else {
            expect(written).toEqual([
              { action: REFUSAL_ACTION, actorUserId: actor.userId, entityId: target || c.mutation },
            ]);
            // …and nothing else changed.
            expect(await businessDigest()).toEqual(digestBefore);
          }
        });
      }
    }
  }
});

describe("reads outside the caller's scope answer 'not found' (or forbidden for the role)", () => {
  for (const c of READS) {
    for (const persona of PERSONAS) {
      for (const owner of c.owners) {
        it(`${persona} reads ${c.query}${owner === "none" ? "" : ` (record of ${owner})`}`, async () => {
          const actor = cast[persona];
          const want = expected(actor, c.requirement, owner);
          const id = await c.prepare(t.db, cast, owner);
          const auditBefore = await lastAuditId();
          let got = "OK";
          try {
            await auditingRefusals(actor, { operation: c.query, entityId: id || undefined }, () =>
              c.run(actor, id),
            );
          } catch (e) {
            if (!isAppError(e)) throw e;
            got = e.code;
          }
          // A scoped record of another organisation must not reveal its existence.
          if (want === "NOT_FOUND") expect(got).toBe("NOT_FOUND");
          else if (want === "FORBIDDEN") expect(["FORBIDDEN", "NOT_FOUND"]).toContain(got);
          else expect(got).toBe("OK");
          expect(await auditSince(auditBefore)).toEqual(
            want === "OK"
              ? []
              : [{ action: REFUSAL_ACTION, actorUserId: actor.userId, entityId: id || c.query }],
          );
        });
      }
    }
  }
});

describe('server actions: every export of a "use server" file, every persona', () => {
  it("covers every server action (an action missing from the matrix fails here)", async () => {
    const exported: string[] = [];
    for (const file of SERVER_ACTION_FILES()) {
      const mod = await import(path.resolve(file));
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value === "function") exported.push(`${file}#${name}`);
      }
    }
    expect(exported.length).toBeGreaterThan(40);
    const covered = new Set(ACTIONS.map((a) => `${a.file}#${a.action}`));
    expect(exported.filter((n) => !covered.has(n))).toEqual([]);
    // And no case names an action that does not exist any more.
    expect([...covered].filter((n) => !exported.includes(n))).toEqual([]);
  });

  it("each action runs the mutation of the matrix it names, with the session's actor", () => {
    const mutations = new Set(CASES.map((c) => c.mutation));
    for (const a of ACTIONS) {
      if (a.mutation === null) {
        expect(a.exempt, `${a.action}: say where it is tested`).toBeTruthy();
        continue;
      }
      expect(mutations.has(a.mutation), `${a.action} → ${a.mutation} is not in the matrix`).toBe(true);
      // The action's body (up to the next export) calls that mutation with `actor` — the one
      // formAction read from the session, never a value of the form.
      const source = fs.readFileSync(a.file, "utf8");
      const start = source.indexOf(`export const ${a.action} =`);
      expect(start, `${a.action} in ${a.file}`).toBeGreaterThanOrEqual(0);
      const next = source.indexOf("\nexport ", start + 1);
      const body = source.slice(start, next === -1 ? undefined : next);
      expect(body).toMatch(/formAction\(/);
      expect(body).toMatch(new RegExp(`\\b${a.mutation}\\(\\{\\s*actor\\b`));
    }
  });

  for (const a of ACTIONS) {
    it(`signedOut → ${a.action}: refused, nothing written`, async () => {
      signInAs("signedOut");
      const c = CASES.find((x) => x.mutation === a.mutation);
      const owner = c?.owners.at(-1) ?? "none";
      const target = c ? await c.prepare(t.db, cast, owner) : "";
      const form = a.form ? await a.form(target, cast) : { id: target };
      const before = await footprint();
      const result = await postAction(a, formDataOf(form));
      expect(result.status).toBe("error");
      expect(result.message).toMatch(/session a expiré.*reconnecter/);
      expect(await footprint()).toBe(before);
    });

    if (!a.form || !a.mutation) continue;
    const c = CASES.find((x) => x.mutation === a.mutation);
    if (!c) continue;
    for (const persona of PERSONAS) {
      for (const owner of c.owners) {
        const label = `${persona} → ${a.action}${owner === "none" ? "" : ` (record of ${owner})`}`;
        it(label, async () => {
          const want = expected(cast[persona], c.requirement, owner);
          const target = await c.prepare(t.db, cast, owner);
          const form = await (a.form as NonNullable<ActionCase["form"]>)(target, cast);
          signInAs(persona);
          const auditBefore = await t.db.auditEvent.count();
          const refusalsBefore = await t.db.auditEvent.count({ where: { action: REFUSAL_ACTION } });
          const result = await postAction(a, formDataOf(form));
          const written = (await t.db.auditEvent.count()) - auditBefore;
          if (want === "OK") {
            expect(result.status, result.message).not.toBe("error");
            expect(written).toBe(1);
          } else {
            expect(result.status).toBe("error");
            expect(result.message).toMatch(/introuvable|n'avez pas (le droit|accès)/);
            // The only trace: one "accès refusé" event for the auditor.
            expect(written).toBe(1);
            expect(await t.db.auditEvent.count({ where: { action: REFUSAL_ACTION } })).toBe(
              refusalsBefore + 1,
            );
          }
        });
      }
    }
  }
});

describe("route handlers: every app/**/route.ts, every persona × own and foreign record", () => {
  it("covers every route handler and method (a handler missing from the matrix fails here)", async () => {
    const exported: string[] = [];
    for (const file of filesUnder("app", (n) => /^route\.(ts|tsx|js)$/.test(n))) {
      const mod = await import(path.resolve(file));
      for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
        if (typeof mod[method] === "function") exported.push(`${method} ${file}`);
      }
    }
    expect(exported.length).toBeGreaterThanOrEqual(15);
    const covered = new Set([...ROUTES.map((r) => `${r.method} ${r.file}`), ...ROUTE_EXEMPT.keys()]);
    expect(exported.filter((n) => !covered.has(n))).toEqual([]);
  });

  for (const r of ROUTES) {
    const owner0 = r.owners.at(-1) ?? "none";
    it(`signedOut → ${r.method} ${r.label}: ${r.requirement === "public" ? "public, same answer" : "sign-in, no data"}`, async () => {
      signInAs("signedOut");
      const target = await r.prepare(t.db, cast, owner0);
      const before = await footprint();
      const res = await callRoute(r, target);
      if (r.requirement === "public") {
        expect(await r.outcome(res, target)).toBe("OK");
      } else {
        expect([302, 303, 307, 401, 404]).toContain(res.status);
        if (res.status >= 300 && res.status < 400) {
          const location = new URL(res.headers.get("location") ?? "", "http://localhost:3000");
          expect(location.origin).toBe("http://localhost:3000");
          expect(location.pathname).toBe("/connexion");
        }
        const body = await res.text();
        if (r.secret) expect(body).not.toContain(await r.secret(target));
      }
      expect(await footprint()).toBe(before);
    });

    for (const persona of PERSONAS) {
      for (const owner of r.owners) {
        const label = `${persona} → ${r.method} ${r.label}${owner === "none" ? "" : ` (record of ${owner})`}`;
        it(label, async () => {
          const want = r.requirement === "public" ? "OK" : expected(cast[persona], r.requirement, owner);
          const target = await r.prepare(t.db, cast, owner);
          signInAs(persona);
          const res = await callRoute(r, target);
          const got = await r.outcome(res.clone(), target);
          if (want === "NOT_FOUND") expect(got).toBe("NOT_FOUND");
          else if (want === "FORBIDDEN") expect(["FORBIDDEN", "NOT_FOUND"]).toContain(got);
          else expect(got).toBe("OK");
          if (want !== "OK" && r.secret) expect(await res.text()).not.toContain(await r.secret(target));
        });
      }
    }
  }
});

/** Route handlers tested elsewhere, with where. */
const ROUTE_EXEMPT = new Map<string, string>([
  [
    "GET app/api/auth/[...nextauth]/route.ts",
    "next-auth's own endpoints (needs a live Next.js request): tests/integration/oidc-callback.test.ts, rate-limit.test.ts, tests/e2e/oidc.spec.ts",
  ],
  ["POST app/api/auth/[...nextauth]/route.ts", "as above"],
]);
