import { describe, expect, it } from "vitest";
import {
  LEVEL_WEIGHT,
  RISK_LEVELS,
  riskMailEvent,
  SEVERITY_BAND_RANGES,
  SEVERITY_BANDS,
  severityBand,
  severityOf,
  severitySql,
  severityText,
} from "./rules";

describe("severity = likelihood × impact (LOW = 1 … CRITICAL = 4)", () => {
  it("multiplies the weights of the two levels", () => {
    expect(severityOf("LOW", "LOW")).toBe(1);
    expect(severityOf("LOW", "CRITICAL")).toBe(4);
    expect(severityOf("MEDIUM", "HIGH")).toBe(6);
    expect(severityOf("HIGH", "MEDIUM")).toBe(6);
    expect(severityOf("HIGH", "HIGH")).toBe(9);
    expect(severityOf("CRITICAL", "HIGH")).toBe(12);
    expect(severityOf("CRITICAL", "CRITICAL")).toBe(16);
  });

  it("puts each of the nine possible scores in exactly one band, bands in order", () => {
    const scores = [...new Set(RISK_LEVELS.flatMap((l) => RISK_LEVELS.map((i) => severityOf(l, i))))].sort(
      (a, b) => a - b,
    );
    expect(scores).toEqual([1, 2, 3, 4, 6, 8, 9, 12, 16]);
    for (const s of scores) {
      const inBands = SEVERITY_BANDS.filter(
        (b) => s >= SEVERITY_BAND_RANGES[b].min && s <= SEVERITY_BAND_RANGES[b].max,
      );
      expect(inBands).toEqual([severityBand(s)]);
    }
    expect(scores.map(severityBand)).toEqual([
      "LOW",
      "LOW",
      "MODERATE",
      "MODERATE",
      "HIGH",
      "HIGH",
      "CRITICAL",
      "CRITICAL",
      "CRITICAL",
    ]);
    expect(severityText(12)).toBe("Critique (12 sur 16)");
  });

  it("builds the SQL expression from the same weights", () => {
    const sql = severitySql("r");
    for (const l of RISK_LEVELS) expect(sql).toContain(`WHEN '${l}' THEN ${LEVEL_WEIGHT[l]}`);
    expect(sql).toContain('r."likelihood"');
    expect(sql).toContain('r."impact"');
    expect(() => severitySql('r"; DROP TABLE "Risk')).toThrow();
  });
});

describe("which change is mailed to the beneficiary", () => {
  const open = { likelihood: "MEDIUM", impact: "MEDIUM", status: "OPEN" } as const;
  it("a new risk, a rising severity, a closing", () => {
    expect(riskMailEvent(null, open)).toBe("created");
    expect(riskMailEvent(open, { ...open, impact: "HIGH" })).toBe("raised");
    expect(riskMailEvent(open, { ...open, status: "CLOSED" })).toBe("closed");
    expect(riskMailEvent(open, { ...open, impact: "HIGH", status: "CLOSED" })).toBe("closed");
  });

  it("nothing for a lower or equal severity, a reworded risk or a closed risk edited", () => {
    expect(riskMailEvent(open, { ...open, impact: "LOW" })).toBeNull();
    expect(riskMailEvent(open, open)).toBeNull();
    // Same score, other split (2 × 3 = 3 × 2): not a rise.
    expect(riskMailEvent({ ...open, impact: "HIGH" }, { ...open, likelihood: "HIGH" })).toBeNull();
    expect(
      riskMailEvent({ ...open, status: "CLOSED" }, { ...open, status: "CLOSED", impact: "CRITICAL" }),
    ).toBeNull();
  });

  it("a risk reopened with a higher severity is a rise", () => {
    expect(riskMailEvent({ ...open, status: "CLOSED" }, { ...open, impact: "CRITICAL" })).toBe("raised");
  });
});
