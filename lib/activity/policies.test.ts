import { describe, expect, it } from "vitest";
import type { Actor, ActorMembership } from "@/lib/auth/actor";
import { canDecideReports, canSeeReports, canWriteReports, isOwnSubmission } from "./policies";

const actor = (m: Partial<ActorMembership> & Pick<ActorMembership, "role">): Actor => ({
  userId: "user-1",
  email: "a@test.gouv.fr",
  displayName: "Agent",
  sessionId: null,
  requestId: null,
  membership: {
    id: "m",
    beneficiaryId: null,
    contractorId: null,
    organisationName: "Org",
    isDinumOrganisation: false,
    ...m,
  },
  memberships: [],
});

const order = { beneficiaryId: "ben-A", contractorId: "con-X", status: "IN_PROGRESS" };
const contractorX = actor({ role: "CONTRACTOR", contractorId: "con-X" });
const contractorY = actor({ role: "CONTRACTOR", contractorId: "con-Y" });
const beneficiaryA = actor({ role: "BENEFICIARY", beneficiaryId: "ben-A" });
const beneficiaryB = actor({ role: "BENEFICIARY", beneficiaryId: "ben-B" });
const dinum = actor({ role: "DINUM", beneficiaryId: "ben-dinum", isDinumOrganisation: true });

describe("activity report policies (decided from the order's organisations)", () => {
  it("the company the order is addressed to writes; nobody else", () => {
    expect(canWriteReports(contractorX, order)).toBe(true);
    for (const a of [contractorY, beneficiaryA, beneficiaryB, dinum])
      expect(canWriteReports(a, order)).toBe(false);
  });

  it("the ordering organisation decides; nobody else", () => {
    expect(canDecideReports(beneficiaryA, order)).toBe(true);
    for (const a of [beneficiaryB, contractorX, contractorY, dinum])
      expect(canDecideReports(a, order)).toBe(false);
  });

  it("both sides and DINUM see the reports; other organisations do not", () => {
    for (const a of [contractorX, beneficiaryA, dinum]) expect(canSeeReports(a, order)).toBe(true);
    for (const a of [contractorY, beneficiaryB]) expect(canSeeReports(a, order)).toBe(false);
  });

  it("recognises one's own submission", () => {
    expect(isOwnSubmission(beneficiaryA, { submittedById: "user-1" })).toBe(true);
    expect(isOwnSubmission(beneficiaryA, { submittedById: "user-2" })).toBe(false);
    expect(isOwnSubmission(beneficiaryA, { submittedById: null })).toBe(false);
  });
});
