import { describe, expect, it } from "vitest";
import { beneficiaryCreateSchema, contractorCreateSchema, setActiveSchema } from "./schemas";

const contractor = {
  name: "Titulaire",
  acronym: "",
  siret: "130 025 265 00013",
  postalAddress: "1 rue\n75000 Paris",
};
const beneficiary = { ...contractor, chorusServiceCode: "MTS_0042-a", billingAddress: "2 rue\n75000 Paris" };

const firstMessage = (r: { error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

describe("organisation forms", () => {
  it("normalises the SIRET and empties the optional acronym", () => {
    const r = contractorCreateSchema.parse(contractor);
    expect(r.siret).toBe("13002526500013");
    expect(r.acronym).toBeNull();
    expect(beneficiaryCreateSchema.parse(beneficiary).chorusServiceCode).toBe("MTS_0042-a");
  });
  it("refuses bad SIRETs in French", () => {
    expect(
      firstMessage(contractorCreateSchema.safeParse({ ...contractor, siret: "13002526500014" })),
    ).toMatch(/clé de contrôle/);
    expect(firstMessage(contractorCreateSchema.safeParse({ ...contractor, siret: "1300252650001" }))).toMatch(
      /14 chiffres/,
    );
  });
  it("requires a well-formed Chorus service code", () => {
    const { chorusServiceCode: _, ...missing } = beneficiary;
    expect(firstMessage(beneficiaryCreateSchema.safeParse(missing))).toMatch(/Chorus est obligatoire/);
    expect(
      firstMessage(beneficiaryCreateSchema.safeParse({ ...beneficiary, chorusServiceCode: "  " })),
    ).toMatch(/obligatoire/);
    expect(
      firstMessage(beneficiaryCreateSchema.safeParse({ ...beneficiary, chorusServiceCode: "MTS 42" })),
    ).toMatch(/lettres/);
    expect(
      beneficiaryCreateSchema.safeParse({ ...beneficiary, chorusServiceCode: "A".repeat(41) }).success,
    ).toBe(false);
  });
  it("is strict: isDinum or active cannot be slipped into a form", () => {
    for (const extra of [{ isDinum: "on" }, { active: "on" }]) {
      const r = beneficiaryCreateSchema.safeParse({ ...beneficiary, ...extra });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.code).toBe("unrecognized_keys");
    }
    expect(contractorCreateSchema.safeParse({ ...contractor, active: "false" }).success).toBe(false);
  });
  it("reads the activate/deactivate switch", () => {
    const id = "7b0a3a4e-0d8c-4d55-9f1e-2c1a7e0b9a11";
    expect(setActiveSchema.parse({ id, version: "2", active: "false" })).toEqual({
      id,
      version: 2,
      active: false,
    });
    expect(setActiveSchema.safeParse({ id, version: "2", active: "maybe" }).success).toBe(false);
    expect(setActiveSchema.safeParse({ id: "1 OR 1=1", version: "2", active: "true" }).success).toBe(false);
  });
});
