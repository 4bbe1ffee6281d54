// Authorization matrix cases of the impact indicators (lib/impact): only the team of the
// product's organisation enters them; the product page's impact block follows the product's
// own read rights.
import { todayIso } from "@/lib/dates";
import { saveIndicator } from "@/lib/impact/mutations";
import { getIndicatorsForm, getProductImpact } from "@/lib/impact/queries";
import { saveIndicatorSchema } from "@/lib/impact/schemas";
import type { Case, Kit, ReadCase } from "../authorization.test";

/** Last month, "YYYY-MM" (a month that may always be entered). */
function lastMonth(): string {
  const [y, m] = todayIso().slice(0, 7).split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

export function cases(kit: Kit): Case[] {
  return [
    {
      mutation: "saveIndicator",
      requirement: { kind: "scoped", own: "indicator:manageOwn" },
      owners: ["benA", "benB"],
      prepare: (db, c, owner) => kit.makeProduct(db, kit.orgId(c, owner)),
      run: (actor, productId) =>
        saveIndicator({
          actor,
          input: saveIndicatorSchema.parse({
            productId,
            month: lastMonth(),
            monthlyActiveUsers: "1 500",
            satisfaction: "7,5",
          }),
        }),
    },
  ];
}

export function reads(kit: Kit): ReadCase[] {
  return [
    {
      query: "getProductImpact",
      requirement: { kind: "scoped", own: "product:readOwn", all: "product:readAll" },
      owners: ["benA", "benB"],
      prepare: (db, c, owner) => kit.makeProduct(db, kit.orgId(c, owner)),
      run: (actor, productId) => getProductImpact({ actor, productId }),
    },
    {
      query: "getIndicatorsForm",
      requirement: { kind: "scoped", own: "indicator:manageOwn" },
      owners: ["benA", "benB"],
      prepare: (db, c, owner) => kit.makeProduct(db, kit.orgId(c, owner)),
      run: (actor, productId) => getIndicatorsForm({ actor, productId }),
    },
  ];
}
