import { describe, expect, it } from "vitest";
import { bpToPercentInput, checkAgreement, parseDeliverables, parseVatRateToBp } from "./rules";

describe("VAT rate typed in percent", () => {
  it("converts to basis points exactly", () => {
    expect(parseVatRateToBp("20")).toBe(2000);
    expect(parseVatRateToBp("5,5")).toBe(550);
    expect(parseVatRateToBp("5.5")).toBe(550);
    expect(parseVatRateToBp("2,10")).toBe(210);
    expect(parseVatRateToBp(" 20 % ")).toBe(2000);
    expect(parseVatRateToBp("0")).toBe(0);
    // 0.1 + 0.2 style float errors must not leak in.
    expect(parseVatRateToBp("8,7")).toBe(870);
    expect(parseVatRateToBp("19,99")).toBe(1999);
  });
  it("refuses what is not a percentage with at most two decimals", () => {
    for (const bad of ["20,001", "abc", "", "-5", "1e1", "20,", ",5", "5,5,5", "1000", "NaN"]) {
      expect(parseVatRateToBp(bad)).toBeNull();
    }
  });
  it("prefills the input back", () => {
    expect(bpToPercentInput(2000)).toBe("20");
    expect(bpToPercentInput(550)).toBe("5,5");
  });
});

describe("deliverables typed one per line", () => {
  it("keeps trimmed non-empty lines", () => {
    expect(parseDeliverables("  Code source \r\n\n Documentation\n  ")).toEqual([
      "Code source",
      "Documentation",
    ]);
    expect(parseDeliverables("")).toEqual([]);
  });
});

describe("agreement checks", () => {
  const ok = {
    startsOn: "2024-01-01",
    endsOn: "2027-12-31",
    maxAmountHtCents: 9_000_000_000n,
    vatRateBp: 2000,
  };
  it("accepts the real agreement", () => {
    expect(checkAgreement(ok)).toEqual({});
    expect(checkAgreement({ ...ok, endsOn: ok.startsOn })).toEqual({});
  });
  it("refuses an end before the start", () => {
    expect(checkAgreement({ ...ok, endsOn: "2023-12-31" }).endsOn?.[0]).toMatch(/postérieure/);
  });
  it("refuses zero, negative and absurd maximum amounts", () => {
    expect(checkAgreement({ ...ok, maxAmountHtCents: 0n }).maxAmountHt?.[0]).toMatch(/supérieur à zéro/);
    expect(checkAgreement({ ...ok, maxAmountHtCents: -1n }).maxAmountHt?.[0]).toMatch(/supérieur à zéro/);
    expect(checkAgreement({ ...ok, maxAmountHtCents: 10n ** 15n }).maxAmountHt?.[0]).toMatch(/anormalement/);
  });
  it("refuses absurd years and VAT rates", () => {
    expect(checkAgreement({ ...ok, startsOn: "1024-01-01" }).startsOn).toBeDefined();
    expect(checkAgreement({ ...ok, vatRateBp: 5000 }).vatRate).toBeDefined();
    expect(checkAgreement({ ...ok, vatRateBp: 5.5 }).vatRate).toBeDefined();
  });
});
