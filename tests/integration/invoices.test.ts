// Invoice trail (issue 4): the contractor records the invoices it deposited on Chorus Pro
// against a certifying service fait; the beneficiary records their payment; the délai global
// de paiement (30 days) is computed and flagged. Scope, bad input, concurrency.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { todayIso } from "@/lib/dates";
import { isAppError } from "@/lib/errors";
import { recordInvoice, recordPayment } from "@/lib/invoices/mutations";
import { listInvoices } from "@/lib/invoices/queries";
import { isoMinusDays } from "@/lib/invoices/rules";
import { recordInvoiceSchema, recordPaymentSchema } from "@/lib/invoices/schemas";
import { issueServiceFait } from "@/lib/service-fait/mutations";
import { getServiceFait } from "@/lib/service-fait/queries";
import { issueServiceFaitSchema } from "@/lib/service-fait/schemas";
import { createTestDb, onPostgres, type TestDb } from "../support/db";
import { makeActor, makeBeneficiary, makeCast } from "../support/factories";
import { addValidatedReport, makeOrder } from "../support/service-fait";

let t: TestDb;
let cast: Awaited<ReturnType<typeof makeCast>>;
const today = todayIso();
const daysAgo = (n: number) => isoMinusDays(today, n);

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
});
afterAll(async () => {
  await t?.close();
});

/**
 * A service fait of ministry A's order to contractor X: 20 days of Devops confirmé
 * (11 500,00 € HT certified; TTC 13 800,00 €), or an ajournement of them.
 */
async function certified(decision: "ADMISSION" | "AJOURNEMENT" = "ADMISSION") {
  const o = await makeOrder(t.db, {
    agreementId: cast.agreement.id,
    beneficiaryId: cast.orgs.benA.id,
    contractorId: cast.orgs.conX.id,
    createdById: cast.beneficiaryA.userId,
  });
  await addValidatedReport(t.db, {
    orderId: o.id,
    month: "2026-04",
    days: { [o.lines[0]?.id as string]: "20" },
    submittedById: cast.contractorX.userId,
    validatedById: cast.beneficiaryA.userId,
  });
  const sf = await issueServiceFait({
    actor: cast.beneficiaryA,
    input: issueServiceFaitSchema.parse({
      orderId: o.id,
      from: "2026-04",
      to: "2026-04",
      decision,
      comment: decision === "AJOURNEMENT" ? "Livrables incomplets." : "",
      signatoryName: "Paul Durand",
      recordCount: "0",
      confirm: "on",
    }),
  });
  return { orderId: o.id, sfId: sf.id };
}

const invoiceForm = (serviceFaitId: string, over: Record<string, string> = {}) =>
  recordInvoiceSchema.parse({
    serviceFaitId,
    number: `FAC-${randomUUID().slice(0, 8)}`,
    receivedOn: daysAgo(10),
    amountHt: "11 500,00",
    amountTtc: "13 800,00",
    ...over,
  });

async function outcome(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
    return { code: "OK", message: "" };
  } catch (e) {
    if (isAppError(e)) return { code: e.code, message: e.message };
    throw e;
  }
}

async function pay(actor: Actor, invoiceId: string, paidOn: string) {
  const inv = await t.db.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
  return recordPayment({
    actor,
    input: recordPaymentSchema.parse({ invoiceId, version: String(inv.version), paidOn }),
  });
}

