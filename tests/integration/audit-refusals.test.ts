// Refused accesses are audited at the portal's entry points (security issue 6), once each,
// and nothing else changes: a server action (formAction), a page (orNotFound, refusePage) and
// a download (handleDownload) each turn the data layer's refusal into one "access.refused"
// event naming the actor, the target and the operation. An allowed action writes its own
// event and no refusal. The authorization matrix (authorization.test.ts) checks the same
// for every mutation and read of every domain, through the same wrapper.
// The Next.js request context (headers, the session) is replaced by a fake request here.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createTestDb, type TestDb } from "../support/db";
import { makeCast } from "../support/factories";

const request = vi.hoisted(() => ({
  actor: null as Actor | null,
  headers: new Headers(),
}));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => new Map(),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("@/lib/auth/session", () => ({
  getActor: async () => request.actor,
  requireActor: async () => request.actor,
  getSessionState: async () =>
    request.actor ? { kind: "signed-in", actor: request.actor } : { kind: "signed-out" },
}));

const { REFUSAL_ACTION } = await import("@/lib/audit/refusals");
const { updateProductAction } = await import("@/lib/products/actions");
const { orNotFound, refusePage } = await import("@/lib/pages");
const { getProduct } = await import("@/lib/products/queries");
const { createProduct } = await import("@/lib/products/mutations");
const { createProductSchema } = await import("@/lib/products/schemas");
const orderPdf = await import("@/app/(espace)/commandes/[id]/pdf/route");
const { createOrderDraft } = await import("@/lib/orders/mutations");
const { createOrderSchema } = await import("@/lib/orders/schemas");
const { getOrder } = await import("@/lib/orders/queries");
const { listAuditEvents } = await import("@/lib/audit/queries");

let t: TestDb;
let cast: Awaited<ReturnType<typeof makeCast>>;
let productId: string;

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
  ({ id: productId } = await createProduct({
    actor: cast.beneficiaryA,
    input: createProductSchema.parse({ name: "Produit du ministère A", kind: "STARTUP_ETAT" }),
  }));
});
afterAll(async () => {
  await t?.close();
});

function as(actor: Actor, pathname: string) {
  request.actor = actor;
  request.headers = new Headers({ "x-request-id": "req-test", "x-pathname": pathname });
}

