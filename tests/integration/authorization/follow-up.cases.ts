// Reads of the follow-up in the authorization matrix. An order's follow-up is visible to its
// beneficiary, to the contractor it is addressed to and to DINUM; each case therefore puts the
// order's other side in an organisation outside the cast, so "own" means exactly one of them.
import type { PrismaClient } from "@/generated/prisma/client";
import { getOrderFollowUp, getProductFollowUp, getScopeFollowUp } from "@/lib/follow-up/queries";
import { makeBeneficiary, makeContractor } from "../../support/factories";
import type { Cast, Kit, Owner, ReadCase } from "../authorization.test";

async function makeStartedOrder(
  db: PrismaClient,
  c: Cast,
  kit: Kit,
  side: { beneficiaryId: string; contractorId: string },
) {
  const productId = await kit.makeProduct(db, side.beneficiaryId);
  const devops = c.agreement.uoTypes.find((u) => u.code === "DEVOPS_CONFIRME") as { id: string };
  const o = await db.purchaseOrder.create({
    data: {
      agreementId: c.agreement.id,
      beneficiaryId: side.beneficiaryId,
      productId,
      contractorId: side.contractorId,
      startsOn: new Date("2026-01-05T00:00:00Z"),
      endsOn: new Date("2026-06-30T00:00:00Z"),
      chorusServiceCode: "SRV01",
      billingAddress: "1 rue de Test",
      createdById: c.beneficiaryA.userId,
      lines: {
        create: [
          { position: 1, uoTypeId: devops.id, quantity: "2", unitPriceHtCents: 1_150_000, orderedDays: "40" },
        ],
      },
    },
  });
  await db.purchaseOrder.update({
    where: { id: o.id },
    data: {
      status: "IN_PROGRESS",
      number: `BDC-2026-${kit.uniq()}`,
      orderDate: new Date("2025-12-15T00:00:00Z"),
      legalCommitmentNumber: "1300012345",
      issuedAt: new Date("2025-12-15T09:00:00Z"),
      signatoryName: "Signataire",
    },
  });
  return o.id;
}

export function reads(kit: Kit): ReadCase[] {
  const orderRead = { kind: "scoped", own: "order:readOwn", all: "order:readAll" } as const;
  return [
    {
      query: "getOrderFollowUp (beneficiary's order)",
      requirement: orderRead,
      owners: ["benA", "benB"],
      // Addressed to a contractor outside the cast.
      prepare: async (db, c, owner: Owner) =>
        makeStartedOrder(db, c, kit, {
          beneficiaryId: kit.orgId(c, owner),
          contractorId: (await makeContractor(db)).id,
        }),
      run: (actor, id) => getOrderFollowUp({ actor, id }),
    },
    {
      query: "getOrderFollowUp (order addressed to the contractor)",
      requirement: orderRead,
      owners: ["conX"],
      // Ordered by a beneficiary outside the cast.
      prepare: async (db, c) =>
        makeStartedOrder(db, c, kit, {
          beneficiaryId: (await makeBeneficiary(db)).id,
          contractorId: c.orgs.conX.id,
        }),
      run: (actor, id) => getOrderFollowUp({ actor, id }),
    },
    {
      query: "getProductFollowUp",
      requirement: { kind: "scoped", own: "product:readOwn", all: "product:readAll" },
      owners: ["benA", "benB"],
      prepare: (db, c, owner) => kit.makeProduct(db, kit.orgId(c, owner)),
      run: (actor, id) => getProductFollowUp({ actor, id }),
    },
    {
      query: "getScopeFollowUp",
      requirement: { kind: "global", capability: ["order:readOwn", "order:readAll"] },
      owners: ["none"],
      prepare: async () => "",
      run: (actor) => getScopeFollowUp({ actor, page: 1, filters: {} }),
    },
  ];
}
