import { describe, expect, it } from "vitest";
import {
  adjacentQuarters,
  adjacentSemesters,
  bpToPercentInput,
  divideHalfUp,
  forecastCeiling,
  formatBp,
  monthLabel,
  monthPeriod,
  monthsOf,
  parseMonth,
  parseQuarter,
  parseSemester,
  parseThresholdPercent,
  projectReach,
  quarterOf,
  semesterOf,
  shareBp,
  thresholdCents,
  trailingWindow,
} from "./rules";

describe("period parsing", () => {
  it("reads months as the month input sends them", () => {
    expect(parseMonth("2026-03")).toEqual({ ok: true, value: "2026-03" });
    expect(parseMonth(" 2026-12 ")).toEqual({ ok: true, value: "2026-12" });
    for (const bad of ["2026-13", "2026-00", "2026-3", "03/2026", "2026-03-01", "", "abcd-ef"]) {
      const r = parseMonth(bad, "Le mois de début");
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/^Le mois de début/);
    }
    expect(parseMonth("1899-01").ok).toBe(false);
    expect(parseMonth("2101-01").ok).toBe(false);
  });

  it("turns a month range into whole days, refuses an inverted one", () => {
    expect(monthPeriod("2026-01", "2026-02")).toEqual({
      ok: true,
      value: { from: "2026-01-01", to: "2026-02-28" },
    });
    expect(monthPeriod("2028-02", "2028-02")).toEqual({
      ok: true,
      value: { from: "2028-02-01", to: "2028-02-29" },
    });
    expect(monthPeriod(undefined, "2026-06")).toEqual({ ok: true, value: { from: null, to: "2026-06-30" } });
    expect(monthPeriod(undefined, undefined)).toEqual({ ok: true, value: { from: null, to: null } });
    const inverted = monthPeriod("2026-07", "2026-06");
    expect(inverted.ok).toBe(false);
    if (!inverted.ok) expect(inverted.message).toMatch(/inversée/);
    expect(monthPeriod("2026-7", undefined).ok).toBe(false);
  });

  it("reads semesters and quarters, in French notation", () => {
    expect(parseSemester("2026-S2")).toEqual({
      ok: true,
      value: { key: "2026-S2", label: "2e semestre 2026", from: "2026-07-01", to: "2026-12-31" },
    });
    expect(parseSemester("2026-s1")).toMatchObject({
      ok: true,
      value: { from: "2026-01-01", to: "2026-06-30" },
    });
    for (const bad of ["2026-S3", "2026-S0", "2026S2", "2026-2", "S2-2026", "1999-S1"]) {
      expect(parseSemester(bad).ok, bad).toBe(false);
    }
    expect(parseQuarter("2026-T4")).toEqual({
      ok: true,
      value: { key: "2026-T4", label: "4e trimestre 2026", from: "2026-10-01", to: "2026-12-31" },
    });
    expect(parseQuarter("2028-T1")).toMatchObject({
      ok: true,
      value: { label: "1er trimestre 2028", from: "2028-01-01", to: "2028-03-31" },
    });
    expect(parseQuarter("2026-q2")).toMatchObject({ ok: true, value: { key: "2026-T2", to: "2026-06-30" } });
    for (const bad of ["2026-T5", "2026-T0", "2026-4", "T4-2026", ""]) {
      expect(parseQuarter(bad).ok, bad).toBe(false);
    }
  });

  it("finds the current semester and quarter, and their neighbours", () => {
    expect(semesterOf("2026-06-30")).toBe("2026-S1");
    expect(semesterOf("2026-07-01")).toBe("2026-S2");
    expect(quarterOf("2026-11-25")).toBe("2026-T4");
    expect(quarterOf("2026-03-31")).toBe("2026-T1");
    expect(adjacentSemesters("2026-S1")).toEqual({ previous: "2025-S2", next: "2026-S2" });
    expect(adjacentSemesters("2026-S2")).toEqual({ previous: "2026-S1", next: "2027-S1" });
    expect(adjacentQuarters("2026-T1")).toEqual({ previous: "2025-T4", next: "2026-T2" });
    expect(adjacentQuarters("2026-T4")).toEqual({ previous: "2026-T3", next: "2027-T1" });
  });

  it("lists the months of a period and names them in French", () => {
    expect(monthsOf({ from: "2026-11-01", to: "2027-02-28" })).toEqual([
      "2026-11",
      "2026-12",
      "2027-01",
      "2027-02",
    ]);
    expect(monthLabel("2026-08")).toBe("août 2026");
  });
});

describe("trailing window", () => {
  it("is the three whole months before the current one", () => {
    expect(trailingWindow("2026-11-25")).toEqual({ from: "2026-08-01", to: "2026-10-31", days: 92 });
    expect(trailingWindow("2026-01-01")).toEqual({ from: "2025-10-01", to: "2025-12-31", days: 92 });
    expect(trailingWindow("2026-04-15")).toEqual({ from: "2026-01-01", to: "2026-03-31", days: 90 });
    expect(trailingWindow("2028-05-31")).toEqual({ from: "2028-02-01", to: "2028-04-30", days: 90 });
  });
});

