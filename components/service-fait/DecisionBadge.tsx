import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { DECISION_LABELS, type Decision } from "@/lib/service-fait/rules";

const SEVERITY: Record<Decision, "success" | "warning" | "error" | "info"> = {
  ADMISSION: "success",
  REFACTION: "warning",
  AJOURNEMENT: "info",
  REJET: "error",
};

/** The decision of a procès-verbal as a DSFR badge (the text carries the meaning). */
export function DecisionBadge({ decision }: { decision: Decision }) {
  return (
    <Badge as="span" small noIcon severity={SEVERITY[decision]}>
      {DECISION_LABELS[decision]}
    </Badge>
  );
}
