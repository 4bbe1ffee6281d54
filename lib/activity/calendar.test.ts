import { describe, expect, it } from "vitest";
import {
  currentMonth,
  formatMonth,
  holidayName,
  isWorkingDay,
  monthEnd,
  monthsBetween,
  nextMonth,
  parseMonth,
  previousMonth,
  publicHolidays,
  weekdayHolidaysOfMonth,
  workingDaysBetween,
  workingDaysInMonth,
  workingDaysInMonthWithin,
} from "./calendar";

describe("working days (metropolitan France, Europe/Paris)", () => {
  it.each([
    // month, working days, why
    ["2026-05", 17, "21 weekdays − 1 May (Fri), 8 May (Fri), Ascension 14 May, Pentecost Monday 25 May"],
    ["2027-05", 19, "21 weekdays − Ascension 6 May, Pentecost Monday 17 May (1 and 8 May fall on Saturdays)"],
    ["2026-11", 20, "21 weekdays − 11 November (1 November is a Sunday)"],
    ["2026-10", 22, "no public holiday"],
    ["2026-12", 22, "23 weekdays − Christmas (Fri); 26 December is an Alsace-Moselle holiday only"],
    ["2026-04", 21, "22 weekdays − Easter Monday 6 April (Good Friday is Alsace-Moselle only)"],
    ["2026-07", 22, "23 weekdays − 14 July (Tue)"],
    ["2026-08", 21, "15 August falls on a Saturday"],
    ["2026-02", 20, "February 2026: 4 full weeks"],
    ["2028-02", 21, "leap year: 29 February 2028 is a Tuesday"],
  ])("%s has %i working days (%s)", (month, expected) => {
    expect(workingDaysInMonth(month)).toBe(expected);
  });

  it("names the holidays of metropolitan France only", () => {
    const h2026 = publicHolidays(2026);
    expect(h2026.size).toBe(11);
    expect(h2026.get("2026-05-14")).toBe("Ascension");
    expect(h2026.get("2026-05-25")).toBe("Lundi de Pentecôte");
    expect(holidayName("2026-04-03")).toBeNull(); // Vendredi saint: Alsace-Moselle only
    expect(holidayName("2026-12-26")).toBeNull(); // Saint-Étienne: Alsace-Moselle only
    expect(holidayName("2027-03-29")).toBe("Lundi de Pâques");
  });

  it("excludes weekends and holidays, day by day", () => {
    expect(isWorkingDay("2026-05-13")).toBe(true); // Wednesday
    expect(isWorkingDay("2026-05-14")).toBe(false); // Ascension
    expect(isWorkingDay("2026-05-16")).toBe(false); // Saturday
    expect(isWorkingDay("2026-05-17")).toBe(false); // Sunday
    expect(workingDaysBetween("2026-05-11", "2026-05-17")).toEqual([
      "2026-05-11",
      "2026-05-12",
      "2026-05-13",
      "2026-05-15",
    ]);
    expect(workingDaysBetween("2026-05-20", "2026-05-10")).toEqual([]);
  });

  it("counts the working days of a month inside an assignment's period", () => {
    // From Monday 18 May 2026: 18–22 (5), 26–29 (4; 25 is Pentecost Monday) = 9.
    expect(workingDaysInMonthWithin("2026-05", { startsOn: "2026-05-18", endsOn: "2026-12-31" })).toBe(9);
    // Until Friday 8 May 2026 (a holiday): 4–7 May = 4.
    expect(workingDaysInMonthWithin("2026-05", { startsOn: "2026-01-01", endsOn: "2026-05-08" })).toBe(4);
    // Intersected with the order's period too.
    expect(
      workingDaysInMonthWithin(
        "2026-05",
        { startsOn: "2026-01-01", endsOn: "2026-12-31" },
        { startsOn: "2026-05-26", endsOn: "2026-05-27" },
      ),
    ).toBe(2);
    // Outside the month: none.
    expect(workingDaysInMonthWithin("2026-05", { startsOn: "2026-06-01", endsOn: "2026-06-30" })).toBe(0);
  });

  it("works whatever the time zone of the server process", () => {
    // The holiday dates come at local midnight: read at noon, they keep their calendar day.
    expect(workingDaysInMonth("2027-03")).toBe(22); // Easter Monday 29 March 2027, DST change on the 28th
  });
});

describe("months", () => {
  it("parses YYYY-MM and refuses anything else in French", () => {
    expect(parseMonth("2026-05")).toEqual({ ok: true, value: "2026-05" });
    expect(parseMonth(" 2026-05 ")).toEqual({ ok: true, value: "2026-05" });
    for (const bad of ["2026-5", "05-2026", "2026/05", "mai 2026", "", "2026-05-01"]) {
      const r = parseMonth(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/format AAAA-MM/);
    }
    const m13 = parseMonth("2026-13");
    expect(m13.ok === false && m13.message).toMatch(/n'existe pas/);
    const m00 = parseMonth("2026-00");
    expect(m00.ok === false && m00.message).toMatch(/de 01 à 12/);
    const y = parseMonth("1999-12");
    expect(y.ok === false && y.message).toMatch(/hors de la période/);
  });

  it("gives month ends, next months and the months of a period", () => {
    expect(monthEnd("2026-02")).toBe("2026-02-28");
    expect(monthEnd("2028-02")).toBe("2028-02-29");
    expect(monthEnd("2026-12")).toBe("2026-12-31");
    expect(nextMonth("2026-12")).toBe("2027-01");
    expect(previousMonth("2027-01")).toBe("2026-12");
    expect(previousMonth("2026-05")).toBe("2026-04");
    expect(monthsBetween("2026-11-15", "2027-02-01")).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
    expect(monthsBetween("2026-11-15", "2026-11-20")).toEqual(["2026-11"]);
    expect(monthsBetween("2026-11-15", "2026-10-20")).toEqual([]);
  });

  it("names months in French and knows the current month in Paris", () => {
    expect(formatMonth("2026-05")).toBe("mai 2026");
    expect(formatMonth("2027-02")).toBe("février 2027");
    // 31 December 23:30 UTC is already 1 January in Paris.
    expect(currentMonth(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01");
    expect(currentMonth(new Date("2026-11-30T22:59:00Z"))).toBe("2026-11");
  });

  it("lists the weekday holidays of a month, for the screen", () => {
    expect(weekdayHolidaysOfMonth("2026-05").map((h) => h.date)).toEqual([
      "2026-05-01",
      "2026-05-08",
      "2026-05-14",
      "2026-05-25",
    ]);
    expect(weekdayHolidaysOfMonth("2026-11")).toEqual([{ date: "2026-11-11", name: "Armistice" }]);
  });
});
