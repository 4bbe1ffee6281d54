import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";
import {
  canChooseProductOwner,
  canCreateProducts,
  canListProducts,
  canManageProduct,
  canReadProduct,
} from "./policies";

function actor(role: RoleName, org: { beneficiaryId?: string; contractorId?: string }): Actor {
  const membership = {
    id: `m-${role}`,
    role,
    beneficiaryId: org.beneficiaryId ?? null,
    contractorId: org.contractorId ?? null,
    organisationName: "Org",
    isDinumOrganisation: false,
  };
  return {
    userId: "u",
    email: "u@x.fr",
    displayName: "U",
    sessionId: null,
    requestId: null,
    membership,
    memberships: [membership],
  };
}

const own = { beneficiaryId: "ben-a" };
const other = { beneficiaryId: "ben-b" };

describe("product policies", () => {
  it("lets a beneficiary read and manage its own organisation's products only", () => {
    const a = actor("BENEFICIARY", { beneficiaryId: "ben-a" });
    expect([canListProducts(a), canCreateProducts(a), canChooseProductOwner(a)]).toEqual([true, true, false]);
    expect([canReadProduct(a, own), canManageProduct(a, own)]).toEqual([true, true]);
    expect([canReadProduct(a, other), canManageProduct(a, other)]).toEqual([false, false]);
  });
  it("lets contractors read every product and change none", () => {
    const x = actor("CONTRACTOR", { contractorId: "con-x" });
    expect([canListProducts(x), canCreateProducts(x), canChooseProductOwner(x)]).toEqual([
      true,
      false,
      false,
    ]);
    expect([canReadProduct(x, other), canManageProduct(x, other)]).toEqual([true, false]);
  });
  it("lets DINUM read and manage every product and choose its owner", () => {
    const d = actor("DINUM", { beneficiaryId: "dinum" });
    expect([canCreateProducts(d), canChooseProductOwner(d)]).toEqual([true, true]);
    expect([canReadProduct(d, other), canManageProduct(d, other)]).toEqual([true, true]);
  });
});
