// Activity reports in the authorization matrix: who may write, submit, validate, reject and
// correct the monthly reports of an order, and who may read them. A report belongs to its
// order: written by the company it is addressed to, decided by the ordering organisation,
// read by both and by DINUM.
import type { PrismaClient } from "@/generated/prisma/client";
import {
  createAdjustment,
  rejectReport,
  saveReport,
  submitReport,
  updateAdjustment,
  validateReport,
} from "@/lib/activity/mutations";
import { getReport, listOrderReports } from "@/lib/activity/queries";
import { createAdjustmentSchema, saveReportSchema, updateAdjustmentSchema } from "@/lib/activity/schemas";
import { gridForm, makeAssignment, makeOrderWithLines, makeStaffer } from "../../support/activity-fixtures";
import { makeBeneficiary, makeContractor } from "../../support/factories";
import type { Case, Cast, Kit, Owner, ReadCase } from "../authorization.test";

const MONTH = "2026-06";

/** An in-progress order of `beneficiaryId` addressed to `contractorId`, with one person assigned. */
async function staffedOrder(db: PrismaClient, c: Cast, beneficiaryId: string, contractorId: string) {
  const devops = c.agreement.uoTypes.find((u) => u.code === "DEVOPS_CONFIRME") as { id: string };
  const order = await makeOrderWithLines(db, {
    agreementId: c.agreement.id,
    beneficiaryId,
    contractorId,
    createdById: c.beneficiaryA.userId,
    lines: [{ uoTypeId: devops.id, orderedDays: 40 }],
  });
  const stafferId = await makeStaffer(db, {
    contractorId,
    uoTypeId: devops.id,
    fullName: "Intervenant Test",
  });
  const assignmentId = await makeAssignment(db, {
    orderId: order.id,
    orderLineId: order.lineIds[0] as string,
    stafferId,
    createdById: c.contractorX.userId,
  });
  return { orderId: order.id, assignmentId };
}

/** Orders written by contractor X: for a beneficiary-owned record, the owner's; else Ministère A's. */
const beneficiaryOf = (kit: Kit, c: Cast, owner: Owner) =>
  owner === "benA" || owner === "benB" ? kit.orgId(c, owner) : c.orgs.benA.id;
const deciderOf = (c: Cast, owner: Owner) => (owner === "benB" ? c.beneficiaryB : c.beneficiaryA);

/** A report of the month, as contractor X leaves it: draft, submitted or validated. */
async function reportIn(kit: Kit, c: Cast, owner: Owner, stage: "DRAFT" | "SUBMITTED" | "VALIDATED") {
  const db = kit.db();
  const { orderId, assignmentId } = await staffedOrder(db, c, beneficiaryOf(kit, c, owner), c.orgs.conX.id);
  const saved = await saveReport({
    actor: c.contractorX,
    input: saveReportSchema.parse(gridForm(orderId, MONTH, [{ assignmentId, days: "5" }])),
  });
  if (stage === "DRAFT") return saved.id;
  const submitted = await submitReport({
    actor: c.contractorX,
    input: { reportId: saved.id, version: saved.version },
  });
  if (stage === "SUBMITTED") return saved.id;
  await validateReport({
    actor: deciderOf(c, owner),
    input: { reportId: saved.id, version: submitted.version },
  });
  return saved.id;
}

async function reportVersion(kit: Kit, id: string) {
  return (await kit.db().activityReport.findUniqueOrThrow({ where: { id } })).version;
}

async function assignmentOf(kit: Kit, reportId: string) {
  const e = await kit.db().activityEntry.findFirstOrThrow({ where: { reportId } });
  return e.assignmentId;
}

