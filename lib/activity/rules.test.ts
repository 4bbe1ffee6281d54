import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import {
  canTransition,
  cellCapError,
  daysLabel,
  isEditable,
  isReportableOrder,
  parseDays,
  REPORT_STATUSES,
  REPORT_TRANSITIONS,
  type ReportSide,
  rampUpError,
  stafferMonthError,
} from "./rules";

const ok = (raw: string, signed = false) => {
  const r = parseDays(raw, { signed });
  if (!r.ok) throw new Error(r.message);
  return r.value.toString();
};
const refused = (raw: string, signed = false) => {
  const r = parseDays(raw, { signed });
  return r.ok ? null : r.message;
};

describe("half-day steps", () => {
  it("reads whole and half days, with a comma or a point; blank is zero", () => {
    expect(ok("3")).toBe("3");
    expect(ok("2,5")).toBe("2.5");
    expect(ok("2.5")).toBe("2.5");
    expect(ok(" 0,5 ")).toBe("0.5");
    expect(ok("")).toBe("0");
    expect(ok("20,50")).toBe("20.5");
  });

  it("refuses quarter days, negative days, exponents and words, in French", () => {
    expect(refused("0,25")).toMatch(/demi-journée/);
    expect(refused("1.75")).toMatch(/demi-journée/);
    expect(refused("-1")).toMatch(/négatif/);
    expect(refused("1e1")).toMatch(/nombre de jours/);
    expect(refused("deux")).toMatch(/nombre de jours/);
    expect(refused("1 000")).toMatch(/nombre de jours/);
    expect(refused("32")).toMatch(/dépasser 31/);
  });

  it("accepts signed changes for adjusting entries, still in half-days", () => {
    expect(ok("-1,5", true)).toBe("-1.5");
    expect(ok("+2", true)).toBe("2");
    expect(refused("-0,25", true)).toMatch(/demi-journée/);
    expect(refused("-32", true)).toMatch(/dépasser 31/);
  });

  it("writes days in French", () => {
    expect(daysLabel("0.5")).toBe("0,5 jour");
    expect(daysLabel(1)).toBe("1 jour");
    expect(daysLabel("1.5")).toBe("1,5 jour");
    expect(daysLabel(17)).toBe("17 jours");
  });
});

describe("report transitions × roles", () => {
  const SIDES: ReportSide[] = ["contractor", "beneficiary"];
  // The whole table, spelled out: every (from, to, side) not listed is refused.
  const allowed = new Set([
    "DRAFT→DRAFT by contractor",
    "REJECTED→REJECTED by contractor",
    "DRAFT→SUBMITTED by contractor",
    "REJECTED→SUBMITTED by contractor",
    "SUBMITTED→VALIDATED by beneficiary",
    "SUBMITTED→REJECTED by beneficiary",
  ]);
  for (const from of REPORT_STATUSES) {
    for (const to of REPORT_STATUSES) {
      for (const by of SIDES) {
        const key = `${from}→${to} by ${by}`;
        it(`${key}: ${allowed.has(key) ? "allowed" : "refused"}`, () => {
          expect(canTransition(from, to, by)).toBe(allowed.has(key));
        });
      }
    }
  }

  it("names an audited action for every transition", () => {
    expect(new Set(REPORT_TRANSITIONS.map((t) => t.action))).toEqual(
      new Set(["activity.save", "activity.submit", "activity.validate", "activity.reject"]),
    );
  });

  it("lets the contractor edit drafts and rejected reports only; a validated report never changes", () => {
    expect(REPORT_STATUSES.filter(isEditable)).toEqual(["DRAFT", "REJECTED"]);
  });

  it("takes reports on acknowledged or in-progress original orders only", () => {
    for (const status of ["DRAFT", "ISSUED", "COMPLETED", "CLOSED", "CANCELLED"]) {
      expect(isReportableOrder({ status, correctsOrderId: null })).toBe(false);
    }
    expect(isReportableOrder({ status: "ACKNOWLEDGED", correctsOrderId: null })).toBe(true);
    expect(isReportableOrder({ status: "IN_PROGRESS", correctsOrderId: null })).toBe(true);
    expect(isReportableOrder({ status: "IN_PROGRESS", correctsOrderId: "x" })).toBe(false);
  });
});

describe("limits", () => {
  const d = (v: string | number) => new Decimal(v);

  it("a person's month never exceeds its working days, all orders together", () => {
    const base = { stafferName: "Camille Roux", monthLabel: "mai 2026", workingDays: 17 };
    expect(stafferMonthError({ ...base, elsewhere: d(10), requested: d(7) })).toBeNull();
    const msg = stafferMonthError({ ...base, elsewhere: d(10), requested: d("7.5") });
    expect(msg).toContain("Camille Roux");
    expect(msg).toContain("mai 2026");
    expect(msg).toContain("17 jours ouvrés");
    expect(msg).toContain("10 jours sont déjà déclarés");
    expect(msg).toContain("il en reste 7 jours");
  });

  it("a cell stays within the working days of the assignment's period that month", () => {
    const base = { stafferName: "Nina Lambert", monthLabel: "mai 2026", cap: 9 };
    expect(cellCapError({ ...base, total: d(9) })).toBeNull();
    expect(cellCapError({ ...base, total: d("9.5") })).toMatch(/ne compte que 9 jours ouvrés en mai 2026/);
  });

  it("non-billable days only for a replacement, within its ramp-up over all months", () => {
    const base = { stafferName: "Nina Lambert" };
    expect(rampUpError({ ...base, rampUpDays: d(0), elsewhere: d(0), requested: d(0) })).toBeNull();
    expect(rampUpError({ ...base, rampUpDays: d(0), elsewhere: d(0), requested: d(1) })).toMatch(
      /pas un remplacement/,
    );
    expect(rampUpError({ ...base, rampUpDays: d(5), elsewhere: d(3), requested: d(2) })).toBeNull();
    expect(rampUpError({ ...base, rampUpDays: d(5), elsewhere: d(3), requested: d("2.5") })).toMatch(
      /il en reste 2 jours/,
    );
  });
});
