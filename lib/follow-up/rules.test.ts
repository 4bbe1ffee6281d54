import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import {
  addMonths,
  burnDownSeries,
  consumedPercent,
  deriveFigures,
  monthRange,
  runOutDate,
  ZERO_FIGURES,
} from "./rules";

const D = (v: Decimal.Value) => new Decimal(v);
const months = (entries: Array<[string, string, string?]>) =>
  entries.map(([month, validated, certified]) => ({
    month,
    validatedDays: D(validated),
    certifiedDays: D(certified ?? "0"),
  }));

describe("deriveFigures", () => {
  it("computes what is left, what is left to certify, to invoice and to pay, exactly", () => {
    const f = deriveFigures({
      orderedDays: D("360"),
      validatedDays: D("212.5"),
      certifiedDays: D("162"),
      orderedHtCents: 20_700_000n,
      validatedHtCents: 12_218_750n,
      certifiedGrossHtCents: 9_315_000n,
      refactionHtCents: 250_000n,
      invoicedHtCents: 9_065_000n,
      paidHtCents: 4_000_000n,
    });
    expect(f.remainingDays.toString()).toBe("147.5");
    expect(f.remainingHtCents).toBe(8_481_250n);
    expect(f.toCertifyDays.toString()).toBe("50.5");
    // Left to certify is measured before réfaction: a réfaction is a price cut, not work left.
    expect(f.toCertifyHtCents).toBe(2_903_750n);
    expect(f.certifiedHtCents).toBe(9_065_000n);
    expect(f.toInvoiceHtCents).toBe(0n);
    expect(f.unpaidHtCents).toBe(5_065_000n);
  });

  it("keeps bigint precision beyond 2^53 cents", () => {
    const big = 2n ** 60n;
    const f = deriveFigures({ ...ZERO_FIGURES, orderedHtCents: big + 1n, validatedHtCents: 1n });
    expect(f.remainingHtCents).toBe(big);
  });
});

describe("consumedPercent", () => {
  it("is the validated share of the ordered days, rounded down, null when nothing is ordered", () => {
    expect(consumedPercent({ orderedDays: D(360), validatedDays: D("212.5") })).toBe(59);
    expect(consumedPercent({ orderedDays: D(300), validatedDays: D(300) })).toBe(100);
    expect(consumedPercent({ orderedDays: D(0), validatedDays: D(0) })).toBeNull();
  });
});

describe("months", () => {
  it("adds months across years, both ways", () => {
    expect(addMonths("2026-11", 2)).toBe("2027-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2026-03", -15)).toBe("2024-12");
    expect(monthRange("2026-11", "2027-02")).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
    expect(monthRange("2026-03", "2026-02")).toEqual([]);
  });
});

describe("burnDownSeries", () => {
  const monthly = months([
    ["2026-03", "40", "40"],
    ["2026-04", "42.5", "42.5"],
    ["2026-05", "38", "0"],
    ["2026-06", "41.5"],
  ]);

  it("gives, per month of the period, the days left (validated cumulative) and the certified cumulative", () => {
    const series = burnDownSeries({
      orderedDays: D(360),
      startsOn: "2026-03-02",
      endsOn: "2026-09-30",
      monthly,
      today: "2026-07-10",
    });
    expect(series.map((p) => p.month)).toEqual([
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
    ]);
    expect(series.map((p) => p.remainingDays?.toString() ?? null)).toEqual([
      "320",
      "277.5",
      "239.5",
      "198",
      "198", // July: begun, nothing validated yet
      null,
      null,
    ]);
    expect(series.map((p) => p.certifiedCumulativeDays?.toString() ?? null)).toEqual([
      "40",
      "82.5",
      "82.5",
      "82.5",
      "82.5",
      null,
      null,
    ]);
    expect(series[1]?.validatedDays.toString()).toBe("42.5");
  });

  it("counts a negative adjustment in the month it corrects", () => {
    const series = burnDownSeries({
      orderedDays: D(20),
      startsOn: "2026-01-05",
      endsOn: "2026-02-28",
      monthly: months([
        ["2026-01", "-1.5"],
        ["2026-02", "10"],
      ]),
      today: "2026-03-01",
    });
    expect(series.map((p) => p.remainingDays?.toString())).toEqual(["21.5", "11.5"]);
  });

  it("extends the axis to days reported outside the planned period", () => {
    const series = burnDownSeries({
      orderedDays: D(10),
      startsOn: "2026-02-01",
      endsOn: "2026-02-28",
      monthly: months([["2026-03", "2"]]),
      today: "2026-04-01",
    });
    expect(series.map((p) => [p.month, p.remainingDays?.toString()])).toEqual([
      ["2026-02", "10"],
      ["2026-03", "8"],
    ]);
  });
});

