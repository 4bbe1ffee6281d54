import { describe, expect, it } from "vitest";
import {
  assignmentPeriodErrors,
  dayBefore,
  findOverlap,
  formatDays,
  frMonth,
  isBetaUsername,
  isStaffableOrder,
  normalizeEmail,
  parseRampUpDays,
  periodsOverlap,
  replacementDateError,
  reportedMonthsOutside,
} from "./rules";

const order = { startsOn: "2027-01-04", endsOn: "2027-06-30" };

describe("assignment period inside the order's period", () => {
  it("accepts the whole order period and any part of it, one day included", () => {
    expect(assignmentPeriodErrors(order, order)).toEqual({});
    expect(assignmentPeriodErrors({ startsOn: "2027-03-01", endsOn: "2027-03-31" }, order)).toEqual({});
    expect(assignmentPeriodErrors({ startsOn: "2027-06-30", endsOn: "2027-06-30" }, order)).toEqual({});
  });

  it("refuses a start before the order or an end after it, naming the order's dates", () => {
    const early = assignmentPeriodErrors({ startsOn: "2027-01-03", endsOn: "2027-02-01" }, order);
    expect(early.startsOn?.[0]).toMatch(/du 04\/01\/2027 au 30\/06\/2027/);
    expect(early.endsOn).toBeUndefined();
    const late = assignmentPeriodErrors({ startsOn: "2027-05-01", endsOn: "2027-07-01" }, order);
    expect(late.endsOn?.[0]).toMatch(/comprise dans celle du bon de commande/);
    expect(late.startsOn).toBeUndefined();
  });

  it("refuses a period entirely outside, and an end before the start", () => {
    const outside = assignmentPeriodErrors({ startsOn: "2027-08-01", endsOn: "2027-08-31" }, order);
    expect(outside.startsOn).toBeDefined();
    expect(outside.endsOn).toBeDefined();
    const reversed = assignmentPeriodErrors({ startsOn: "2027-03-10", endsOn: "2027-03-09" }, order);
    expect(reversed.endsOn?.[0]).toMatch(/postérieure ou égale/);
  });
});

describe("overlaps of one staffer's assignments on a line", () => {
  const march = { startsOn: "2027-03-01", endsOn: "2027-03-31" };
  it("sees a shared day, including a single shared boundary day", () => {
    expect(periodsOverlap(march, { startsOn: "2027-03-31", endsOn: "2027-04-30" })).toBe(true);
    expect(periodsOverlap(march, { startsOn: "2027-02-01", endsOn: "2027-03-01" })).toBe(true);
    expect(periodsOverlap(march, { startsOn: "2027-03-10", endsOn: "2027-03-12" })).toBe(true);
    expect(periodsOverlap({ startsOn: "2027-02-01", endsOn: "2027-05-01" }, march)).toBe(true);
  });
  it("allows back-to-back periods (the day after) and separate ones", () => {
    expect(periodsOverlap(march, { startsOn: "2027-04-01", endsOn: "2027-04-30" })).toBe(false);
    expect(periodsOverlap(march, { startsOn: "2027-01-01", endsOn: "2027-02-28" })).toBe(false);
  });
  it("returns the first clashing period", () => {
    const others = [
      { startsOn: "2027-01-01", endsOn: "2027-01-31", id: "a" },
      { startsOn: "2027-03-15", endsOn: "2027-04-15", id: "b" },
    ];
    expect(findOverlap(march, others)?.id).toBe("b");
    expect(findOverlap({ startsOn: "2027-02-01", endsOn: "2027-02-28" }, others)).toBeUndefined();
  });
});

