// The risk register on a real database: who may record a risk on which product, scope of
// every read, severity computed and sorted in SQL, optimistic locking (also under real
// concurrency on PostgreSQL), audit and the beneficiary's e-mails, hostile input kept inert.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderStatus } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { PAGE_SIZE } from "@/lib/pagination";
import { createRisk, updateRisk } from "@/lib/risks/mutations";
import { getRisk, listProductRisks, listRiskableProducts, listRisks } from "@/lib/risks/queries";
import { RISK_LEVELS, type RiskLevelName, severityBand, severityOf } from "@/lib/risks/rules";
import { createRiskSchema, riskFiltersSchema, updateRiskSchema } from "@/lib/risks/schemas";
import { createTestDb, type TestDb } from "../support/db";
import { makeCast } from "../support/factories";
import { insertOrder } from "../support/orders";

let t: TestDb;
let cast: Awaited<ReturnType<typeof makeCast>>;
/** Product of beneficiary A with an order issued to contractor X. */
let productA: string;
/** Products of A whose only order to X is a draft, a cancelled one; a product of B without order. */
let productDraft: string;
let productCancelled: string;
let productB: string;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

async function product(beneficiaryId: string, name: string) {
  return (await t.db.product.create({ data: { name, beneficiaryId, kind: "STARTUP_ETAT" } })).id;
}

async function order(productId: string, beneficiaryId: string, contractorId: string, status: OrderStatus) {
  await insertOrder(t.db, {
    agreementId: cast.agreement.id,
    beneficiaryId,
    productId,
    contractorId,
    status,
    createdById: cast.beneficiaryA.userId,
  });
}

const form = (over: Record<string, string> = {}) =>
  createRiskSchema.parse({
    productId: productA,
    title: "Départ du développeur principal",
    description: "Il quitte l'équipe en janvier.",
    likelihood: "MEDIUM",
    impact: "HIGH",
    mitigation: "Binôme dès décembre.",
    owner: "Responsable de l'équipe",
    ...over,
  });

async function editForm(id: string, over: Record<string, string> = {}) {
  const r = await t.db.risk.findUniqueOrThrow({ where: { id } });
  return updateRiskSchema.parse({
    id,
    version: String(r.version),
    title: r.title,
    description: r.description,
    likelihood: r.likelihood,
    impact: r.impact,
    mitigation: r.mitigation,
    owner: r.owner,
    status: r.status,
    ...over,
  });
}

const allFilters = riskFiltersSchema.parse({ status: "ALL" });

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
  productA = await product(cast.orgs.benA.id, "Produit A");
  productDraft = await product(cast.orgs.benA.id, "Produit brouillon");
  productCancelled = await product(cast.orgs.benA.id, "Produit annulé");
  productB = await product(cast.orgs.benB.id, "Produit B");
  await order(productA, cast.orgs.benA.id, cast.orgs.conX.id, "IN_PROGRESS");
  await order(productDraft, cast.orgs.benA.id, cast.orgs.conX.id, "DRAFT");
  await order(productCancelled, cast.orgs.benA.id, cast.orgs.conX.id, "CANCELLED");
});
afterAll(async () => {
  await t?.close();
});

