// Service fait (issue 4): the beneficiary certifies whole months of an order from its
// validated reports. Exact amounts, decisions, gapless numbers, certified days, order
// completion, scope, immutability, hostile text, the PDF read back with pdftotext, and two
// simultaneous issues on real PostgreSQL.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayIso } from "@/lib/dates";
import { pgErrorOf } from "@/lib/db/errors";
import { isAppError } from "@/lib/errors";
import { issueServiceFait } from "@/lib/service-fait/mutations";
import { renderServiceFaitPdf } from "@/lib/service-fait/pdf";
import {
  getOrderServiceFaits,
  getServiceFait,
  getServiceFaitPdfData,
  previewServiceFait,
} from "@/lib/service-fait/queries";
import { issueServiceFaitSchema } from "@/lib/service-fait/schemas";
import { createTestDb, onPostgres, type TestDb } from "../support/db";
import { makeCast } from "../support/factories";
import { addValidatedReport, makeOrder } from "../support/service-fait";

let t: TestDb;
let cast: Awaited<ReturnType<typeof makeCast>>;
const year = Number(todayIso().slice(0, 4));

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
});
afterAll(async () => {
  await t?.close();
});

/** An IN_PROGRESS order of ministry A to contractor X: Devops confirmé 3 UO, Design confirmé 2 UO. */
async function order(opts: Partial<Parameters<typeof makeOrder>[1]> = {}) {
  const o = await makeOrder(t.db, {
    agreementId: cast.agreement.id,
    beneficiaryId: cast.orgs.benA.id,
    contractorId: cast.orgs.conX.id,
    createdById: cast.beneficiaryA.userId,
    ...opts,
  });
  return { ...o, devops: o.lines[0]?.id as string, design: o.lines[1]?.id as string };
}

function report(orderId: string, month: string, days: Record<string, string>, adjusts?: string) {
  return addValidatedReport(t.db, {
    orderId,
    month,
    days,
    submittedById: cast.contractorX.userId,
    validatedById: cast.beneficiaryA.userId,
    ...(adjusts ? { adjusts } : {}),
  });
}

const recordCount = async (orderId: string) => t.db.serviceFait.count({ where: { orderId } });

/** The form as the browser sends it (strings only). */
async function raw(orderId: string, over: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    orderId,
    from: "2026-04",
    to: "2026-05",
    decision: "ADMISSION",
    signatoryName: "Paul Durand",
    recordCount: String(await recordCount(orderId)),
    confirm: "on",
    ...over,
  };
}

async function form(orderId: string, over: Record<string, string> = {}) {
  return issueServiceFaitSchema.parse(await raw(orderId, over));
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return pgErrorOf(e)?.message ?? String(e);
  }
  return "accepted";
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

async function messageOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "";
  } catch (e) {
    if (isAppError(e)) return e.message;
    throw e;
  }
}

const line = (id: string) => t.db.orderLine.findUniqueOrThrow({ where: { id } });

