// Downloads of the lists (CSV/XLSX) and of the beta.gouv.fr cards (zip), through the real
// route handlers on a real database: each export holds exactly the rows of the caller's
// scope, every row (not one page), and text typed by users comes out inert.
// The session is the only stand-in: next-auth's cookie is replaced by the actor the data
// layer loads for that person (lib/auth/queries.ts), as getSessionState would return it.
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { load, YAML11_SCHEMA } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { SessionState } from "@/lib/auth/queries";
import { parseCsv } from "../support/csv";
import { createTestDb, type TestDb } from "../support/db";
import { makeActor, makeCast, makeContractor } from "../support/factories";

const current = vi.hoisted(() => ({ session: { kind: "anonymous" } as SessionState }));
vi.mock("@/lib/auth/session", () => ({
  getSessionState: async () => current.session,
  getActor: async () => (current.session.kind === "signed-in" ? current.session.actor : null),
}));

const ordersRoute = await import("@/app/(espace)/commandes/export/route");
const productsRoute = await import("@/app/(espace)/produits/export/route");
const pricesRoute = await import("@/app/(espace)/tarifs/export/route");
const auditRoute = await import("@/app/(espace)/journal/export/route");
const peopleRoute = await import("@/app/(espace)/referentiel/personnes/export/route");
const contractorsRoute = await import("@/app/(espace)/referentiel/titulaires/export/route");
const beneficiariesRoute = await import("@/app/(espace)/referentiel/beneficiaires/export/route");
const cardsRoute = await import("@/app/(espace)/fiches-beta/export.zip/route");

type Get = (request: Request) => Promise<Response>;

let t: TestDb;
let cast: Awaited<ReturnType<typeof makeCast>>;

const PAYLOAD = '=HYPERLINK("http://x","y")';
const PRODUCT_A = `${PAYLOAD} Produit A`;
const PRODUCT_B = "Produit B confidentiel";
/** Orders of beneficiary A beyond one page of the list (20). */
const MANY = 23;

function as(actor: Actor | null) {
  current.session = actor ? { kind: "signed-in", actor } : { kind: "anonymous" };
}

async function get(route: { GET: Get }, path: string, actor: Actor | null): Promise<Response> {
  as(actor);
  return route.GET(new Request(`http://localhost${path}`));
}

async function csvOf(route: { GET: Get }, path: string, actor: Actor): Promise<string[][]> {
  const res = await get(route, `${path}${path.includes("?") ? "&" : "?"}format=csv`, actor);
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  expect(res.headers.get("Cache-Control")).toBe("no-store");
  // ignoreBOM: keep the byte-order mark in the text instead of silently dropping it.
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
  expect(text.startsWith("\uFEFF")).toBe(true);
  return parseCsv(text.slice(1));
}

async function xlsxOf(route: { GET: Get }, path: string, actor: Actor): Promise<ExcelJS.Worksheet> {
  const res = await get(route, `${path}${path.includes("?") ? "&" : "?"}format=xlsx`, actor);
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="[A-Za-z0-9._-]+\.xlsx"/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb.worksheets[0] as ExcelJS.Worksheet;
}

/** A column of a CSV export by its header. */
function column(rows: string[][], header: string): string[] {
  const i = rows[0]?.indexOf(header) ?? -1;
  expect(i, `colonne « ${header} »`).toBeGreaterThanOrEqual(0);
  return rows.slice(1).map((r) => r[i] as string);
}

