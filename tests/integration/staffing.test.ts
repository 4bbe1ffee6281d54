// Staffing on a real database: staffers, assignments to order lines, replacements (CCTP
// §3.4), scope, refusals that store nothing, and the replacement race. Runs on PGlite and on
// PostgreSQL (where the concurrent replacements really race).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { isAppError, STALE_VERSION_MESSAGE } from "@/lib/errors";
import { acknowledgeOrder, createOrderDraft, issueOrder } from "@/lib/orders/mutations";
import { createOrderSchema, issueOrderSchema } from "@/lib/orders/schemas";
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
import { createTestDb, type TestDb } from "../support/db";
import { makeCast } from "../support/factories";

let t: TestDb;
let cast: Awaited<ReturnType<typeof makeCast>>;
let uo: { devops: string; pm: string; design: string };
/** Orders of beneficiary A to contractor X (acknowledged), and of B to Y. */
let orderA: { id: string; devopsLine: string; pmLine: string };
let orderOfY: { id: string; devopsLine: string };

const ORDER_PERIOD = { startsOn: "2027-01-04", endsOn: "2027-06-30" };

async function outcome(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
    return { code: "OK", message: "" };
  } catch (e) {
    if (isAppError(e)) return { code: e.code, message: e.message };
    throw e;
  }
}
const codeOf = async (p: Promise<unknown>) => (await outcome(p)).code;

async function acknowledgedOrder(
  beneficiary: Actor,
  productId: string,
  contractor: Actor,
  lines: Array<[string, string]>,
) {
  const { id } = await createOrderDraft({
    actor: beneficiary,
    input: createOrderSchema.parse({
      creationKey: randomUUID(),
      productId,
      contractorId: contractor.membership.contractorId,
      ...ORDER_PERIOD,
      chorusServiceCode: "SRV01",
      billingAddress: "1 rue de Test",
      uoTypeId: lines.map((l) => l[0]),
      quantity: lines.map((l) => l[1]),
      deliverables: lines.map(() => "Le service en production"),
    }),
  });
  const version = async () => (await t.db.purchaseOrder.findUniqueOrThrow({ where: { id } })).version;
  await issueOrder({
    actor: beneficiary,
    input: issueOrderSchema.parse({
      id,
      version: String(await version()),
      legalCommitmentNumber: "1300012345",
      signatoryName: "Signataire",
      confirm: "on",
    }),
  });
  await acknowledgeOrder({ actor: contractor, input: { id, version: await version() } });
  const rows = await t.db.orderLine.findMany({ where: { orderId: id }, orderBy: { position: "asc" } });
  return { id, lines: rows.map((l) => l.id) };
}

let seq = 0;
function stafferForm(over: Record<string, string> = {}) {
  seq++;
  return {
    fullName: `Camille Intervenante ${seq}`,
    email: `camille.${seq}.${randomUUID().slice(0, 6)}@societe.fr`,
    uoTypeId: uo.devops,
    status: "EMPLOYEE",
    subcontractorName: "",
    betaUsername: `camille.intervenante${seq}`,
    ...over,
  };
}

async function newStaffer(actor: Actor = cast.contractorX, over: Record<string, string> = {}) {
  const { id } = await createStaffer({ actor, input: createStafferSchema.parse(stafferForm(over)) });
  return id;
}

function assign(actor: Actor, over: Partial<Record<string, string>> & { stafferId: string }) {
  return createAssignment({
    actor,
    input: createAssignmentSchema.parse({
      orderId: orderA.id,
      orderLineId: orderA.devopsLine,
      ...ORDER_PERIOD,
      ...over,
    }),
  });
}

async function versionOf(assignmentId: string) {
  return (await t.db.assignment.findUniqueOrThrow({ where: { id: assignmentId } })).version;
}

async function replace(
  actor: Actor,
  assignmentId: string,
  over: Partial<Record<string, string>> & { stafferId: string },
) {
  return replaceAssignment({
    actor,
    input: replaceAssignmentSchema.parse({
      id: assignmentId,
      version: String(await versionOf(assignmentId)),
      startsOn: "2027-03-01",
      rampUpDays: "1,5",
      ...over,
    }),
  });
}

