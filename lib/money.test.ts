import { describe, expect, it } from "vitest";
import { centsToInput, formatEuros, formatRate, parseEurosToCents } from "./money";

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("money", () => {
  it("formats cents in French", () => {
    expect(nbsp(formatEuros(123456))).toBe("1 234,56 €");
    expect(nbsp(formatEuros(5))).toBe("0,05 €");
    expect(nbsp(formatEuros(9_000_000_000n))).toBe("90 000 000,00 €");
    expect(nbsp(formatEuros(-150))).toBe("-1,50 €");
  });
  it("keeps every cent of amounts beyond 2^53", () => {
    expect(nbsp(formatEuros(900719925474099317n))).toBe("9 007 199 254 740 993,17 €");
  });
  it("parses typed amounts exactly", () => {
    expect(parseEurosToCents("1 234,56")).toBe(123456);
    expect(parseEurosToCents("12000 €")).toBe(1200000);
    expect(parseEurosToCents("0.1")).toBe(10);
    expect(parseEurosToCents("8 800,5")).toBe(880050);
  });
  it("refuses what is not a plain amount", () => {
    for (const bad of ["", "-5", "1,234", "1e3", "NaN", "12,345", "abc", "1.2.3"]) {
      expect(parseEurosToCents(bad)).toBeNull();
    }
  });
  it("prefills inputs and rates", () => {
    expect(centsToInput(880050)).toBe("8800,50");
    expect(formatRate(2000)).toBe("20 %");
    expect(formatRate(550)).toBe("5,5 %");
  });
});
