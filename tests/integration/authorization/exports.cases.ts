// List exports in the authorization matrix: each export is read through the same Table
// builder as its route, and a record missing from the caller's file counts as "not found" —
// so the matrix checks that a file holds a record exactly when the permission table says the
// caller may see it. (The beta.gouv.fr cards follow staffing, not one capability: their scope
// is tested in tests/integration/exports.test.ts.)
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import {
  auditTable,
  beneficiariesTable,
  contractorsTable,
  ordersTable,
  peopleTable,
  pricesInForceTable,
  productsTable,
} from "@/lib/exports/tables";
import type { Kit, ReadCase } from "../authorization.test";

const params = (values: Record<string, string> = {}) => new URLSearchParams(values);

export function reads(kit: Kit): ReadCase[] {
  const productName = async (id: string) =>
    (await kit.db().product.findUniqueOrThrow({ where: { id }, select: { name: true } })).name;
  const hasRow = (rows: Array<Record<string, unknown>>, key: string, value: string) => {
    if (!rows.some((r) => r[key] === value)) throw notFound();
  };
  return [
    {
      query: "export of the orders list (a draft)",
      requirement: { kind: "scoped", own: "order:readOwn", all: "order:readAll" },
      owners: ["benA", "benB"],
      prepare: (db, c, owner) => kit.makeDraftOrder(db, c, owner),
      run: async (actor: Actor, id: string) => {
        const order = await kit
          .db()
          .purchaseOrder.findUniqueOrThrow({ where: { id }, select: { productId: true } });
        const table = await ordersTable({ actor, params: params() });
        hasRow(table.rows, "product", await productName(order.productId));
      },
    },
    {
      query: "export of the products list",
      requirement: { kind: "scoped", own: "product:readOwn", all: "product:readAll" },
      owners: ["benA", "benB"],
      prepare: (db, c, owner) => kit.makeProduct(db, kit.orgId(c, owner)),
      run: async (actor: Actor, id: string) => {
        const name = await productName(id);
        const table = await productsTable({ actor, params: params({ q: name }) });
        hasRow(table.rows, "name", name);
      },
    },
    {
      query: "export of the prices in force",
      requirement: { kind: "global", capability: "priceSchedule:readValidated" },
      owners: ["none"],
      prepare: async () => "",
      run: (actor: Actor) => pricesInForceTable({ actor, params: params() }),
    },
    {
      query: "export of the audit trail",
      requirement: { kind: "global", capability: "audit:read" },
      owners: ["none"],
      prepare: async () => "",
      run: (actor: Actor) => auditTable({ actor, params: params() }),
    },
    {
      query: "export of the people",
      requirement: { kind: "global", capability: "people:manage" },
      owners: ["none"],
      prepare: async () => "",
      run: (actor: Actor) => peopleTable({ actor, params: params() }),
    },
    {
      query: "export of the contractors",
      requirement: { kind: "global", capability: "organisation:manage" },
      owners: ["none"],
      prepare: async () => "",
      run: (actor: Actor) => contractorsTable({ actor, params: params() }),
    },
    {
      query: "export of the beneficiaries",
      requirement: { kind: "global", capability: "organisation:manage" },
      owners: ["none"],
      prepare: async () => "",
      run: (actor: Actor) => beneficiariesTable({ actor, params: params() }),
    },
  ];
}
