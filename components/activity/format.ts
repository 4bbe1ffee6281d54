// Display helpers of the activity screens (pure, usable on the server and in the browser).
import { daysLabel, frDays } from "@/lib/activity/rules";

export { frDays };

/** A signed change with its unit: "-1.5" → "−1,5 jour", "2" → "+2 jours". */
export function signedDaysLabel(value: string): string {
  const label = daysLabel(value.replace(/^-/, ""));
  return value.startsWith("-") ? `−${label}` : `+${label}`;
}

/** The id of a grid field, for the links of the error summary. */
export const fieldId = (name: string, assignmentId: string) => `${name}-${assignmentId}`;
