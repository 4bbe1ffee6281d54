// Monthly activity reports on a real database (PGlite, and PostgreSQL in `npm test`): the
// contractor writes and submits, the beneficiary validates (consumed days move) or rejects,
// a validated report never changes (trigger) and is corrected by an adjusting entry; the
// limits (month's working days per person over every order, ordered days per line, ramp-up
// of replacements) hold under concurrent requests; other organisations see nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAdjustment,
  rejectReport,
  saveReport,
  submitReport,
  updateAdjustment,
  validateReport,
} from "@/lib/activity/mutations";
import { getReport, listOrderReports, listWorkQueue } from "@/lib/activity/queries";
import {
  createAdjustmentSchema,
  rejectReportSchema,
  saveReportSchema,
  updateAdjustmentSchema,
} from "@/lib/activity/schemas";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/queries";
import { pgErrorOf } from "@/lib/db/errors";
import { isAppError } from "@/lib/errors";
import { gridForm, makeAssignment, makeOrderWithLines, makeStaffer } from "../support/activity-fixtures";
import { createTestDb, onPostgres, type TestDb } from "../support/db";
import { makeCast } from "../support/factories";

let t: TestDb;
let cast: Awaited<ReturnType<typeof makeCast>>;
let devops: string;
let design: string;

/** The order of the main story: Ministère A → Titulaire X, 2 March – 31 December 2026. */
let order: { id: string; lineIds: string[] };
/** Camille (Devops, line 1, whole period); Paul (Design, line 2) until 15 May, replaced by Nina from 18 May (3 ramp-up days). */
let camille: string;
let paul: string;
let nina: string;
let camilleStaffer: string;

const save = (actor: Actor, form: Record<string, unknown>) =>
  saveReport({ actor, input: saveReportSchema.parse(form) });

/** Runs a call and returns the AppError it throws (code + message + field errors). */
async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return { code: e.code, message: e.message, fields: e.fieldErrors };
    throw e;
  }
  throw new Error("expected a refusal, got success");
}

/** What the database holds for activity, to prove a refusal stored nothing. */
async function snapshot() {
  const [reports, entries, audits, lines] = await Promise.all([
    t.db.activityReport.findMany({
      orderBy: { id: "asc" },
      select: { id: true, status: true, version: true },
    }),
    t.db.activityEntry.count(),
    t.db.auditEvent.count(),
    t.db.orderLine.findMany({ orderBy: { id: "asc" }, select: { id: true, consumedDays: true } }),
  ]);
  return JSON.stringify({ reports, entries, audits, lines });
}

const reportOf = (orderId: string, month: string) =>
  t.db.activityReport.findFirstOrThrow({
    where: { orderId, month: new Date(`${month}-01T00:00:00Z`), adjustsReportId: null },
    include: { entries: true },
  });

/** Every item of a work queue, page after page. */
async function allWork(actor: Actor) {
  const first = await listWorkQueue({ actor, page: 1 });
  const items = [...first.items];
  for (let page = 2; page <= first.pageCount; page++)
    items.push(...(await listWorkQueue({ actor, page })).items);
  expect(items).toHaveLength(first.total);
  return items;
}

/** The PostgreSQL message of a statement the database refused. */
async function dbRefusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return pgErrorOf(e)?.message ?? String(e);
  }
  return "accepted";
}

const consumed = async (lineId: string) =>
  (await t.db.orderLine.findUniqueOrThrow({ where: { id: lineId } })).consumedDays.toString();

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
  devops = cast.agreement.uoTypes.find((u) => u.code === "DEVOPS_CONFIRME")?.id as string;
  design = cast.agreement.uoTypes.find((u) => u.code === "DESIGN_CONFIRME")?.id as string;
  order = await makeOrderWithLines(t.db, {
    agreementId: cast.agreement.id,
    beneficiaryId: cast.orgs.benA.id,
    contractorId: cast.orgs.conX.id,
    createdById: cast.beneficiaryA.userId,
    lines: [
      { uoTypeId: devops, orderedDays: 60 },
      { uoTypeId: design, orderedDays: 20 },
    ],
  });
  const by = cast.contractorX.userId;
  camilleStaffer = await makeStaffer(t.db, {
    contractorId: cast.orgs.conX.id,
    uoTypeId: devops,
    fullName: "Camille Roux",
  });
  const paulStaffer = await makeStaffer(t.db, {
    contractorId: cast.orgs.conX.id,
    uoTypeId: design,
    fullName: "Paul Ancien",
  });
  const ninaStaffer = await makeStaffer(t.db, {
    contractorId: cast.orgs.conX.id,
    uoTypeId: design,
    fullName: "Nina Lambert",
  });
  camille = await makeAssignment(t.db, {
    orderId: order.id,
    orderLineId: order.lineIds[0] as string,
    stafferId: camilleStaffer,
    createdById: by,
  });
  paul = await makeAssignment(t.db, {
    orderId: order.id,
    orderLineId: order.lineIds[1] as string,
    stafferId: paulStaffer,
    endsOn: "2026-05-15",
    createdById: by,
  });
  nina = await makeAssignment(t.db, {
    orderId: order.id,
    orderLineId: order.lineIds[1] as string,
    stafferId: ninaStaffer,
    startsOn: "2026-05-18",
    replacesAssignmentId: paul,
    rampUpDays: 3,
    createdById: by,
  });
});
afterAll(async () => {
  await t?.close();
});

