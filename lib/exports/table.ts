// A tabular result that a screen shows and that downloads as CSV or XLSX unchanged: the
// report queries return this shape, lib/exports turns it into files. Cells are plain values
// (money as integer cents with `kind: "cents"`, so no floating point on the way).
export type CellValue = string | number | bigint | boolean | Date | null;

export type Column = {
  key: string;
  /** French header, as shown on screen and in the file. */
  label: string;
  /**
   * How the cell is written: text (default), integer, decimal string, euro cents, calendar
   * date (a `@db.Date` value or "YYYY-MM-DD"), instant (`datetime`: written in Paris time).
   */
  kind?: "text" | "integer" | "decimal" | "cents" | "date" | "datetime";
};

export type Table = {
  /** File name without extension, safe characters only (e.g. "commandes-2026-11-24"). */
  name: string;
  /** Sheet title (XLSX) and page title. */
  title: string;
  columns: Column[];
  rows: Array<Record<string, CellValue>>;
};
