import { describe, expect, it } from "vitest";
import {
  addMonthsIso,
  allowedKinds,
  currentPhase,
  isPhaseLongerThanUsual,
  kindRefusal,
  nextCommitteeDue,
  type PhaseSpan,
  planPhaseStart,
  usualEndOf,
} from "./rules";

const history: PhaseSpan[] = [
  { phase: "INVESTIGATION", startsOn: "2025-01-06", endsOn: "2025-03-02" },
  { phase: "CONSTRUCTION", startsOn: "2025-03-03", endsOn: null },
];

describe("product kinds (DOMAIN rule 1)", () => {
  it("lets only DINUM own products that are not Startups d'État", () => {
    expect(allowedKinds(true)).toEqual(["STARTUP_ETAT", "DINUM_PRODUCT"]);
    expect(allowedKinds(false)).toEqual(["STARTUP_ETAT"]);
    expect(kindRefusal("DINUM_PRODUCT", false)).toMatch(/Seule la DINUM/);
    expect(kindRefusal("DINUM_PRODUCT", true)).toBeNull();
    expect(kindRefusal("STARTUP_ETAT", false)).toBeNull();
  });
});

describe("currentPhase", () => {
  it("is the latest started phase that is not over", () => {
    expect(currentPhase(history, "2026-11-24")?.phase).toBe("CONSTRUCTION");
    expect(currentPhase(history, "2025-02-01")?.phase).toBe("INVESTIGATION");
    expect(currentPhase(history, "2025-03-02")?.phase).toBe("INVESTIGATION");
    expect(currentPhase(history, "2025-03-03")?.phase).toBe("CONSTRUCTION");
  });
  it("is none before the first phase, after a closed last phase, or for no phase", () => {
    expect(currentPhase(history, "2024-12-31")).toBeNull();
    expect(
      currentPhase([{ phase: "ABANDON", startsOn: "2025-01-01", endsOn: "2025-06-30" }], "2025-07-01"),
    ).toBeNull();
    expect(currentPhase([], "2025-07-01")).toBeNull();
  });
  it("does not count a phase planned for later", () => {
    const planned: PhaseSpan[] = [
      { phase: "CONSTRUCTION", startsOn: "2025-03-03", endsOn: "2026-12-31" },
      { phase: "ACCELERATION", startsOn: "2027-01-01", endsOn: null },
    ];
    expect(currentPhase(planned, "2026-11-24")?.phase).toBe("CONSTRUCTION");
    expect(currentPhase(planned, "2027-01-01")?.phase).toBe("ACCELERATION");
  });
});

describe("planPhaseStart", () => {
  it("closes the open phase the day before the new start", () => {
    const plan = planPhaseStart(history, "2026-03-01");
    expect(plan).toEqual({ ok: true, closes: [{ phase: history[1], endsOn: "2026-02-28" }] });
  });
  it("also shortens a phase whose planned end overlaps the new one", () => {
    const phases: PhaseSpan[] = [{ phase: "CONSTRUCTION", startsOn: "2025-03-03", endsOn: "2026-12-31" }];
    const plan = planPhaseStart(phases, "2026-06-01");
    expect(plan.ok && plan.closes.map((c) => c.endsOn)).toEqual(["2026-05-31"]);
  });
  it("leaves closed phases alone and accepts a first phase", () => {
    expect(planPhaseStart([history[0] as PhaseSpan], "2025-06-01")).toEqual({ ok: true, closes: [] });
    expect(planPhaseStart([], "2025-06-01")).toEqual({ ok: true, closes: [] });
  });
  it("refuses a start on or before the start of the latest phase", () => {
    const before = planPhaseStart(history, "2025-03-02", (iso) => `le ${iso}`);
    expect(before.ok).toBe(false);
    expect(!before.ok && before.message).toMatch(/après le le 2025-03-03.*Construction/);
    expect(planPhaseStart(history, "2025-03-03").ok).toBe(false);
  });
});

describe("durations and investment committee (CCTP §1.3)", () => {
  it("adds months in the calendar, clamping to the end of shorter months", () => {
    expect(addMonthsIso("2025-08-31", 6)).toBe("2026-02-28");
    expect(addMonthsIso("2027-08-31", 6)).toBe("2028-02-29");
    expect(addMonthsIso("2025-03-03", 12)).toBe("2026-03-03");
  });
  it("knows the usual length of investigation, construction and acceleration", () => {
    expect(usualEndOf("INVESTIGATION", "2025-01-06")).toBe("2025-03-09");
    expect(usualEndOf("CONSTRUCTION", "2025-03-03")).toBe("2026-03-02");
    expect(usualEndOf("OPERE", "2025-03-03")).toBeNull();
    expect(isPhaseLongerThanUsual(history[1] as PhaseSpan, "2026-03-02")).toBe(false);
    expect(isPhaseLongerThanUsual(history[1] as PhaseSpan, "2026-03-03")).toBe(true);
    expect(isPhaseLongerThanUsual(history[0] as PhaseSpan, "2026-03-03")).toBe(false);
  });
  it("expects a committee six months after the current phase started, flagged once passed", () => {
    const current = history[1] as PhaseSpan;
    expect(nextCommitteeDue(current, "2025-09-03")).toEqual({ dueOn: "2025-09-03", passed: false });
    expect(nextCommitteeDue(current, "2025-09-04")).toEqual({ dueOn: "2025-09-03", passed: true });
    expect(
      nextCommitteeDue({ phase: "OPERE", startsOn: "2020-01-01", endsOn: null }, "2025-01-01"),
    ).toBeNull();
    expect(nextCommitteeDue(null, "2025-01-01")).toBeNull();
  });
});