describe("ramp-up days of a replacement", () => {
  it.each([
    ["", "0"],
    ["0", "0"],
    ["0,5", "0.5"],
    ["1.5", "1.5"],
    [" 3 ", "3"],
    ["10", "10"],
    ["10,0", "10"],
  ])("reads %j as %s days", (raw, days) => {
    const r = parseRampUpDays(raw);
    expect(r.ok && r.value.toString()).toBe(days);
  });

  it.each([
    ["0,25", /demi-journée/],
    ["1.2", /demi-journée/],
    ["10,5", /au plus 10 jours/],
    ["11", /au plus 10 jours/],
    ["-1", /nombre de jours/],
    ["1e1", /nombre de jours/],
    ["deux", /nombre de jours/],
    ["1 000", /nombre de jours/],
    ["NaN", /nombre de jours/],
  ])("refuses %j in French", (raw, message) => {
    const r = parseRampUpDays(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("formats days in French, exactly", () => {
    expect(formatDays("1.5")).toBe("1,5 jour");
    expect(formatDays("2")).toBe("2 jours");
    expect(formatDays("0.5")).toBe("0,5 jour");
  });
});

describe("beta.gouv.fr username", () => {
  it.each(["prenom.nom", "jean-marie.dupont", "anne.martin2", "x", "a.b-c.d"])("accepts %s", (u) => {
    expect(isBetaUsername(u)).toBe(true);
  });
  it.each([
    "Prenom.Nom",
    "prénom.nom",
    "prenom nom",
    "prenom..nom",
    ".prenom",
    "prenom.",
    "prenom_nom",
    "prenom@nom",
    "-nom",
    "<script>",
    "",
    `${"a".repeat(101)}`,
  ])("refuses %j", (u) => {
    expect(isBetaUsername(u)).toBe(false);
  });
});

describe("replacement dates", () => {
  const replaced = { startsOn: "2027-01-04", endsOn: "2027-06-30" };
  it("needs the newcomer to arrive after the first day and no later than the last day", () => {
    expect(replacementDateError(replaced, "2027-01-05")).toBeNull();
    expect(replacementDateError(replaced, "2027-06-30")).toBeNull();
    expect(replacementDateError(replaced, "2027-01-04")).toMatch(/après le premier jour/);
    expect(replacementDateError(replaced, "2026-12-01")).toMatch(/après le premier jour/);
    expect(replacementDateError(replaced, "2027-07-01")).toMatch(/au plus tard le dernier jour/);
  });
  it("ends the replaced assignment the day before, across months and leap years", () => {
    expect(dayBefore("2027-03-01")).toBe("2027-02-28");
    expect(dayBefore("2028-03-01")).toBe("2028-02-29");
    expect(dayBefore("2027-01-01")).toBe("2026-12-31");
    expect(dayBefore("2027-05-16")).toBe("2027-05-15");
  });
});

describe("reported days and period changes", () => {
  const entries = [
    { month: "2027-01-01", days: "10", nonBillableDays: "0" },
    { month: "2027-02-01", days: "15.5", nonBillableDays: "1" },
    { month: "2027-03-01", days: "0", nonBillableDays: "2" },
  ];
  it("keeps a month covered by at least one of its days", () => {
    expect(reportedMonthsOutside({ startsOn: "2027-01-31", endsOn: "2027-03-01" }, entries)).toEqual([]);
  });
  it("lists reported months a shorter period would leave out, ramp-up days included", () => {
    expect(reportedMonthsOutside({ startsOn: "2027-01-04", endsOn: "2027-02-28" }, entries)).toEqual([
      "2027-03-01",
    ]);
    expect(reportedMonthsOutside({ startsOn: "2027-02-01", endsOn: "2027-02-10" }, entries)).toEqual([
      "2027-01-01",
      "2027-03-01",
    ]);
  });
  it("ignores a month whose adjustments bring its days back to zero", () => {
    const adjusted = [
      { month: "2027-04-01", days: "5", nonBillableDays: "0" },
      { month: "2027-04-01", days: "-5", nonBillableDays: "0" },
    ];
    expect(reportedMonthsOutside({ startsOn: "2027-01-04", endsOn: "2027-03-31" }, adjusted)).toEqual([]);
  });
  it("names months in French", () => {
    expect(frMonth("2027-02-01")).toBe("février 2027");
    expect(frMonth("2026-12-01")).toBe("décembre 2026");
  });
});

describe("staffable orders and e-mails", () => {
  it("staffs original orders that are acknowledged or in progress only", () => {
    expect(isStaffableOrder({ status: "ACKNOWLEDGED", correctsOrderId: null })).toBe(true);
    expect(isStaffableOrder({ status: "IN_PROGRESS", correctsOrderId: null })).toBe(true);
    for (const status of ["DRAFT", "ISSUED", "COMPLETED", "CLOSED", "CANCELLED"]) {
      expect(isStaffableOrder({ status, correctsOrderId: null })).toBe(false);
    }
    expect(isStaffableOrder({ status: "ACKNOWLEDGED", correctsOrderId: "x" })).toBe(false);
  });
  it("normalizes e-mail addresses to trimmed lower case", () => {
    expect(normalizeEmail("  Jeanne.Dupont@Societe.FR ")).toBe("jeanne.dupont@societe.fr");
  });
});