describe(`invoices and payments (${onPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  it("the contractor records an invoice, parsed exactly from French amounts; the beneficiary is told", async () => {
    const { orderId, sfId } = await certified();
    const input = invoiceForm(sfId, {
      number: "  FAC  2026 / 0042 ",
      amountHt: "5 750,05",
      amountTtc: "6 900,06",
    });
    expect(input).toMatchObject({
      number: "FAC 2026 / 0042",
      amountHtCents: 575_005n,
      amountTtcCents: 690_006n,
    });
    const { id } = await recordInvoice({ actor: cast.contractorX, input });
    const row = await t.db.invoice.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      serviceFaitId: sfId,
      contractorId: cast.orgs.conX.id,
      amountHtCents: 575_005n,
      amountTtcCents: 690_006n,
      paidOn: null,
      recordedById: cast.contractorX.userId,
    });
    expect(
      await t.db.auditEvent.count({
        where: { entityType: "Invoice", entityId: id, action: "invoice.record" },
      }),
    ).toBe(1);
    const mails = await t.db.notification.findMany({ where: { entityType: "Invoice", entityId: id } });
    expect(mails.map((m) => m.toEmail)).toEqual([cast.beneficiaryA.email]);
    expect(mails[0]?.text).toContain("5 750,05");
    const detail = await getServiceFait({ actor: cast.contractorX, orderId, sfId });
    expect(detail.record.invoicedHtCents).toBe(575_005n);
    expect(detail.record.leftToInvoiceHtCents).toBe(1_150_000n - 575_005n);
    expect(detail.can.recordInvoice).toBe(true);
  });

  it("HT never passes what the service fait certified, across invoices", async () => {
    const { orderId, sfId } = await certified();
    const above = await outcome(
      recordInvoice({
        actor: cast.contractorX,
        input: invoiceForm(sfId, { amountHt: "11 500,01", amountTtc: "13 800,01" }),
      }),
    );
    expect(above).toEqual({
      code: "VALIDATION",
      message:
        "Le montant HT dépasse ce qui reste à facturer sur ce service fait (11\u202f500,00\u00a0€ HT).",
    });
    await recordInvoice({
      actor: cast.contractorX,
      input: invoiceForm(sfId, { amountHt: "6 000", amountTtc: "7 200" }),
    });
    expect(
      (
        await outcome(
          recordInvoice({
            actor: cast.contractorX,
            input: invoiceForm(sfId, { amountHt: "5 500,01", amountTtc: "6 600" }),
          }),
        )
      ).message,
    ).toMatch(/reste à facturer sur ce service fait \(5\s500,00\s€ HT\)/);
    await recordInvoice({
      actor: cast.contractorX,
      input: invoiceForm(sfId, { amountHt: "5 500", amountTtc: "6 600" }),
    });
    expect(
      (
        await outcome(
          recordInvoice({
            actor: cast.contractorX,
            input: invoiceForm(sfId, { amountHt: "0,01", amountTtc: "0,01" }),
          }),
        )
      ).message,
    ).toBe("Ce service fait est déjà entièrement facturé.");
    const detail = await getServiceFait({ actor: cast.contractorX, orderId, sfId });
    expect(detail.record.leftToInvoiceHtCents).toBe(0n);
    expect(await t.db.invoice.count({ where: { serviceFaitId: sfId } })).toBe(2);
  });

  it("a Chorus Pro number is unique per company, in French", async () => {
    const a = await certified();
    const b = await certified();
    await recordInvoice({
      actor: cast.contractorX,
      input: invoiceForm(a.sfId, { number: "CHORUS-777", amountHt: "100", amountTtc: "120" }),
    });
    const dup = await outcome(
      recordInvoice({
        actor: cast.contractorX,
        input: invoiceForm(b.sfId, { number: "CHORUS-777", amountHt: "100", amountTtc: "120" }),
      }),
    );
    expect(dup).toEqual({
      code: "VALIDATION",
      message:
        "Une facture portant ce numéro Chorus Pro est déjà enregistrée pour votre société : vérifiez le numéro.",
    });
    // Another company may use the same number on its own order.
    const y = await makeOrder(t.db, {
      agreementId: cast.agreement.id,
      beneficiaryId: cast.orgs.benA.id,
      contractorId: cast.orgs.conY.id,
      createdById: cast.beneficiaryA.userId,
    });
    await addValidatedReport(t.db, {
      orderId: y.id,
      month: "2026-04",
      days: { [y.lines[0]?.id as string]: "2" },
      submittedById: cast.contractorY.userId,
      validatedById: cast.beneficiaryA.userId,
    });
    const sfY = await issueServiceFait({
      actor: cast.beneficiaryA,
      input: issueServiceFaitSchema.parse({
        orderId: y.id,
        from: "2026-04",
        to: "2026-04",
        decision: "ADMISSION",
        signatoryName: "Paul Durand",
        recordCount: "0",
        confirm: "on",
      }),
    });
    expect(
      (
        await outcome(
          recordInvoice({
            actor: cast.contractorY,
            input: invoiceForm(sfY.id, { number: "CHORUS-777", amountHt: "100", amountTtc: "120" }),
          }),
        )
      ).code,
    ).toBe("OK");
  });

  it("refuses bad input in French: future receipt, TTC below HT, odd amounts, an ajournement", async () => {
    const { sfId } = await certified();
    const future = await outcome(
      recordInvoice({
        actor: cast.contractorX,
        input: invoiceForm(sfId, { receivedOn: isoMinusDays(today, -1) }),
      }),
    );
    expect(future).toEqual({
      code: "VALIDATION",
      message: "La date de réception ne peut pas être dans le futur.",
    });
    const parse = (over: Record<string, string>) =>
      recordInvoiceSchema.safeParse({
        serviceFaitId: sfId,
        number: "FAC-1",
        receivedOn: daysAgo(1),
        amountHt: "100",
        amountTtc: "120",
        ...over,
      });
    expect(parse({ amountTtc: "99,99" }).error?.issues.map((i) => i.message)).toEqual([
      "Le montant TTC ne peut pas être inférieur au montant HT.",
    ]);
    expect(parse({ amountHt: "12.345,67" }).success).toBe(false);
    expect(parse({ amountHt: "1e5" }).success).toBe(false);
    expect(parse({ amountHt: "-5" }).success).toBe(false);
    expect(parse({ amountHt: "0" }).error?.issues[0]?.message).toBe(
      "Le montant HT doit être supérieur à zéro.",
    );
    expect(parse({ number: "<script>" }).success).toBe(false);
    expect(parse({ receivedOn: "2026-02-30" }).success).toBe(false);
    expect(parse({ contractorId: cast.orgs.conY.id }).success).toBe(false);

    const aj = await certified("AJOURNEMENT");
    expect(
      (await outcome(recordInvoice({ actor: cast.contractorX, input: invoiceForm(aj.sfId) }))).message,
    ).toMatch(/ne certifie aucun montant/);
    expect(await t.db.invoice.count({ where: { serviceFaitId: { in: [sfId, aj.sfId] } } })).toBe(0);
  });

  it("scope: only the contractor of the order records its invoices", async () => {
    const { sfId } = await certified();
    const expectations: Array<[Actor, string]> = [
      [cast.contractorY, "NOT_FOUND"],
      [cast.beneficiaryB, "NOT_FOUND"],
      [cast.dinumBeneficiary, "NOT_FOUND"],
      [cast.beneficiaryA, "FORBIDDEN"],
      [cast.dinum, "FORBIDDEN"],
    ];
    for (const [actor, code] of expectations) {
      expect((await outcome(recordInvoice({ actor, input: invoiceForm(sfId) }))).code).toBe(code);
    }
    expect(
      (await outcome(recordInvoice({ actor: cast.contractorX, input: invoiceForm(randomUUID()) }))).code,
    ).toBe("NOT_FOUND");
    expect(await t.db.invoice.count({ where: { serviceFaitId: sfId } })).toBe(0);
  });

  it("the beneficiary records the payment once, on or after receipt, not in the future; the delay is flagged beyond 30 days", async () => {
    const { sfId } = await certified();
    const { id } = await recordInvoice({
      actor: cast.contractorX,
      input: invoiceForm(sfId, { receivedOn: daysAgo(45) }),
    });
    expect((await outcome(pay(cast.beneficiaryA, id, daysAgo(46)))).message).toBe(
      "La date de paiement ne peut pas précéder la date de réception de la facture.",
    );
    expect((await outcome(pay(cast.beneficiaryA, id, isoMinusDays(today, -1)))).message).toBe(
      "La date de paiement ne peut pas être dans le futur.",
    );
    // Scope: another ministry does not see it; the contractor and DINUM may not record it.
    expect((await outcome(pay(cast.beneficiaryB, id, daysAgo(1)))).code).toBe("NOT_FOUND");
    expect((await outcome(pay(cast.contractorY, id, daysAgo(1)))).code).toBe("NOT_FOUND");
    expect((await outcome(pay(cast.contractorX, id, daysAgo(1)))).code).toBe("FORBIDDEN");
    expect((await outcome(pay(cast.dinum, id, daysAgo(1)))).code).toBe("FORBIDDEN");
    // A form loaded before a change is stale.
    const stale = await outcome(
      recordPayment({
        actor: cast.beneficiaryA,
        input: recordPaymentSchema.parse({ invoiceId: id, version: "7", paidOn: today }),
      }),
    );
    expect(stale.code).toBe("CONFLICT");

    const paid = await pay(cast.beneficiaryA, id, today);
    expect(paid.delay).toEqual({ days: 45, paid: true, late: true });
    const row = await t.db.invoice.findUniqueOrThrow({ where: { id } });
    expect(row.paidOn?.toISOString().slice(0, 10)).toBe(today);
    expect(row.paymentRecordedById).toBe(cast.beneficiaryA.userId);
    const mail = await t.db.notification.findFirstOrThrow({
      where: { entityId: id, subject: { contains: "paiement enregistré" } },
    });
    expect(mail.toEmail).toBe(cast.contractorX.email);
    expect(mail.text).toContain("45 jours (délai global de paiement de 30 jours dépassé)");
    const again = await outcome(pay(cast.beneficiaryA, id, today));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toMatch(/^Le paiement de cette facture est déjà enregistré/);
    expect(await t.db.auditEvent.count({ where: { entityId: id, action: "invoice.pay" } })).toBe(1);
  });

  it("lists invoices in scope, with the delay and the late filter", async () => {
    // A fresh cast of organisations, so the counts are this test's own.
    const benC = await makeBeneficiary(t.db, { name: "Ministère C" });
    const beneficiaryC = await makeActor(t.db, "BENEFICIARY", { beneficiaryId: benC.id });
    const mk = async () => {
      const o = await makeOrder(t.db, {
        agreementId: cast.agreement.id,
        beneficiaryId: benC.id,
        contractorId: cast.orgs.conY.id,
        createdById: beneficiaryC.userId,
      });
      await addValidatedReport(t.db, {
        orderId: o.id,
        month: "2026-04",
        days: { [o.lines[0]?.id as string]: "20" },
        submittedById: cast.contractorY.userId,
        validatedById: beneficiaryC.userId,
      });
      const sf = await issueServiceFait({
        actor: beneficiaryC,
        input: issueServiceFaitSchema.parse({
          orderId: o.id,
          from: "2026-04",
          to: "2026-04",
          decision: "ADMISSION",
          signatoryName: "Signataire C",
          recordCount: "0",
          confirm: "on",
        }),
      });
      return sf.id;
    };
    const onTime = await recordInvoice({
      actor: cast.contractorY,
      input: invoiceForm(await mk(), { receivedOn: daysAgo(40) }),
    });
    await pay(beneficiaryC, onTime.id, daysAgo(20)); // paid in 20 days
    const paidLate = await recordInvoice({
      actor: cast.contractorY,
      input: invoiceForm(await mk(), { receivedOn: daysAgo(50) }),
    });
    await pay(beneficiaryC, paidLate.id, daysAgo(5)); // 45 days
    const overdue = await recordInvoice({
      actor: cast.contractorY,
      input: invoiceForm(await mk(), { receivedOn: daysAgo(31) }),
    });
    const pending = await recordInvoice({
      actor: cast.contractorY,
      input: invoiceForm(await mk(), { receivedOn: daysAgo(30) }),
    });

    const all = await listInvoices({ actor: beneficiaryC, page: 1, filters: { late: false } });
    expect(all.total).toBe(4);
    const byId = new Map(all.items.map((i) => [i.id, i]));
    expect(byId.get(onTime.id)?.delay).toEqual({ days: 20, paid: true, late: false });
    expect(byId.get(paidLate.id)?.delay).toEqual({ days: 45, paid: true, late: true });
    expect(byId.get(overdue.id)?.delay).toEqual({ days: 31, paid: false, late: true });
    expect(byId.get(pending.id)?.delay).toEqual({ days: 30, paid: false, late: false });
    // Newest receipt first.
    expect(all.items.map((i) => i.id)).toEqual([pending.id, overdue.id, onTime.id, paidLate.id]);

    const late = await listInvoices({ actor: beneficiaryC, page: 1, filters: { late: true } });
    expect(late.items.map((i) => i.id).sort()).toEqual([paidLate.id, overdue.id].sort());
    expect(late.total).toBe(2);

    // The contractor sees its own (here: Y's, not X's); other beneficiaries none of these.
    const y = await listInvoices({ actor: cast.contractorY, page: 1, filters: { late: false } });
    expect(y.items.every((i) => i.contractorName === "Titulaire Y")).toBe(true);
    expect(y.items.map((i) => i.id)).toEqual(expect.arrayContaining([onTime.id, overdue.id]));
    const x = await listInvoices({ actor: cast.contractorX, page: 1, filters: { late: true } });
    expect(x.items.map((i) => i.id)).not.toContain(overdue.id);
    const a = await listInvoices({ actor: cast.beneficiaryA, page: 1, filters: { late: false } });
    expect(a.items.map((i) => i.id)).not.toContain(onTime.id);
    const dinum = await listInvoices({ actor: cast.dinum, page: 1, filters: { late: true } });
    expect(dinum.items.map((i) => i.id)).toEqual(expect.arrayContaining([paidLate.id, overdue.id]));
  });

  it("two invoices recorded at the same moment never pass the certified amount", async () => {
    const { sfId } = await certified();
    const outcomes = await Promise.allSettled([
      recordInvoice({
        actor: cast.contractorX,
        input: invoiceForm(sfId, { amountHt: "7 000", amountTtc: "8 400" }),
      }),
      recordInvoice({
        actor: cast.contractorX,
        input: invoiceForm(sfId, { amountHt: "7 000", amountTtc: "8 400" }),
      }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(isAppError(refused?.reason) && refused.reason.message).toMatch(/dépasse ce qui reste à facturer/);
    const sum = await t.db.invoice.aggregate({
      where: { serviceFaitId: sfId },
      _sum: { amountHtCents: true },
    });
    expect(sum._sum.amountHtCents).toBe(700_000n);
  });
});
