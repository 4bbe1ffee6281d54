// The consolidation (lib/reporting) in the authorization matrix: DINUM's threshold setting,
// the dashboard and the six-monthly report (DINUM only), and the quarterly report a
// contractor owes DINUM (its own; DINUM reads every contractor's).
import { updateForecastThreshold } from "@/lib/reporting/mutations";
import {
  getDashboard,
  getQuarterlyReport,
  getReportingSettings,
  getSemesterReport,
} from "@/lib/reporting/queries";
import { forecastThresholdSchema } from "@/lib/reporting/schemas";
import type { Case, Kit, ReadCase } from "../authorization.test";

export function cases(kit: Kit): Case[] {
  return [
    {
      mutation: "updateForecastThreshold",
      requirement: { kind: "global", capability: "reporting:manage" },
      owners: ["none"],
      prepare: async () => "",
      run: async (actor) => {
        const setting = await kit.db().agreementSetting.findFirst({ select: { version: true } });
        const version = setting?.version ?? 1;
        return updateForecastThreshold({
          actor,
          input: forecastThresholdSchema.parse({
            threshold: String(50 + (version % 40)),
            version: String(version),
          }),
        });
      },
    },
  ];
}

export function reads(_kit: Kit): ReadCase[] {
  return [
    {
      query: "getDashboard",
      requirement: { kind: "global", capability: "reporting:read" },
      owners: ["none"],
      prepare: async () => "",
      run: (actor) => getDashboard({ actor, filters: { du: "2026-01", au: "2026-12" } }),
    },
    {
      query: "getReportingSettings",
      requirement: { kind: "global", capability: "reporting:read" },
      owners: ["none"],
      prepare: async () => "",
      run: (actor) => getReportingSettings({ actor }),
    },
    {
      query: "getSemesterReport",
      requirement: { kind: "global", capability: "reporting:read" },
      owners: ["none"],
      prepare: async () => "",
      run: (actor) => getSemesterReport({ actor, semester: "2026-S2" }),
    },
    {
      // A contractor reads its own (the one it owes DINUM); DINUM any contractor's.
      query: "getQuarterlyReport",
      requirement: { kind: "scoped", own: "order:readOwn", all: "reporting:read" },
      owners: ["conX"],
      prepare: async (_db, cast) => cast.orgs.conX.id,
      run: (actor, contractorId) => getQuarterlyReport({ actor, quarter: "2026-T4", contractorId }),
    },
  ];
}
