// Authorization matrix cases of the risk register (lib/risks): who may record and update a
// risk (the company with an order for the product, then the company that recorded it), and
// who reads it (DINUM, that company, the product's beneficiary), "not found" outside scope.
import type { PrismaClient } from "@/generated/prisma/client";
import { createRisk, updateRisk } from "@/lib/risks/mutations";
import { getRisk, listProductRisks } from "@/lib/risks/queries";
import { createRiskSchema, updateRiskSchema } from "@/lib/risks/schemas";
import { makeBeneficiary, makeContractor } from "../../support/factories";
import type { Case, Kit, ReadCase } from "../authorization.test";

async function makeRisk(db: PrismaClient, productId: string, contractorId: string, createdById: string) {
  const r = await db.risk.create({
    data: { productId, contractorId, createdById, title: "Risque", likelihood: "MEDIUM", impact: "MEDIUM" },
  });
  return r.id;
}

export function cases(kit: Kit): Case[] {
  return [
    {
      mutation: "createRisk",
      // On a product whose order (issued, by beneficiary A) is addressed to contractor X.
      requirement: { kind: "scoped", own: "risk:manageOwn" },
      owners: ["conX"],
      prepare: async (db, c) => {
        const orderId = await kit.makeIssuedOrder(db, c, "benA");
        return (await db.purchaseOrder.findUniqueOrThrow({ where: { id: orderId } })).productId;
      },
      run: (actor, productId) =>
        createRisk({
          actor,
          input: createRiskSchema.parse({
            productId,
            title: `Risque ${kit.uniq()}`,
            likelihood: "HIGH",
            impact: "MEDIUM",
          }),
        }),
    },
    {
      mutation: "updateRisk",
      requirement: { kind: "scoped", own: "risk:manageOwn" },
      owners: ["conX"],
      prepare: async (db, c) => {
        const productId = await kit.makeProduct(db, c.orgs.benA.id);
        return makeRisk(db, productId, c.orgs.conX.id, c.contractorX.userId);
      },
      run: async (actor, id) => {
        const r = await kit.db().risk.findUniqueOrThrow({ where: { id } });
        return updateRisk({
          actor,
          input: updateRiskSchema.parse({
            id,
            version: String(r.version),
            title: `Risque ${kit.uniq()}`,
            likelihood: "CRITICAL",
            impact: "MEDIUM",
            status: "OPEN",
          }),
        });
      },
    },
  ];
}

export function reads(kit: Kit): ReadCase[] {
  return [
    {
      // A risk on a product of `owner`, recorded by a company outside the cast: the product's
      // beneficiary reads it, another organisation does not.
      query: "getRisk (as the product's beneficiary)",
      requirement: { kind: "scoped", own: "product:readOwn", all: "risk:readAll" },
      owners: ["benA", "benB"],
      prepare: async (db, c, owner) => {
        const productId = await kit.makeProduct(db, kit.orgId(c, owner));
        const other = await makeContractor(db);
        return makeRisk(db, productId, other.id, c.contractorX.userId);
      },
      run: (actor, id) => getRisk({ actor, id }),
    },
    {
      // A risk recorded by contractor X on a product of a beneficiary outside the cast: the
      // company reads it, another company does not.
      query: "getRisk (as the company that recorded it)",
      requirement: { kind: "scoped", own: "risk:manageOwn", all: "risk:readAll" },
      owners: ["conX"],
      prepare: async (db, c) => {
        const other = await makeBeneficiary(db);
        const productId = await kit.makeProduct(db, other.id);
        return makeRisk(db, productId, c.orgs.conX.id, c.contractorX.userId);
      },
      run: (actor, id) => getRisk({ actor, id }),
    },
    {
      query: "listProductRisks",
      requirement: { kind: "scoped", own: "product:readOwn", all: "product:readAll" },
      owners: ["benA", "benB"],
      prepare: (db, c, owner) => kit.makeProduct(db, kit.orgId(c, owner)),
      run: (actor, productId) => listProductRisks({ actor, productId }),
    },
  ];
}
