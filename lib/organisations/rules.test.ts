import { describe, expect, it } from "vitest";
import { isChorusServiceCode, searchTerms } from "./rules";

describe("organisation rules", () => {
  it("checks Chorus service codes", () => {
    expect(isChorusServiceCode("MI00DNUM")).toBe(true);
    expect(isChorusServiceCode("a_b-1")).toBe(true);
    expect(isChorusServiceCode("")).toBe(false);
    expect(isChorusServiceCode("é")).toBe(false);
    expect(isChorusServiceCode("X".repeat(41))).toBe(false);
  });
  it("reads a search as text and, when it looks like one, SIRET digits", () => {
    expect(searchTerms("  ")).toBeNull();
    expect(searchTerms(undefined)).toBeNull();
    expect(searchTerms("DINUM")).toEqual({ text: "DINUM", siretDigits: null });
    expect(searchTerms("130 025 265")).toEqual({ text: "130 025 265", siretDigits: "130025265" });
  });
});
