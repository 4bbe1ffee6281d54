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

/** What the rows left out of a shortened breakdown add up to. */
function sumOf(rows: BreakdownRow[]): Figures {
  const out: Figures = { committed: 0n, consumed: 0n, certified: 0n, invoiced: 0n, paid: 0n };
  for (const r of rows) for (const k of FIGURE_KEYS) out[k] += r.figures[k];
  return out;
}

export type BreakdownLimit = {
  /** Rows shown; the others are added up in one row. */
  rows: number;
  /** Which rows are kept: the first ones (largest committed first) or the last ones (latest months). */
  keep: "first" | "last";
  /** Label of the added-up row, given how many rows it holds. */
  restLabel: (count: number) => string;
  /** The full breakdown (paginated page). */
  fullHref: string;
  fullLabel: string;
};

/**
 * One breakdown of the five figures (by beneficiary, contractor, product, UO type or month),
 * with the total, every amount a link to the orders behind it. With `limit`, a long
 * breakdown shows its first (or last) rows, the rest added up in one row, and a link to the
 * full breakdown: the page stays light whatever the number of products or months.
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
  limit,
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
  limit?: BreakdownLimit;
}) {
  // The row without a key (undated, not by UO type) always shows, after the others.
  const keyed = rows.filter((r) => r.key !== null);
  const unkeyed = rows.filter((r) => r.key === null);
  const cut = limit !== undefined && keyed.length > limit.rows + 1;
  const shown = !cut ? keyed : limit.keep === "first" ? keyed.slice(0, limit.rows) : keyed.slice(-limit.rows);
  const rest = !cut ? [] : limit.keep === "first" ? keyed.slice(limit.rows) : keyed.slice(0, -limit.rows);
  const restRow: BreakdownRow | null =
    cut && limit ? { key: null, label: limit.restLabel(rest.length), figures: sumOf(rest) } : null;
  const body: Array<{ row: BreakdownRow; rest: boolean }> = [
    ...(restRow && limit?.keep === "last" ? [{ row: restRow, rest: true }] : []),
    ...shown.map((row) => ({ row, rest: false })),
    ...(restRow && limit?.keep === "first" ? [{ row: restRow, rest: true }] : []),
    ...unkeyed.map((row) => ({ row, rest: false })),
  ];
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
    <>
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
                    body.map(({ row, rest }) => (
                      <tr key={rest ? "rest" : (row.key ?? "none")}>
                        <th scope="row">{rest ? row.label : labelOf(row)}</th>
                        {figures.map((f) => (
                          <td key={f} className="fr-cell--right">
                            <FigureLink
                              cents={row.figures[f]}
                              drill={rest ? null : drillOf(row, f)}
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
      {cut && limit && (
        <p>
          <Link href={limit.fullHref}>{limit.fullLabel}</Link>
        </p>
      )}
    </>
  );
}