describe(`service fait (${onPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  it("admission: certifies the months' validated reports at the frozen prices, exactly", async () => {
    const o = await order();
    await report(o.id, "2026-04", { [o.devops]: "18", [o.design]: "15.5" });
    await report(o.id, "2026-05", { [o.devops]: "19", [o.design]: "17" });
    // Outside the period: stays to certify.
    const june = await report(o.id, "2026-06", { [o.devops]: "10" });

    const preview = await previewServiceFait({
      actor: cast.beneficiaryA,
      orderId: o.id,
      period: { from: "2026-04", to: "2026-05" },
    });
    expect(preview.lines.map((l) => [l.label, l.days, l.amountHtCents])).toEqual([
      ["Devops – Confirmé", "37", 2_127_500n],
      ["Design – Confirmé", "32.5", 1_787_500n],
    ]);
    expect(preview.computedHtCents).toBe(3_915_000n);
    expect(preview.admission).toEqual({ vatCents: 783_000n, ttcCents: 4_698_000n });

    const mailsBefore = await t.db.notification.count();
    const sf = await issueServiceFait({ actor: cast.beneficiaryA, input: await form(o.id) });
    expect(sf.number).toMatch(new RegExp(`^SF-${year}-\\d{4}$`));
    expect(sf.completed).toBe(false);

    const row = await t.db.serviceFait.findUniqueOrThrow({
      where: { id: sf.id },
      include: { lines: true, reports: true },
    });
    expect(row).toMatchObject({
      decision: "ADMISSION",
      computedHtCents: 3_915_000n,
      refactionHtCents: 0n,
      certifiedHtCents: 3_915_000n,
      vatCents: 783_000n,
      certifiedTtcCents: 4_698_000n,
      signatoryName: "Paul Durand",
      issuedById: cast.beneficiaryA.userId,
      isFinal: false,
    });
    expect(row.periodStart.toISOString().slice(0, 10)).toBe("2026-04-01");
    expect(row.periodEnd.toISOString().slice(0, 10)).toBe("2026-05-31");
    expect(row.reports).toHaveLength(2);
    expect(row.reports.every((r) => r.certifying)).toBe(true);
    expect(row.reports.map((r) => r.reportId)).not.toContain(june.id);
    expect(row.lines.map((l) => [l.days.toString(), l.unitPriceHtCents, l.amountHtCents]).sort()).toEqual(
      [
        ["32.5", 1_100_000, 1_787_500n],
        ["37", 1_150_000, 2_127_500n],
      ].sort(),
    );
    // Certified days on the lines; consumed untouched.
    expect((await line(o.devops)).certifiedDays.toString()).toBe("37");
    expect((await line(o.design)).certifiedDays.toString()).toBe("32.5");
    expect((await line(o.devops)).consumedDays.toString()).toBe("47");
    // Audited once, the contractor is told.
    const audit = await t.db.auditEvent.findMany({ where: { entityType: "ServiceFait", entityId: sf.id } });
    expect(audit.map((a) => a.action)).toEqual(["serviceFait.issue"]);
    const mails = await t.db.notification.findMany({ where: { entityType: "ServiceFait", entityId: sf.id } });
    expect(mails.map((m) => m.toEmail)).toEqual([cast.contractorX.email]);
    expect(mails[0]?.subject).toContain(sf.number);
    expect(mails[0]?.text).toContain("39 150,00");
    expect((await t.db.notification.count()) - mailsBefore).toBe(1);

    // The same months again: nothing left to certify, in French, nothing stored.
    const again = await messageOf(issueServiceFait({ actor: cast.beneficiaryA, input: await form(o.id) }));
    expect(again).toMatch(/^Rien à certifier pour avril 2026 à mai 2026/);
    expect(await recordCount(o.id)).toBe(1);

    // June is still to certify, and the page says so.
    const page = await getOrderServiceFaits({ actor: cast.beneficiaryA, orderId: o.id });
    expect(page.pending).toEqual([{ month: "2026-06", reports: 1, days: "10" }]);
    expect(page.records.map((r) => r.number)).toEqual([sf.number]);
    expect(page.can.certify).toBe(true);
    const june2 = await issueServiceFait({
      actor: cast.beneficiaryA,
      input: await form(o.id, { from: "2026-06", to: "2026-06" }),
    });
    // Gapless: the refused attempt took no number.
    expect(Number(june2.number.slice(-4))).toBe(Number(sf.number.slice(-4)) + 1);
  });

  it("a double submit of the same form records once", async () => {
    const o = await order();
    await report(o.id, "2026-04", { [o.devops]: "5" });
    const input = await form(o.id, { decision: "AJOURNEMENT", comment: "Livrables à compléter." });
    await issueServiceFait({ actor: cast.beneficiaryA, input });
    const second = await messageOf(issueServiceFait({ actor: cast.beneficiaryA, input }));
    expect(second).toMatch(/Un procès-verbal vient d'être enregistré pour ce bon de commande/);
    expect(await recordCount(o.id)).toBe(1);
  });

  it("ajournement and rejet certify nothing; the reports stay to certify", async () => {
    const o = await order();
    const april = await report(o.id, "2026-04", { [o.devops]: "20" });
    const aj = await issueServiceFait({
      actor: cast.beneficiaryA,
      input: await form(o.id, { to: "2026-04", decision: "AJOURNEMENT", comment: "Démo non réalisée." }),
    });
    const rej = await issueServiceFait({
      actor: cast.beneficiaryA,
      input: await form(o.id, { to: "2026-04", decision: "REJET", comment: "Travaux non conformes." }),
    });
    for (const id of [aj.id, rej.id]) {
      const r = await t.db.serviceFait.findUniqueOrThrow({ where: { id }, include: { reports: true } });
      expect(r.computedHtCents).toBe(1_150_000n);
      expect([r.certifiedHtCents, r.vatCents, r.certifiedTtcCents]).toEqual([0n, 0n, 0n]);
      expect(r.reports).toEqual([{ serviceFaitId: id, reportId: april.id, certifying: false }]);
    }
    expect((await line(o.devops)).certifiedDays.toString()).toBe("0");
    const ok = await issueServiceFait({
      actor: cast.beneficiaryA,
      input: await form(o.id, { to: "2026-04" }),
    });
    const r = await t.db.serviceFait.findUniqueOrThrow({ where: { id: ok.id } });
    expect(r.certifiedHtCents).toBe(1_150_000n);
    expect((await line(o.devops)).certifiedDays.toString()).toBe("20");
  });

  it("réfaction: computed minus réfaction, TVA on the rest; refused above computed, at zero, negative, without reason", async () => {
    const o = await order();
    await report(o.id, "2026-04", { [o.devops]: "10", [o.design]: "0.5" });
    // computed = 575 000 + 27 500 = 602 500 cents.
    const tooMuch = issueServiceFait({
      actor: cast.beneficiaryA,
      input: await form(o.id, {
        to: "2026-04",
        decision: "REFACTION",
        refaction: "6 025,01",
        comment: "Retard.",
      }),
    });
    expect(await messageOf(tooMuch)).toBe(
      "La réfaction ne peut pas dépasser le montant calculé sur les jours validés.",
    );
    expect(await recordCount(o.id)).toBe(0);
    for (const [refaction, message] of [
      ["0", "La réfaction doit être supérieure à zéro."],
      ["-12", "La réfaction doit être un montant positif en euros, par exemple 1 250,00."],
      ["", "Indiquez le montant de la réfaction."],
    ] as const) {
      const parsed = issueServiceFaitSchema.safeParse(
        await raw(o.id, { decision: "REFACTION", refaction, comment: "Retard de livraison." }),
      );
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.message)).toContain(message);
    }
    const noReason = issueServiceFaitSchema.safeParse({
      orderId: o.id,
      from: "2026-04",
      to: "2026-04",
      decision: "REFACTION",
      refaction: "100",
      signatoryName: "Paul Durand",
      recordCount: "0",
      confirm: "on",
    });
    expect(noReason.error?.issues.map((i) => i.message)).toContain(
      "Motif de la réfaction est obligatoire (5 caractères au moins).",
    );

    const sf = await issueServiceFait({
      actor: cast.beneficiaryA,
      input: await form(o.id, {
        to: "2026-04",
        decision: "REFACTION",
        refaction: "1 250,50",
        comment: "Documentation livrée en retard.",
      }),
    });
    const r = await t.db.serviceFait.findUniqueOrThrow({ where: { id: sf.id } });
    expect(r).toMatchObject({
      decision: "REFACTION",
      computedHtCents: 602_500n,
      refactionHtCents: 125_050n,
      certifiedHtCents: 477_450n,
      vatCents: 95_490n,
      certifiedTtcCents: 572_940n,
      comment: "Documentation livrée en retard.",
    });
    // The days are certified in full: the réfaction is on the price, not on the days.
    expect((await line(o.devops)).certifiedDays.toString()).toBe("10");
  });

  it("refuses a period outside the order, an inverted period and months without validated reports", async () => {
    const o = await order({ startsOn: "2026-03-02", endsOn: "2026-09-30" });
    await report(o.id, "2026-04", { [o.devops]: "3" });
    expect(
      await messageOf(
        issueServiceFait({
          actor: cast.beneficiaryA,
          input: await form(o.id, { from: "2026-02", to: "2026-04" }),
        }),
      ),
    ).toBe("La période doit être comprise dans celle du bon de commande (de mars 2026 à septembre 2026).");
    expect(
      await messageOf(
        issueServiceFait({
          actor: cast.beneficiaryA,
          input: await form(o.id, { from: "2026-09", to: "2026-10" }),
        }),
      ),
    ).toMatch(/comprise dans celle du bon de commande/);
    expect(
      issueServiceFaitSchema.safeParse(await raw(o.id, { from: "2026-05", to: "2026-04" })).success,
    ).toBe(false);
    expect(issueServiceFaitSchema.safeParse(await raw(o.id, { from: "2026-13" })).success).toBe(false);
    // A submitted (not validated) report is not certifiable, and the message says why.
    await t.db.activityReport.create({
      data: {
        orderId: o.id,
        month: new Date("2026-07-01T00:00:00Z"),
        status: "SUBMITTED",
        submittedAt: new Date(),
        submittedById: cast.contractorX.userId,
        createdById: cast.contractorX.userId,
      },
    });
    const nothing = await messageOf(
      issueServiceFait({
        actor: cast.beneficiaryA,
        input: await form(o.id, { from: "2026-07", to: "2026-08" }),
      }),
    );
    expect(nothing).toBe(
      "Rien à certifier pour juillet 2026 à août 2026 : aucun compte rendu d'activité validé de cette période n'attend de service fait. 1 compte rendu de cette période attend encore votre validation.",
    );
    expect(await recordCount(o.id)).toBe(0);
  });

  it("only for original orders acknowledged, in progress or completed", async () => {
    for (const status of ["ISSUED", "CLOSED", "CANCELLED"] as const) {
      const o = await order({ status });
      await report(o.id, "2026-04", { [o.devops]: "1" });
      expect(await codeOf(issueServiceFait({ actor: cast.beneficiaryA, input: await form(o.id) }))).toBe(
        "CONFLICT",
      );
    }
    const completed = await order({ status: "COMPLETED" });
    await report(completed.id, "2026-04", { [completed.devops]: "1" });
    expect(
      await codeOf(issueServiceFait({ actor: cast.beneficiaryA, input: await form(completed.id) })),
    ).toBe("OK");
  });

  it("covers adjusting entries of a certified month, and refuses a period whose total would be negative", async () => {
    const o = await order();
    const april = await report(o.id, "2026-04", { [o.devops]: "10" });
    await issueServiceFait({ actor: cast.beneficiaryA, input: await form(o.id, { to: "2026-04" }) });
    await report(o.id, "2026-05", { [o.devops]: "8" });
    // April corrected afterwards: 2 days fewer.
    await report(o.id, "2026-04", { [o.devops]: "-2" }, april.id);
    const negative = await messageOf(
      issueServiceFait({ actor: cast.beneficiaryA, input: await form(o.id, { to: "2026-04" }) }),
    );
    expect(negative).toMatch(
      /« Devops – Confirmé », les comptes rendus de la période \(avril 2026\) totalisent -2 jours/,
    );
    const sf = await issueServiceFait({ actor: cast.beneficiaryA, input: await form(o.id) });
    const r = await t.db.serviceFait.findUniqueOrThrow({ where: { id: sf.id }, include: { reports: true } });
    expect(r.reports).toHaveLength(2);
    expect(r.computedHtCents).toBe(345_000n); // 6 days × 11 500 € / 20
    expect((await line(o.devops)).certifiedDays.toString()).toBe("16");
    expect((await line(o.devops)).consumedDays.toString()).toBe("16");
  });

  it("completes the order when every ordered day is certified", async () => {
    const o = await order({
      lines: [{ code: "DEVOPS_CONFIRME", quantity: "1.5", unitPriceHtCents: 1_150_000 }],
    });
    await report(o.id, "2026-04", { [o.devops]: "20" });
    const first = await issueServiceFait({
      actor: cast.beneficiaryA,
      input: await form(o.id, { to: "2026-04" }),
    });
    expect(first.completed).toBe(false);
    await report(o.id, "2026-05", { [o.devops]: "10" });
    const last = await issueServiceFait({
      actor: cast.beneficiaryA,
      input: await form(o.id, { from: "2026-05", to: "2026-05" }),
    });
    expect(last.completed).toBe(true);
    const after = await t.db.purchaseOrder.findUniqueOrThrow({ where: { id: o.id } });
    expect(after.status).toBe("COMPLETED");
    const complete = await t.db.auditEvent.findFirstOrThrow({
      where: { entityType: "PurchaseOrder", entityId: o.id, action: "order.complete" },
    });
    expect(complete.after).toMatchObject({ cause: "all-days-certified" });
  });

  it("a final service fait completes an order whose period has ended", async () => {
    const o = await order({ startsOn: "2025-03-03", endsOn: "2025-06-30" });
    await report(o.id, "2025-05", { [o.devops]: "12" });
    await report(o.id, "2025-06", { [o.devops]: "12" });
    const notFinal = await issueServiceFait({
      actor: cast.beneficiaryA,
      input: await form(o.id, { from: "2025-05", to: "2025-05" }),
    });
    expect(notFinal.completed).toBe(false);
    expect(
      issueServiceFaitSchema.safeParse(
        await raw(o.id, { decision: "REJET", comment: "Non conforme.", isFinal: "on" }),
      ).error?.issues[0]?.message,
    ).toBe("Seule une admission (avec ou sans réfaction) peut être le service fait final.");
    const final = await issueServiceFait({
      actor: cast.beneficiaryA,
      input: await form(o.id, { from: "2025-06", to: "2025-06", isFinal: "on" }),
    });
    expect(final.completed).toBe(true);
    expect((await t.db.purchaseOrder.findUniqueOrThrow({ where: { id: o.id } })).status).toBe("COMPLETED");
  });

  it("scope: other organisations get 'not found' on reads, the PDF data and the issue; the contractor may not certify", async () => {
    const o = await order();
    await report(o.id, "2026-04", { [o.devops]: "4" });
    const sf = await issueServiceFait({
      actor: cast.beneficiaryA,
      input: await form(o.id, { to: "2026-04" }),
    });
    await report(o.id, "2026-05", { [o.devops]: "4" });
    const period = { from: "2026-05", to: "2026-05" };
    for (const outsider of [cast.beneficiaryB, cast.contractorY, cast.dinumBeneficiary]) {
      expect(await codeOf(getOrderServiceFaits({ actor: outsider, orderId: o.id }))).toBe("NOT_FOUND");
      expect(await codeOf(getServiceFait({ actor: outsider, orderId: o.id, sfId: sf.id }))).toBe("NOT_FOUND");
      expect(await codeOf(getServiceFaitPdfData({ actor: outsider, orderId: o.id, sfId: sf.id }))).toBe(
        "NOT_FOUND",
      );
      expect(await codeOf(previewServiceFait({ actor: outsider, orderId: o.id, period }))).toBe("NOT_FOUND");
      expect(
        await codeOf(
          issueServiceFait({ actor: outsider, input: await form(o.id, { from: "2026-05", to: "2026-05" }) }),
        ),
      ).toBe("NOT_FOUND");
    }
    // A record id of another order, through this order's URL: not found either.
    const other = await order();
    expect(await codeOf(getServiceFait({ actor: cast.beneficiaryA, orderId: other.id, sfId: sf.id }))).toBe(
      "NOT_FOUND",
    );
    expect(
      await codeOf(getServiceFait({ actor: cast.beneficiaryA, orderId: o.id, sfId: "pas-un-uuid" })),
    ).toBe("NOT_FOUND");
    // The contractor and DINUM see, but do not certify.
    for (const reader of [cast.contractorX, cast.dinum]) {
      const page = await getOrderServiceFaits({ actor: reader, orderId: o.id });
      expect(page.records).toHaveLength(1);
      expect(page.can.certify).toBe(false);
      expect(await codeOf(getServiceFaitPdfData({ actor: reader, orderId: o.id, sfId: sf.id }))).toBe("OK");
      expect(await codeOf(previewServiceFait({ actor: reader, orderId: o.id, period }))).toBe("FORBIDDEN");
      expect(
        await codeOf(
          issueServiceFait({ actor: reader, input: await form(o.id, { from: "2026-05", to: "2026-05" }) }),
        ),
      ).toBe("FORBIDDEN");
    }
    expect(await recordCount(o.id)).toBe(1);
  });

  it("a service-fait record never changes, whoever connects", async () => {
    const o = await order();
    await report(o.id, "2026-04", { [o.devops]: "4" });
    const sf = await issueServiceFait({
      actor: cast.beneficiaryA,
      input: await form(o.id, { to: "2026-04" }),
    });
    const sql = [
      `UPDATE "ServiceFait" SET "certifiedHtCents" = 1 WHERE "id" = $1::uuid`,
      `DELETE FROM "ServiceFait" WHERE "id" = $1::uuid`,
      `UPDATE "ServiceFaitLine" SET "days" = 0 WHERE "serviceFaitId" = $1::uuid`,
      `UPDATE "ServiceFaitReport" SET "certifying" = false WHERE "serviceFaitId" = $1::uuid`,
      `DELETE FROM "ServiceFaitReport" WHERE "serviceFaitId" = $1::uuid`,
    ];
    for (const statement of sql) {
      expect(await refusal(t.db.$executeRawUnsafe(statement, sf.id))).toMatch(
        /a service-fait record never changes/,
      );
    }
    const after = await t.db.serviceFait.findUniqueOrThrow({
      where: { id: sf.id },
      include: { reports: true },
    });
    expect(after.certifiedHtCents).toBe(230_000n);
    expect(after.reports.every((r) => r.certifying)).toBe(true);
  });

  it("keeps a script typed in the comment as inert text, in the record, the mail and the PDF", async () => {
    const o = await order();
    await report(o.id, "2026-04", { [o.devops]: "4" });
    const script = '<script>alert("sf")</script> & <img src=x onerror=alert(1)>';
    const sf = await issueServiceFait({
      actor: cast.beneficiaryA,
      input: await form(o.id, { to: "2026-04", decision: "AJOURNEMENT", comment: script }),
    });
    const detail = await getServiceFait({ actor: cast.contractorX, orderId: o.id, sfId: sf.id });
    expect(detail.record.comment).toBe(script);
    const mail = await t.db.notification.findFirstOrThrow({ where: { entityId: sf.id } });
    expect(mail.text).toContain(`> ${script}`);
    const pdf = await renderServiceFaitPdf(
      await getServiceFaitPdfData({ actor: cast.beneficiaryA, orderId: o.id, sfId: sf.id }),
    );
    expect(pdfText(pdf)).toContain(script);
  });

  it("the PDF prints the order, the period, the amounts and the order's position", async () => {
    const o = await order();
    await report(o.id, "2026-04", { [o.devops]: "20" });
    const first = await issueServiceFait({
      actor: cast.beneficiaryA,
      input: await form(o.id, { to: "2026-04" }),
    });
    await report(o.id, "2026-05", { [o.devops]: "18", [o.design]: "15.5" });
    const sf = await issueServiceFait({
      actor: cast.beneficiaryA,
      input: await form(o.id, {
        from: "2026-05",
        to: "2026-05",
        decision: "REFACTION",
        refaction: "500",
        comment: "Une démonstration manquée.",
        signatoryName: "Paul Durand",
      }),
    });
    const data = await getServiceFaitPdfData({ actor: cast.contractorX, orderId: o.id, sfId: sf.id });
    expect(data.summary).toEqual({
      orderedHtCents: 5_650_000n, // 3 × 11 500 + 2 × 11 000
      certifiedBeforeHtCents: 1_150_000n,
      certifiedNowHtCents: 1_837_500n, // 18 × 575 + 15,5 × 550 − 500 €
      remainingHtCents: 2_662_500n,
    });
    const started = performance.now();
    const pdf = await renderServiceFaitPdf(data);
    const ms = performance.now() - started;
    console.info(`service-fait PDF rendered in ${ms.toFixed(1)} ms (${pdf.length} bytes)`);
    expect(ms).toBeLessThan(2000);
    const text = pdfText(pdf).replace(/[ \u00a0]+/g, " ");
    expect(text).toContain(`Procès-verbal de service fait n° ${sf.number}`);
    expect(text).toContain(`Bon de commande n° ${o.number}`);
    expect(text).toContain("Période : mai 2026 (du 1 mai 2026 au 31 mai 2026)");
    expect(text).toContain("Décision : Admission avec réfaction");
    expect(text).toContain("Devops – Confirmé 18 11 500,00 € 10 350,00 €");
    expect(text).toContain("Design – Confirmé 15,5 11 000,00 € 8 525,00 €");
    expect(text).toContain("Montant calculé HT 18 875,00 €");
    expect(text).toContain("Réfaction HT - 500,00 €");
    expect(text).toContain("Montant certifié HT 18 375,00 €");
    expect(text).toContain("TVA (20 %) 3 675,00 €");
    expect(text).toContain("Montant certifié TTC 22 050,00 €");
    expect(text).toContain("Une démonstration manquée.");
    expect(text).toContain("Montant commandé (quantités corrigées) 56 500,00 €");
    expect(text).toContain("Certifié précédemment 11 500,00 €");
    expect(text).toContain("Reste (commandé - certifié) 26 625,00 €");
    expect(text).toContain("Signé par Paul Durand");
    expect(first.number < sf.number).toBe(true);
  });

  it("two simultaneous issues for the same reports: exactly one certifies", async () => {
    const o = await order();
    // More validated days elsewhere, so the line CHECK (certified ≤ consumed) cannot be what stops a double count.
    await report(o.id, "2026-03", { [o.devops]: "20" });
    const april = await report(o.id, "2026-04", { [o.devops]: "10" });
    const input = await form(o.id, { to: "2026-04" });
    const outcomes = await Promise.allSettled([
      issueServiceFait({ actor: cast.beneficiaryA, input }),
      issueServiceFait({ actor: cast.beneficiaryA, input }),
      issueServiceFait({ actor: cast.beneficiaryA, input }),
    ]);
    const ok = outcomes.filter((r) => r.status === "fulfilled");
    const refused = outcomes.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    for (const r of refused) expect(isAppError(r.reason) && r.reason.code).toBe("CONFLICT");
    expect(await t.db.serviceFaitReport.count({ where: { reportId: april.id, certifying: true } })).toBe(1);
    expect(await recordCount(o.id)).toBe(1);
    expect((await line(o.devops)).certifiedDays.toString()).toBe("10");
  });
});

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "sf-"));
  try {
    const file = join(dir, "sf.pdf");
    writeFileSync(file, pdf);
    return execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