export function cases(kit: Kit): Case[] {
  const write = { kind: "scoped", own: "activity:reportOwn" } as const;
  const decide = { kind: "scoped", own: "activity:validateOwn" } as const;
  return [
    {
      mutation: "saveReport",
      requirement: write,
      owners: ["conX"],
      prepare: async (db, c, owner) => {
        const { orderId, assignmentId } = await staffedOrder(
          db,
          c,
          beneficiaryOf(kit, c, owner),
          c.orgs.conX.id,
        );
        return `${orderId}/${assignmentId}`;
      },
      run: (actor, target) => {
        const [orderId, assignmentId] = target.split("/") as [string, string];
        return saveReport({
          actor,
          input: saveReportSchema.parse(gridForm(orderId, MONTH, [{ assignmentId, days: "3" }])),
        });
      },
    },
    {
      mutation: "submitReport",
      requirement: write,
      owners: ["conX"],
      prepare: (_db, c, owner) => reportIn(kit, c, owner, "DRAFT"),
      run: async (actor, id) =>
        submitReport({ actor, input: { reportId: id, version: await reportVersion(kit, id) } }),
    },
    {
      mutation: "validateReport",
      requirement: decide,
      owners: ["benA", "benB"],
      prepare: (_db, c, owner) => reportIn(kit, c, owner, "SUBMITTED"),
      run: async (actor, id) =>
        validateReport({ actor, input: { reportId: id, version: await reportVersion(kit, id) } }),
    },
    {
      mutation: "rejectReport",
      requirement: decide,
      owners: ["benA", "benB"],
      prepare: (_db, c, owner) => reportIn(kit, c, owner, "SUBMITTED"),
      run: async (actor, id) =>
        rejectReport({
          actor,
          input: { reportId: id, version: await reportVersion(kit, id), reason: "Activités à préciser." },
        }),
    },
    {
      mutation: "createAdjustment",
      requirement: write,
      owners: ["conX"],
      prepare: (_db, c, owner) => reportIn(kit, c, owner, "VALIDATED"),
      run: async (actor, id) =>
        createAdjustment({
          actor,
          input: createAdjustmentSchema.parse({
            reportId: id,
            activities: "Une journée en trop.",
            assignmentId: [await assignmentOf(kit, id)],
            correctedDays: ["4"],
          }),
        }),
    },
    {
      mutation: "updateAdjustment",
      requirement: write,
      owners: ["conX"],
      prepare: async (_db, c, owner) => {
        const reportId = await reportIn(kit, c, owner, "VALIDATED");
        const adj = await createAdjustment({
          actor: c.contractorX,
          input: createAdjustmentSchema.parse({
            reportId,
            activities: "Une journée en trop.",
            assignmentId: [await assignmentOf(kit, reportId)],
            correctedDays: ["4"],
          }),
        });
        return adj.id;
      },
      run: async (actor, id) =>
        updateAdjustment({
          actor,
          input: updateAdjustmentSchema.parse({
            adjustmentId: id,
            version: String(await reportVersion(kit, id)),
            activities: "Une journée et demie en trop.",
            assignmentId: [await assignmentOf(kit, id)],
            correctedDays: ["3,5"],
          }),
        }),
    },
  ];
}

/**
 * Reads, from each side. The persona model has one owner per record, while an order has two
 * (beneficiary and contractor): each side is tested with the other side an organisation no
 * persona belongs to, so "own" is unambiguous.
 */
export function reads(kit: Kit): ReadCase[] {
  let otherBeneficiary: string | null = null;
  let otherContractor: string | null = null;
  const contractorSide = async (db: PrismaClient, c: Cast) => {
    otherBeneficiary ??= (await makeBeneficiary(db, { name: "Ministère sans correspondant" })).id;
    return (await staffedOrder(db, c, otherBeneficiary, c.orgs.conX.id)).orderId;
  };
  const beneficiarySide = async (db: PrismaClient, c: Cast, owner: Owner) => {
    otherContractor ??= (await makeContractor(db, { name: "Titulaire sans correspondant" })).id;
    return (await staffedOrder(db, c, kit.orgId(c, owner), otherContractor)).orderId;
  };
  const asContractor = { kind: "scoped", own: "activity:reportOwn", all: "order:readAll" } as const;
  const asBeneficiary = { kind: "scoped", own: "activity:validateOwn", all: "order:readAll" } as const;
  return [
    {
      query: "getReport (contractor side)",
      requirement: asContractor,
      owners: ["conX"],
      prepare: (db, c) => contractorSide(db, c),
      run: (actor, id) => getReport({ actor, orderId: id, month: MONTH }),
    },
    {
      query: "getReport (beneficiary side)",
      requirement: asBeneficiary,
      owners: ["benA", "benB"],
      prepare: (db, c, owner) => beneficiarySide(db, c, owner),
      run: (actor, id) => getReport({ actor, orderId: id, month: MONTH }),
    },
    {
      query: "listOrderReports (contractor side)",
      requirement: asContractor,
      owners: ["conX"],
      prepare: (db, c) => contractorSide(db, c),
      run: (actor, id) => listOrderReports({ actor, orderId: id }),
    },
    {
      query: "listOrderReports (beneficiary side)",
      requirement: asBeneficiary,
      owners: ["benA", "benB"],
      prepare: (db, c, owner) => beneficiarySide(db, c, owner),
      run: (actor, id) => listOrderReports({ actor, orderId: id }),
    },
  ];
}
