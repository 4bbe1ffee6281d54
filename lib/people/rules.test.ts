import { describe, expect, it } from "vitest";
import { membershipOrganisationProblem, normalizeEmail } from "./rules";
import { membershipAddSchema, userCreateSchema } from "./schemas";

describe("people rules", () => {
  it("normalises e-mails", () => {
    expect(normalizeEmail("  Jeanne.Martin@Numerique.GOUV.fr ")).toBe("jeanne.martin@numerique.gouv.fr");
  });
  it("matches the organisation to the role", () => {
    const ben = { kind: "beneficiary" as const, active: true, isDinum: false };
    const con = { kind: "contractor" as const, active: true, isDinum: false };
    const dinum = { kind: "beneficiary" as const, active: true, isDinum: true };
    expect(membershipOrganisationProblem("BENEFICIARY", ben)).toBeNull();
    expect(membershipOrganisationProblem("BENEFICIARY", dinum)).toBeNull();
    expect(membershipOrganisationProblem("CONTRACTOR", con)).toBeNull();
    expect(membershipOrganisationProblem("DINUM", dinum)).toBeNull();
    expect(membershipOrganisationProblem("CONTRACTOR", ben)).toMatch(/titulaire/);
    expect(membershipOrganisationProblem("BENEFICIARY", con)).toMatch(/bénéficiaire/);
    expect(membershipOrganisationProblem("DINUM", ben)).toMatch(/DINUM/);
    expect(membershipOrganisationProblem("BENEFICIARY", { ...ben, active: false })).toMatch(/désactivée/);
    expect(membershipOrganisationProblem("BENEFICIARY", null)).toMatch(/existante/);
  });
});

describe("people forms", () => {
  const user = { email: " Jeanne.Martin@Numerique.gouv.fr", givenName: "Jeanne", usualName: "Martin" };
  it("normalises and checks the e-mail", () => {
    expect(userCreateSchema.parse(user).email).toBe("jeanne.martin@numerique.gouv.fr");
    expect(userCreateSchema.safeParse({ ...user, email: "jeanne" }).error?.issues[0]?.message).toMatch(
      /n'est pas valide/,
    );
    expect(userCreateSchema.safeParse({ ...user, email: "" }).error?.issues[0]?.message).toMatch(
      /obligatoire/,
    );
  });
  it("is strict: active or oidcSub cannot be slipped in", () => {
    expect(userCreateSchema.safeParse({ ...user, active: "on" }).success).toBe(false);
    expect(userCreateSchema.safeParse({ ...user, oidcSub: "x" }).success).toBe(false);
  });
  it("requires an organisation except for DINUM", () => {
    const userId = "7b0a3a4e-0d8c-4d55-9f1e-2c1a7e0b9a11";
    expect(membershipAddSchema.parse({ userId, role: "DINUM" }).organisationId).toBeNull();
    expect(membershipAddSchema.safeParse({ userId, role: "CONTRACTOR", organisationId: "" }).success).toBe(
      false,
    );
    expect(membershipAddSchema.safeParse({ userId, role: "ADMIN", organisationId: userId }).success).toBe(
      false,
    );
    expect(
      membershipAddSchema.parse({ userId, role: "CONTRACTOR", organisationId: userId }).organisationId,
    ).toBe(userId);
  });
});
