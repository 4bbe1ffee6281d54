import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { PHASE_LABELS, type PhaseName } from "@/lib/products/rules";

const SEVERITY: Record<PhaseName, "info" | "new" | "success" | "warning" | "error" | undefined> = {
  INVESTIGATION: "new",
  CONSTRUCTION: "info",
  ACCELERATION: "info",
  CONSOLIDATION: "success",
  TRANSFERT: "success",
  OPERE: "success",
  ABANDON: "error",
};

/** The product's current phase as a DSFR badge (the text carries the meaning, not the colour). */
export function PhaseBadge({ phase }: { phase: PhaseName | null }) {
  if (!phase) {
    return (
      <Badge as="span" small noIcon>
        Aucune phase en cours
      </Badge>
    );
  }
  return (
    <Badge as="span" small noIcon severity={SEVERITY[phase]}>
      {PHASE_LABELS[phase]}
    </Badge>
  );
}
