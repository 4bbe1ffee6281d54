// Service fait in the authorization matrix: who may issue a procès-verbal, and who may read
// an order's records, one record and its PDF data (orders of one organisation only).
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import { issueServiceFait } from "@/lib/service-fait/mutations";
import {
  getOrderServiceFaits,
  getServiceFait,
  getServiceFaitPdfData,
  previewServiceFait,
} from "@/lib/service-fait/queries";
import { issueServiceFaitSchema } from "@/lib/service-fait/schemas";
import { makeBeneficiary, makeContractor } from "../../support/factories";
import { addValidatedReport, makeOrder } from "../../support/service-fait";
import type { Case, Cast, Kit, Owner, ReadCase } from "../authorization.test";

/**
 * An in-progress order with one validated report (April, 5 days of 60 ordered: certifying it
 * does not complete the order, so the issue writes exactly one audit event).
 * `owner` benA/benB: that ministry's order to contractor X.
 */
export async function orderWithReport(db: PrismaClient, c: Cast, owner: Owner, kit: Kit) {
  const beneficiaryId = kit.orgId(c, owner);
  const o = await makeOrder(db, {
    agreementId: c.agreement.id,
    beneficiaryId,
    contractorId: c.orgs.conX.id,
    createdById: c.beneficiaryA.userId,
  });
  await addValidatedReport(db, {
    orderId: o.id,
    month: "2026-04",
    days: { [o.lines[0]?.id as string]: "5" },
    submittedById: c.contractorX.userId,
    validatedById: owner === "benB" ? c.beneficiaryB.userId : c.beneficiaryA.userId,
  });
  return o.id;
}

export const issueForm = (orderId: string) =>
  issueServiceFaitSchema.parse({
    orderId,
    from: "2026-04",
    to: "2026-04",
    decision: "ADMISSION",
    signatoryName: "Signataire",
    recordCount: "0",
    confirm: "on",
  });

/**
 * For reads, an order whose only organisation in the cast is `owner`: benA's order to a
 * contractor outside the cast, or an outside ministry's order to contractor X — so the
 * matrix's "own organisation" is unambiguous. Returns "orderId sfId".
 */
async function readTarget(db: PrismaClient, c: Cast, owner: Owner) {
  const outsideContractor = owner === "benA" ? (await makeContractor(db)).id : c.orgs.conX.id;
  const beneficiaryId = owner === "benA" ? c.orgs.benA.id : (await makeBeneficiary(db)).id;
  const o = await makeOrder(db, {
    agreementId: c.agreement.id,
    beneficiaryId,
    contractorId: outsideContractor,
    createdById: c.beneficiaryA.userId,
  });
  const sf = await db.serviceFait.create({
    data: {
      orderId: o.id,
      number: `SF-T-${randomUUID().slice(0, 8)}`,
      periodStart: new Date("2026-04-01T00:00:00Z"),
      periodEnd: new Date("2026-04-30T00:00:00Z"),
      decision: "AJOURNEMENT",
      computedHtCents: 0n,
      certifiedHtCents: 0n,
      vatCents: 0n,
      certifiedTtcCents: 0n,
      comment: "Livrables à compléter.",
      decidedOn: new Date("2026-05-05T00:00:00Z"),
      issuedById: c.beneficiaryA.userId,
      signatoryName: "Signataire",
    },
  });
  return `${o.id} ${sf.id}`;
}

const split = (target: string) => {
  const [orderId = "", sfId = ""] = target.split(" ");
  return { orderId, sfId };
};

export function cases(kit: Kit): Case[] {
  return [
    {
      mutation: "issueServiceFait",
      requirement: { kind: "scoped", own: "serviceFait:certifyOwn" },
      owners: ["benA", "benB"],
      prepare: (db, c, owner) => orderWithReport(db, c, owner, kit),
      run: (actor, orderId) => issueServiceFait({ actor, input: issueForm(orderId) }),
    },
  ];
}

export function reads(kit: Kit): ReadCase[] {
  const readRequirement = { kind: "scoped", own: "order:readOwn", all: "order:readAll" } as const;
  return [
    {
      query: "getOrderServiceFaits",
      requirement: readRequirement,
      owners: ["benA", "conX"],
      prepare: readTarget,
      run: (actor, target) => getOrderServiceFaits({ actor, orderId: split(target).orderId }),
    },
    {
      query: "getServiceFait",
      requirement: readRequirement,
      owners: ["benA", "conX"],
      prepare: readTarget,
      run: (actor, target) => getServiceFait({ actor, ...split(target) }),
    },
    {
      query: "getServiceFaitPdfData (PDF download)",
      requirement: readRequirement,
      owners: ["benA", "conX"],
      prepare: readTarget,
      run: (actor, target) => getServiceFaitPdfData({ actor, ...split(target) }),
    },
    {
      query: "previewServiceFait",
      requirement: { kind: "scoped", own: "serviceFait:certifyOwn" },
      owners: ["benA", "benB"],
      prepare: (db, c, owner) => orderWithReport(db, c, owner, kit),
      run: (actor, orderId) =>
        previewServiceFait({ actor, orderId, period: { from: "2026-04", to: "2026-04" } }),
    },
  ];
}
