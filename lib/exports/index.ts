// Minimal CSV and XLSX writers of a `Table` (lib/exports/table.ts), for the consolidation's
// report downloads. The exports module proper is being written on another branch with the
// same two signatures; this one is to be merged into it.
//
// Spreadsheet safety: a text cell beginning with = + - @ (or a tab or carriage return) would
// run as a formula when the file is opened; it is written with a leading single quote.
// Amounts stay exact: cents are written from their integer value, never through a float
// sum (the XLSX number is the exact decimal, which a spreadsheet stores as a double anyway).
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { CellValue, Column, Table } from "./table";

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell a spreadsheet will never evaluate. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function centsToDecimal(cents: bigint | number, separator: "," | "."): string {
  const c = BigInt(cents);
  const neg = c < 0n;
  const abs = neg ? -c : c;
  return `${neg ? "-" : ""}${abs / 100n}${separator}${(abs % 100n).toString().padStart(2, "0")}`;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A cell as CSV text (French conventions: decimal comma, dd/mm/yyyy). */
function csvCell(column: Column, value: CellValue): string {
  if (value === null || value === undefined) return "";
  switch (column.kind) {
    case "cents":
      return typeof value === "bigint" || typeof value === "number" ? centsToDecimal(value, ",") : "";
    case "decimal":
    case "integer":
      return String(value).replace(".", ",");
    case "date":
      return value instanceof Date ? isoDate(value).split("-").reverse().join("/") : String(value);
    default:
      if (typeof value === "boolean") return value ? "Oui" : "Non";
      return neutraliseFormula(value instanceof Date ? isoDate(value) : String(value));
  }
}

/** CSV for French spreadsheets: UTF-8 with BOM, ";" separator, CRLF, RFC 4180 quoting. */
export function tableToCsv(table: Table): string {
  const header = table.columns.map((c) => neutraliseFormula(c.label));
  const rows = table.rows.map((row) => table.columns.map((c) => csvCell(c, row[c.key] ?? null)));
  return `\ufeff${stringify([header, ...rows], { delimiter: ";", record_delimiter: "windows" })}`;
}

/** XLSX: one sheet named after the table, typed cells (amounts in euros, dates as dates). */
export async function tableToXlsx(table: Table): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Commandes beta.gouv";
  // Sheet names: at most 31 characters, none of : \ / ? * [ ].
  const sheet = workbook.addWorksheet(table.title.replace(/[:\\/?*[\]]/g, " ").slice(0, 31) || "Données");
  sheet.columns = table.columns.map((c) => ({
    header: neutraliseFormula(c.label),
    key: c.key,
    width: Math.min(60, Math.max(12, c.label.length + 2)),
    style:
      c.kind === "cents"
        ? { numFmt: '#,##0.00 "€"' }
        : c.kind === "date"
          ? { numFmt: "dd/mm/yyyy" }
          : c.kind === "decimal"
            ? { numFmt: "0.0##" }
            : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    const values: Record<string, ExcelJS.CellValue> = {};
    for (const c of table.columns) {
      const v = row[c.key] ?? null;
      if (v === null) values[c.key] = null;
      else if (c.kind === "cents") values[c.key] = Number(centsToDecimal(v as bigint, "."));
      else if (c.kind === "decimal" || c.kind === "integer") values[c.key] = Number(v);
      else if (c.kind === "date") values[c.key] = v instanceof Date ? v : String(v);
      else if (typeof v === "boolean") values[c.key] = v ? "Oui" : "Non";
      else values[c.key] = neutraliseFormula(v instanceof Date ? isoDate(v) : String(v));
    }
    sheet.addRow(values);
  }
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
