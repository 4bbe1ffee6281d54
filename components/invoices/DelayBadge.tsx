import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { formatDelay, LEGAL_PAYMENT_DELAY_DAYS, type PaymentDelay } from "@/lib/invoices/rules";

/**
 * The payment delay of an invoice and, beyond 30 days, the "délai global de paiement
 * dépassé" badge (décret n° 2013-269). Text, not colour, says it.
 */
export function DelayBadge({ delay }: { delay: PaymentDelay }) {
  return (
    <>
      <span>
        {formatDelay(delay.days)}
        {delay.paid ? "" : " (non payée)"}
      </span>{" "}
      {delay.late ? (
        <Badge as="span" small severity="error">
          Délai global de paiement dépassé
        </Badge>
      ) : (
        <span className="fr-sr-only">, dans le délai de {LEGAL_PAYMENT_DELAY_DAYS} jours</span>
      )}
    </>
  );
}