/** Counts of what a refused call must not have written. */
async function snapshot() {
  return {
    staffers: await t.db.staffer.count(),
    assignments: await t.db.assignment.count(),
    audit: await t.db.auditEvent.count(),
    mails: await t.db.notification.count(),
  };
}

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
  const code = (c: string) => cast.agreement.uoTypes.find((u) => u.code === c)?.id as string;
  uo = { devops: code("DEVOPS_CONFIRME"), pm: code("PM"), design: code("DESIGN_CONFIRME") };
  for (const contractor of [cast.orgs.conX, cast.orgs.conY]) {
    const schedule = await t.db.priceSchedule.create({
      data: { agreementId: cast.agreement.id, contractorId: contractor.id },
    });
    // Proposed, then validated: a decided version's prices never change (trigger).
    const version = await t.db.priceScheduleVersion.create({
      data: {
        scheduleId: schedule.id,
        number: 1,
        effectiveOn: new Date("2024-01-01T00:00:00Z"),
        proposedById: cast.contractorX.userId,
        items: {
          create: cast.agreement.uoTypes.map((u) => ({ uoTypeId: u.id, unitPriceHtCents: 1_150_000 })),
        },
      },
    });
    await t.db.priceScheduleVersion.update({
      where: { id: version.id },
      data: { status: "VALIDATED", decidedAt: new Date(), decidedById: cast.dinum.userId },
    });
  }
  const product = async (beneficiaryId: string, name: string) =>
    (await t.db.product.create({ data: { name, beneficiaryId, kind: "STARTUP_ETAT" } })).id;
  const a = await acknowledgedOrder(
    cast.beneficiaryA,
    await product(cast.orgs.benA.id, "Produit A"),
    cast.contractorX,
    [
      [uo.devops, "6"],
      [uo.pm, "3"],
    ],
  );
  orderA = { id: a.id, devopsLine: a.lines[0] as string, pmLine: a.lines[1] as string };
  const y = await acknowledgedOrder(
    cast.beneficiaryB,
    await product(cast.orgs.benB.id, "Produit B"),
    cast.contractorY,
    [[uo.devops, "2"]],
  );
  orderOfY = { id: y.id, devopsLine: y.lines[0] as string };
});
afterAll(async () => {
  await t?.close();
});

