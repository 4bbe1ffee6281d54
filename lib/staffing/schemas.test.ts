import { describe, expect, it } from "vitest";
import { createStafferSchema, replaceAssignmentSchema } from "./schemas";

const UO = "0b7e4b3c-8f43-4a53-9a0e-3c1b1f6f0a11";
const form = (over: Record<string, string> = {}) => ({
  fullName: "  Jeanne Dupont ",
  email: " Jeanne.Dupont@Societe.FR",
  uoTypeId: UO,
  status: "EMPLOYEE",
  subcontractorName: "",
  betaUsername: "",
  ...over,
});
const issues = (r: { error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  (r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]);

describe("staffer form", () => {
  it("trims, lower-cases the e-mail and turns empty optional fields into nothing", () => {
    expect(createStafferSchema.parse(form())).toEqual({
      fullName: "Jeanne Dupont",
      email: "jeanne.dupont@societe.fr",
      uoTypeId: UO,
      status: "EMPLOYEE",
      subcontractorName: null,
      betaUsername: null,
    });
  });

  it("shows every error at once, the missing subcontractor company included", () => {
    const r = createStafferSchema.safeParse(
      form({ status: "SUBCONTRACTOR", betaUsername: "Jeanne Dupont", fullName: " " }),
    );
    expect(
      issues(r)
        .map(([path]) => path)
        .sort(),
    ).toEqual(["betaUsername", "fullName", "subcontractorName"]);
    expect(issues(r)).toContainEqual([
      "subcontractorName",
      "Indiquez le nom de la société sous-traitante qui emploie cet intervenant.",
    ]);
  });

  it("keeps the subcontractor's company only for a subcontractor", () => {
    expect(
      createStafferSchema.parse(form({ status: "SUBCONTRACTOR", subcontractorName: "Sous-traitant SAS" })),
    ).toMatchObject({ subcontractorName: "Sous-traitant SAS" });
    expect(
      createStafferSchema.parse(form({ status: "INDEPENDENT", subcontractorName: "Ignorée" })),
    ).toMatchObject({
      subcontractorName: null,
    });
  });

  it("refuses fields the form does not have, such as the company or the active flag", () => {
    const r = createStafferSchema.safeParse({ ...form(), contractorId: UO, active: "false" });
    expect(r.error?.issues[0]?.code).toBe("unrecognized_keys");
  });
});

describe("replacement form", () => {
  const base = { id: UO, version: "3", stafferId: UO, startsOn: "2027-03-01" };
  it("reads ramp-up days in half days, empty meaning none, and an optional end", () => {
    const r = replaceAssignmentSchema.parse({ ...base, rampUpDays: "2,5", endsOn: "" });
    expect([r.rampUpDays.toString(), r.endsOn, r.version]).toEqual(["2.5", null, 3]);
    expect(replaceAssignmentSchema.parse(base).rampUpDays.toString()).toBe("0");
    expect(replaceAssignmentSchema.parse({ ...base, endsOn: "2027-05-31" }).endsOn).toBe("2027-05-31");
  });
  it("refuses a bad end date in French", () => {
    expect(issues(replaceAssignmentSchema.safeParse({ ...base, endsOn: "2027-02-30" }))).toEqual([
      ["endsOn", "La date de fin n'est pas une date valide."],
    ]);
  });
});
