// Who may see and certify, per role and per record (own organisation or another one).
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";
import { canRecordInvoice, canRecordPayment } from "@/lib/invoices/policies";
import { canCertifyServiceFait, canSeeServiceFait, isCertifiableOrder } from "./policies";

function actor(role: RoleName, org: { beneficiaryId?: string; contractorId?: string }): Actor {
  const membership = {
    id: "m",
    role,
    beneficiaryId: org.beneficiaryId ?? null,
    contractorId: org.contractorId ?? null,
    organisationName: "Organisation",
    isDinumOrganisation: role === "DINUM",
  };
  return {
    userId: "u",
    email: "u@test.gouv.fr",
    displayName: "U",
    sessionId: null,
    requestId: null,
    membership,
    memberships: [membership],
  };
}

const order = { beneficiaryId: "benA", contractorId: "conX", status: "IN_PROGRESS" };
const personas = {
  "beneficiary of the order": actor("BENEFICIARY", { beneficiaryId: "benA" }),
  "another beneficiary": actor("BENEFICIARY", { beneficiaryId: "benB" }),
  "contractor of the order": actor("CONTRACTOR", { contractorId: "conX" }),
  "another contractor": actor("CONTRACTOR", { contractorId: "conY" }),
  "DINUM (central service)": actor("DINUM", { beneficiaryId: "dinum" }),
  "DINUM as a beneficiary": actor("BENEFICIARY", { beneficiaryId: "dinum" }),
};

// [sees, certifies, records an invoice, records a payment]
const EXPECTED: Record<keyof typeof personas, [boolean, boolean, boolean, boolean]> = {
  "beneficiary of the order": [true, true, false, true],
  "another beneficiary": [false, false, false, false],
  "contractor of the order": [true, false, true, false],
  "another contractor": [false, false, false, false],
  "DINUM (central service)": [true, false, false, false],
  "DINUM as a beneficiary": [false, false, false, false],
};

describe("service fait and invoices: who may do what", () => {
  for (const [name, a] of Object.entries(personas) as Array<[keyof typeof personas, Actor]>) {
    it(name, () => {
      expect([
        canSeeServiceFait(a, order),
        canCertifyServiceFait(a, order),
        canRecordInvoice(a, order),
        canRecordPayment(a, order),
      ]).toEqual(EXPECTED[name]);
    });
  }
});

describe("isCertifiableOrder", () => {
  it.each([
    ["DRAFT", false],
    ["ISSUED", false],
    ["ACKNOWLEDGED", true],
    ["IN_PROGRESS", true],
    ["COMPLETED", true],
    ["CLOSED", false],
    ["CANCELLED", false],
  ])("an original order %s → %s", (status, ok) => {
    expect(isCertifiableOrder({ status, correctsOrderId: null })).toBe(ok);
  });

  it("never a corrective order (its days are counted on the original)", () => {
    expect(isCertifiableOrder({ status: "IN_PROGRESS", correctsOrderId: "original" })).toBe(false);
  });
});
