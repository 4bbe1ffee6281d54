import { describe, expect, it } from "vitest";
import {
  costPerActiveUserCents,
  formatSatisfaction,
  monthError,
  parseActiveUsers,
  parseSatisfaction,
  safeHttpUrl,
  satisfactionToInput,
  twelveMonthWindow,
} from "./rules";
import { saveIndicatorSchema } from "./schemas";

describe("satisfaction out of 10, one decimal, stored in tenths", () => {
  it("reads French and dotted decimals", () => {
    expect(parseSatisfaction("8,2")).toEqual({ ok: true, value: 82 });
    expect(parseSatisfaction("8.2")).toEqual({ ok: true, value: 82 });
    expect(parseSatisfaction(" 7 ")).toEqual({ ok: true, value: 70 });
    expect(parseSatisfaction("0")).toEqual({ ok: true, value: 0 });
    expect(parseSatisfaction("10")).toEqual({ ok: true, value: 100 });
    expect(parseSatisfaction("10,0")).toEqual({ ok: true, value: 100 });
    expect(parseSatisfaction("")).toEqual({ ok: true, value: null });
  });

  it("refuses above 10, two decimals, negatives and words", () => {
    for (const bad of ["10,5", "11", "8,25", "-1", "abc", "8,", ",5", "1e1", "８"]) {
      expect(parseSatisfaction(bad).ok, bad).toBe(false);
    }
    expect(parseSatisfaction("10,5")).toMatchObject({ message: expect.stringMatching(/entre 0 et 10/) });
  });

  it("prints and prefills with a French comma", () => {
    expect(formatSatisfaction(82)).toBe("8,2 / 10");
    expect(formatSatisfaction(100)).toBe("10,0 / 10");
    expect(satisfactionToInput(5)).toBe("0,5");
    expect(satisfactionToInput(null)).toBe("");
  });
});

describe("monthly active users", () => {
  it("is a whole number ≥ 0, thousands separated by spaces allowed", () => {
    expect(parseActiveUsers("12 500")).toEqual({ ok: true, value: 12500 });
    expect(parseActiveUsers("12\u202f500")).toEqual({ ok: true, value: 12500 });
    expect(parseActiveUsers("0")).toEqual({ ok: true, value: 0 });
    for (const bad of ["", "-3", "12,5", "1.5", "abc", "3000000000"])
      expect(parseActiveUsers(bad).ok, bad).toBe(false);
  });
});

describe("the indicators form", () => {
  const base = {
    productId: "4b0c6c1e-4f6b-4b8e-9a57-0d9e3e0f1a11",
    month: "2026-03",
    monthlyActiveUsers: "1 200",
  };
  it("parses '8,2' into 82 tenths, a blank satisfaction into null, a blank version into a new entry", () => {
    expect(saveIndicatorSchema.parse({ ...base, satisfaction: "8,2" })).toEqual({
      ...base,
      monthlyActiveUsers: 1200,
      satisfaction: 82,
      version: null,
    });
    expect(saveIndicatorSchema.parse({ ...base, satisfaction: "", version: "3" })).toMatchObject({
      satisfaction: null,
      version: 3,
    });
  });

  it("refuses '10,5', 'abc', an odd month or version, and any field it does not have", () => {
    const errors = (input: Record<string, string>) =>
      saveIndicatorSchema.safeParse(input).error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(errors({ ...base, satisfaction: "10,5" })).toEqual(["satisfaction"]);
    expect(errors({ ...base, satisfaction: "abc" })).toEqual(["satisfaction"]);
    expect(errors({ ...base, month: "2026-13" })).toEqual(["month"]);
    expect(errors({ ...base, version: "0" })).toEqual(["version"]);
    expect(errors({ ...base, enteredById: "x" })).toEqual([""]);
  });

  it("refuses a month to come and a very old one", () => {
    expect(monthError("2026-12", "2026-11-24")).toMatch(/à venir/);
    expect(monthError("2026-11", "2026-11-24")).toBeNull();
    expect(monthError("2014-12", "2026-11-24")).toMatch(/ancien/);
  });
});

describe("cost per active user = certified spend ÷ active users, half-up to the cent", () => {
  it("divides exactly on integers", () => {
    expect(costPerActiveUserCents(1_000_000n, 400)).toBe(2500n);
    // 100 / 3 = 33.33… → 33; 200 / 3 = 66.66… → 67; 1 / 2 = 0.5 → 1 (half-up).
    expect(costPerActiveUserCents(100n, 3)).toBe(33n);
    expect(costPerActiveUserCents(200n, 3)).toBe(67n);
    expect(costPerActiveUserCents(1n, 2)).toBe(1n);
    expect(costPerActiveUserCents(5n, 10)).toBe(1n);
    expect(costPerActiveUserCents(4n, 10)).toBe(0n);
    expect(costPerActiveUserCents(0n, 7)).toBe(0n);
  });

  it("stays exact beyond 2^53 cents", () => {
    const spend = 9_007_199_254_740_993n; // 2^53 + 1
    expect(costPerActiveUserCents(spend, 1)).toBe(spend);
    expect(costPerActiveUserCents(spend, 2)).toBe(4_503_599_627_370_497n); // …496.5 → …497
  });

  it("is not computable without users", () => {
    expect(costPerActiveUserCents(1_000n, 0)).toBeNull();
    expect(costPerActiveUserCents(0n, 0)).toBeNull();
  });

  it("counts the service fait decided in the twelve months up to today", () => {
    expect(twelveMonthWindow("2026-11-24")).toEqual({
      afterExclusive: "2025-11-24",
      untilInclusive: "2026-11-24",
    });
    expect(twelveMonthWindow("2028-02-29")).toEqual({
      afterExclusive: "2027-02-28",
      untilInclusive: "2028-02-29",
    });
  });
});

describe("stats page link", () => {
  it("links only http(s) addresses", () => {
    expect(safeHttpUrl("https://code.travail.gouv.fr/stats")).toBe("https://code.travail.gouv.fr/stats");
    expect(safeHttpUrl("http://exemple.gouv.fr/stats")).toBe("http://exemple.gouv.fr/stats");
    expect(safeHttpUrl("javascript:alert(1)")).toBeNull();
    expect(safeHttpUrl("data:text/html,<script>alert(1)</script>")).toBeNull();
    expect(safeHttpUrl("/stats")).toBeNull();
    expect(safeHttpUrl(null)).toBeNull();
  });
});
