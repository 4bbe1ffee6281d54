import { describe, expect, it } from "vitest";
import { formatSiret, isValidSiret, normalizeSiret } from "./siret";

describe("SIRET", () => {
  it("accepts real SIRETs, with or without spaces", () => {
    expect(isValidSiret("13002526500013")).toBe(true); // DINUM
    expect(isValidSiret("130 025 265 00013")).toBe(true);
    expect(normalizeSiret("130 025 265 00013")).toBe("13002526500013");
  });
  it("refuses a wrong checksum, wrong length or letters", () => {
    expect(isValidSiret("13002526500014")).toBe(false);
    expect(isValidSiret("1300252650001")).toBe(false);
    expect(isValidSiret("130025265000133")).toBe(false);
    expect(isValidSiret("1300252650001A")).toBe(false);
    expect(isValidSiret("")).toBe(false);
  });
  it("applies La Poste's rule to its establishments", () => {
    expect(isValidSiret("35600000000048")).toBe(true);
    expect(isValidSiret("35600000049837")).toBe(true); // digit sum 50
    expect(isValidSiret("35600000049838")).toBe(false);
  });
  it("formats in groups", () => {
    expect(formatSiret("13002526500013")).toBe("130 025 265 00013");
  });
});
