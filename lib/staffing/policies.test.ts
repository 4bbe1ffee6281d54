import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";
import {
  canCreateStaffers,
  canListStaffers,
  canManageStaffer,
  canSeeStaffer,
  canStaffOrder,
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

const ofX = { contractorId: "con-x", orderBeneficiaryIds: ["ben-a"] };
const unassignedOfX = { contractorId: "con-x", orderBeneficiaryIds: [] };

describe("staffing policies", () => {
  it("lets a contractor manage its own company's staffers and staff the orders addressed to it", () => {
    const x = actor("CONTRACTOR", { contractorId: "con-x" });
    expect([canListStaffers(x), canCreateStaffers(x)]).toEqual([true, true]);
    expect([canSeeStaffer(x, ofX), canManageStaffer(x, ofX), canStaffOrder(x, ofX)]).toEqual([
      true,
      true,
      true,
    ]);
  });

  it("keeps another contractor out of X's staffers and orders", () => {
    const y = actor("CONTRACTOR", { contractorId: "con-y" });
    expect([canSeeStaffer(y, ofX), canManageStaffer(y, ofX), canStaffOrder(y, ofX)]).toEqual([
      false,
      false,
      false,
    ]);
  });

  it("lets DINUM read every staffer but change none", () => {
    const d = actor("DINUM", { beneficiaryId: "dinum" });
    expect([canListStaffers(d), canCreateStaffers(d)]).toEqual([true, false]);
    expect([canSeeStaffer(d, unassignedOfX), canManageStaffer(d, ofX), canStaffOrder(d, ofX)]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it("shows a beneficiary only the people assigned to its organisation's orders", () => {
    const a = actor("BENEFICIARY", { beneficiaryId: "ben-a" });
    const b = actor("BENEFICIARY", { beneficiaryId: "ben-b" });
    expect([canListStaffers(a), canCreateStaffers(a)]).toEqual([false, false]);
    expect(canSeeStaffer(a, ofX)).toBe(true);
    expect(canSeeStaffer(a, unassignedOfX)).toBe(false);
    expect(canSeeStaffer(b, ofX)).toBe(false);
    expect([canManageStaffer(a, ofX), canStaffOrder(a, ofX)]).toEqual([false, false]);
  });
});
