import type { CellValue, Column, Table } from "@/lib/exports/table";
import { formatEuros } from "@/lib/money";

const frNumber = new Intl.NumberFormat("fr-FR");

/** A cell of a report table, formatted for the screen by its column's kind. */
export function formatCell(column: Column, value: CellValue): string {
  if (value === null || value === undefined || value === "") return "—";
  switch (column.kind) {
    case "cents":
      return typeof value === "bigint" || typeof value === "number" ? formatEuros(value) : String(value);
    case "integer":
      return typeof value === "number" || typeof value === "bigint" ? frNumber.format(value) : String(value);
    case "decimal":
      return String(value).replace(".", ",");
    case "date":
      return value instanceof Date
        ? value.toISOString().slice(0, 10).split("-").reverse().join("/")
        : String(value);
    default:
      return typeof value === "boolean" ? (value ? "Oui" : "Non") : String(value);
  }
}

const numeric = (c: Column) => c.kind === "cents" || c.kind === "integer" || c.kind === "decimal";

/**
 * A report's table on screen, exactly as it downloads (same columns, same rows): the first
 * column heads each row. `page`/`pageSize` show one slice of a long report.
 */
export function ReportTable({
  table,
  caption,
  page = 1,
  pageSize,
  empty = "Rien à signaler sur cette période.",
}: {
  table: Table;
  caption: string;
  page?: number;
  pageSize?: number;
  empty?: string;
}) {
  const rows = pageSize ? table.rows.slice((page - 1) * pageSize, page * pageSize) : table.rows;
  const [first, ...rest] = table.columns;
  if (!first) return null;
  return (
    <div className="fr-table">
      <div className="fr-table__wrapper">
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: wide tables scroll sideways; the scrolling area must take the keyboard focus (RGAA 7.3, axe scrollable-region-focusable). */}
        <section className="fr-table__container" tabIndex={0} aria-label={caption}>
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  {table.columns.map((c) => (
                    <th key={c.key} scope="col" className={numeric(c) ? "fr-cell--right" : undefined}>
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.length === 0 ? (
                  <tr>
                    <td colSpan={table.columns.length}>{empty}</td>
                  </tr>
                ) : (
                  // Rows have no id of their own: their position in the report is stable.
                  rows.map((row, i) => (
                    <tr key={i}>
                      <th scope="row">{formatCell(first, row[first.key] ?? null)}</th>
                      {rest.map((c) => (
                        <td key={c.key} className={numeric(c) ? "fr-cell--right" : undefined}>
                          {formatCell(c, row[c.key] ?? null)}
                        </td>
                      ))}
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </div>
  );
}
