import type { Figures } from "@/lib/follow-up/rules";
import { consumedPercent } from "@/lib/follow-up/rules";
import { formatEuros } from "@/lib/money";
import { formatDays } from "./format";

/**
 * Ordered, validated, certified, invoiced, paid and what is left, in days and euros HT.
 * `testId` marks the table for the browser tests.
 */
export function FiguresTable({
  caption,
  figures,
  testId,
}: {
  caption: string;
  figures: Figures;
  testId?: string;
}) {
  const percent = consumedPercent(figures);
  const rows: Array<{ label: string; hint?: string; days: string; euros: string; key: string }> = [
    {
      key: "ordered",
      label: "Commandé",
      hint: "bons de commande émis, modificatifs compris",
      days: formatDays(figures.orderedDays),
      euros: formatEuros(figures.orderedHtCents),
    },
    {
      key: "validated",
      label: "Validé",
      hint: "jours des comptes rendus validés, corrections comprises",
      days: formatDays(figures.validatedDays),
      euros: formatEuros(figures.validatedHtCents),
    },
    {
      key: "certified",
      label: "Certifié",
      hint:
        figures.refactionHtCents > 0n
          ? `service fait prononcé, après ${formatEuros(figures.refactionHtCents)} de réfaction`
          : "service fait prononcé",
      days: formatDays(figures.certifiedDays),
      euros: formatEuros(figures.certifiedHtCents),
    },
    {
      key: "invoiced",
      label: "Facturé",
      hint: "factures reçues",
      days: "—",
      euros: formatEuros(figures.invoicedHtCents),
    },
    { key: "paid", label: "Payé", days: "—", euros: formatEuros(figures.paidHtCents) },
    {
      key: "remaining",
      label: "Reste à consommer",
      hint: "commandé − validé",
      days: formatDays(figures.remainingDays),
      euros: formatEuros(figures.remainingHtCents),
    },
    {
      key: "toCertify",
      label: "Reste à certifier",
      hint: "validé − certifié",
      days: formatDays(figures.toCertifyDays),
      euros: formatEuros(figures.toCertifyHtCents),
    },
  ];
  return (
    <div className="fr-table fr-table--bordered fr-mb-2w" data-testid={testId}>
      <table>
        <caption>
          {caption}
          {percent !== null && (
            <span className="fr-text--sm fr-text--regular fr-mb-0 fr-ml-1w">
              ({percent} % des jours commandés validés)
            </span>
          )}
        </caption>
        <thead>
          <tr>
            <th scope="col">Étape</th>
            <th scope="col" className="fr-cell--right">
              Jours
            </th>
            <th scope="col" className="fr-cell--right">
              Montant HT
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-row={r.key}>
              <th scope="row">
                {r.label}
                {r.hint && <span className="fr-hint-text">{r.hint}</span>}
              </th>
              <td className="fr-cell--right">{r.days}</td>
              <td className="fr-cell--right">{r.euros}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
