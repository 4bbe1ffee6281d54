import { describe, expect, it } from "vitest";
import {
  decisionRefusal,
  effectiveOnRefusal,
  isValidUnitPrice,
  priceChange,
  proposalPriceProblems,
  type VersionForForce,
  validationRefusal,
  versionInForce,
} from "./rules";

const v = (status: VersionForForce["status"], effectiveOn: string, id = effectiveOn) => ({
  id,
  status,
  effectiveOn,
});

describe("versionInForce", () => {
  const versions = [
    v("VALIDATED", "2024-01-01"),
    v("VALIDATED", "2026-01-01"),
    v("REJECTED", "2025-06-01"),
    v("PROPOSED", "2025-09-01"),
    v("VALIDATED", "2027-01-01"),
  ];
  it("is none before the first effective date", () => {
    expect(versionInForce(versions, "2023-12-31")).toBeNull();
    expect(versionInForce([], "2026-01-01")).toBeNull();
  });
  it("is the latest validated version effective on or before the date", () => {
    expect(versionInForce(versions, "2024-01-01")?.id).toBe("2024-01-01");
    expect(versionInForce(versions, "2025-12-31")?.id).toBe("2024-01-01");
    expect(versionInForce(versions, "2026-01-01")?.id).toBe("2026-01-01");
    expect(versionInForce(versions, "2030-01-01")?.id).toBe("2027-01-01");
  });
  it("never picks a proposed or rejected version", () => {
    expect(versionInForce(versions, "2025-07-01")?.id).toBe("2024-01-01");
    expect(versionInForce(versions, "2025-10-01")?.id).toBe("2024-01-01");
    expect(
      versionInForce([v("PROPOSED", "2024-01-01"), v("REJECTED", "2024-01-01")], "2026-01-01"),
    ).toBeNull();
  });
  it("does not depend on the order of the list", () => {
    expect(versionInForce([...versions].reverse(), "2026-06-01")?.id).toBe("2026-01-01");
  });
});

describe("proposal prices", () => {
  const uo = [
    { id: "a", label: "Devops – Junior" },
    { id: "b", label: "Design – Junior" },
  ];
  it("accepts one plausible price per active UO type", () => {
    expect(proposalPriceProblems(uo, { a: 880_000, b: 1 })).toEqual([]);
  });
  it("names the UO types without a price", () => {
    expect(proposalPriceProblems(uo, { a: 880_000 })).toEqual(["Il manque le prix de : Design – Junior."]);
    expect(proposalPriceProblems(uo, {})[0]).toBe("Il manque le prix de : Devops – Junior, Design – Junior.");
  });
  it("refuses zero, negative, fractional, absurd or non-numeric prices and unknown UO types", () => {
    for (const bad of [0, -100, 12.5, 10_000_001, Number.NaN, Number.POSITIVE_INFINITY, "abc"]) {
      expect(proposalPriceProblems(uo, { a: bad, b: 1 })[0]).toMatch(/supérieurs à zéro.*Devops – Junior/);
    }
    expect(proposalPriceProblems(uo, { a: 1, b: 1, c: 1 })[0]).toMatch(/inconnue/);
  });
  it("bounds a unit price to 100 000 € HT", () => {
    expect(isValidUnitPrice(10_000_000)).toBe(true);
    expect(isValidUnitPrice(10_000_001)).toBe(false);
    expect(isValidUnitPrice(1)).toBe(true);
  });
});

describe("effective date of a proposal", () => {
  const agreement = { startsOn: "2024-01-01", endsOn: "2027-12-31" };
  it("lies within the agreement and not in the past", () => {
    expect(effectiveOnRefusal("2026-11-24", agreement, "2026-11-24")).toBeNull();
    expect(effectiveOnRefusal("2027-12-31", agreement, "2026-11-24")).toBeNull();
    expect(effectiveOnRefusal("2026-11-23", agreement, "2026-11-24")).toMatch(/passé/);
    expect(effectiveOnRefusal("2028-01-01", agreement, "2026-11-24")).toMatch(/accord-cadre/);
    expect(effectiveOnRefusal("2023-12-31", agreement, "2023-12-01")).toMatch(/accord-cadre/);
  });
});

describe("decisions", () => {
  const proposal = {
    status: "PROPOSED" as const,
    decidedAt: null,
    proposedById: "u1",
    effectiveOn: "2027-01-01",
  };
  it("are taken once, on a proposal, by someone else than its author", () => {
    expect(decisionRefusal(proposal, "u2")).toBeNull();
    expect(decisionRefusal(proposal, "u1")).toMatch(/proposée vous-même/);
    const at = new Date("2026-11-20T10:00:00Z");
    expect(
      decisionRefusal({ ...proposal, status: "VALIDATED", decidedAt: at }, "u2", () => "20/11/2026"),
    ).toBe("Cette version a déjà été validée le 20/11/2026 : elle ne peut plus être modifiée.");
    expect(decisionRefusal({ ...proposal, status: "REJECTED", decidedAt: at }, "u2")).toMatch(
      /déjà été refusée/,
    );
  });
  it("never validate a version retroactively nor two versions effective the same day", () => {
    expect(validationRefusal({ effectiveOn: "2027-01-01" }, ["2024-01-01"], "2026-11-24")).toBeNull();
    expect(validationRefusal({ effectiveOn: "2026-11-23" }, [], "2026-11-24")).toMatch(/passée/);
    expect(validationRefusal({ effectiveOn: "2027-01-01" }, ["2027-01-01"], "2026-11-24")).toMatch(
      /même jour/,
    );
  });
});

describe("priceChange", () => {
  it("gives the difference in cents and in tenths of a percent, without floats", () => {
    expect(priceChange(1_020_000, 1_000_000)).toEqual({ diffCents: 20_000, percentTenths: 20 });
    expect(priceChange(985, 1000)).toEqual({ diffCents: -15, percentTenths: -15 });
    expect(priceChange(1_000_015, 1_000_000)).toEqual({ diffCents: 15, percentTenths: 0 });
    expect(priceChange(1_000_500, 1_000_000)).toEqual({ diffCents: 500, percentTenths: 1 });
    expect(priceChange(100, null)).toBeNull();
  });
});
