// Route handlers (downloads) in the authorization matrix (tests/integration/authorization.test.ts):
// each is called through its exported handler with a Request, per persona × own and foreign
// record, and signed out. "OK" means the answer holds the record; a refusal must not leak it.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Capability } from "@/lib/auth/permissions";
import { makeBeneficiary, makeContractor } from "../../support/factories";
import { makeOrder } from "../../support/service-fait";
import type { Cast, Kit, Outcome, Owner, RouteCase } from "../authorization.test";

/**
 * An order (in progress) whose only organisation in the cast is `owner`: benA's order to a
 * contractor outside the cast, or an outside ministry's order to contractor X; with one
 * procès-verbal de service fait. Returns "orderId sfId".
 */
async function orderTarget(db: PrismaClient, c: Cast, owner: Owner) {
  const contractorId = owner === "benA" ? (await makeContractor(db)).id : c.orgs.conX.id;
  const beneficiaryId = owner === "benA" ? c.orgs.benA.id : (await makeBeneficiary(db)).id;
  const o = await makeOrder(db, {
    agreementId: c.agreement.id,
    beneficiaryId,
    contractorId,
    createdById: c.beneficiaryA.userId,
  });
  const sf = await db.serviceFait.create({
    data: {
      orderId: o.id,
      number: `SF-M-${randomUUID().slice(0, 8)}`,
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

/** A PDF download: the file, or 404. */
const pdfOutcome = async (res: Response): Promise<Outcome> => {
  if (res.status === 404) return "NOT_FOUND";
  expect200(res);
  return res.headers.get("Content-Type") === "application/pdf" ? "OK" : "NOT_FOUND";
};

function expect200(res: Response) {
  if (res.status !== 200) throw new Error(`réponse inattendue ${res.status}`);
}

/** A download that is refused (404) or given (200) whole, depending on the role. */
const fileOutcome =
  (contentType: RegExp) =>
  async (res: Response): Promise<Outcome> => {
    if (res.status === 404) return "NOT_FOUND";
    expect200(res);
    return contentType.test(res.headers.get("Content-Type") ?? "") ? "OK" : "NOT_FOUND";
  };

const csv = fileOutcome(/^text\/csv/);

export function routes(kit: Kit): RouteCase[] {
  const orderReadable = { kind: "scoped", own: "order:readOwn", all: "order:readAll" } as const;
  const productName = async (target: string) => {
    const { orderId } = split(target);
    const o = await kit.db().purchaseOrder.findUniqueOrThrow({
      where: { id: orderId },
      select: { product: { select: { name: true } } },
    });
    return o.product.name;
  };
  const globalExport = (file: string, label: string, urlPath: string, capability: Capability): RouteCase => ({
    file,
    method: "GET",
    label,
    requirement: { kind: "global", capability },
    owners: ["none"],
    prepare: async () => "",
    request: () => ({ path: `${urlPath}?format=csv` }),
    outcome: csv,
  });

  return [
    {
      file: "app/(espace)/commandes/[id]/pdf/route.ts",
      method: "GET",
      label: "order PDF",
      requirement: orderReadable,
      owners: ["benA", "conX"],
      prepare: orderTarget,
      request: (target) => {
        const { orderId } = split(target);
        return { path: `/commandes/${orderId}/pdf`, params: { id: orderId } };
      },
      outcome: pdfOutcome,
      secret: productName,
    },
    {
      file: "app/(espace)/commandes/[id]/service-fait/[sfId]/pdf/route.ts",
      method: "GET",
      label: "service-fait PDF",
      requirement: orderReadable,
      owners: ["benA", "conX"],
      prepare: orderTarget,
      request: (target) => {
        const { orderId, sfId } = split(target);
        return { path: `/commandes/${orderId}/service-fait/${sfId}/pdf`, params: { id: orderId, sfId } };
      },
      outcome: pdfOutcome,
      secret: productName,
    },
    {
      file: "app/(espace)/commandes/export/route.ts",
      method: "GET",
      label: "orders export (CSV)",
      requirement: orderReadable,
      owners: ["benA", "conX"],
      prepare: orderTarget,
      request: () => ({ path: "/commandes/export?format=csv" }),
      // The list holds the caller's orders: the record is "found" when its row is there.
      outcome: async (res, target) => {
        expect200(res);
        return (await res.text()).includes(await productName(target)) ? "OK" : "NOT_FOUND";
      },
      secret: productName,
    },
    {
      file: "app/(espace)/produits/export/route.ts",
      method: "GET",
      label: "products export (CSV)",
      requirement: { kind: "scoped", own: "product:readOwn", all: "product:readAll" },
      owners: ["benA", "benB"],
      prepare: (db, c, owner) => kit.makeProduct(db, kit.orgId(c, owner)),
      request: () => ({ path: "/produits/export?format=csv" }),
      outcome: async (res, id) => {
        expect200(res);
        const { name } = await kit.db().product.findUniqueOrThrow({ where: { id }, select: { name: true } });
        return (await res.text()).includes(name) ? "OK" : "NOT_FOUND";
      },
      secret: async (id) =>
        (await kit.db().product.findUniqueOrThrow({ where: { id }, select: { name: true } })).name,
    },
    globalExport(
      "app/(espace)/tarifs/export/route.ts",
      "prices export",
      "/tarifs/export",
      "priceSchedule:readValidated",
    ),
    globalExport(
      "app/(espace)/journal/export/route.ts",
      "audit trail export",
      "/journal/export",
      "audit:read",
    ),
    globalExport(
      "app/(espace)/referentiel/personnes/export/route.ts",
      "people export",
      "/referentiel/personnes/export",
      "people:manage",
    ),
    globalExport(
      "app/(espace)/referentiel/titulaires/export/route.ts",
      "contractors export",
      "/referentiel/titulaires/export",
      "organisation:manage",
    ),
    globalExport(
      "app/(espace)/referentiel/beneficiaires/export/route.ts",
      "beneficiaries export",
      "/referentiel/beneficiaires/export",
      "organisation:manage",
    ),
    {
      // Which cards are in the zip follows staffing: tests/integration/exports.test.ts.
      file: "app/(espace)/fiches-beta/export.zip/route.ts",
      method: "GET",
      label: "beta.gouv.fr cards (zip)",
      requirement: { kind: "global", capability: ["order:readOwn", "order:readAll"] },
      owners: ["none"],
      prepare: async () => "",
      request: () => ({ path: "/fiches-beta/export.zip" }),
      outcome: fileOutcome(/^application\/zip/),
    },
    {
      file: "app/(espace)/pilotage/rapports/[report]/export/route.ts",
      method: "GET",
      label: "six-monthly report export",
      requirement: { kind: "global", capability: "reporting:read" },
      owners: ["none"],
      prepare: async () => "",
      request: () => ({
        path: "/pilotage/rapports/semestriel/export?format=csv&semestre=2026-S2",
        params: { report: "semestriel" },
      }),
      outcome: csv,
    },
    {
      // A contractor downloads its own quarterly report; DINUM any contractor's.
      file: "app/(espace)/pilotage/rapports/[report]/export/route.ts",
      method: "GET",
      label: "quarterly report export",
      requirement: { kind: "scoped", own: "order:readOwn", all: "reporting:read" },
      owners: ["conX"],
      prepare: async (_db, c) => c.orgs.conX.id,
      request: (contractorId) => ({
        path: `/pilotage/rapports/trimestriel/export?format=csv&trimestre=2026-T4&titulaire=${contractorId}`,
        params: { report: "trimestriel" },
      }),
      outcome: csv,
    },
    {
      file: "app/(public)/stats/export.csv/route.ts",
      method: "GET",
      label: "public statistics (CSV)",
      requirement: "public",
      owners: ["none"],
      prepare: orderTarget,
      request: () => ({ path: "/stats/export.csv" }),
      // Aggregates only: no product, organisation or person name of any order.
      outcome: async (res, target) => {
        expect200(res);
        const body = await res.text();
        return body.includes(await productName(target)) ? "NOT_FOUND" : "OK";
      },
    },
    {
      file: "app/api/health/route.ts",
      method: "GET",
      label: "health check",
      requirement: "public",
      owners: ["none"],
      prepare: async () => "",
      request: () => ({ path: "/api/health" }),
      outcome: async (res) => {
        expect200(res);
        return JSON.stringify(await res.json()) === '{"status":"ok"}' ? "OK" : "NOT_FOUND";
      },
    },
    {
      // Signing out revokes only the session the request carries: signed out, or with a
      // persona's session resolved by next-auth, nobody else's session is touched (the
      // revocation itself: tests/integration/oidc-callback.test.ts).
      file: "app/(public)/deconnexion/route.ts",
      method: "POST",
      label: "sign-out",
      requirement: "public",
      owners: ["none"],
      prepare: async () => "",
      request: () => ({ path: "/deconnexion" }),
      outcome: async (res) => {
        if (res.status !== 303) return "NOT_FOUND";
        const location = new URL(res.headers.get("location") ?? "");
        const open = await kit.db().userSession.count({ where: { revokedAt: null } });
        return location.pathname === "/" && open > 0 ? "OK" : "NOT_FOUND";
      },
    },
  ];
}
