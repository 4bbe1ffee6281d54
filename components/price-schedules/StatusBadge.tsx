import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { type PriceScheduleStatusName, STATUS_LABELS } from "@/lib/price-schedules/rules";

const SEVERITY = { PROPOSED: "new", VALIDATED: "success", REJECTED: "error" } as const;

export function StatusBadge({ status }: { status: PriceScheduleStatusName }) {
  return (
    <Badge as="span" small severity={SEVERITY[status]}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
