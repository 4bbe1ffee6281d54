import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, isIsoDate, isoToDate, todayIso } from "./dates";

describe("dates", () => {
  it("computes today in Paris, not UTC", () => {
    // 23:30 UTC on 31 December is already New Year's Day in Paris.
    expect(todayIso(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(todayIso(new Date("2026-07-01T21:59:00Z"))).toBe("2026-07-01");
  });
  it("checks calendar dates strictly", () => {
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(isIsoDate("24/11/2026")).toBe(false);
  });
  it("formats in French", () => {
    expect(formatDate(isoToDate("2026-11-24"))).toBe("24 novembre 2026");
    expect(formatDateTime(new Date("2026-11-24T14:30:00Z"))).toBe("24/11/2026 à 15:30");
  });
});
