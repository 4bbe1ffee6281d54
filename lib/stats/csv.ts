// CSV (RFC 4180: comma, CRLF, double quotes) of a Table, with csv-stringify. Kept local to
// the stats: lib/exports (tableToCsv) is being written in parallel; once it is merged this
// can be replaced by it. Spreadsheet formulas are neutralised: a cell starting with = + - @
// tab or CR gets a leading quote (csv-stringify's escape_formulas), so it opens as text.
import { stringify } from "csv-stringify/sync";
import type { CellValue, Table } from "@/lib/exports/table";

function cellText(value: CellValue): string {
  if (value === null) return "";
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

export function statsTableToCsv(table: Table): string {
  return stringify(
    table.rows.map((row) => table.columns.map((c) => cellText(row[c.key] ?? null))),
    {
      header: true,
      columns: table.columns.map((c) => c.label),
      record_delimiter: "windows",
      // Line breaks inside a cell are quoted too (csv-stringify only quotes the CRLF delimiter itself).
      quoted_match: /[\r\n]/,
      escape_formulas: true,
      // A UTF-8 byte-order mark, so spreadsheet software reads the accents right.
      bom: true,
    },
  );
}
