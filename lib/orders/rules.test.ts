import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import {
  canTransition,
  daysOf,
  formatOrderNumber,
  isAtMostOneMonth,
  lineAmountHtCents,
  orderTotals,
  parseQuantity,
  periodErrors,
} from "./rules";

describe("quantities", () => {
  it("reads a French decimal comma exactly, never as 5 or 55", () => {
    const q = parseQuantity("5,5");
    expect(q.ok && q.value.toString()).toBe("5.5");
    const r = parseQuantity("0,05");
    expect(r.ok && r.value.toString()).toBe("0.05");
    expect(parseQuantity(" 12 ").ok).toBe(true);
  });
  it.each([
    ["0", /supérieure à zéro/],
    ["-1", /nombre d'UO/],
    ["0.03", /multiple de 0,05/],
    ["0,07", /multiple de 0,05/],
    ["1e309", /nombre d'UO/],
    ["NaN", /nombre d'UO/],
    ["", /Indiquez/],
    ["1 000", /nombre d'UO/],
    ["1.234", /nombre d'UO/],
    ["101", /ne peut pas dépasser/],
  ])("refuses %j with a French message", (raw, message) => {
    const q = parseQuantity(raw);
    expect(q.ok).toBe(false);
    if (!q.ok) expect(q.message).toMatch(message);
  });
  it("accepts signed changes on corrective orders only", () => {
    expect(parseQuantity("-0,5", { allowNegative: true }).ok).toBe(true);
    expect(parseQuantity("-0,5").ok).toBe(false);
  });
  it("converts UO to days", () => {
    expect(daysOf("2.55").toString()).toBe("51");
    expect(daysOf("0.05").toString()).toBe("1");
  });
});

describe("amounts", () => {
  it("rounds each line half-up to the cent", () => {
    expect(lineAmountHtCents(1_150_000, "2.5")).toBe(2_875_000n);
    // 12 345,67 € × 0,05 = 617,2835 € → 617,28 €
    expect(lineAmountHtCents(1_234_567, "0.05")).toBe(61_728n);
    // 0,15 € × 0,5 → 7,5 cents → 8 cents (half-up)
    expect(lineAmountHtCents(15, "0.5")).toBe(8n);
    expect(lineAmountHtCents(15, "-0.5")).toBe(-8n);
  });
  it("computes TVA on the total HT, half-up, and TTC = HT + TVA", () => {
    const t = orderTotals([2_875_000n, 61_728n, 8n], 2000);
    expect(t.htCents).toBe(2_936_736n);
    // 2 936 736 × 20 % = 587 347,2 → 587 347
    expect(t.vatCents).toBe(587_347n);
    expect(t.ttcCents).toBe(3_524_083n);
    expect(orderTotals([5n], 2000).vatCents).toBe(1n); // 1 cent exactly
    expect(orderTotals([3n], 2000).vatCents).toBe(1n); // 0,6 → 1
    expect(orderTotals([2n], 2000).vatCents).toBe(0n); // 0,4 → 0
  });
  it("never uses floating point: a large order stays exact to the cent", () => {
    const amounts = Array.from({ length: 30 }, () => lineAmountHtCents(1_499_999, new Decimal("99.95")));
    const t = orderTotals(amounts, 2000);
    // 1 499 999 × 99,95 = 149 924 900,05 cents → 149 924 900 per line.
    expect(t.htCents).toBe(4_497_747_000n);
    expect(t.ttcCents).toBe(5_397_296_400n);
  });
});

describe("periods and numbers", () => {
  const agreement = { startsOn: "2024-01-01", endsOn: "2027-12-31" };
  it("keeps the period inside the agreement and in order", () => {
    expect(periodErrors({ startsOn: "2026-12-01", endsOn: "2027-05-31" }, agreement)).toEqual({});
    expect(periodErrors({ startsOn: "2027-06-01", endsOn: "2028-01-31" }, agreement).startsOn).toBeDefined();
    expect(periodErrors({ startsOn: "2027-06-01", endsOn: "2027-05-01" }, agreement).endsOn).toBeDefined();
  });
  it("measures one month for Réversibilité", () => {
    expect(isAtMostOneMonth("2027-01-15", "2027-02-14")).toBe(true);
    expect(isAtMostOneMonth("2027-01-15", "2027-02-15")).toBe(false);
    expect(isAtMostOneMonth("2027-01-31", "2027-02-28")).toBe(true);
  });
  it("formats numbers per year", () => {
    expect(formatOrderNumber(2026, 42)).toBe("BDC-2026-0042");
  });
  it("lets each side make only its transitions", () => {
    expect(canTransition("DRAFT", "ISSUED", "beneficiary")).toBe(true);
    expect(canTransition("DRAFT", "ISSUED", "contractor")).toBe(false);
    expect(canTransition("ISSUED", "ACKNOWLEDGED", "contractor")).toBe(true);
    expect(canTransition("ACKNOWLEDGED", "CANCELLED", "beneficiary")).toBe(false);
  });
});
