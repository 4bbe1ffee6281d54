import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import {
  DECISIONS,
  daysPerLine,
  decisionAmounts,
  formatMonthRange,
  formatServiceFaitNumber,
  isCertifying,
  monthEnd,
  monthPeriodErrors,
  monthsBetween,
  serviceFaitAmounts,
} from "./rules";

describe("serviceFaitAmounts", () => {
  it("prices half days exactly: days ÷ 20 × unit price", () => {
    // 15,5 days of Devops confirmé at 11 500,00 € per UO = 8 912,50 €.
    const r = serviceFaitAmounts([{ orderLineId: "a", days: "15.5", unitPriceHtCents: 1_150_000 }]);
    expect(r.lines[0]?.amountHtCents).toBe(891_250n);
    expect(r.computedHtCents).toBe(891_250n);
  });

  it("rounds half-up to the cent, on the line's total days", () => {
    // 10 days × 10 000,01 € / 20 = 5 000,005 € → 5 000,01 €.
    expect(
      serviceFaitAmounts([{ orderLineId: "a", days: "10", unitPriceHtCents: 1_000_001 }]).computedHtCents,
    ).toBe(500_001n);
    // 0,5 day × 13 250,50 € / 20 = 331,2625 € → 331,26 €.
    expect(
      serviceFaitAmounts([{ orderLineId: "a", days: "0.5", unitPriceHtCents: 1_325_050 }]).computedHtCents,
    ).toBe(33_126n);
  });

  it("rounds once per line: two half days are one day, not two rounded halves", () => {
    // 0,5 day at 10 000,10 € = 250,0025 € (→ 250,00 € alone); one day = 500,005 € → 500,01 €.
    const days = daysPerLine([
      { orderLineId: "a", days: "0.5" },
      { orderLineId: "a", days: "0.5" },
    ]);
    const r = serviceFaitAmounts([{ orderLineId: "a", days: days.get("a")!, unitPriceHtCents: 1_000_010 }]);
    expect(r.computedHtCents).toBe(50_001n);
  });

  it("adds several lines, each at its own frozen price, with no floating-point drift", () => {
    const days = daysPerLine([
      { orderLineId: "devops", days: "18" },
      { orderLineId: "design", days: "15.5" },
      { orderLineId: "devops", days: "19" },
      { orderLineId: "design", days: "17" },
      { orderLineId: "pm", days: "0.1" }, // exact decimal, not 0.1 in binary
      { orderLineId: "pm", days: "0.2" },
    ]);
    expect(days.get("devops")?.toString()).toBe("37");
    expect(days.get("design")?.toString()).toBe("32.5");
    expect(days.get("pm")?.toString()).toBe("0.3");
    const r = serviceFaitAmounts([
      { orderLineId: "devops", days: days.get("devops")!, unitPriceHtCents: 1_150_000 },
      { orderLineId: "design", days: days.get("design")!, unitPriceHtCents: 1_100_000 },
      { orderLineId: "pm", days: days.get("pm")!, unitPriceHtCents: 1_280_000 },
    ]);
    expect(r.lines.map((l) => l.amountHtCents)).toEqual([2_127_500n, 1_787_500n, 19_200n]);
    expect(r.computedHtCents).toBe(3_934_200n);
  });

  it("honours another number of days per UO", () => {
    expect(
      serviceFaitAmounts([{ orderLineId: "a", days: "5", unitPriceHtCents: 1_000_000, daysPerUnit: 10 }])
        .computedHtCents,
    ).toBe(500_000n);
  });

  it("keeps the sign of a negative adjustment (the caller refuses it)", () => {
    expect(
      serviceFaitAmounts([{ orderLineId: "a", days: "-2", unitPriceHtCents: 1_150_000 }]).computedHtCents,
    ).toBe(-115_000n);
  });
});

