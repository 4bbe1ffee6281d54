// Staffing in the authorization matrix: every mutation of lib/staffing/mutations.ts and the
// main reads, for every persona, on contractor X's records (staffers, and assignments on an
// order of beneficiary A addressed to X). Contractor Y gets "not found"; DINUM reads but
// changes nothing; beneficiaries change nothing.
import type { PrismaClient } from "@/generated/prisma/client";
import {
  createAssignment,
  createStaffer,
  replaceAssignment,
  setStafferActive,
  updateAssignment,
  updateStaffer,
} from "@/lib/staffing/mutations";
import { getOrderTeam, getStaffer, listStaffers } from "@/lib/staffing/queries";
import {
  createAssignmentSchema,
  createStafferSchema,
  replaceAssignmentSchema,
  stafferFiltersSchema,
  updateAssignmentSchema,
  updateStafferSchema,
} from "@/lib/staffing/schemas";
import { makeBeneficiary } from "../../support/factories";
import type { Case, Cast, Kit, ReadCase } from "../authorization.test";

const devopsOf = (c: Cast) =>
  (c.agreement.uoTypes.find((u) => u.code === "DEVOPS_CONFIRME") as { id: string }).id;

export function cases(kit: Kit): Case[] {
  const form = (c: Cast) => ({
    fullName: `Intervenant ${kit.uniq()}`,
    email: `intervenant.${kit.uniq()}@societe.fr`,
    uoTypeId: devopsOf(c),
    status: "EMPLOYEE",
    subcontractorName: "",
    betaUsername: "",
  });
  const makeStaffer = async (db: PrismaClient, c: Cast) =>
    (
      await db.staffer.create({
        data: { ...createStafferSchema.parse(form(c)), contractorId: c.orgs.conX.id },
      })
    ).id;
  /** An order of beneficiary A to X, in progress (1,5 UO Devops confirmé, 2026-12-01 → 2027-03-31). */
  const makeOrder = (db: PrismaClient, c: Cast) => kit.makeOrderIn(db, c, "benA", "IN_PROGRESS");
  const makeAssignment = async (db: PrismaClient, c: Cast) => {
    const orderId = await makeOrder(db, c);
    const line = await db.orderLine.findFirstOrThrow({ where: { orderId } });
    const a = await db.assignment.create({
      data: {
        orderId,
        orderLineId: line.id,
        stafferId: await makeStaffer(db, c),
        startsOn: new Date("2026-12-01T00:00:00Z"),
        endsOn: new Date("2027-03-31T00:00:00Z"),
        createdById: c.contractorX.userId,
      },
    });
    return a.id;
  };
  const own = { kind: "scoped", own: "staffing:manageOwn" } as const;

  return [
    {
      mutation: "createStaffer",
      requirement: { kind: "global", capability: "staffing:manageOwn" },
      owners: ["none"],
      prepare: async () => "",
      run: (actor, _id, c) => createStaffer({ actor, input: createStafferSchema.parse(form(c)) }),
    },
    {
      mutation: "updateStaffer",
      requirement: own,
      owners: ["conX"],
      prepare: (db, c) => makeStaffer(db, c),
      run: (actor, id, c) =>
        updateStaffer({ actor, input: updateStafferSchema.parse({ ...form(c), id, version: "1" }) }),
    },
    {
      mutation: "setStafferActive",
      requirement: own,
      owners: ["conX"],
      prepare: (db, c) => makeStaffer(db, c),
      run: (actor, id) => setStafferActive({ actor, input: { id, version: 1, active: false } }),
    },
    {
      mutation: "createAssignment",
      requirement: own,
      owners: ["conX"],
      prepare: async (db, c) => `${await makeOrder(db, c)}|${await makeStaffer(db, c)}`,
      run: async (actor, target) => {
        const [orderId, stafferId] = target.split("|") as [string, string];
        const line = await kit.db().orderLine.findFirstOrThrow({ where: { orderId } });
        return createAssignment({
          actor,
          input: createAssignmentSchema.parse({
            orderId,
            orderLineId: line.id,
            stafferId,
            startsOn: "2026-12-01",
            endsOn: "2027-01-29",
          }),
        });
      },
    },
    {
      mutation: "updateAssignment",
      requirement: own,
      owners: ["conX"],
      prepare: (db, c) => makeAssignment(db, c),
      run: (actor, id) =>
        updateAssignment({
          actor,
          input: updateAssignmentSchema.parse({
            id,
            version: "1",
            startsOn: "2026-12-01",
            endsOn: "2027-02-26",
          }),
        }),
    },
    {
      mutation: "replaceAssignment",
      requirement: own,
      owners: ["conX"],
      prepare: async (db, c) => `${await makeAssignment(db, c)}|${await makeStaffer(db, c)}`,
      run: (actor, target) => {
        const [id, stafferId] = target.split("|") as [string, string];
        return replaceAssignment({
          actor,
          input: replaceAssignmentSchema.parse({
            id,
            version: "1",
            stafferId,
            startsOn: "2027-01-04",
            rampUpDays: "1",
          }),
        });
      },
    },
  ];
}

export function reads(kit: Kit): ReadCase[] {
  return [
    {
      query: "getStaffer",
      requirement: { kind: "scoped", own: "staffing:manageOwn", all: "staffing:readAll" },
      owners: ["conX"],
      prepare: async (db, c) =>
        (
          await db.staffer.create({
            data: {
              contractorId: c.orgs.conX.id,
              fullName: `Intervenant ${kit.uniq()}`,
              email: `lecture.${kit.uniq()}@societe.fr`,
              uoTypeId: devopsOf(c),
              status: "INDEPENDENT",
            },
          })
        ).id,
      run: (actor, id) => getStaffer({ actor, id }),
    },
    {
      query: "listStaffers",
      requirement: { kind: "global", capability: ["staffing:manageOwn", "staffing:readAll"] },
      owners: ["none"],
      prepare: async () => "",
      run: (actor) => listStaffers({ actor, page: 1, filters: stafferFiltersSchema.parse({}) }),
    },
    {
      // An order of a third beneficiary addressed to X: only X's correspondents and DINUM see
      // its team (the ordering organisation is none of the personas).
      query: "getOrderTeam",
      requirement: { kind: "scoped", own: "order:readOwn", all: "order:readAll" },
      owners: ["conX"],
      prepare: async (db, c) => {
        const id = await kit.makeOrderIn(db, c, "benA", "IN_PROGRESS");
        const third = await makeBeneficiary(db);
        await db.purchaseOrder.update({ where: { id }, data: { beneficiaryId: third.id } });
        return id;
      },
      run: (actor, orderId) => getOrderTeam({ actor, orderId }),
    },
  ];
}