async function cardsOf(actor: Actor): Promise<Record<string, string>> {
  const res = await get(cardsRoute, "/fiches-beta/export.zip", actor);
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("application/zip");
  expect(res.headers.get("Content-Disposition")).toMatch(
    /^attachment; filename="fiches-beta-gouv-\d{4}-\d{2}-\d{2}\.zip"/,
  );
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

let seq = 0;
async function order(opts: {
  beneficiaryId: string;
  productId: string;
  contractorId: string;
  status: "DRAFT" | "ISSUED" | "ACKNOWLEDGED";
  htCents?: bigint;
}) {
  seq++;
  const issued = opts.status !== "DRAFT";
  const ht = opts.htCents ?? 100_000n * BigInt(seq);
  const vat = (ht * 2000n) / 10_000n;
  const devops = cast.agreement.uoTypes.find((u) => u.code === "DEVOPS_CONFIRME") as { id: string };
  // Lines are written on the draft (the database refuses new lines on an issued order).
  const draft = await t.db.purchaseOrder.create({
    data: {
      agreementId: cast.agreement.id,
      beneficiaryId: opts.beneficiaryId,
      productId: opts.productId,
      contractorId: opts.contractorId,
      startsOn: new Date("2026-12-01T00:00:00Z"),
      endsOn: new Date("2027-05-31T00:00:00Z"),
      chorusServiceCode: "SRV01",
      billingAddress: "1 rue de Test",
      totalHtCents: ht,
      vatCents: vat,
      totalTtcCents: ht + vat,
      createdById: cast.beneficiaryA.userId,
      lines: { create: [{ position: 1, uoTypeId: devops.id, quantity: "1", unitPriceHtCents: 1_150_000 }] },
    },
  });
  return t.db.purchaseOrder.update({
    where: { id: draft.id },
    data: issued
      ? {
          status: opts.status,
          number: `BDC-2026-${String(seq).padStart(4, "0")}`,
          orderDate: new Date("2026-11-02T00:00:00Z"),
          legalCommitmentNumber: "1300012345",
          issuedAt: new Date("2026-11-02T10:00:00Z"),
          signatoryName: "Signataire",
        }
      : {},
    include: { lines: true },
  });
}

let prodA: { id: string };
let prodB: { id: string };
let orderAX: Awaited<ReturnType<typeof order>>;
let orderAY: Awaited<ReturnType<typeof order>>;
let orderBY: Awaited<ReturnType<typeof order>>;
let draftAX: Awaited<ReturnType<typeof order>>;

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
  const uo = (code: string) => (cast.agreement.uoTypes.find((u) => u.code === code) as { id: string }).id;
  prodA = await t.db.product.create({
    data: {
      name: PRODUCT_A,
      beneficiaryId: cast.orgs.benA.id,
      kind: "STARTUP_ETAT",
      betaGouvId: "produit-a",
      incubator: "dinum",
      description: "Mission du produit A.",
      phases: { create: { phase: "INVESTIGATION", startsOn: new Date("2026-01-05T00:00:00Z") } },
    },
  });
  prodB = await t.db.product.create({
    data: {
      name: PRODUCT_B,
      beneficiaryId: cast.orgs.benB.id,
      kind: "STARTUP_ETAT",
      betaGouvId: "produit-b",
      phases: { create: { phase: "CONSTRUCTION", startsOn: new Date("2025-06-01T00:00:00Z") } },
    },
  });
  orderAX = await order({
    beneficiaryId: cast.orgs.benA.id,
    productId: prodA.id,
    contractorId: cast.orgs.conX.id,
    status: "ACKNOWLEDGED",
    htCents: 999_999_999_999n,
  });
  orderAY = await order({
    beneficiaryId: cast.orgs.benA.id,
    productId: prodA.id,
    contractorId: cast.orgs.conY.id,
    status: "ACKNOWLEDGED",
  });
  orderBY = await order({
    beneficiaryId: cast.orgs.benB.id,
    productId: prodB.id,
    contractorId: cast.orgs.conY.id,
    status: "ACKNOWLEDGED",
  });
  draftAX = await order({
    beneficiaryId: cast.orgs.benA.id,
    productId: prodA.id,
    contractorId: cast.orgs.conX.id,
    status: "DRAFT",
  });
  for (let i = 0; i < MANY; i++) {
    await order({
      beneficiaryId: cast.orgs.benA.id,
      productId: prodA.id,
      contractorId: cast.orgs.conY.id,
      status: "ISSUED",
    });
  }

  // Staffing: X has one staffer on A's order and one without assignment; Y has one staffer on
  // both A's and B's orders, and one on B's order only.
  const staffer = (contractorId: string, fullName: string, over: Record<string, unknown> = {}) =>
    t.db.staffer.create({
      data: {
        contractorId,
        fullName,
        email: `${fullName.toLowerCase().replace(/[^a-z]+/g, ".")}@exemple.fr`,
        uoTypeId: uo("DEVOPS_CONFIRME"),
        status: "EMPLOYEE",
        ...over,
      },
    });
  const assign = (o: { id: string; lines: Array<{ id: string }> }, stafferId: string, startsOn: string) =>
    t.db.assignment.create({
      data: {
        orderId: o.id,
        orderLineId: (o.lines[0] as { id: string }).id,
        stafferId,
        startsOn: new Date(`${startsOn}T00:00:00Z`),
        endsOn: new Date("2027-05-31T00:00:00Z"),
        createdById: cast.contractorX.userId,
      },
    });
  const sx1 = await staffer(cast.orgs.conX.id, "Xavier Premier", { betaUsername: "xavier.premier" });
  await staffer(cast.orgs.conX.id, "Xena Sansmission");
  const sy1 = await staffer(cast.orgs.conY.id, "Yves Deuxième", {
    status: "SUBCONTRACTOR",
    subcontractorName: "Sous-traitant SAS",
  });
  const sy2 = await staffer(cast.orgs.conY.id, "Yolande Bseulement", { status: "INDEPENDENT" });
  await assign(orderAX, sx1.id, "2026-12-01");
  await assign(orderAY, sy1.id, "2026-12-01");
  await assign(orderBY, sy1.id, "2027-01-04");
  await assign(orderBY, sy2.id, "2026-12-01");
  // One audit event to find with the journal's filters.
  await t.db.auditEvent.create({
    data: { action: "test.event", entityType: "Product", entityId: prodA.id, actorEmail: "a@test.gouv.fr" },
  });
});
afterAll(async () => {
  await t?.close();
});