describe("projectReach", () => {
  const base = { today: "2026-11-25", windowDays: 92 };

  it("projects the first day the level is reached, exactly", () => {
    // 92 000,00 € over 92 days = 1 000,00 € a day; 10 000,00 € missing → 10 days.
    expect(
      projectReach({
        ...base,
        currentCents: 90_000_00n,
        levelCents: 100_000_00n,
        windowCents: 92_000_00n,
      }),
    ).toEqual({ kind: "projected", on: "2026-12-05" });
    // One cent more missing → one more day (ceiling, never early).
    expect(
      projectReach({
        ...base,
        currentCents: 90_000_00n - 1n,
        levelCents: 100_000_00n,
        windowCents: 92_000_00n,
      }),
    ).toEqual({ kind: "projected", on: "2026-12-06" });
  });

  it("says reached when the level is already met, never when the pace is nil or negative", () => {
    expect(projectReach({ ...base, currentCents: 100n, levelCents: 100n, windowCents: 0n })).toEqual({
      kind: "reached",
    });
    expect(projectReach({ ...base, currentCents: 1n, levelCents: 100n, windowCents: 0n })).toEqual({
      kind: "never",
    });
    expect(projectReach({ ...base, currentCents: 1n, levelCents: 100n, windowCents: -50n })).toEqual({
      kind: "never",
    });
    // A century away is not a date anyone can use.
    expect(
      projectReach({ ...base, currentCents: 0n, levelCents: 9_000_000_000_00n, windowCents: 1n }),
    ).toEqual({ kind: "never" });
  });
});

describe("forecastCeiling", () => {
  const common = {
    today: "2026-11-25",
    maxCents: 1_000_000_00n,
    thresholdBp: 8000,
    agreementEndsOn: "2027-12-31",
  };

  it("warns when the pace crosses the threshold before the agreement ends", () => {
    const f = forecastCeiling({
      ...common,
      // 700 000 € committed, 92 000 € over the window: 100 000 € to the 80 % threshold → 100 days.
      committed: { currentCents: 700_000_00n, windowCents: 92_000_00n },
      consumed: { currentCents: 100_000_00n, windowCents: 0n },
    });
    expect(f.thresholdCents).toBe(800_000_00n);
    expect(f.window).toEqual({ from: "2026-08-01", to: "2026-10-31", days: 92 });
    expect(f.committed.threshold).toEqual({ kind: "projected", on: "2027-03-05" });
    // 300 000 € missing to the maximum at 1 000 € a day → 300 days.
    expect(f.committed.maximum).toEqual({ kind: "projected", on: "2027-09-21" });
    expect(f.committed.monthlyPaceCents).toBe(30_666_67n);
    expect(f.committed.warning).toBe(true);
    expect(f.consumed.threshold).toEqual({ kind: "never" });
    expect(f.consumed.warning).toBe(false);
  });

  it("does not warn when the threshold is crossed only after the end", () => {
    const f = forecastCeiling({
      ...common,
      agreementEndsOn: "2027-03-04",
      committed: { currentCents: 700_000_00n, windowCents: 92_000_00n },
      consumed: { currentCents: 0n, windowCents: 0n },
    });
    expect(f.committed.threshold).toEqual({ kind: "projected", on: "2027-03-05" });
    expect(f.committed.warning).toBe(false);
    // On the agreement's last day, it still counts.
    const g = forecastCeiling({
      ...common,
      agreementEndsOn: "2027-03-05",
      committed: { currentCents: 700_000_00n, windowCents: 92_000_00n },
      consumed: { currentCents: 0n, windowCents: 0n },
    });
    expect(g.committed.warning).toBe(true);
  });

  it("warns at once when the threshold is already passed, whatever the pace", () => {
    const f = forecastCeiling({
      ...common,
      thresholdBp: 5000,
      committed: { currentCents: 500_000_00n, windowCents: 0n },
      consumed: { currentCents: 499_999_99n, windowCents: 0n },
    });
    expect(f.committed.threshold).toEqual({ kind: "reached" });
    expect(f.committed.warning).toBe(true);
    expect(f.consumed.threshold).toEqual({ kind: "never" });
    expect(f.consumed.warning).toBe(false);
  });
});

describe("amount helpers", () => {
  it("rounds the threshold and shares half-up, without floating point", () => {
    expect(thresholdCents(9_000_000_000_00n, 8000)).toBe(7_200_000_000_00n);
    expect(thresholdCents(1n, 5000)).toBe(1n); // 0,5 cent → 1
    expect(thresholdCents(3n, 3333)).toBe(1n);
    expect(divideHalfUp(5n, 2n)).toBe(3n);
    expect(divideHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideHalfUp(4n, 3n)).toBe(1n);
    expect(shareBp(1n, 3n)).toBe(3333);
    expect(shareBp(2n, 3n)).toBe(6667);
    expect(shareBp(5n, 0n)).toBe(0);
  });

  it("formats and reads percentages the French way", () => {
    expect(formatBp(8000)).toBe("80\u00a0%");
    expect(formatBp(4250)).toBe("42,5\u00a0%");
    expect(formatBp(3333)).toBe("33,33\u00a0%");
    expect(formatBp(5)).toBe("0,05\u00a0%");
    expect(bpToPercentInput(8050)).toBe("80,5");
    expect(parseThresholdPercent("80")).toEqual({ ok: true, value: 8000 });
    expect(parseThresholdPercent("85,5 %")).toEqual({ ok: true, value: 8550 });
    expect(parseThresholdPercent("100")).toEqual({ ok: true, value: 10000 });
    for (const bad of ["0", "0,5", "100,1", "150", "-10", "80,55", "quatre-vingts", "1e2", ""]) {
      expect(parseThresholdPercent(bad).ok, bad).toBe(false);
    }
  });
});
