import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";
import { canDecideVersion, canProposePrices, canReadVersion } from "./policies";

function actor(role: RoleName, org: { beneficiaryId?: string; contractorId?: string }, userId = "u"): Actor {
  const membership = {
    id: `m-${role}`,
    role,
    beneficiaryId: org.beneficiaryId ?? null,
    contractorId: org.contractorId ?? null,
    organisationName: "Org",
    isDinumOrganisation: false,
  };
  return {
    userId,
    email: "u@x.fr",
    displayName: "U",
    sessionId: null,
    requestId: null,
    membership,
    memberships: [membership],
  };
}

const x = actor("CONTRACTOR", { contractorId: "con-x" });
const ben = actor("BENEFICIARY", { beneficiaryId: "ben-a" });
const dinum = actor("DINUM", { beneficiaryId: "dinum" }, "dinum-user");

describe("price-schedule policies", () => {
  it("shows proposals and rejections to their company and DINUM only; validated versions to all", () => {
    for (const status of ["PROPOSED", "REJECTED"] as const) {
      expect(canReadVersion(x, { contractorId: "con-x", status })).toBe(true);
      expect(canReadVersion(x, { contractorId: "con-y", status })).toBe(false);
      expect(canReadVersion(ben, { contractorId: "con-x", status })).toBe(false);
      expect(canReadVersion(dinum, { contractorId: "con-x", status })).toBe(true);
    }
    for (const a of [x, ben, dinum])
      expect(canReadVersion(a, { contractorId: "con-y", status: "VALIDATED" })).toBe(true);
  });
  it("lets contractors propose, and DINUM decide proposals it did not make", () => {
    expect([canProposePrices(x), canProposePrices(ben), canProposePrices(dinum)]).toEqual([
      true,
      false,
      false,
    ]);
    const proposal = { status: "PROPOSED" as const, proposedById: "someone" };
    expect(canDecideVersion(dinum, proposal)).toBe(true);
    expect(canDecideVersion(dinum, { ...proposal, proposedById: "dinum-user" })).toBe(false);
    expect(canDecideVersion(dinum, { ...proposal, status: "VALIDATED" })).toBe(false);
    expect(canDecideVersion(x, proposal)).toBe(false);
  });
});