describe(`list exports (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("gives beneficiary A every one of its orders (beyond one page), drafts included, never B's", async () => {
    const rows = await csvOf(ordersRoute, "/commandes/export", cast.beneficiaryA);
    const products = column(rows, "Produit");
    expect(products).toHaveLength(MANY + 3);
    expect(new Set(products)).toEqual(new Set([`'${PRODUCT_A}`]));
    expect(column(rows, "Numéro")).toContain("Brouillon");
    expect(column(rows, "Bénéficiaire")).not.toContain("Ministère B");
    expect(rows.flat().join("|")).not.toContain(PRODUCT_B);
  });

  it("gives beneficiary B only its order", async () => {
    const rows = await csvOf(ordersRoute, "/commandes/export", cast.beneficiaryB);
    expect(column(rows, "Numéro")).toEqual([orderBY.number]);
    expect(rows.flat().join("|")).not.toContain("Produit A");
  });

  it("gives a contractor the orders addressed to it, never drafts nor another's", async () => {
    const x = await csvOf(ordersRoute, "/commandes/export", cast.contractorX);
    expect(column(x, "Numéro")).toEqual([orderAX.number]);
    expect(column(x, "Numéro")).not.toContain("Brouillon");
    const y = await csvOf(ordersRoute, "/commandes/export", cast.contractorY);
    expect(column(y, "Titulaire").every((c) => c === "Titulaire Y")).toBe(true);
    expect(column(y, "Numéro")).not.toContain(orderAX.number);
    expect(column(y, "Numéro")).toHaveLength(MANY + 2);
  });

  it("gives DINUM every order, with the page's filters applied", async () => {
    const all = await csvOf(ordersRoute, "/commandes/export", cast.dinum);
    expect(column(all, "Numéro")).toHaveLength(MANY + 4);
    const filtered = await csvOf(
      ordersRoute,
      `/commandes/export?status=ACKNOWLEDGED&contractorId=${cast.orgs.conY.id}&sort=number&dir=asc`,
      cast.dinum,
    );
    expect(column(filtered, "Numéro")).toEqual([orderAY.number, orderBY.number]);
    expect(draftAX.number).toBeNull();
  });

  it("writes amounts exactly in CSV and XLSX", async () => {
    const rows = await csvOf(ordersRoute, "/commandes/export", cast.contractorX);
    expect(column(rows, "Montant HT (€)")).toEqual(["9999999999.99"]);
    expect(column(rows, "TVA (€)")).toEqual(["1999999999.99"]);
    expect(column(rows, "Montant TTC (€)")).toEqual(["11999999999.98"]);
    const sheet = await xlsxOf(ordersRoute, "/commandes/export", cast.contractorX);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const ht = header.indexOf("Montant HT (€)") + 1;
    expect(sheet.getRow(2).getCell(ht).value).toBe(9_999_999_999.99);
  });

  it("makes a formula in a product name inert in CSV and XLSX", async () => {
    const rows = await csvOf(productsRoute, "/produits/export", cast.beneficiaryA);
    expect(column(rows, "Produit")).toEqual([`'${PRODUCT_A}`]);
    const sheet = await xlsxOf(ordersRoute, "/commandes/export", cast.beneficiaryA);
    let checked = 0;
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        expect(cell.formula).toBeUndefined();
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === "string" && cell.value.includes("HYPERLINK")) {
          expect(cell.value).toBe(`'${PRODUCT_A}`);
          checked++;
        }
      });
    });
    expect(checked).toBe(MANY + 3);
  });

  it("scopes the products export: a beneficiary its own, a contractor and DINUM all", async () => {
    const b = await csvOf(productsRoute, "/produits/export", cast.beneficiaryB);
    expect(column(b, "Produit")).toEqual([PRODUCT_B]);
    const x = await csvOf(productsRoute, "/produits/export", cast.contractorX);
    expect(column(x, "Produit").sort()).toEqual([`'${PRODUCT_A}`, PRODUCT_B].sort());
    const q = await csvOf(productsRoute, "/produits/export?q=confidentiel", cast.dinum);
    expect(column(q, "Produit")).toEqual([PRODUCT_B]);
  });

  it("reads every row of a paginated list, not its first page", async () => {
    await t.db.product.createMany({
      data: Array.from({ length: 21 }, (_, i) => ({
        name: `Lot ${String(i).padStart(2, "0")}`,
        beneficiaryId: cast.orgs.dinumOrg.id,
        kind: "DINUM_PRODUCT" as const,
      })),
    });
    const rows = await csvOf(productsRoute, "/produits/export?q=Lot", cast.dinum);
    expect(column(rows, "Produit")).toEqual(
      Array.from({ length: 21 }, (_, i) => `Lot ${String(i).padStart(2, "0")}`),
    );
  });

  it("exports the prices in force for anyone who reads them", async () => {
    const rows = await csvOf(pricesRoute, "/tarifs/export", cast.beneficiaryA);
    expect(column(rows, "Titulaire")).toEqual(["Titulaire X", "Titulaire Y"]);
  });

  it("keeps the audit trail and the reference data to DINUM (404 for anyone else)", async () => {
    const audit = await csvOf(auditRoute, "/journal/export?action=test.event", cast.dinum);
    expect(column(audit, "Code de l'action")).toEqual(["test.event"]);
    const people = await csvOf(peopleRoute, "/referentiel/personnes/export", cast.dinum);
    expect(column(people, "Adresse e-mail")).toContain(cast.beneficiaryA.email);
    const contractors = await csvOf(contractorsRoute, "/referentiel/titulaires/export", cast.dinum);
    expect(column(contractors, "Titulaire")).toEqual(["Titulaire X", "Titulaire Y"]);
    const beneficiaries = await csvOf(
      beneficiariesRoute,
      "/referentiel/beneficiaires/export?q=B",
      cast.dinum,
    );
    expect(column(beneficiaries, "Bénéficiaire")).toEqual(["Ministère B"]);
    for (const actor of [cast.beneficiaryA, cast.contractorX, cast.dinumBeneficiary]) {
      for (const [route, path] of [
        [auditRoute, "/journal/export"],
        [peopleRoute, "/referentiel/personnes/export"],
        [contractorsRoute, "/referentiel/titulaires/export"],
        [beneficiariesRoute, "/referentiel/beneficiaires/export"],
      ] as const) {
        const res = await get(route, `${path}?format=csv`, actor);
        expect(res.status, `${actor.membership.role} ${path}`).toBe(404);
        expect(await res.text()).not.toContain(cast.beneficiaryA.email);
      }
    }
  });

  it("sends a signed-out person to sign in, then back to the list with its filters", async () => {
    const res = await get(ordersRoute, "/commandes/export?status=ISSUED&format=csv", null);
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get("Location") as string);
    expect(to.pathname).toBe("/connexion");
    expect(to.searchParams.get("callbackUrl")).toBe("/commandes?status=ISSUED");
    const cards = await get(cardsRoute, "/fiches-beta/export.zip", null);
    expect(cards.status).toBe(302);
    current.session = { kind: "no-access", email: "marc.ancien@test.gouv.fr" };
    const refused = await ordersRoute.GET(new Request("http://localhost/commandes/export?format=csv"));
    expect(new URL(refused.headers.get("Location") as string).pathname).toBe("/acces-refuse");
  });

  it("answers bad requests in French, without a file", async () => {
    const format = await get(ordersRoute, "/commandes/export?format=pdf", cast.dinum);
    expect(format.status).toBe(400);
    expect(await format.text()).toBe("Format de fichier inconnu : choisissez « csv » ou « xlsx ».");
    const period = await get(
      ordersRoute,
      "/commandes/export?format=csv&from=2027-01-01&to=2026-01-01",
      cast.dinum,
    );
    expect(period.status).toBe(400);
    expect(await period.text()).toContain("La période du filtre est inversée");
    const audit = await get(auditRoute, "/journal/export?format=xlsx&from=2026-02-30", cast.dinum);
    expect(audit.status).toBe(400);
  });
});

