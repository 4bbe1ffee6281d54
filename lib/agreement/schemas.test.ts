import { describe, expect, it } from "vitest";
import { agreementUpdateSchema, uoTypeUpdateSchema } from "./schemas";

const id = "7b0a3a4e-0d8c-4d55-9f1e-2c1a7e0b9a11";
const valid = {
  id,
  version: "3",
  title: "Accord-cadre",
  startsOn: "2024-01-01",
  endsOn: "2027-12-31",
  maxAmountHt: "90 000 000,00",
  vatRate: "20",
};

function messages(r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0] ?? "_"), i.message]));
}

describe("agreement form", () => {
  it("parses amounts to cents (BigInt) and VAT to basis points", () => {
    const r = agreementUpdateSchema.parse({ ...valid, vatRate: "5,5" });
    expect(r.maxAmountHt).toBe(9_000_000_000n);
    expect(r.vatRate).toBe(550);
    expect(r.version).toBe(3);
  });
  it("refuses bad values with French messages", () => {
    expect(messages(agreementUpdateSchema.safeParse({ ...valid, vatRate: "abc" })).vatRate).toMatch(
      /pourcentage/,
    );
    expect(messages(agreementUpdateSchema.safeParse({ ...valid, vatRate: "20,001" })).vatRate).toMatch(
      /pourcentage/,
    );
    expect(messages(agreementUpdateSchema.safeParse({ ...valid, vatRate: "45" })).vatRate).toMatch(
      /compris entre/,
    );
    expect(messages(agreementUpdateSchema.safeParse({ ...valid, maxAmountHt: "0" })).maxAmountHt).toMatch(
      /supérieur à zéro/,
    );
    expect(messages(agreementUpdateSchema.safeParse({ ...valid, maxAmountHt: "-5" })).maxAmountHt).toMatch(
      /montant en euros/,
    );
    expect(
      messages(agreementUpdateSchema.safeParse({ ...valid, maxAmountHt: "9 999 999 999" })).maxAmountHt,
    ).toMatch(/anormalement/);
    expect(messages(agreementUpdateSchema.safeParse({ ...valid, endsOn: "2023-01-01" })).endsOn).toMatch(
      /postérieure/,
    );
    expect(messages(agreementUpdateSchema.safeParse({ ...valid, startsOn: "2024-02-30" })).startsOn).toMatch(
      /date valide/,
    );
  });
  it("is strict: the reference cannot be slipped in", () => {
    const r = agreementUpdateSchema.safeParse({ ...valid, reference: "HACK" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.code).toBe("unrecognized_keys");
  });
});

describe("UO type form", () => {
  const uo = {
    id,
    version: "1",
    label: "Devops – Junior",
    level: "Junior",
    description: "…",
    deliverables: "A\nB",
  };
  it("splits deliverables and reads the checkbox", () => {
    const r = uoTypeUpdateSchema.parse({ ...uo, active: "on" });
    expect(r.deliverables).toEqual(["A", "B"]);
    expect(r.active).toBe(true);
    expect(uoTypeUpdateSchema.parse(uo).active).toBe(false);
  });
  it("refuses an empty list of deliverables", () => {
    expect(messages(uoTypeUpdateSchema.safeParse({ ...uo, deliverables: " \n " })).deliverables).toMatch(
      /au moins/,
    );
  });
  it("is strict: code, family and days per UO are read-only", () => {
    for (const extra of [{ code: "X" }, { family: "DESIGN" }, { daysPerUnit: "10" }]) {
      expect(uoTypeUpdateSchema.safeParse({ ...uo, ...extra }).success).toBe(false);
    }
  });
});
