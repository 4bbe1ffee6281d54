import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { REPORT_STATUS_LABELS, type ReportStatusName } from "@/lib/activity/rules";

const SEVERITY: Record<
  ReportStatusName | "missing" | "future",
  "info" | "new" | "success" | "warning" | "error" | undefined
> = {
  DRAFT: undefined,
  SUBMITTED: "new",
  VALIDATED: "success",
  REJECTED: "error",
  missing: "warning",
  future: undefined,
};

const OTHER_LABELS = { missing: "À rédiger", future: "À venir" } as const;

/** A report's status as a DSFR badge (the text carries the meaning, not the colour). */
export function ReportStatusBadge({ status }: { status: ReportStatusName | "missing" | "future" }) {
  return (
    <Badge as="span" small noIcon severity={SEVERITY[status]}>
      {status === "missing" || status === "future" ? OTHER_LABELS[status] : REPORT_STATUS_LABELS[status]}
    </Badge>
  );
}
