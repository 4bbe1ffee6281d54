import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { SEVERITY_BAND_LABELS, type SeverityBand, severityBand } from "@/lib/risks/rules";

const TONE: Record<SeverityBand, "info" | "new" | "warning" | "error"> = {
  LOW: "info",
  MODERATE: "new",
  HIGH: "warning",
  CRITICAL: "error",
};

/** The risk's severity as a DSFR badge: the text says the band and the score, not the colour. */
export function SeverityBadge({ severity }: { severity: number }) {
  const band = severityBand(severity);
  return (
    <Badge as="span" small noIcon severity={TONE[band]}>
      {`${SEVERITY_BAND_LABELS[band]} · ${severity}/16`}
    </Badge>
  );
}
