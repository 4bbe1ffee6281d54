// Pure rules of the risk register (CCTP §3.3: the contractor reports each product's main
// risks). Severity = likelihood × impact, each level weighted LOW = 1 … CRITICAL = 4, so a
// severity is one of 1, 2, 3, 4, 6, 8, 9, 12, 16. The same weights build the SQL expression
// the lists sort by, so the screen and the database can never disagree.

export const RISK_LEVELS = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type RiskLevelName = (typeof RISK_LEVELS)[number];

export const RISK_STATUSES = ["OPEN", "CLOSED"] as const;
export type RiskStatusName = (typeof RISK_STATUSES)[number];

export const LEVEL_WEIGHT: Record<RiskLevelName, number> = { LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 };

export const LIKELIHOOD_LABELS: Record<RiskLevelName, string> = {
  LOW: "Peu probable",
  MEDIUM: "Possible",
  HIGH: "Probable",
  CRITICAL: "Quasi certain",
};

export const IMPACT_LABELS: Record<RiskLevelName, string> = {
  LOW: "Faible",
  MEDIUM: "Modéré",
  HIGH: "Fort",
  CRITICAL: "Critique",
};

export const RISK_STATUS_LABELS: Record<RiskStatusName, string> = { OPEN: "Ouvert", CLOSED: "Clos" };

export function severityOf(likelihood: RiskLevelName, impact: RiskLevelName): number {
  return LEVEL_WEIGHT[likelihood] * LEVEL_WEIGHT[impact];
}

/** Severity bands, for the badge and the list filter. */
export const SEVERITY_BANDS = ["LOW", "MODERATE", "HIGH", "CRITICAL"] as const;
export type SeverityBand = (typeof SEVERITY_BANDS)[number];

/** Inclusive bounds of each band on the 1–16 scale. */
export const SEVERITY_BAND_RANGES: Record<SeverityBand, { min: number; max: number }> = {
  LOW: { min: 1, max: 2 },
  MODERATE: { min: 3, max: 4 },
  HIGH: { min: 6, max: 8 },
  CRITICAL: { min: 9, max: 16 },
};

export const SEVERITY_BAND_LABELS: Record<SeverityBand, string> = {
  LOW: "Faible",
  MODERATE: "Modérée",
  HIGH: "Élevée",
  CRITICAL: "Critique",
};

export function severityBand(severity: number): SeverityBand {
  if (severity >= SEVERITY_BAND_RANGES.CRITICAL.min) return "CRITICAL";
  if (severity >= SEVERITY_BAND_RANGES.HIGH.min) return "HIGH";
  if (severity >= SEVERITY_BAND_RANGES.MODERATE.min) return "MODERATE";
  return "LOW";
}

/** "Élevée (8 sur 16)" */
export function severityText(severity: number): string {
  return `${SEVERITY_BAND_LABELS[severityBand(severity)]} (${severity} sur 16)`;
}

/**
 * The SQL expression of a risk's severity, built from LEVEL_WEIGHT (constants only, no user
 * input), for a table aliased `alias`. Used by the lists to sort and filter in the database.
 */
export function severitySql(alias: string): string {
  if (!/^[a-z]+$/.test(alias)) throw new Error("invalid SQL alias");
  const weight = (column: string) =>
    `(CASE ${alias}."${column}" ${RISK_LEVELS.map((l) => `WHEN '${l}' THEN ${LEVEL_WEIGHT[l]}`).join(" ")} END)`;
  return `${weight("likelihood")} * ${weight("impact")}`;
}

export type RiskSnapshot = { likelihood: RiskLevelName; impact: RiskLevelName; status: RiskStatusName };

export type RiskMailEvent = "created" | "raised" | "closed";

/**
 * Which change the product's beneficiary is told about by e-mail: a new risk, a closed one,
 * or a severity that rises on an open one. Lowering or rewording a risk sends nothing.
 */
export function riskMailEvent(before: RiskSnapshot | null, after: RiskSnapshot): RiskMailEvent | null {
  if (!before) return "created";
  if (before.status === "OPEN" && after.status === "CLOSED") return "closed";
  if (
    after.status === "OPEN" &&
    severityOf(after.likelihood, after.impact) > severityOf(before.likelihood, before.impact)
  ) {
    return "raised";
  }
  return null;
}