describe(`activity reports (${onPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  it("shows the month's grid: the people assigned that month, with the working days they can have", async () => {
    const page = await getReport({ actor: cast.contractorX, orderId: order.id, month: "2026-05" });
    expect(page.workingDays).toBe(17);
    expect(page.report).toBeNull();
    expect(page.can.edit).toBe(true);
    expect(page.showNonBillable).toBe(true);
    expect(page.rows.map((r) => [r.stafferName, r.cap, r.isReplacement])).toEqual([
      ["Camille Roux", 17, false],
      ["Nina Lambert", 9, true], // from Monday 18 May; Pentecost Monday excluded
      ["Paul Ancien", 8, false], // 4–15 May, without 8 and 14 May
    ]);
    expect(page.rows.find((r) => r.stafferName === "Nina Lambert")?.replacesName).toBe("Paul Ancien");
    // July: Paul is gone.
    const july = await getReport({ actor: cast.contractorX, orderId: order.id, month: "2026-07" });
    expect(july.rows.map((r) => r.stafferName)).toEqual(["Camille Roux", "Nina Lambert"]);
    expect(july.showNonBillable).toBe(true);
  });

  it("saves a draft, then updates it with the version it was loaded with; a stale form is refused", async () => {
    const first = await save(
      cast.contractorX,
      gridForm(
        order.id,
        "2026-05",
        [
          { assignmentId: camille, days: "10" },
          { assignmentId: nina, days: "5", nonBillableDays: "2" },
          { assignmentId: paul, days: "8" },
        ],
        { activities: "Ateliers utilisateurs, refonte du parcours." },
      ),
    );
    expect(first).toMatchObject({ version: 1, created: true });
    const r1 = await reportOf(order.id, "2026-05");
    expect(r1.status).toBe("DRAFT");
    expect(r1.entries).toHaveLength(3);
    const second = await save(
      cast.contractorX,
      gridForm(
        order.id,
        "2026-05",
        [
          { assignmentId: camille, days: "10,5" },
          { assignmentId: nina, days: "5", nonBillableDays: "2" },
          { assignmentId: paul, days: "8" },
        ],
        { version: 1, activities: "Ateliers utilisateurs, refonte du parcours." },
      ),
    );
    expect(second.version).toBe(2);
    expect(
      (await reportOf(order.id, "2026-05")).entries.find((e) => e.assignmentId === camille)?.days.toString(),
    ).toBe("10.5");
    const before = await snapshot();
    const stale = await refusal(
      save(
        cast.contractorX,
        gridForm(order.id, "2026-05", [{ assignmentId: camille, days: "1" }], { version: 1 }),
      ),
    );
    expect(stale.message).toMatch(/modifié entre-temps/);
    // A form loaded before the report existed cannot create a second one either.
    const fresh = await refusal(
      save(cast.contractorX, gridForm(order.id, "2026-05", [{ assignmentId: camille, days: "1" }])),
    );
    expect(fresh.message).toMatch(/modifié entre-temps/);
    expect(await snapshot()).toBe(before);
    const audits = await t.db.auditEvent.findMany({ where: { entityId: r1.id, action: "activity.save" } });
    expect(audits).toHaveLength(2);
  });

  it("refuses bad input with a clear French message and stores nothing", async () => {
    // An assignment of another order.
    const other = await makeOrderWithLines(t.db, {
      agreementId: cast.agreement.id,
      beneficiaryId: cast.orgs.benA.id,
      contractorId: cast.orgs.conX.id,
      createdById: cast.beneficiaryA.userId,
      lines: [{ uoTypeId: devops, orderedDays: 20 }],
    });
    const foreign = await makeAssignment(t.db, {
      orderId: other.id,
      orderLineId: other.lineIds[0] as string,
      stafferId: camilleStaffer,
      createdById: cast.contractorX.userId,
    });
    const before = await snapshot();
    const form = (
      rows: Array<{ assignmentId: string; days: string; nonBillableDays?: string }>,
      month = "2026-06",
    ) => gridForm(order.id, month, rows);
    // Quarter days and negative days: refused by the form's schema, on the field.
    const quarter = saveReportSchema.safeParse(form([{ assignmentId: camille, days: "0,25" }]));
    expect(quarter.error?.issues[0]?.message).toMatch(/demi-journée/);
    expect(quarter.error?.issues[0]?.path).toEqual([`days.${camille}`]);
    const negative = saveReportSchema.safeParse(form([{ assignmentId: camille, days: "-1" }]));
    expect(negative.error?.issues[0]?.message).toMatch(/négatif/);
    const badMonth = saveReportSchema.safeParse(form([], "2026-13"));
    expect(badMonth.error?.issues[0]?.message).toMatch(/n'existe pas/);

    // June 2026: 22 working days (no public holiday) — more is refused.
    const tooMany = await refusal(save(cast.contractorX, form([{ assignmentId: camille, days: "22.5" }])));
    expect(tooMany.code).toBe("VALIDATION");
    expect(tooMany.message).toMatch(
      /Camille Roux : 22,5 jours déclarés, mais la période d'affectation ne compte que 22 jours ouvrés en juin 2026/,
    );
    expect(tooMany.fields[`days.${camille}`]).toBeDefined();
    // Days outside the assignment's period: Paul left on 15 May.
    const gone = await refusal(save(cast.contractorX, form([{ assignmentId: paul, days: "1" }])));
    expect(gone.message).toMatch(/n'est pas affectée à ce bon de commande en juin 2026/);
    // Non-billable days for someone who is not a replacement.
    const notReplacement = await refusal(
      save(cast.contractorX, form([{ assignmentId: camille, days: "1", nonBillableDays: "1" }])),
    );
    expect(notReplacement.fields[`nonBillableDays.${camille}`]?.[0]).toMatch(/pas un remplacement/);
    // Ramp-up over all months: 2 already used in May, 3 in all.
    const rampUp = await refusal(
      save(cast.contractorX, form([{ assignmentId: nina, days: "1", nonBillableDays: "1,5" }])),
    );
    expect(rampUp.fields[`nonBillableDays.${nina}`]?.[0]).toMatch(
      /montée en compétence prévue est de 3 jours non facturables au total ; 2 jours sont déjà déclarés, il en reste 1 jour/,
    );
    // A month outside the order's period.
    const outside = await refusal(
      save(cast.contractorX, form([{ assignmentId: camille, days: "1" }], "2026-02")),
    );
    expect(outside.message).toMatch(
      /Février 2026 est en dehors de la période du bon de commande \(du 02\/03\/2026 au 31\/12\/2026\)/,
    );
    const after = await refusal(
      save(cast.contractorX, form([{ assignmentId: camille, days: "1" }], "2027-01")),
    );
    expect(after.code).toBe("VALIDATION");
    const stranger = await refusal(save(cast.contractorX, form([{ assignmentId: foreign, days: "1" }])));
    expect(stranger.message).toMatch(/n'est pas affectée à ce bon de commande/);
    expect(await snapshot()).toBe(before);
  });

  it("takes reports only on acknowledged or in-progress orders", async () => {
    for (const [status, expected] of [
      ["CANCELLED", /annulé/],
      ["ISSUED", /pas encore accusé réception/],
      ["COMPLETED", /terminé/],
      ["CLOSED", /clôturé/],
    ] as const) {
      const o = await makeOrderWithLines(t.db, {
        agreementId: cast.agreement.id,
        beneficiaryId: cast.orgs.benA.id,
        contractorId: cast.orgs.conX.id,
        createdById: cast.beneficiaryA.userId,
        status,
        lines: [{ uoTypeId: devops, orderedDays: 20 }],
      });
      const a = await makeAssignment(t.db, {
        orderId: o.id,
        orderLineId: o.lineIds[0] as string,
        stafferId: camilleStaffer,
        createdById: cast.contractorX.userId,
      });
      const before = await snapshot();
      const r = await refusal(
        save(cast.contractorX, gridForm(o.id, "2026-04", [{ assignmentId: a, days: "1" }])),
      );
      expect(r.code).toBe("CONFLICT");
      expect(r.message).toMatch(expected);
      expect(await snapshot()).toBe(before);
    }
    // A draft order is not even visible to the contractor.
    const draft = await makeOrderWithLines(t.db, {
      agreementId: cast.agreement.id,
      beneficiaryId: cast.orgs.benA.id,
      contractorId: cast.orgs.conX.id,
      createdById: cast.beneficiaryA.userId,
      status: "DRAFT",
      lines: [{ uoTypeId: devops, orderedDays: 20 }],
    });
    expect((await refusal(save(cast.contractorX, gridForm(draft.id, "2026-04", [])))).code).toBe("NOT_FOUND");
  });

  it("keeps the activities text exactly as typed (HTML is text, rendered inert)", async () => {
    const script = `<script>alert("x")</script><img src=x onerror=alert(1)> Atelier & démo`;
    await save(
      cast.contractorX,
      gridForm(order.id, "2026-06", [{ assignmentId: camille, days: "3" }], { activities: script }),
    );
    expect((await reportOf(order.id, "2026-06")).activities).toBe(script);
    const page = await getReport({ actor: cast.beneficiaryA, orderId: order.id, month: "2026-06" });
    expect(page.report?.activities).toBe(script);
  });

  it("limits a person's month to its working days over every order, naming the person, the month and the days", async () => {
    // Camille has 10,5 days on the main order in May (draft). A second order of another ministry:
    const second = await makeOrderWithLines(t.db, {
      agreementId: cast.agreement.id,
      beneficiaryId: cast.orgs.benB.id,
      contractorId: cast.orgs.conX.id,
      createdById: cast.beneficiaryB.userId,
      lines: [{ uoTypeId: devops, orderedDays: 40 }],
    });
    const there = await makeAssignment(t.db, {
      orderId: second.id,
      orderLineId: second.lineIds[0] as string,
      stafferId: camilleStaffer,
      createdById: cast.contractorX.userId,
    });
    const before = await snapshot();
    const r = await refusal(
      save(cast.contractorX, gridForm(second.id, "2026-05", [{ assignmentId: there, days: "7" }])),
    );
    expect(r.message).toContain(
      "Camille Roux ne peut pas dépasser 17 jours ouvrés en mai 2026 : 10,5 jours sont déjà déclarés sur d'autres comptes rendus (toutes commandes confondues), il en reste 6,5 jours et ce compte rendu en déclare 7 jours.",
    );
    expect(r.fields[`days.${there}`]).toBeDefined();
    expect(await snapshot()).toBe(before);
    await save(cast.contractorX, gridForm(second.id, "2026-05", [{ assignmentId: there, days: "6,5" }]));
    // Now the main order cannot raise Camille any more.
    const main = await reportOf(order.id, "2026-05");
    const r2 = await refusal(
      save(
        cast.contractorX,
        gridForm(
          order.id,
          "2026-05",
          [
            { assignmentId: camille, days: "11" },
            { assignmentId: nina, days: "5", nonBillableDays: "2" },
            { assignmentId: paul, days: "8" },
          ],
          { version: main.version },
        ),
      ),
    );
    expect(r2.message).toMatch(
      /Camille Roux ne peut pas dépasser 17 jours ouvrés en mai 2026 : 6,5 jours sont déjà déclarés/,
    );
  });

  it("submits (not empty), tells the beneficiary, and starts an acknowledged order", async () => {
    const acknowledged = await makeOrderWithLines(t.db, {
      agreementId: cast.agreement.id,
      beneficiaryId: cast.orgs.benA.id,
      contractorId: cast.orgs.conX.id,
      createdById: cast.beneficiaryA.userId,
      status: "ACKNOWLEDGED",
      lines: [{ uoTypeId: devops, orderedDays: 20 }],
    });
    const a = await makeAssignment(t.db, {
      orderId: acknowledged.id,
      orderLineId: acknowledged.lineIds[0] as string,
      stafferId: camilleStaffer,
      createdById: cast.contractorX.userId,
    });
    const empty = await save(
      cast.contractorX,
      gridForm(acknowledged.id, "2026-04", [{ assignmentId: a, days: "" }]),
    );
    const before = await snapshot();
    const r = await refusal(
      submitReport({ actor: cast.contractorX, input: { reportId: empty.id, version: empty.version } }),
    );
    expect(r.message).toMatch(/Ce compte rendu est vide/);
    expect(await snapshot()).toBe(before);
    // Activities alone are enough (a month of meetings, no billable day yet).
    const saved = await save(
      cast.contractorX,
      gridForm(acknowledged.id, "2026-04", [{ assignmentId: a, days: "2" }], {
        version: empty.version,
        activities: "Cadrage avec l'équipe.",
      }),
    );
    await submitReport({ actor: cast.contractorX, input: { reportId: saved.id, version: saved.version } });
    const o = await t.db.purchaseOrder.findUniqueOrThrow({ where: { id: acknowledged.id } });
    expect(o.status).toBe("IN_PROGRESS");
    expect(await t.db.auditEvent.count({ where: { entityId: acknowledged.id, action: "order.start" } })).toBe(
      1,
    );
    const mails = await t.db.notification.findMany({ where: { entityId: saved.id } });
    expect(mails.map((m) => m.toEmail)).toContain(cast.beneficiaryA.email);
    expect(mails[0]?.subject).toMatch(/compte rendu d'activité à valider \(avril 2026\)/);
    // Submitted: the contractor cannot change it any more.
    const locked = await refusal(
      save(
        cast.contractorX,
        gridForm(acknowledged.id, "2026-04", [{ assignmentId: a, days: "3" }], {
          version: saved.version + 1,
        }),
      ),
    );
    expect(locked.message).toMatch(/soumis au bénéficiaire/);
  });

  it("validates: billable days become consumed days; nobody validates their own submission", async () => {
    const may = await reportOf(order.id, "2026-05");
    const submitted = await submitReport({
      actor: cast.contractorX,
      input: { reportId: may.id, version: may.version },
    });
    // The contractor cannot validate, another ministry does not even see it.
    expect(
      (
        await refusal(
          validateReport({
            actor: cast.contractorX,
            input: { reportId: may.id, version: submitted.version },
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(
      (
        await refusal(
          validateReport({
            actor: cast.beneficiaryB,
            input: { reportId: may.id, version: submitted.version },
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    // One person holding both roles cannot validate what they submitted.
    const both = await t.db.user.create({
      data: { email: "double.casquette@test.gouv.fr", givenName: "Double", usualName: "Casquette" },
    });
    const asContractor = await t.db.membership.create({
      data: { userId: both.id, role: "CONTRACTOR", contractorId: cast.orgs.conX.id },
    });
    const asBeneficiary = await t.db.membership.create({
      data: { userId: both.id, role: "BENEFICIARY", beneficiaryId: cast.orgs.benA.id },
    });
    const c = (await loadActor({ userId: both.id, membershipId: asContractor.id, requestId: "t" })) as Actor;
    const b = (await loadActor({ userId: both.id, membershipId: asBeneficiary.id, requestId: "t" })) as Actor;
    const june = await reportOf(order.id, "2026-06");
    const s = await submitReport({ actor: c, input: { reportId: june.id, version: june.version } });
    const own = await refusal(validateReport({ actor: b, input: { reportId: june.id, version: s.version } }));
    expect(own.message).toMatch(/vous-même soumis/);
    await t.db.membership.updateMany({
      where: { id: { in: [asBeneficiary.id, asContractor.id] } },
      data: { active: false },
    });

    const before = {
      l1: await consumed(order.lineIds[0] as string),
      l2: await consumed(order.lineIds[1] as string),
    };
    await validateReport({
      actor: cast.beneficiaryA,
      input: { reportId: may.id, version: submitted.version },
    });
    // Camille 10,5 on line 1; Nina 5 + Paul 8 on line 2; Nina's 2 ramp-up days are not billable.
    expect(await consumed(order.lineIds[0] as string)).toBe(String(Number(before.l1) + 10.5));
    expect(await consumed(order.lineIds[1] as string)).toBe(String(Number(before.l2) + 13));
    const validated = await reportOf(order.id, "2026-05");
    expect(validated.status).toBe("VALIDATED");
    expect(validated.validatedById).toBe(cast.beneficiaryA.userId);
    const mails = await t.db.notification.findMany({
      where: { entityId: may.id, subject: { contains: "validé" } },
    });
    expect(mails.map((m) => m.toEmail)).toContain(cast.contractorX.email);
    // Twice: refused, nothing added again.
    const again = await refusal(
      validateReport({ actor: cast.beneficiaryA, input: { reportId: may.id, version: validated.version } }),
    );
    expect(again.message).toMatch(/déjà validé/);
    expect(await consumed(order.lineIds[0] as string)).toBe(String(Number(before.l1) + 10.5));
  });

  it("a validated report and its rows never change, even by raw SQL from the app's connection", async () => {
    const may = await reportOf(order.id, "2026-05");
    const statements = [
      `UPDATE "ActivityReport" SET "activities" = 'falsifié' WHERE "id" = '${may.id}'`,
      `UPDATE "ActivityReport" SET "status" = 'DRAFT' WHERE "id" = '${may.id}'`,
      `DELETE FROM "ActivityReport" WHERE "id" = '${may.id}'`,
      `UPDATE "ActivityEntry" SET "days" = 1 WHERE "reportId" = '${may.id}'`,
      `DELETE FROM "ActivityEntry" WHERE "reportId" = '${may.id}'`,
      `INSERT INTO "ActivityEntry" ("id", "reportId", "assignmentId", "orderLineId", "stafferId", "month", "days")
       SELECT gen_random_uuid(), "reportId", "assignmentId", "orderLineId", "stafferId", "month", 1
         FROM "ActivityEntry" WHERE "reportId" = '${may.id}' LIMIT 1`,
    ];
    for (const sql of statements) {
      expect(await dbRefusal(t.db.$executeRawUnsafe(sql)), sql).toMatch(
        /a validated activity report cannot be changed or deleted|rows of a validated activity report cannot change/,
      );
    }
    const after = await reportOf(order.id, "2026-05");
    expect(after.activities).toBe(may.activities);
    expect(after.entries.map((e) => e.days.toString()).sort()).toEqual(
      may.entries.map((e) => e.days.toString()).sort(),
    );
    // Through the portal: a conflict that points to the adjusting entry.
    const r = await refusal(
      save(
        cast.contractorX,
        gridForm(order.id, "2026-05", [{ assignmentId: camille, days: "1" }], { version: may.version }),
      ),
    );
    expect(r.message).toMatch(/écriture d'ajustement/);
  });

  it("rejects with a required reason; the contractor corrects and resubmits; the beneficiary validates", async () => {
    const july = await save(
      cast.contractorX,
      gridForm(order.id, "2026-07", [
        { assignmentId: camille, days: "15" },
        { assignmentId: nina, days: "4" },
      ]),
    );
    const s = await submitReport({
      actor: cast.contractorX,
      input: { reportId: july.id, version: july.version },
    });
    expect(
      rejectReportSchema.safeParse({ reportId: july.id, version: String(s.version), reason: "" }).error
        ?.issues[0]?.message,
    ).toMatch(/motif du rejet est obligatoire/);
    expect(
      rejectReportSchema.safeParse({ reportId: july.id, version: String(s.version), reason: "non" }).error
        ?.issues[0]?.message,
    ).toMatch(/5 caractères au moins/);
    const reason = "Il manque les activités de la semaine 28.\n> Voir le point d'équipe.";
    await rejectReport({
      actor: cast.beneficiaryA,
      input: rejectReportSchema.parse({ reportId: july.id, version: String(s.version), reason }),
    });
    const rejected = await reportOf(order.id, "2026-07");
    expect(rejected.status).toBe("REJECTED");
    expect(rejected.rejectionReason).toBe(reason);
    const mail = await t.db.notification.findFirstOrThrow({
      where: { entityId: july.id, subject: { contains: "rejeté" } },
    });
    expect(mail.toEmail).toBe(cast.contractorX.email);
    // The reason is quoted line by line in a plain-text mail.
    expect(mail.text).toContain("> Il manque les activités de la semaine 28.\n> > Voir le point d'équipe.");
    expect(mail.text).toContain(`/commandes/${order.id}/activite/2026-07`);
    // Corrected and resubmitted.
    const fixed = await save(
      cast.contractorX,
      gridForm(
        order.id,
        "2026-07",
        [
          { assignmentId: camille, days: "15" },
          { assignmentId: nina, days: "3" },
        ],
        { version: rejected.version, activities: "Semaine 28 : tests utilisateurs à Lille." },
      ),
    );
    expect((await reportOf(order.id, "2026-07")).status).toBe("REJECTED");
    const again = await submitReport({
      actor: cast.contractorX,
      input: { reportId: july.id, version: fixed.version },
    });
    await validateReport({ actor: cast.beneficiaryA, input: { reportId: july.id, version: again.version } });
    expect((await reportOf(order.id, "2026-07")).status).toBe("VALIDATED");
    expect(await t.db.auditEvent.count({ where: { entityId: july.id } })).toBe(6); // save, submit, reject, save, submit, validate
  });

  it("refuses a validation that would pass the line's ordered days, naming the line, and changes nothing", async () => {
    // Line 2 (Design, 20 days ordered): 13 (May) + 3 (July) validated = 16. August: Nina 4,5 → 20,5.
    const aug = await save(
      cast.contractorX,
      gridForm(order.id, "2026-08", [{ assignmentId: nina, days: "4,5" }]),
    );
    const s = await submitReport({
      actor: cast.contractorX,
      input: { reportId: aug.id, version: aug.version },
    });
    const before = await snapshot();
    const r = await refusal(
      validateReport({ actor: cast.beneficiaryA, input: { reportId: aug.id, version: s.version } }),
    );
    expect(r.message).toContain(
      "Valider ce compte rendu dépasserait les jours commandés sur la ligne « Design – Confirmé » (ligne 2) : 20 jours commandés, 16 jours déjà validés, ce compte rendu en ajoute 4,5 jours.",
    );
    expect(await snapshot()).toBe(before);
    expect((await reportOf(order.id, "2026-08")).status).toBe("SUBMITTED");
    // The beneficiary rejects it instead; the contractor reports what is left.
    await rejectReport({
      actor: cast.beneficiaryA,
      input: { reportId: aug.id, version: s.version, reason: "Dépasse la commande." },
    });
  });

  it("corrects a validated report with an adjusting entry of signed changes, validated like any report", async () => {
    const may = await reportOf(order.id, "2026-05");
    const l1 = await consumed(order.lineIds[0] as string);
    // Not on a report that is not validated.
    const june = await reportOf(order.id, "2026-06");
    expect(
      (
        await refusal(
          createAdjustment({
            actor: cast.contractorX,
            input: createAdjustmentSchema.parse({
              reportId: june.id,
              activities: "x",
              assignmentId: [camille],
              correctedDays: ["1"],
            }),
          }),
        )
      ).message,
    ).toMatch(/Seul un compte rendu validé/);
    // No change: refused.
    const same = await refusal(
      createAdjustment({
        actor: cast.contractorX,
        input: createAdjustmentSchema.parse({
          reportId: may.id,
          activities: "Rien",
          assignmentId: [camille],
          correctedDays: ["10,5"],
        }),
      }),
    );
    expect(same.message).toMatch(/Aucun nombre de jours ne change/);
    // Above the month's working days for the assignment.
    const over = await refusal(
      createAdjustment({
        actor: cast.contractorX,
        input: createAdjustmentSchema.parse({
          reportId: may.id,
          activities: "Erreur",
          assignmentId: [camille],
          correctedDays: ["17,5"],
        }),
      }),
    );
    expect(over.fields[`correctedDays.${camille}`]?.[0]).toMatch(/ne compte que 17 jours ouvrés en mai 2026/);
    // Camille also has 6,5 days on the other order in May: 10,5 + 6,5 = 17, no room for more.
    const month = await refusal(
      createAdjustment({
        actor: cast.contractorX,
        input: createAdjustmentSchema.parse({
          reportId: may.id,
          activities: "Oubli",
          assignmentId: [camille],
          correctedDays: ["11"],
        }),
      }),
    );
    expect(month.message).toMatch(/Camille Roux ne peut pas dépasser 17 jours ouvrés en mai 2026/);

    // Camille worked 9,5 days, not 10,5.
    const adj = await createAdjustment({
      actor: cast.contractorX,
      input: createAdjustmentSchema.parse({
        reportId: may.id,
        activities: "Une journée comptée deux fois le 12 mai.",
        assignmentId: [camille, nina],
        correctedDays: ["9,5", ""],
      }),
    });
    const row = await t.db.activityReport.findUniqueOrThrow({
      where: { id: adj.id },
      include: { entries: true },
    });
    expect(row.adjustsReportId).toBe(may.id);
    expect(row.status).toBe("DRAFT");
    expect(row.entries.map((e) => [e.assignmentId, e.days.toString()])).toEqual([[camille, "-1"]]);
    // One open adjusting entry at a time.
    const second = await refusal(
      createAdjustment({
        actor: cast.contractorX,
        input: createAdjustmentSchema.parse({
          reportId: may.id,
          activities: "Autre",
          assignmentId: [paul],
          correctedDays: ["7"],
        }),
      }),
    );
    expect(second.message).toMatch(/déjà en cours/);
    // It can be edited while a draft: Camille actually 9 days, Paul 7,5.
    const edited = await updateAdjustment({
      actor: cast.contractorX,
      input: updateAdjustmentSchema.parse({
        adjustmentId: adj.id,
        version: String(adj.version),
        activities: "Une journée et demie comptée deux fois.",
        assignmentId: [camille, paul],
        correctedDays: ["9", "7,5"],
      }),
    });
    const page = await getReport({ actor: cast.contractorX, orderId: order.id, month: "2026-05" });
    expect(page.adjustments).toHaveLength(1);
    expect(page.adjustments[0]?.changes.map((c) => [c.stafferName, c.days])).toEqual([
      ["Camille Roux", "-1.5"],
      ["Paul Ancien", "-0.5"],
    ]);
    expect(page.can.adjust).toBe(false);
    const s = await submitReport({
      actor: cast.contractorX,
      input: { reportId: adj.id, version: edited.version },
    });
    await validateReport({ actor: cast.beneficiaryA, input: { reportId: adj.id, version: s.version } });
    expect(await consumed(order.lineIds[0] as string)).toBe(String(Number(l1) - 1.5));
    // The original is untouched; the page shows what is validated now.
    const original = await reportOf(order.id, "2026-05");
    expect(original.entries.find((e) => e.assignmentId === camille)?.days.toString()).toBe("10.5");
    expect(original.version).toBe(may.version);
    const after = await getReport({ actor: cast.beneficiaryA, orderId: order.id, month: "2026-05" });
    expect(after.rows.find((r) => r.assignmentId === camille)?.validatedDays).toBe("9");
    expect(after.rows.find((r) => r.assignmentId === paul)?.validatedDays).toBe("7.5");
  });

  it("never lets an adjusting entry take the consumed days below the certified days", async () => {
    const may = await reportOf(order.id, "2026-05");
    const line = order.lineIds[0] as string;
    const now = await consumed(line);
    // A service fait certified every consumed day of line 1.
    await t.db.orderLine.update({ where: { id: line }, data: { certifiedDays: now } });
    const adj = await createAdjustment({
      actor: cast.contractorX,
      input: createAdjustmentSchema.parse({
        reportId: may.id,
        activities: "Encore une erreur",
        assignmentId: [camille],
        correctedDays: ["8"],
      }),
    });
    const s = await submitReport({
      actor: cast.contractorX,
      input: { reportId: adj.id, version: adj.version },
    });
    const before = await snapshot();
    const r = await refusal(
      validateReport({ actor: cast.beneficiaryA, input: { reportId: adj.id, version: s.version } }),
    );
    expect(r.message).toMatch(/sous les .* déjà certifiés par un service fait/);
    expect(await snapshot()).toBe(before);
    await rejectReport({
      actor: cast.beneficiaryA,
      input: { reportId: adj.id, version: s.version, reason: "Déjà certifié." },
    });
    await t.db.orderLine.update({ where: { id: line }, data: { certifiedDays: "0" } });
  });

  it("lists the order's months and the work queue of each role", async () => {
    const months = await listOrderReports({ actor: cast.beneficiaryA, orderId: order.id });
    expect(months.months.map((m) => m.month)).toEqual([
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
      "2026-12",
    ]);
    const may = months.months.find((m) => m.month === "2026-05");
    expect(may).toMatchObject({
      report: { status: "VALIDATED", billableDays: "23.5", nonBillableDays: "2" },
      adjustments: 2,
      validatedDays: "21.5",
    });
    expect(months.months.find((m) => m.month === "2026-08")?.report?.status).toBe("REJECTED");

    const contractor = await allWork(cast.contractorX);
    const mine = contractor.filter((i) => i.orderId === order.id);
    // Rejected first (August and May's adjusting entry), then months without a report.
    expect(mine[0]?.kind).toBe("REJECTED");
    expect(
      mine
        .filter((i) => i.kind === "REJECTED")
        .map((i) => [i.month, i.isAdjustment])
        .sort(),
    ).toEqual([
      ["2026-05", true],
      ["2026-08", false],
    ]);
    expect(mine.some((i) => i.kind === "missing" && i.month === "2026-03")).toBe(true);
    expect(mine.some((i) => i.kind === "missing" && i.month === "2026-05")).toBe(false);
    const june = await reportOf(order.id, "2026-06");
    await validateReport({ actor: cast.beneficiaryA, input: { reportId: june.id, version: june.version } });
    const beneficiary = await listWorkQueue({ actor: cast.beneficiaryA, page: 1 });
    expect(beneficiary.items.every((i) => i.kind === "SUBMITTED")).toBe(true);
    const dinum = await listWorkQueue({ actor: cast.dinum, page: 1 });
    expect(dinum.total).toBe(await t.db.activityReport.count());
    expect((await listWorkQueue({ actor: cast.contractorY, page: 1 })).total).toBe(0);
    expect(
      (await listWorkQueue({ actor: cast.beneficiaryB, page: 1 })).items.some((i) => i.orderId === order.id),
    ).toBe(false);
  });

  it("answers 'not found' to another organisation, for every read and every action", async () => {
    const may = await reportOf(order.id, "2026-05");
    const august = await reportOf(order.id, "2026-08");
    const before = await snapshot();
    for (const actor of [cast.contractorY, cast.beneficiaryB, cast.dinumBeneficiary]) {
      // Thunks: each call starts only when awaited, so no refusal goes unhandled.
      const calls: Array<() => Promise<unknown>> = [
        () => getReport({ actor, orderId: order.id, month: "2026-05" }),
        () => listOrderReports({ actor, orderId: order.id }),
        () => save(actor, gridForm(order.id, "2026-09", [{ assignmentId: camille, days: "1" }])),
        () => submitReport({ actor, input: { reportId: august.id, version: august.version } }),
        () => validateReport({ actor, input: { reportId: august.id, version: august.version } }),
        () =>
          rejectReport({
            actor,
            input: { reportId: august.id, version: august.version, reason: "Pas à moi" },
          }),
        () =>
          createAdjustment({
            actor,
            input: createAdjustmentSchema.parse({
              reportId: may.id,
              activities: "x",
              assignmentId: [camille],
              correctedDays: ["1"],
            }),
          }),
      ];
      for (const call of calls) expect((await refusal(call())).code).toBe("NOT_FOUND");
    }
    // DINUM reads everything, changes nothing.
    await expect(
      getReport({ actor: cast.dinum, orderId: order.id, month: "2026-05" }),
    ).resolves.toMatchObject({
      can: { edit: false, validate: false, reject: false, adjust: false },
    });
    expect(
      (await refusal(save(cast.dinum, gridForm(order.id, "2026-09", [{ assignmentId: camille, days: "1" }]))))
        .code,
    ).toBe("FORBIDDEN");
    expect(await snapshot()).toBe(before);
    // An id that is not a UUID, a month that does not parse: not found, never a 500.
    expect(
      (await refusal(getReport({ actor: cast.contractorX, orderId: "abc", month: "2026-05" }))).code,
    ).toBe("NOT_FOUND");
    expect(
      (await refusal(getReport({ actor: cast.contractorX, orderId: order.id, month: "2026-5" }))).code,
    ).toBe("NOT_FOUND");
  });
});

describe(`activity reports under concurrency (${onPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  it("two reports of the same line validated at the same time never pass its ordered days", async () => {
    for (let round = 0; round < 3; round++) {
      const o = await makeOrderWithLines(t.db, {
        agreementId: cast.agreement.id,
        beneficiaryId: cast.orgs.benA.id,
        contractorId: cast.orgs.conX.id,
        createdById: cast.beneficiaryA.userId,
        lines: [{ uoTypeId: devops, orderedDays: 20 }],
      });
      const s = await makeStaffer(t.db, {
        contractorId: cast.orgs.conX.id,
        uoTypeId: devops,
        fullName: `Personne ${round}`,
      });
      const a = await makeAssignment(t.db, {
        orderId: o.id,
        orderLineId: o.lineIds[0] as string,
        stafferId: s,
        createdById: cast.contractorX.userId,
      });
      const submitted = [];
      for (const month of ["2026-09", "2026-10"]) {
        const r = await save(cast.contractorX, gridForm(o.id, month, [{ assignmentId: a, days: "12" }]));
        submitted.push(
          await submitReport({ actor: cast.contractorX, input: { reportId: r.id, version: r.version } }),
        );
      }
      const results = await Promise.allSettled(
        submitted.map((r) =>
          validateReport({ actor: cast.beneficiaryA, input: { reportId: r.id, version: r.version } }),
        ),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      // The conditional UPDATE names the line; the CHECK constraint behind it is only a last guard.
      expect(isAppError(refused.reason) && refused.reason.message).toMatch(
        /dépasserait les jours commandés sur la ligne « Devops – Confirmé » \(ligne 1\) : 20 jours commandés, 12 jours déjà validés/,
      );
      const line = await t.db.orderLine.findUniqueOrThrow({ where: { id: o.lineIds[0] as string } });
      expect(line.consumedDays.toString()).toBe("12");
      expect(await t.db.activityReport.count({ where: { orderId: o.id, status: "VALIDATED" } })).toBe(1);
    }
  });

  it("the same person saved at the same time on two orders for one month never passes its working days", async () => {
    for (let round = 0; round < 3; round++) {
      const s = await makeStaffer(t.db, {
        contractorId: cast.orgs.conX.id,
        uoTypeId: devops,
        fullName: `Double ${round}`,
      });
      const grids = [];
      for (const ben of [cast.orgs.benA.id, cast.orgs.benB.id]) {
        const o = await makeOrderWithLines(t.db, {
          agreementId: cast.agreement.id,
          beneficiaryId: ben,
          contractorId: cast.orgs.conX.id,
          createdById: cast.beneficiaryA.userId,
          lines: [{ uoTypeId: devops, orderedDays: 40 }],
        });
        const a = await makeAssignment(t.db, {
          orderId: o.id,
          orderLineId: o.lineIds[0] as string,
          stafferId: s,
          createdById: cast.contractorX.userId,
        });
        grids.push(gridForm(o.id, "2026-10", [{ assignmentId: a, days: "15" }]));
      }
      const results = await Promise.allSettled(grids.map((g) => save(cast.contractorX, g)));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(isAppError(refused.reason) && refused.reason.message).toMatch(
        new RegExp(`Double ${round} ne peut pas dépasser 22 jours ouvrés en octobre 2026`),
      );
      const entries = await t.db.activityEntry.findMany({ where: { stafferId: s } });
      expect(entries.reduce((sum, e) => sum + Number(e.days), 0)).toBe(15);
    }
  });

  it("saves a monthly grid of a ten-person team quickly (timing)", async () => {
    const o = await makeOrderWithLines(t.db, {
      agreementId: cast.agreement.id,
      beneficiaryId: cast.orgs.benA.id,
      contractorId: cast.orgs.conX.id,
      createdById: cast.beneficiaryA.userId,
      lines: [
        { uoTypeId: devops, orderedDays: 400 },
        { uoTypeId: design, orderedDays: 400 },
      ],
    });
    const rows = [];
    for (let i = 0; i < 10; i++) {
      const s = await makeStaffer(t.db, {
        contractorId: cast.orgs.conX.id,
        uoTypeId: devops,
        fullName: `Équipier ${i}`,
      });
      rows.push({
        assignmentId: await makeAssignment(t.db, {
          orderId: o.id,
          orderLineId: o.lineIds[i % 2] as string,
          stafferId: s,
          createdById: cast.contractorX.userId,
        }),
        days: "18",
      });
    }
    let version: number | null = null;
    const timings: number[] = [];
    for (let i = 0; i < 10; i++) {
      const start = performance.now();
      const r = await save(
        cast.contractorX,
        gridForm(o.id, "2026-11", rows, { version, activities: `Essai ${i}` }),
      );
      timings.push(performance.now() - start);
      version = r.version;
    }
    timings.sort((a, b) => a - b);
    const median = timings[5] as number;
    console.info(
      `[timing] saveReport, 10 people, ${onPostgres ? "PostgreSQL" : "PGlite"}: median ${median.toFixed(1)} ms, max ${(timings.at(-1) as number).toFixed(1)} ms`,
    );
    expect(median).toBeLessThan(1000);
  });
});