describe(`staffing (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  describe("staffers", () => {
    it("creates a staffer of the actor's own company, e-mail normalized, audited", async () => {
      const id = await newStaffer(cast.contractorX, { email: "  Jeanne.DUPONT@Societe.fr " });
      const row = await t.db.staffer.findUniqueOrThrow({ where: { id } });
      expect(row.contractorId).toBe(cast.orgs.conX.id);
      expect(row.email).toBe("jeanne.dupont@societe.fr");
      expect(row.active).toBe(true);
      const audit = await t.db.auditEvent.findMany({ where: { entityType: "Staffer", entityId: id } });
      expect(audit.map((e) => e.action)).toEqual(["staffer.create"]);
    });

    it("refuses an e-mail already used in the company, in French, and stores nothing; another company may use it", async () => {
      await newStaffer(cast.contractorX, { email: "double@societe.fr" });
      const before = await snapshot();
      const r = await outcome(newStaffer(cast.contractorX, { email: "DOUBLE@societe.fr" }));
      expect(r).toEqual({
        code: "VALIDATION",
        message: "Un intervenant de votre société a déjà cette adresse e-mail.",
      });
      expect(await snapshot()).toEqual(before);
      expect(await codeOf(newStaffer(cast.contractorY, { email: "double@societe.fr" }))).toBe("OK");
    });

    it("refuses bad input with a French message and stores nothing", async () => {
      const before = await snapshot();
      // Unknown profile: a well-formed id that is no UO type of the agreement.
      const unknown = await outcome(newStaffer(cast.contractorX, { uoTypeId: randomUUID() }));
      expect(unknown.code).toBe("VALIDATION");
      expect(unknown.message).toMatch(/Ce profil n'existe pas dans le catalogue/);
      // Subcontractor without the subcontractor's company.
      const sub = createStafferSchema.safeParse(
        stafferForm({ status: "SUBCONTRACTOR", subcontractorName: "  " }),
      );
      expect(sub.success).toBe(false);
      expect(sub.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
        ["subcontractorName", "Indiquez le nom de la société sous-traitante qui emploie cet intervenant."],
      ]);
      // beta.gouv.fr username and e-mail formats.
      const bad = createStafferSchema.safeParse(
        stafferForm({ betaUsername: "Prénom Nom", email: "pas-une-adresse" }),
      );
      expect(bad.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["betaUsername", "email"]);
      expect(bad.error?.issues.find((i) => i.path[0] === "betaUsername")?.message).toMatch(/prenom\.nom/);
      // A field the form does not have (the company) is refused, not obeyed.
      const forged = createStafferSchema.safeParse({ ...stafferForm(), contractorId: cast.orgs.conY.id });
      expect(forged.success).toBe(false);
      expect(await snapshot()).toEqual(before);
      // The database holds the subcontractor rule too, whoever writes.
      await expect(
        t.db.staffer.create({
          data: {
            contractorId: cast.orgs.conX.id,
            fullName: "Sans société",
            email: "sans.societe@societe.fr",
            uoTypeId: uo.devops,
            status: "SUBCONTRACTOR",
          },
        }),
      ).rejects.toThrow();
    });

    it("keeps a subcontractor's company, and drops it for other statuses", async () => {
      const sub = await newStaffer(cast.contractorX, {
        status: "SUBCONTRACTOR",
        subcontractorName: "Freelance & Cie",
      });
      expect((await t.db.staffer.findUniqueOrThrow({ where: { id: sub } })).subcontractorName).toBe(
        "Freelance & Cie",
      );
      const emp = await newStaffer(cast.contractorX, { status: "EMPLOYEE", subcontractorName: "Ignorée" });
      expect((await t.db.staffer.findUniqueOrThrow({ where: { id: emp } })).subcontractorName).toBeNull();
    });

    it("stores HTML in names as plain text and mails it as text", async () => {
      const name = `<script>alert("x")</script> <b>Dupont</b>`;
      const id = await newStaffer(cast.contractorX, { fullName: name, uoTypeId: uo.pm });
      expect((await t.db.staffer.findUniqueOrThrow({ where: { id } })).fullName).toBe(name);
      const { id: assignmentId } = await assign(cast.contractorX, {
        stafferId: id,
        orderLineId: orderA.pmLine,
        startsOn: "2027-01-04",
        endsOn: "2027-01-29",
      });
      const mail = await t.db.notification.findFirstOrThrow({ where: { entityId: assignmentId } });
      expect(mail.text).toContain(`- Intervenant : ${name}`);
      const team = await getOrderTeam({ actor: cast.beneficiaryA, orderId: orderA.id });
      expect(team.lines[1]?.assignments.map((a) => a.staffer.fullName)).toContain(name);
    });

    it("saves an edit at the version loaded; a stale save is refused and loses nothing", async () => {
      const id = await newStaffer();
      const form = (version: number, fullName: string) =>
        updateStafferSchema.parse({ ...stafferForm(), id, version: String(version), fullName });
      await updateStaffer({ actor: cast.contractorX, input: form(1, "Nom corrigé") });
      const stale = await outcome(
        updateStaffer({ actor: cast.contractorX, input: form(1, "Ancienne page") }),
      );
      expect(stale).toEqual({ code: "CONFLICT", message: STALE_VERSION_MESSAGE });
      const row = await t.db.staffer.findUniqueOrThrow({ where: { id } });
      expect([row.fullName, row.version]).toEqual(["Nom corrigé", 2]);
      expect(await t.db.auditEvent.count({ where: { entityId: id, action: "staffer.update" } })).toBe(1);
    });

    it("deactivates only someone with no assignment left, and an inactive staffer cannot be assigned", async () => {
      const id = await newStaffer();
      const { id: assignmentId } = await assign(cast.contractorX, {
        stafferId: id,
        startsOn: "2027-02-01",
        endsOn: "2027-02-26",
      });
      const busy = await outcome(
        setStafferActive({ actor: cast.contractorX, input: { id, version: 1, active: false } }),
      );
      expect(busy.code).toBe("CONFLICT");
      expect(busy.message).toMatch(/affecté jusqu'au 26\/02\/2027/);
      // The profile cannot change either while the person is staffed as it.
      const profile = await outcome(
        updateStaffer({
          actor: cast.contractorX,
          input: updateStafferSchema.parse({ ...stafferForm(), id, version: "1", uoTypeId: uo.pm }),
        }),
      );
      expect(profile.code).toBe("VALIDATION");
      // Moving the assignment to the past is not possible (it must stay inside the order):
      // remove it for this check, as a cancelled plan would.
      await t.db.assignment.delete({ where: { id: assignmentId } });
      await setStafferActive({ actor: cast.contractorX, input: { id, version: 1, active: false } });
      const before = await snapshot();
      const inactive = await outcome(assign(cast.contractorX, { stafferId: id }));
      expect(inactive.code).toBe("VALIDATION");
      expect(inactive.message).toMatch(/est désactivé/);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe("assignments", () => {
    it("assigns an active staffer of the line's profile, audits it and tells the beneficiary", async () => {
      const id = await newStaffer();
      const { id: assignmentId } = await assign(cast.contractorX, { stafferId: id });
      const row = await t.db.assignment.findUniqueOrThrow({ where: { id: assignmentId } });
      expect([row.orderId, row.orderLineId, row.stafferId, row.rampUpDays.toString()]).toEqual([
        orderA.id,
        orderA.devopsLine,
        id,
        "0",
      ]);
      const audit = await t.db.auditEvent.findMany({
        where: { entityType: "Assignment", entityId: assignmentId },
      });
      expect(audit.map((e) => e.action)).toEqual(["assignment.create"]);
      const mails = await t.db.notification.findMany({ where: { entityId: assignmentId } });
      expect(mails.map((m) => m.toEmail)).toEqual([cast.beneficiaryA.email]);
      expect(mails[0]?.subject).toMatch(/nouvel intervenant/);
      expect(mails[0]?.text).toContain(`/commandes/${orderA.id}/equipe`);
    });

    it("refuses, in French and storing nothing: period outside the order, wrong profile, overlap, foreign line", async () => {
      const id = await newStaffer();
      await assign(cast.contractorX, { stafferId: id, startsOn: "2027-01-04", endsOn: "2027-03-31" });
      const before = await snapshot();

      const outside = await outcome(
        assign(cast.contractorX, { stafferId: id, startsOn: "2027-06-01", endsOn: "2027-07-15" }),
      );
      expect(outside.code).toBe("VALIDATION");
      expect(outside.message).toMatch(
        /comprise dans celle du bon de commande \(du 04\/01\/2027 au 30\/06\/2027\)/,
      );

      const wrong = await outcome(
        assign(cast.contractorX, { stafferId: id, orderLineId: orderA.pmLine, startsOn: "2027-04-01" }),
      );
      expect(wrong.code).toBe("VALIDATION");
      expect(wrong.message).toMatch(
        /« Devops – Confirmé ».*ne correspond pas à l'unité d'œuvre de cette ligne/,
      );

      const overlap = await outcome(
        assign(cast.contractorX, { stafferId: id, startsOn: "2027-03-31", endsOn: "2027-04-30" }),
      );
      expect(overlap.code).toBe("VALIDATION");
      expect(overlap.message).toMatch(/déjà affecté à cette ligne du 04\/01\/2027 au 31\/03\/2027/);

      const foreignLine = await outcome(
        assign(cast.contractorX, { stafferId: id, orderLineId: orderOfY.devopsLine, startsOn: "2027-04-01" }),
      );
      expect(foreignLine.code).toBe("VALIDATION");

      expect(await snapshot()).toEqual(before);
      // Back to back is fine.
      expect(
        await codeOf(
          assign(cast.contractorX, { stafferId: id, startsOn: "2027-04-01", endsOn: "2027-04-30" }),
        ),
      ).toBe("OK");
    });

    it("staffs only acknowledged or in-progress original orders", async () => {
      const id = await newStaffer();
      const product = await t.db.product.create({
        data: { name: "Produit C", beneficiaryId: cast.orgs.benA.id, kind: "STARTUP_ETAT" },
      });
      const { id: draftId } = await createOrderDraft({
        actor: cast.beneficiaryA,
        input: createOrderSchema.parse({
          creationKey: randomUUID(),
          productId: product.id,
          contractorId: cast.orgs.conX.id,
          ...ORDER_PERIOD,
          chorusServiceCode: "SRV01",
          billingAddress: "1 rue de Test",
          uoTypeId: [uo.devops],
          quantity: ["1"],
          deliverables: [""],
        }),
      });
      const v = (await t.db.purchaseOrder.findUniqueOrThrow({ where: { id: draftId } })).version;
      await issueOrder({
        actor: cast.beneficiaryA,
        input: issueOrderSchema.parse({
          id: draftId,
          version: String(v),
          legalCommitmentNumber: "1300012345",
          signatoryName: "Signataire",
          confirm: "on",
        }),
      });
      const line = await t.db.orderLine.findFirstOrThrow({ where: { orderId: draftId } });
      const r = await outcome(
        assign(cast.contractorX, { stafferId: id, orderId: draftId, orderLineId: line.id }),
      );
      expect(r.code).toBe("CONFLICT");
      expect(r.message).toMatch(/accusé réception ou qui est en cours/);
    });

    it("changes a period at its version, but never leaves reported days outside it", async () => {
      const id = await newStaffer();
      const { id: assignmentId } = await assign(cast.contractorX, {
        stafferId: id,
        startsOn: "2027-01-04",
        endsOn: "2027-05-31",
      });
      // Days reported in February and March on this assignment.
      for (const [month, days] of [
        ["2027-02-01", "15"],
        ["2027-03-01", "4.5"],
      ] as const) {
        const report = await t.db.activityReport.create({
          data: {
            orderId: orderA.id,
            month: new Date(`${month}T00:00:00Z`),
            createdById: cast.contractorX.userId,
          },
        });
        await t.db.activityEntry.create({
          data: {
            reportId: report.id,
            assignmentId,
            orderLineId: orderA.devopsLine,
            stafferId: id,
            month: new Date(`${month}T00:00:00Z`),
            days,
          },
        });
      }
      const change = (version: number, startsOn: string, endsOn: string) =>
        updateAssignment({
          actor: cast.contractorX,
          input: updateAssignmentSchema.parse({
            id: assignmentId,
            version: String(version),
            startsOn,
            endsOn,
          }),
        });
      const before = await snapshot();
      const cut = await outcome(change(1, "2027-01-04", "2027-02-28"));
      expect(cut.code).toBe("VALIDATION");
      expect(cut.message).toMatch(/déjà déclarés en mars 2027/);
      const late = await outcome(change(1, "2027-03-01", "2027-05-31"));
      expect(late.message).toMatch(/déjà déclarés en février 2027/);
      expect(await snapshot()).toEqual(before);
      // Ending mid-March keeps March covered.
      await change(1, "2027-01-04", "2027-03-12");
      const row = await t.db.assignment.findUniqueOrThrow({ where: { id: assignmentId } });
      expect([row.endsOn.toISOString().slice(0, 10), row.version]).toEqual(["2027-03-12", 2]);
      expect(await outcome(change(1, "2027-01-04", "2027-03-20"))).toEqual({
        code: "CONFLICT",
        message: STALE_VERSION_MESSAGE,
      });
      const mails = await t.db.notification.findMany({
        where: { entityId: assignmentId, subject: { contains: "affectation modifiée" } },
      });
      expect(mails).toHaveLength(1);
    });
  });

  describe("replacements (CCTP §3.4)", () => {
    it("ends the replaced assignment the day before and links the newcomer with ramp-up days, in one audited step", async () => {
      const leaving = await newStaffer(cast.contractorX, { fullName: "Alice Départ" });
      const coming = await newStaffer(cast.contractorX, { fullName: "Bruno Arrivée" });
      const { id: replacedId } = await assign(cast.contractorX, { stafferId: leaving });
      const auditBefore = await t.db.auditEvent.count();
      const { id } = await replace(cast.contractorX, replacedId, {
        stafferId: coming,
        startsOn: "2027-03-15",
      });
      const replaced = await t.db.assignment.findUniqueOrThrow({ where: { id: replacedId } });
      expect(replaced.endsOn.toISOString().slice(0, 10)).toBe("2027-03-14");
      const newcomer = await t.db.assignment.findUniqueOrThrow({ where: { id } });
      expect([
        newcomer.replacesAssignmentId,
        newcomer.stafferId,
        newcomer.orderLineId,
        newcomer.startsOn.toISOString().slice(0, 10),
        newcomer.endsOn.toISOString().slice(0, 10),
        newcomer.rampUpDays.toString(),
      ]).toEqual([replacedId, coming, orderA.devopsLine, "2027-03-15", "2027-06-30", "1.5"]);
      expect(await t.db.auditEvent.count()).toBe(auditBefore + 1);
      const event = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: id } });
      expect(event.action).toBe("assignment.replace");
      const mail = await t.db.notification.findFirstOrThrow({ where: { entityId: id } });
      expect(mail.toEmail).toBe(cast.beneficiaryA.email);
      expect(mail.subject).toMatch(/remplacement d'un intervenant/);
      expect(mail.text).toContain("remplace Alice Départ par Bruno Arrivée");
      expect(mail.text).toContain("1,5 jour à la charge du titulaire, non facturés (CCTP §3.4)");
      // The team says who replaces whom.
      const team = await getOrderTeam({ actor: cast.beneficiaryA, orderId: orderA.id });
      const line = team.lines[0];
      expect(line?.assignments.find((a) => a.id === id)?.replaces?.fullName).toBe("Alice Départ");
      expect(line?.assignments.find((a) => a.id === replacedId)?.replacedBy?.fullName).toBe("Bruno Arrivée");
      expect(team.can.manage).toBe(false);

      // Replaced once only; the replacement itself may be replaced later.
      const third = await newStaffer();
      const again = await outcome(
        replace(cast.contractorX, replacedId, { stafferId: third, startsOn: "2027-02-01" }),
      );
      expect(again.code).toBe("CONFLICT");
      expect(again.message).toMatch(/déjà été remplacée/);
      expect(
        await codeOf(
          replace(cast.contractorX, id, { stafferId: third, startsOn: "2027-05-03", rampUpDays: "" }),
        ),
      ).toBe("OK");
    });

    it("refuses a newcomer who is inactive, of another profile or the same person, and bad dates or ramp-up", async () => {
      const leaving = await newStaffer();
      const { id: replacedId } = await assign(cast.contractorX, { stafferId: leaving });
      const otherProfile = await newStaffer(cast.contractorX, { uoTypeId: uo.design });
      const inactive = await newStaffer();
      await setStafferActive({ actor: cast.contractorX, input: { id: inactive, version: 1, active: false } });
      const fine = await newStaffer();
      const before = await snapshot();

      const profile = await outcome(replace(cast.contractorX, replacedId, { stafferId: otherProfile }));
      expect(profile.message).toMatch(/« Design – Confirmé ».*ne correspond pas/);
      const off = await outcome(replace(cast.contractorX, replacedId, { stafferId: inactive }));
      expect(off.message).toMatch(/est désactivé/);
      const self = await outcome(replace(cast.contractorX, replacedId, { stafferId: leaving }));
      expect(self.message).toMatch(/autre personne que celle qui est remplacée/);
      const first = await outcome(
        replace(cast.contractorX, replacedId, { stafferId: fine, startsOn: ORDER_PERIOD.startsOn }),
      );
      expect(first.message).toMatch(/après le premier jour/);
      const beyond = await outcome(
        replace(cast.contractorX, replacedId, { stafferId: fine, endsOn: "2027-07-31" }),
      );
      expect(beyond.message).toMatch(/comprise dans celle du bon de commande/);
      for (const r of [profile, off, self, first, beyond]) expect(r.code).toBe("VALIDATION");

      // Ramp-up in quarter days: refused by the form's schema with a French message.
      const quarter = replaceAssignmentSchema.safeParse({
        id: replacedId,
        version: "1",
        stafferId: fine,
        startsOn: "2027-03-01",
        rampUpDays: "0,25",
      });
      expect(quarter.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
        ["rampUpDays", "Les jours de montée en compétence se comptent par demi-journée : 0,5, 1, 1,5…"],
      ]);
      const tooMany = replaceAssignmentSchema.safeParse({
        id: replacedId,
        version: "1",
        stafferId: fine,
        startsOn: "2027-03-01",
        rampUpDays: "12",
      });
      expect(tooMany.error?.issues[0]?.message).toMatch(/au plus 10 jours/);
      expect(await snapshot()).toEqual(before);
      // The database refuses quarter days and ramp-up without a replacement, whoever writes.
      await expect(
        t.db.assignment.create({
          data: {
            orderId: orderA.id,
            orderLineId: orderA.devopsLine,
            stafferId: fine,
            startsOn: new Date("2027-01-04T00:00:00Z"),
            endsOn: new Date("2027-01-05T00:00:00Z"),
            rampUpDays: "1",
            createdById: cast.contractorX.userId,
          },
        }),
      ).rejects.toThrow();
    });

    it("two concurrent replacements of the same assignment: exactly one succeeds", async () => {
      const leaving = await newStaffer();
      const { id: replacedId } = await assign(cast.contractorX, { stafferId: leaving });
      const [n1, n2, n3] = [await newStaffer(), await newStaffer(), await newStaffer()];
      const version = await versionOf(replacedId);
      const go = (stafferId: string, startsOn: string) =>
        outcome(
          replaceAssignment({
            actor: cast.contractorX,
            input: replaceAssignmentSchema.parse({
              id: replacedId,
              version: String(version),
              stafferId,
              startsOn,
              rampUpDays: "2",
            }),
          }),
        );
      const results = await Promise.all([go(n1, "2027-02-01"), go(n2, "2027-03-01"), go(n3, "2027-04-01")]);
      expect(results.map((r) => r.code).sort()).toEqual(["CONFLICT", "CONFLICT", "OK"]);
      const replacements = await t.db.assignment.findMany({ where: { replacesAssignmentId: replacedId } });
      expect(replacements).toHaveLength(1);
      const winner = replacements[0];
      const replaced = await t.db.assignment.findUniqueOrThrow({ where: { id: replacedId } });
      // The replaced assignment ends the day before the winner's arrival, not another's.
      const dayBefore = new Date(winner?.startsOn.getTime() ?? 0);
      dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
      expect(replaced.endsOn.toISOString()).toBe(dayBefore.toISOString());
      expect(replaced.version).toBe(version + 1);
      expect(
        await t.db.auditEvent.count({ where: { action: "assignment.replace", entityId: winner?.id } }),
      ).toBe(1);
      expect(
        await t.db.notification.count({ where: { entityId: { in: replacements.map((r) => r.id) } } }),
      ).toBe(1);
    });

    it("concurrent overlapping assignments of one staffer on a line: exactly one is stored", async () => {
      const id = await newStaffer();
      // Eight periods that all share April 2027.
      const periods = ["01", "08", "15", "22"].flatMap((day) => [
        { startsOn: `2027-01-${day}`, endsOn: "2027-04-30" },
        { startsOn: `2027-04-${day}`, endsOn: "2027-05-31" },
      ]);
      const results = await Promise.all(
        periods.map((p) => codeOf(assign(cast.contractorX, { stafferId: id, ...p }))),
      );
      expect(results.filter((r) => r === "OK")).toHaveLength(1);
      expect(results.filter((r) => r === "VALIDATION")).toHaveLength(7);
      expect(await t.db.assignment.count({ where: { stafferId: id } })).toBe(1);
    });
  });

  describe("scope", () => {
    it("keeps contractor Y away from X's staffers and orders: not found, nothing stored", async () => {
      const xStaffer = await newStaffer();
      const yStaffer = await newStaffer(cast.contractorY);
      const { id: xAssignment } = await assign(cast.contractorX, {
        stafferId: xStaffer,
        startsOn: "2027-06-01",
      });
      const before = await snapshot();
      expect(await codeOf(getStaffer({ actor: cast.contractorY, id: xStaffer }))).toBe("NOT_FOUND");
      expect(await codeOf(getOrderTeam({ actor: cast.contractorY, orderId: orderA.id }))).toBe("NOT_FOUND");
      expect(
        await codeOf(
          updateStaffer({
            actor: cast.contractorY,
            input: updateStafferSchema.parse({ ...stafferForm(), id: xStaffer, version: "1" }),
          }),
        ),
      ).toBe("NOT_FOUND");
      expect(
        await codeOf(
          setStafferActive({ actor: cast.contractorY, input: { id: xStaffer, version: 1, active: false } }),
        ),
      ).toBe("NOT_FOUND");
      // Y's staffer on X's order, and X's staffer on Y's own order.
      expect(await codeOf(assign(cast.contractorY, { stafferId: yStaffer }))).toBe("NOT_FOUND");
      expect(
        await codeOf(
          assign(cast.contractorY, {
            stafferId: xStaffer,
            orderId: orderOfY.id,
            orderLineId: orderOfY.devopsLine,
          }),
        ),
      ).toBe("NOT_FOUND");
      expect(await codeOf(replace(cast.contractorY, xAssignment, { stafferId: yStaffer }))).toBe("NOT_FOUND");
      // X cannot bring Y's staffer in as a replacement either.
      expect(await codeOf(replace(cast.contractorX, xAssignment, { stafferId: yStaffer }))).toBe("NOT_FOUND");
      expect(
        await codeOf(
          updateAssignment({
            actor: cast.contractorY,
            input: updateAssignmentSchema.parse({
              id: xAssignment,
              version: "1",
              startsOn: "2027-06-02",
              endsOn: "2027-06-30",
            }),
          }),
        ),
      ).toBe("NOT_FOUND");
      expect(await snapshot()).toEqual(before);
      const yList = await listStaffers({
        actor: cast.contractorY,
        page: 1,
        filters: stafferFiltersSchema.parse({ active: "tous" }),
      });
      expect(yList.items.every((s) => s.contractorName === "Titulaire Y")).toBe(true);
      expect(yList.items.map((s) => s.id)).not.toContain(xStaffer);
    });

    it("shows a beneficiary only the staffers on its organisation's orders, read-only", async () => {
      const onA = await newStaffer(cast.contractorX, { fullName: "Sur la commande A" });
      const nowhere = await newStaffer(cast.contractorX, { fullName: "Sans affectation" });
      const onB = await newStaffer(cast.contractorY, { fullName: "Sur la commande B" });
      await assign(cast.contractorX, { stafferId: onA, startsOn: "2027-06-01" });
      await createAssignment({
        actor: cast.contractorY,
        input: createAssignmentSchema.parse({
          orderId: orderOfY.id,
          orderLineId: orderOfY.devopsLine,
          stafferId: onB,
          ...ORDER_PERIOD,
        }),
      });
      const seen = await getStaffer({ actor: cast.beneficiaryA, id: onA });
      expect(seen.can.manage).toBe(false);
      expect(seen.assignments.map((a) => a.orderId)).toEqual([orderA.id]);
      expect(await codeOf(getStaffer({ actor: cast.beneficiaryA, id: nowhere }))).toBe("NOT_FOUND");
      expect(await codeOf(getStaffer({ actor: cast.beneficiaryA, id: onB }))).toBe("NOT_FOUND");
      expect(await codeOf(getStaffer({ actor: cast.beneficiaryB, id: onA }))).toBe("NOT_FOUND");
      expect(await codeOf(getOrderTeam({ actor: cast.beneficiaryB, orderId: orderA.id }))).toBe("NOT_FOUND");
      expect(
        await codeOf(
          listStaffers({ actor: cast.beneficiaryA, page: 1, filters: stafferFiltersSchema.parse({}) }),
        ),
      ).toBe("FORBIDDEN");
      const team = await getOrderTeam({ actor: cast.beneficiaryA, orderId: orderA.id });
      expect(team.can.manage).toBe(false);
      expect(team.staffers).toEqual([]);
      // Beneficiaries change nothing, even on their own orders.
      expect(
        await codeOf(
          assign(cast.beneficiaryA, { stafferId: onA, startsOn: "2027-01-04", endsOn: "2027-01-05" }),
        ),
      ).toBe("FORBIDDEN");
    });

    it("lets DINUM read every company's staffers and filter by company, and change nothing", async () => {
      const x = await newStaffer(cast.contractorX, { fullName: "Zoé Filtrée" });
      const all = await listStaffers({
        actor: cast.dinum,
        page: 1,
        filters: stafferFiltersSchema.parse({ q: "Zoé" }),
      });
      expect(all.items.map((s) => [s.fullName, s.contractorName])).toEqual([["Zoé Filtrée", "Titulaire X"]]);
      const onlyY = await listStaffers({
        actor: cast.dinum,
        page: 1,
        filters: stafferFiltersSchema.parse({ contractorId: cast.orgs.conY.id, active: "tous" }),
      });
      expect(onlyY.total).toBeGreaterThan(0);
      expect(onlyY.items.every((s) => s.contractorName === "Titulaire Y")).toBe(true);
      expect((await getStaffer({ actor: cast.dinum, id: x })).can.manage).toBe(false);
      expect((await getOrderTeam({ actor: cast.dinum, orderId: orderA.id })).can.manage).toBe(false);
      expect(await codeOf(newStaffer(cast.dinum))).toBe("FORBIDDEN");
      // A contractor's own list ignores a company filter pointing elsewhere.
      const xList = await listStaffers({
        actor: cast.contractorX,
        page: 1,
        filters: stafferFiltersSchema.parse({ contractorId: cast.orgs.conY.id, active: "tous" }),
      });
      expect(xList.items.every((s) => s.contractorName === "Titulaire X")).toBe(true);
    });
  });
});