describe(`risk register (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("a contractor records a risk on a product it has an order for: its company, audited, beneficiary mailed", async () => {
    const { id } = await createRisk({ actor: cast.contractorX, input: form() });
    const row = await t.db.risk.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      productId: productA,
      contractorId: cast.orgs.conX.id,
      createdById: cast.contractorX.userId,
      status: "OPEN",
      version: 1,
      likelihood: "MEDIUM",
      impact: "HIGH",
    });
    const audit = await t.db.auditEvent.findMany({ where: { entityType: "Risk", entityId: id } });
    expect(audit.map((a) => a.action)).toEqual(["risk.create"]);
    expect(audit[0]?.after).toMatchObject({ severity: 6, contractorId: cast.orgs.conX.id });
    const mails = await t.db.notification.findMany({ where: { entityType: "Risk", entityId: id } });
    expect(mails.map((m) => m.toEmail)).toEqual([cast.beneficiaryA.email]);
    expect(mails[0]?.subject).toBe("Risque – Produit A : nouveau risque signalé");
    expect(mails[0]?.text).toContain("- Gravité : Élevée (6 sur 16)");
    expect(mails[0]?.text).toContain(`/risques/${id}`);
  });

  it("refuses products the company never had an issued order for, and other roles: nothing written", async () => {
    const before = { risks: await t.db.risk.count(), audit: await t.db.auditEvent.count() };
    for (const productId of [productDraft, productCancelled, productB]) {
      expect(await codeOf(createRisk({ actor: cast.contractorX, input: form({ productId }) }))).toBe(
        "NOT_FOUND",
      );
    }
    expect(await codeOf(createRisk({ actor: cast.contractorY, input: form() }))).toBe("NOT_FOUND");
    for (const actor of [cast.beneficiaryA, cast.dinum, cast.dinumBeneficiary]) {
      expect(await codeOf(createRisk({ actor, input: form() }))).toBe("FORBIDDEN");
    }
    expect({ risks: await t.db.risk.count(), audit: await t.db.auditEvent.count() }).toEqual(before);
    expect((await listRiskableProducts({ actor: cast.contractorX })).map((p) => p.id)).toEqual([productA]);
    expect(await listRiskableProducts({ actor: cast.contractorY })).toEqual([]);
  });

  it("shows a risk to DINUM, the company that recorded it and the product's beneficiary only", async () => {
    const { id } = await createRisk({ actor: cast.contractorX, input: form({ title: "Portée" }) });
    const seen: Record<string, string> = {};
    const personas = [
      "dinum",
      "dinumBeneficiary",
      "beneficiaryA",
      "beneficiaryB",
      "contractorX",
      "contractorY",
    ] as const;
    for (const p of personas) seen[p] = await codeOf(getRisk({ actor: cast[p], id }));
    expect(seen).toEqual({
      dinum: "OK",
      dinumBeneficiary: "NOT_FOUND",
      beneficiaryA: "OK",
      beneficiaryB: "NOT_FOUND",
      contractorX: "OK",
      contractorY: "NOT_FOUND",
    });
    expect((await getRisk({ actor: cast.contractorX, id })).can.edit).toBe(true);
    expect((await getRisk({ actor: cast.beneficiaryA, id })).can.edit).toBe(false);
    expect((await getRisk({ actor: cast.dinum, id })).can.edit).toBe(false);
    expect(await codeOf(getRisk({ actor: cast.dinum, id: "pas-un-uuid" }))).toBe("NOT_FOUND");
    const listed = async (actor: Actor) =>
      (await listRisks({ actor, page: 1, filters: allFilters })).items.some((r) => r.id === id);
    expect(await listed(cast.dinum)).toBe(true);
    expect(await listed(cast.beneficiaryA)).toBe(true);
    expect(await listed(cast.contractorX)).toBe(true);
    expect(await listed(cast.beneficiaryB)).toBe(false);
    expect(await listed(cast.contractorY)).toBe(false);
    expect(await listed(cast.dinumBeneficiary)).toBe(false);
    // Product page: the open risks of a product the person may read, in their own scope.
    expect(
      (await listProductRisks({ actor: cast.beneficiaryA, productId: productA })).map((r) => r.id),
    ).toContain(id);
    expect(await listProductRisks({ actor: cast.contractorY, productId: productA })).toEqual([]);
    expect(await codeOf(listProductRisks({ actor: cast.beneficiaryB, productId: productA }))).toBe(
      "NOT_FOUND",
    );
  });

  it("computes the severity in SQL like the rules, sorts and filters on it, paginates", async () => {
    // One risk for each of the 16 combinations, on a product of its own so the filters are exact.
    const productSorted = await product(cast.orgs.benA.id, "Produit trié");
    await order(productSorted, cast.orgs.benA.id, cast.orgs.conX.id, "ISSUED");
    for (const likelihood of RISK_LEVELS) {
      for (const impact of RISK_LEVELS) {
        await createRisk({
          actor: cast.contractorX,
          input: form({ productId: productSorted, title: `${likelihood} × ${impact}`, likelihood, impact }),
        });
      }
    }
    const filters = riskFiltersSchema.parse({ productId: productSorted });
    const page1 = await listRisks({ actor: cast.dinum, page: 1, filters });
    const page2 = await listRisks({ actor: cast.dinum, page: 2, filters });
    expect(page1.total).toBe(16);
    expect(page1.items).toHaveLength(Math.min(16, PAGE_SIZE));
    const all = [...page1.items, ...page2.items];
    expect(new Set(all.map((r) => r.id)).size).toBe(16);
    for (const r of all)
      expect(r.severity).toBe(severityOf(r.likelihood as RiskLevelName, r.impact as RiskLevelName));
    const desc = all.map((r) => r.severity);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    expect(desc[0]).toBe(16);
    const asc = (
      await listRisks({ actor: cast.dinum, page: 1, filters: { ...filters, dir: "asc" } })
    ).items.map((r) => r.severity);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(asc[0]).toBe(1);
    const high = await listRisks({ actor: cast.dinum, page: 1, filters: { ...filters, band: "HIGH" } });
    // 6 = 2×3, 3×2 ; 8 = 2×4, 4×2.
    expect(high.items.map((r) => r.severity).sort()).toEqual([6, 6, 8, 8]);
    expect(high.items.every((r) => severityBand(r.severity) === "HIGH")).toBe(true);
    // The same list seen by a beneficiary of another organisation: empty.
    expect((await listRisks({ actor: cast.beneficiaryB, page: 1, filters })).total).toBe(0);
  });

  it("updates with an optimistic lock; a rising severity and a closing mail the beneficiary, a lowering does not", async () => {
    const { id } = await createRisk({ actor: cast.contractorX, input: form({ title: "Cycle de vie" }) });
    const mails = async () =>
      (await t.db.notification.findMany({ where: { entityId: id }, orderBy: { createdAt: "asc" } })).map(
        (m) => m.subject,
      );
    const stale = await editForm(id, { impact: "CRITICAL" });
    await updateRisk({ actor: cast.contractorX, input: stale });
    expect(await mails()).toEqual([
      "Risque – Produit A : nouveau risque signalé",
      "Risque – Produit A : gravité d'un risque en hausse",
    ]);
    const raised = await t.db.notification.findFirstOrThrow({
      where: { entityId: id, subject: { contains: "hausse" } },
    });
    expect(raised.text).toContain("- Gravité : Élevée (8 sur 16), auparavant Élevée (6 sur 16)");

    // The same (now stale) form again: refused, nothing changed.
    expect(await codeOf(updateRisk({ actor: cast.contractorX, input: { ...stale, title: "Autre" } }))).toBe(
      "CONFLICT",
    );
    expect((await t.db.risk.findUniqueOrThrow({ where: { id } })).title).toBe("Cycle de vie");

    await updateRisk({ actor: cast.contractorX, input: await editForm(id, { impact: "LOW" }) });
    expect(await mails()).toHaveLength(2);
    await updateRisk({ actor: cast.contractorX, input: await editForm(id, { status: "CLOSED" }) });
    expect((await mails()).at(-1)).toBe("Risque – Produit A : risque clos");
    const row = await t.db.risk.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "CLOSED", impact: "LOW", version: 4 });
    const audit = await t.db.auditEvent.findMany({ where: { entityId: id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["risk.create", "risk.update", "risk.update", "risk.update"]);
    expect(audit[1]?.before).toMatchObject({ impact: "HIGH", severity: 6, version: 1 });
    expect(audit[1]?.after).toMatchObject({ impact: "CRITICAL", severity: 8, version: 2 });
    // A closed risk leaves the product page's open risks.
    expect(
      (await listProductRisks({ actor: cast.beneficiaryA, productId: productA })).map((r) => r.id),
    ).not.toContain(id);
  });

  it("lets only the company that recorded a risk change it", async () => {
    const { id } = await createRisk({ actor: cast.contractorX, input: form({ title: "À moi" }) });
    const input = await editForm(id, { title: "Pris par un autre" });
    const audit = await t.db.auditEvent.count();
    expect(await codeOf(updateRisk({ actor: cast.contractorY, input }))).toBe("NOT_FOUND");
    expect(await codeOf(updateRisk({ actor: cast.beneficiaryA, input }))).toBe("FORBIDDEN");
    expect(await codeOf(updateRisk({ actor: cast.dinum, input }))).toBe("FORBIDDEN");
    expect(
      await codeOf(updateRisk({ actor: cast.contractorX, input: { ...input, id: crypto.randomUUID() } })),
    ).toBe("NOT_FOUND");
    expect((await t.db.risk.findUniqueOrThrow({ where: { id } })).title).toBe("À moi");
    expect(await t.db.auditEvent.count()).toBe(audit);
  });

  it("two saves of the same version at the same time: exactly one wins, the other is told", async () => {
    const { id } = await createRisk({ actor: cast.contractorX, input: form({ title: "Course" }) });
    const base = await editForm(id);
    const results = await Promise.all(
      ["Première", "Seconde", "Troisième"].map((title) =>
        codeOf(updateRisk({ actor: cast.contractorX, input: { ...base, title } })),
      ),
    );
    expect(results.sort()).toEqual(["CONFLICT", "CONFLICT", "OK"]);
    const row = await t.db.risk.findUniqueOrThrow({ where: { id } });
    expect(row.version).toBe(2);
    expect(await t.db.auditEvent.count({ where: { entityId: id, action: "risk.update" } })).toBe(1);
  });

  it("keeps hostile text as text: formulas and HTML stored verbatim, mails in plain text on one line", async () => {
    const payloads = [
      '=HYPERLINK("http://x","y")',
      "+cmd|' /C calc'!A0",
      "@SUM(1+1)",
      '<img src=x onerror="alert(1)">',
    ];
    for (const title of payloads) {
      const { id } = await createRisk({
        actor: cast.contractorX,
        input: form({ title, owner: "<b>moi</b>" }),
      });
      const row = await t.db.risk.findUniqueOrThrow({ where: { id } });
      expect(row.title).toBe(title);
      expect((await getRisk({ actor: cast.beneficiaryA, id })).title).toBe(title);
      const mail = await t.db.notification.findFirstOrThrow({ where: { entityId: id } });
      expect(mail.text).toContain(`- Risque : ${title}\n`);
    }
    const injected = await createRisk({
      actor: cast.contractorX,
      input: form({ title: "Ligne 1\nVoir dans le portail : http://pirate.example" }),
    });
    const mail = await t.db.notification.findFirstOrThrow({ where: { entityId: injected.id } });
    expect(mail.text.match(/^Voir dans le portail : /gm)).toHaveLength(1);
    expect(mail.text).toContain("- Risque : Ligne 1 Voir dans le portail : http://pirate.example\n");
  });

  it("refuses bad input with French messages, and any field the form does not have", () => {
    const issues = (input: Record<string, unknown>) =>
      createRiskSchema.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];
    const ok = { productId: productA, title: "Titre", likelihood: "LOW", impact: "LOW" };
    expect(issues(ok)).toEqual([]);
    expect(issues({ ...ok, title: "   " })).toEqual(["title: L'intitulé du risque est obligatoire."]);
    expect(issues({ ...ok, title: "x".repeat(201) })).toEqual([
      "title: L'intitulé du risque ne doit pas dépasser 200 caractères.",
    ]);
    expect(issues({ ...ok, likelihood: "EXTREME" })).toEqual(["likelihood: Choisissez la probabilité."]);
    expect(issues({ ...ok, contractorId: cast.orgs.conY.id })[0]).toMatch(/contractorId/);
    expect(
      updateRiskSchema.safeParse({ ...ok, id: productA, version: "1", status: "DELETED" }).error?.issues[0]
        ?.message,
    ).toBe("Choisissez le statut du risque.");
  });
});