let mark = 0n;
beforeEach(async () => {
  mark = (await t.db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
});
const eventsSinceMark = () =>
  t.db.auditEvent.findMany({
    where: { id: { gt: mark } },
    select: { action: true, entityType: true, entityId: true, actorUserId: true, after: true },
  });

const productForm = (name: string, version: number) => {
  const fd = new FormData();
  fd.set("id", productId);
  fd.set("version", String(version));
  fd.set("name", name);
  fd.set("kind", "STARTUP_ETAT");
  return fd;
};
const idle = { status: "idle" } as never;

/** Next's notFound() throws an error whose digest ends in ";404". */
const isNext404 = (e: unknown) => String((e as { digest?: string })?.digest ?? "").endsWith(";404");

describe("refused accesses are audited once at every entry point", () => {
  it("server action: another ministry's product → 'not found', one refusal event, product unchanged", async () => {
    const before = await t.db.product.findUniqueOrThrow({ where: { id: productId } });
    as(cast.beneficiaryB, `/produits/${productId}/modifier?onglet=1`);
    const state = await updateProductAction(idle, productForm("Pris par B", before.version));
    expect(state).toMatchObject({ status: "error" });
    expect((state as { message: string }).message).toMatch(/introuvable|accès/);
    expect(await eventsSinceMark()).toEqual([
      {
        action: REFUSAL_ACTION,
        entityType: "Access",
        entityId: productId,
        actorUserId: cast.beneficiaryB.userId,
        after: { reason: "NOT_FOUND", operation: `POST /produits/${productId}/modifier` },
      },
    ]);
    const after = await t.db.product.findUniqueOrThrow({ where: { id: productId } });
    expect(after).toEqual(before);
  });

  it("server action allowed: one event, the change's own, and no refusal", async () => {
    const before = await t.db.product.findUniqueOrThrow({ where: { id: productId } });
    as(cast.beneficiaryA, `/produits/${productId}/modifier`);
    const state = await updateProductAction(idle, productForm("Renommé par A", before.version));
    expect(state).toMatchObject({ status: "success" });
    const events = await eventsSinceMark();
    expect(events.map((e) => [e.action, e.entityId])).toEqual([["product.update", productId]]);
  });

  it("page: a foreign record shows the 404 page and writes one refusal event", async () => {
    as(cast.beneficiaryB, `/produits/${productId}`);
    const shown = await orNotFound(getProduct({ actor: cast.beneficiaryB, id: productId })).then(
      () => "page",
      (e) => (isNext404(e) ? "404" : String(e)),
    );
    expect(shown).toBe("404");
    expect(await eventsSinceMark()).toEqual([
      {
        action: REFUSAL_ACTION,
        entityType: "Access",
        entityId: productId,
        actorUserId: cast.beneficiaryB.userId,
        after: { reason: "NOT_FOUND", operation: `GET /produits/${productId}` },
      },
    ]);
  });

  it("page: a form the role may not open shows the 404 page and writes one refusal event", async () => {
    as(cast.contractorX, "/referentiel/titulaires/nouveau");
    const shown = await refusePage(cast.contractorX).then(
      () => "page",
      (e) => (isNext404(e) ? "404" : String(e)),
    );
    expect(shown).toBe("404");
    expect(await eventsSinceMark()).toEqual([
      {
        action: REFUSAL_ACTION,
        entityType: "Access",
        entityId: "GET /referentiel/titulaires/nouveau",
        actorUserId: cast.contractorX.userId,
        after: { reason: "FORBIDDEN", operation: "GET /referentiel/titulaires/nouveau" },
      },
    ]);
  });

  it("page: a record the person may see writes nothing", async () => {
    as(cast.beneficiaryA, `/produits/${productId}`);
    await orNotFound(getProduct({ actor: cast.beneficiaryA, id: productId }));
    expect(await eventsSinceMark()).toEqual([]);
  });

  it("download: a purchase order PDF out of reach answers 404 and writes one refusal event", async () => {
    const unknown = "5f0c6a52-0d5e-4d8e-9a39-6d1f1b0f7c11";
    as(cast.contractorY, `/commandes/${unknown}/pdf`);
    const res = await orderPdf.GET(new Request(`http://localhost/commandes/${unknown}/pdf`), {
      params: Promise.resolve({ id: unknown }),
    });
    expect(res.status).toBe(404);
    expect(await eventsSinceMark()).toEqual([
      {
        action: REFUSAL_ACTION,
        entityType: "Access",
        entityId: unknown,
        actorUserId: cast.contractorY.userId,
        after: { reason: "NOT_FOUND", operation: `GET /commandes/${unknown}/pdf` },
      },
    ]);
  });
});

describe("where refusals show", () => {
  it("not on the order's timeline, and the journal hides them or shows them alone", async () => {
    const devops = cast.agreement.uoTypes[1] as { id: string };
    const { id: orderId } = await createOrderDraft({
      actor: cast.beneficiaryA,
      input: createOrderSchema.parse({
        creationKey: crypto.randomUUID(),
        productId,
        contractorId: cast.orgs.conX.id,
        startsOn: "2026-12-01",
        endsOn: "2027-03-31",
        chorusServiceCode: "SRV01",
        billingAddress: "1 rue de Test",
        uoTypeId: [devops.id],
        quantity: ["2"],
        deliverables: [""],
      }),
    });
    as(cast.beneficiaryB, `/commandes/${orderId}`);
    await orNotFound(getOrder({ actor: cast.beneficiaryB, id: orderId })).catch(() => undefined);
    expect((await eventsSinceMark()).map((e) => [e.action, e.entityId])).toEqual([
      ["order.create", orderId],
      [REFUSAL_ACTION, orderId],
    ]);

    const order = await getOrder({ actor: cast.beneficiaryA, id: orderId });
    expect(order.timeline.map((e) => e.action)).toEqual(["order.create"]);

    const journal = (refusals: string) =>
      listAuditEvents({ actor: cast.dinum, page: 1, pageSize: 1000, filters: { refusals } });
    const all = await journal("");
    const hidden = await journal("non");
    const alone = await journal("seuls");
    expect(alone.total).toBeGreaterThanOrEqual(4);
    expect(alone.items.every((e) => e.action === REFUSAL_ACTION)).toBe(true);
    expect(hidden.items.some((e) => e.action === REFUSAL_ACTION)).toBe(false);
    expect(hidden.total + alone.total).toBe(all.total);
    await expect(journal("peut-etre")).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/accès refusés/),
    });
  });
});

describe("every entry point goes through an auditing wrapper", () => {
  const files = (dir: string, match: RegExp): string[] =>
    fs
      .readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => match.test(path.basename(f)))
      .map((f) => path.join(dir, f));

  it("every server action is made by formAction", () => {
    const offenders: string[] = [];
    for (const file of [...files("lib", /\.tsx?$/), ...files("app", /\.tsx?$/)]) {
      const src = fs.readFileSync(file, "utf8");
      if (!/^["']use server["'];/m.test(src)) continue;
      for (const line of src.split("\n").filter((l) => l.startsWith("export "))) {
        if (!/^export const \w+ = formAction\(/.test(line)) offenders.push(`${file}: ${line}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("every download route of the signed-in area answers through handleDownload or exportRoute", () => {
    const offenders = files("app/(espace)", /^route\.ts$/).filter(
      (f) => !/\b(handleDownload|exportRoute)\(/.test(fs.readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("no page of the signed-in area calls Next's notFound() itself (orNotFound / refusePage audit it)", () => {
    const offenders = files("app/(espace)", /^page\.tsx$/).filter((f) =>
      /\bnotFound\(\)/.test(fs.readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