describe("runOutDate", () => {
  it("projects at the average of the last three full months", () => {
    // Full months before July: April, May, June → (42.5 + 38 + 41.5) / 3 = 40.666… days a month.
    const r = runOutDate({
      remainingDays: D(122),
      monthly: months([
        ["2026-03", "40"],
        ["2026-04", "42.5"],
        ["2026-05", "38"],
        ["2026-06", "41.5"],
        ["2026-07", "30"], // current month: not counted in the pace
      ]),
      startsOn: "2026-03-02",
      today: "2026-07-10",
    });
    expect(r.kind).toBe("date");
    if (r.kind !== "date") return;
    expect(r.monthsMeasured).toBe(3);
    expect(r.daysPerMonth.toFixed(4)).toBe("40.6667");
    // 122 / 40.666… = 3 months from 1 July: the end of September.
    expect(r.date).toBe("2026-09-30");
  });

  it("ends on the last day of a month when the remaining days are a whole number of months", () => {
    const r = runOutDate({
      remainingDays: D(60),
      monthly: months([
        ["2026-08", "20"],
        ["2026-09", "20"],
        ["2026-10", "20"],
      ]),
      startsOn: "2026-01-05",
      today: "2026-11-24",
    });
    expect(r).toMatchObject({ kind: "date", date: "2027-01-31" });
  });

  it("counts half a month as half of that month's calendar days, rounded up", () => {
    const r = runOutDate({
      remainingDays: D(10),
      monthly: months([
        ["2026-12", "20"],
        ["2027-01", "20"],
      ]),
      startsOn: "2026-12-01",
      today: "2027-02-03",
    });
    // 0.5 month of February 2027 (28 days) → day 14.
    expect(r).toMatchObject({ kind: "date", date: "2027-02-14", monthsMeasured: 2 });
  });

  it("measures fewer months when the order is younger than three months", () => {
    const r = runOutDate({
      remainingDays: D(100),
      monthly: months([["2026-10", "25"]]),
      startsOn: "2026-10-01",
      today: "2026-11-24",
    });
    expect(r).toMatchObject({ kind: "date", monthsMeasured: 1 });
    if (r.kind === "date") {
      expect(r.daysPerMonth.toString()).toBe("25");
      // 4 months from 1 November: the end of February 2027.
      expect(r.date).toBe("2027-02-28");
    }
  });

  it("has no pace before the first full month, nor when nothing was validated lately", () => {
    expect(
      runOutDate({ remainingDays: D(100), monthly: [], startsOn: "2026-11-02", today: "2026-11-24" }).kind,
    ).toBe("noRate");
    expect(
      runOutDate({
        remainingDays: D(100),
        monthly: months([["2026-06", "40"]]),
        startsOn: "2026-01-05",
        today: "2026-11-24",
      }).kind,
    ).toBe("noRate");
  });

  it("says the days are exhausted when none is left", () => {
    expect(
      runOutDate({
        remainingDays: D(0),
        monthly: months([["2026-06", "40"]]),
        startsOn: "2026-01-05",
        today: "2026-11-24",
      }),
    ).toEqual({ kind: "exhausted" });
  });
});