describe("beta.gouv.fr cards", () => {
  const authors = (files: Record<string, string>) =>
    Object.keys(files)
      .filter((p) => p.startsWith("content/_authors/"))
      .sort();
  const startups = (files: Record<string, string>) =>
    Object.keys(files)
      .filter((p) => p.startsWith("content/_startups/"))
      .sort();
  const frontMatter = (card: string) =>
    load((/^---\n([\s\S]*?\n)^---$/m.exec(card) as RegExpExecArray)[1] as string, {
      schema: YAML11_SCHEMA,
    }) as Record<string, unknown>;

  it("gives a contractor its staffers and the products it works on, never another's", async () => {
    const x = await cardsOf(cast.contractorX);
    expect(authors(x)).toEqual(["content/_authors/xavier.premier.md"]);
    expect(startups(x)).toEqual(["content/_startups/produit-a.md"]);
    const all = Object.values(x).join("\n");
    expect(all).not.toContain("Yves");
    expect(all).not.toContain("Yolande");
    expect(all).not.toContain("produit-b");
    expect(x["README.md"]).toContain("Xena Sansmission : aucune affectation");
    const card = frontMatter(x["content/_authors/xavier.premier.md"] as string);
    expect(card).toEqual({
      fullname: "Xavier Premier",
      role: "Devops – Confirmé",
      domaine: "Développement",
      missions: [
        {
          start: new Date("2026-12-01T00:00:00Z"),
          end: new Date("2027-05-31T00:00:00Z"),
          status: "service",
          employer: "Titulaire X",
          startups: ["produit-a"],
        },
      ],
    });
    const y = await cardsOf(cast.contractorY);
    expect(authors(y)).toEqual([
      "content/_authors/yolande.bseulement.md",
      "content/_authors/yves.deuxieme.md",
    ]);
    expect(Object.values(y).join("\n")).not.toContain("Xavier");
  });

  it("gives a beneficiary its products and only the missions on its orders", async () => {
    const a = await cardsOf(cast.beneficiaryA);
    expect(startups(a)).toEqual(["content/_startups/produit-a.md"]);
    expect(authors(a)).toEqual(["content/_authors/xavier.premier.md", "content/_authors/yves.deuxieme.md"]);
    const yves = frontMatter(a["content/_authors/yves.deuxieme.md"] as string);
    expect(yves.missions).toEqual([
      {
        start: new Date("2026-12-01T00:00:00Z"),
        end: new Date("2027-05-31T00:00:00Z"),
        status: "service",
        employer: "Sous-traitant SAS",
        startups: ["produit-a"],
      },
    ]);
    expect(Object.values(a).join("\n")).not.toContain("produit-b");
    expect(a["README.md"]).not.toContain("Xena");
    const product = frontMatter(a["content/_startups/produit-a.md"] as string);
    expect(product).toMatchObject({ title: PRODUCT_A, incubator: "dinum", contact: cast.beneficiaryA.email });
    const b = await cardsOf(cast.beneficiaryB);
    expect(startups(b)).toEqual(["content/_startups/produit-b.md"]);
    expect(authors(b)).toEqual([
      "content/_authors/yolande.bseulement.md",
      "content/_authors/yves.deuxieme.md",
    ]);
  });

  it("gives DINUM every card", async () => {
    const d = await cardsOf(cast.dinum);
    expect(authors(d)).toHaveLength(3);
    expect(startups(d)).toEqual(["content/_startups/produit-a.md", "content/_startups/produit-b.md"]);
  });

  it("a newly added contractor with no order sees no one else's card", async () => {
    const z = await makeContractor(t.db, { name: "Titulaire Z" });
    const actor = await makeActor(t.db, "CONTRACTOR", { contractorId: z.id });
    const files = await cardsOf(actor);
    expect(Object.keys(files)).toEqual(["README.md"]);
  });
});
