import Link from "next/link";
import { formatEuros } from "@/lib/money";
import type { FigureKey, Figures } from "@/lib/reporting/facts";
import type { BreakdownRow } from "@/lib/reporting/queries";
import { lastDayOfMonth, monthLabel } from "@/lib/reporting/rules";
import { type DrillDown, drillDownHref, FIGURE_KEYS, FIGURE_LABELS } from "./figures";

export type BreakdownDimension = "beneficiaryId" | "contractorId" | "productId" | "uoTypeId" | "month";

/** An amount that links to the orders behind it (none when it is zero or undated). */
export function FigureLink({
  cents,
  drill,
  context,
}: {
  cents: bigint;
  drill: DrillDown | null;
  /** Read by screen readers before the amount: which figure of which row. */
  context: string;
}) {
  if (cents === 0n || drill === null) return <>{formatEuros(cents)}</>;
  return (
    <Link href={drillDownHref(drill)}>
      <span className="fr-sr-only">Voir les commandes – {context} : </span>
      {formatEuros(cents)}
    </Link>
  );
}

/**
 * One breakdown of the five figures (by beneficiary, contractor, product, UO type or month),
 * with the total, every amount a link to the orders behind it.
 */
export function BreakdownTable({
  id,
  caption,
  dimensionLabel,
  dimension,
  rows,
  totals,
  base,
  figures = FIGURE_KEYS,
}: {
  id: string;
  caption: string;
  dimensionLabel: string;
  dimension: BreakdownDimension;
  rows: BreakdownRow[];
  totals: Figures;
  /** The dashboard's own filters, carried into every link. */
  base: Omit<DrillDown, "figure">;
  figures?: readonly FigureKey[];
}) {
  const drillOf = (row: BreakdownRow, figure: FigureKey): DrillDown | null => {
    if (dimension === "month") {
      if (row.key === null) return null;
      const from = `${row.key}-01`;
      const to = lastDayOfMonth(row.key);
      return {
        ...base,
        figure,
        from: base.from && base.from > from ? base.from : from,
        to: base.to && base.to < to ? base.to : to,
      };
    }
    return row.key === null ? { ...base, figure } : { ...base, figure, [dimension]: row.key };
  };
  const labelOf = (row: BreakdownRow) => (dimension === "month" && row.key ? monthLabel(row.key) : row.label);
  return (
    <div className="fr-table" id={id}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{dimensionLabel}</th>
                  {figures.map((f) => (
                    <th key={f} scope="col" className="fr-cell--right">
                      {FIGURE_LABELS[f]} HT
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.length === 0 ? (
                  <tr>
                    <td colSpan={figures.length + 1}>Aucun montant sur cette période.</td>
                  </tr>
                ) : (
                  rows.map((row) => (
                    <tr key={row.key ?? "none"}>
                      <th scope="row">{labelOf(row)}</th>
                      {figures.map((f) => (
                        <td key={f} className="fr-cell--right">
                          <FigureLink
                            cents={row.figures[f]}
                            drill={drillOf(row, f)}
                            context={`${FIGURE_LABELS[f]}, ${labelOf(row)}`}
                          />
                        </td>
                      ))}
                    </tr>
                  ))
                )}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  {figures.map((f) => (
                    <td key={f} className="fr-cell--right">
                      <strong>
                        <FigureLink
                          cents={totals[f]}
                          drill={{ ...base, figure: f }}
                          context={`${FIGURE_LABELS[f]}, total`}
                        />
                      </strong>
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
