import { describe, expect, it } from "vitest";
import { formatDecimalFr, toPdfText } from "./text";

describe("toPdfText", () => {
  it("keeps French text that WinAnsi can encode", () => {
    const s = "RÉPUBLIQUE FRANÇAISE – Œuvre, cœur, « guillemets », l’UO, 12,50 €, … — ÿ";
    expect(toPdfText(s)).toBe(s);
  });
  it("turns the fr-FR narrow no-break space into a no-break space, which WinAnsi has", () => {
    expect(toPdfText("1\u202f234,56\u00a0€")).toBe("1\u00a0234,56\u00a0€");
  });
  it("drops control characters and normalises line breaks", () => {
    expect(toPdfText("a\r\nb\rc\u0000d\u0007e\u200bf")).toBe("a\nb\ncdef");
    expect(toPdfText("a\tb")).toBe("a    b");
  });
  it("reduces or replaces characters outside WinAnsi", () => {
    expect(toPdfText("ő ł ă ‑ − 🚀 日")).toBe("o ? a - - ? ?");
  });
});

describe("formatDecimalFr", () => {
  it("prints exact decimals the French way", () => {
    expect(formatDecimalFr("2.55")).toBe("2,55");
    expect(formatDecimalFr("-0.5")).toBe("-0,5");
    expect(formatDecimalFr("50.00")).toBe("50");
    expect(formatDecimalFr("2.50")).toBe("2,5");
    expect(formatDecimalFr("1020")).toBe("1\u00a0020");
    expect(formatDecimalFr("abc")).toBe("abc");
  });
});