describe("decisionAmounts", () => {
  const base = { computedHtCents: 3_934_200n, refactionHtCents: 0n, vatRateBp: 2000 };

  it("admission certifies the computed amount, with TVA at the order's rate", () => {
    const r = decisionAmounts({ ...base, decision: "ADMISSION" });
    expect(r).toEqual({
      ok: true,
      amounts: {
        computedHtCents: 3_934_200n,
        refactionHtCents: 0n,
        certifiedHtCents: 3_934_200n,
        vatCents: 786_840n,
        certifiedTtcCents: 4_721_040n,
      },
    });
  });

  it("réfaction certifies computed minus réfaction; TVA half-up on the rest", () => {
    const r = decisionAmounts({ ...base, decision: "REFACTION", refactionHtCents: 100_001n });
    expect(r.ok && r.amounts.certifiedHtCents).toBe(3_834_199n);
    // 38 341,99 × 20 % = 7 668,398 → 7 668,40.
    expect(r.ok && r.amounts.vatCents).toBe(766_840n);
    expect(r.ok && r.amounts.certifiedTtcCents).toBe(4_601_039n);
    // 5,5 %: 1,00 € → 0,055 € → 0,06 € (half-up).
    const half = decisionAmounts({
      decision: "ADMISSION",
      computedHtCents: 100n,
      refactionHtCents: 0n,
      vatRateBp: 550,
    });
    expect(half.ok && half.amounts.vatCents).toBe(6n);
  });

  it("a réfaction of the whole amount is allowed and certifies zero", () => {
    const r = decisionAmounts({ ...base, decision: "REFACTION", refactionHtCents: 3_934_200n });
    expect(r.ok && r.amounts.certifiedHtCents).toBe(0n);
    expect(r.ok && r.amounts.certifiedTtcCents).toBe(0n);
  });

  it("refuses a réfaction of zero, or above the computed amount", () => {
    expect(decisionAmounts({ ...base, decision: "REFACTION", refactionHtCents: 0n })).toEqual({
      ok: false,
      field: "refaction",
      message: "La réfaction doit être supérieure à zéro.",
    });
    expect(decisionAmounts({ ...base, decision: "REFACTION", refactionHtCents: -1n }).ok).toBe(false);
    const above = decisionAmounts({ ...base, decision: "REFACTION", refactionHtCents: 3_934_201n });
    expect(above.ok).toBe(false);
    expect(!above.ok && above.message).toMatch(/ne peut pas dépasser le montant calculé/);
  });

  it("refuses a réfaction amount with an admission rather than ignoring it", () => {
    expect(decisionAmounts({ ...base, decision: "ADMISSION", refactionHtCents: 500n }).ok).toBe(false);
  });

  it.each(["AJOURNEMENT", "REJET"] as const)("%s certifies nothing", (decision) => {
    const r = decisionAmounts({ ...base, decision });
    expect(r).toEqual({
      ok: true,
      amounts: {
        computedHtCents: 3_934_200n,
        refactionHtCents: 0n,
        certifiedHtCents: 0n,
        vatCents: 0n,
        certifiedTtcCents: 0n,
      },
    });
  });

  it("only admission and réfaction certify the reports", () => {
    expect(DECISIONS.filter(isCertifying)).toEqual(["ADMISSION", "REFACTION"]);
  });
});

describe("months", () => {
  it("knows the last day of every month, leap years included", () => {
    expect(monthEnd("2024-02")).toBe("2024-02-29");
    expect(monthEnd("2026-02")).toBe("2026-02-28");
    expect(monthEnd("2026-04")).toBe("2026-04-30");
    expect(monthEnd("2026-12")).toBe("2026-12-31");
  });

  it("lists the months of a period across a year end", () => {
    expect(monthsBetween("2026-11", "2027-02")).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
    expect(monthsBetween("2026-05", "2026-04")).toEqual([]);
  });

  it("writes a period in French", () => {
    expect(formatMonthRange("2026-04", "2026-04")).toBe("avril 2026");
    expect(formatMonthRange("2026-08", "2026-10")).toBe("août 2026 à octobre 2026");
  });

  it("keeps the months in order and inside the order's period", () => {
    const order = { startsOn: "2026-03-02", endsOn: "2026-12-31" };
    expect(monthPeriodErrors({ from: "2026-03", to: "2026-12" }, order)).toEqual({});
    expect(monthPeriodErrors({ from: "2026-05", to: "2026-04" }, order)).toHaveProperty("to");
    expect(monthPeriodErrors({ from: "2026-02", to: "2026-04" }, order).from?.[0]).toMatch(
      /comprise dans celle du bon de commande \(de mars 2026 à décembre 2026\)/,
    );
    expect(monthPeriodErrors({ from: "2026-11", to: "2027-01" }, order)).toHaveProperty("from");
  });

  it("numbers records like orders", () => {
    expect(formatServiceFaitNumber(2026, 7)).toBe("SF-2026-0007");
    expect(new Decimal("1").toString()).toBe("1");
  });
});
