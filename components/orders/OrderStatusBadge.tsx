import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { ORDER_STATUS_LABELS, type OrderStatusName } from "@/lib/orders/rules";

const SEVERITY: Record<OrderStatusName, "info" | "new" | "success" | "warning" | "error" | undefined> = {
  DRAFT: undefined,
  ISSUED: "new",
  ACKNOWLEDGED: "info",
  IN_PROGRESS: "info",
  COMPLETED: "success",
  CLOSED: "success",
  CANCELLED: "error",
};

/** The order's status as a DSFR badge (the text carries the meaning, not the colour). */
export function OrderStatusBadge({ status }: { status: OrderStatusName }) {
  return (
    <Badge as="span" small noIcon severity={SEVERITY[status]}>
      {ORDER_STATUS_LABELS[status]}
    </Badge>
  );
}
