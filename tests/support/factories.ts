// Shared factories for integration and browser tests: real rows through Prisma, and the
// Actor the data layer would build for a signed-in person (lib/auth/queries.ts).
import { randomInt, randomUUID } from "node:crypto";
import type { PrismaClient, Role } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/queries";
import { seedReference } from "@/prisma/seed/reference";

/** A random SIRET that passes the Luhn check. */
export function makeSiret(): string {
  const base = Array.from({ length: 13 }, () => randomInt(10)).join("");
  for (let d = 0; d < 10; d++) {
    const s = base + d;
    let sum = 0;
    for (let i = 0; i < 14; i++) {
      let n = Number(s[13 - i]);
      if (i % 2 === 1) {
        n *= 2;
        if (n > 9) n -= 9;
      }
      sum += n;
    }
    if (sum % 10 === 0) return s;
  }
  throw new Error("unreachable");
}

const short = () => randomUUID().slice(0, 8);

export async function makeAgreement(db: PrismaClient) {
  const id = await seedReference(db);
  return db.frameworkAgreement.findUniqueOrThrow({ where: { id }, include: { uoTypes: true } });
}

export async function makeBeneficiary(
  db: PrismaClient,
  data: Partial<{ name: string; isDinum: boolean }> = {},
) {
  return db.beneficiary.create({
    data: {
      name: data.name ?? `Ministère ${short()}`,
      siret: makeSiret(),
      postalAddress: "1 rue de Test\n75000 Paris",
      chorusServiceCode: `SRV${short()}`,
      billingAddress: "1 rue de Test\n75000 Paris",
      isDinum: data.isDinum ?? false,
    },
  });
}

export async function makeContractor(db: PrismaClient, data: Partial<{ name: string }> = {}) {
  return db.contractor.create({
    data: {
      name: data.name ?? `Titulaire ${short()}`,
      siret: makeSiret(),
      postalAddress: "2 rue de Test\n69000 Lyon",
    },
  });
}

/** A user with one active membership, and the Actor acting in it. */
export async function makeActor(
  db: PrismaClient,
  role: Role,
  org: { beneficiaryId?: string; contractorId?: string },
): Promise<Actor> {
  const user = await db.user.create({
    data: { email: `agent.${short()}@test.gouv.fr`, givenName: "Agent", usualName: role },
  });
  const m = await db.membership.create({
    data: {
      userId: user.id,
      role,
      beneficiaryId: role === "CONTRACTOR" ? null : (org.beneficiaryId ?? null),
      contractorId: role === "CONTRACTOR" ? (org.contractorId ?? null) : null,
    },
  });
  const actor = await loadActor({ userId: user.id, membershipId: m.id, requestId: `test-${short()}` });
  if (!actor) throw new Error("actor not loadable");
  return actor;
}

/**
 * The standard cast of the authorization tests: DINUM, two beneficiaries (A, B) and two
 * contractors (X, Y), each with one correspondent.
 */
export async function makeCast(db: PrismaClient) {
  const agreement = await makeAgreement(db);
  const dinumOrg = await makeBeneficiary(db, { name: "DINUM", isDinum: true });
  const benA = await makeBeneficiary(db, { name: "Ministère A" });
  const benB = await makeBeneficiary(db, { name: "Ministère B" });
  const conX = await makeContractor(db, { name: "Titulaire X" });
  const conY = await makeContractor(db, { name: "Titulaire Y" });
  return {
    agreement,
    orgs: { dinumOrg, benA, benB, conX, conY },
    dinum: await makeActor(db, "DINUM", { beneficiaryId: dinumOrg.id }),
    dinumBeneficiary: await makeActor(db, "BENEFICIARY", { beneficiaryId: dinumOrg.id }),
    beneficiaryA: await makeActor(db, "BENEFICIARY", { beneficiaryId: benA.id }),
    beneficiaryB: await makeActor(db, "BENEFICIARY", { beneficiaryId: benB.id }),
    contractorX: await makeActor(db, "CONTRACTOR", { contractorId: conX.id }),
    contractorY: await makeActor(db, "CONTRACTOR", { contractorId: conY.id }),
  };
}
