// A Table (lib/exports/table.ts) as a file: CSV (RFC 4180) or XLSX, and the HTTP response
// that downloads it. Every list export and every report goes through here, so the rules hold
// everywhere: exact money (from BigInt, never through floating-point arithmetic), ISO dates,
// and text made inert for spreadsheets (OWASP "CSV injection": a leading quote before
// = + - @ tab or carriage return).
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import {
  centsToEuros,
  csvText,
  neutraliseText,
  parisWallClock,
  safeFileName,
  type TypedCell,
  typeCell,
} from "./cells";
import type { Table } from "./table";

export type { CellValue, Column, Table } from "./table";

export type CsvOptions = {
  /**
   * Field separator. Default "," (RFC 4180), so any CSV tool reads the file as is. French
   * Excel expects ";" when a CSV is double-clicked: people who work in Excel take the XLSX.
   */
  separator?: "," | ";";
};

/**
 * RFC 4180 CSV: CRLF line ends, fields holding the separator, a quote, CR or LF are quoted
 * and their quotes doubled; UTF-8 with a byte-order mark, so Excel reads accents right.
 */
export function tableToCsv(table: Table, options: CsvOptions = {}): string {
  const header = table.columns.map((c) => neutraliseText(c.label));
  const records = table.rows.map((row) => table.columns.map((c) => csvText(typeCell(c, row[c.key]))));
  return stringify([header, ...records], {
    bom: true,
    delimiter: options.separator ?? ",",
    record_delimiter: "windows",
    // With an explicit record delimiter csv-stringify would no longer quote a lone CR or LF.
    quote_record_delimiter: true,
    eof: true,
  });
}

/** Excel refuses longer cell texts (it would truncate or call the file corrupt). */
const XLSX_MAX_TEXT = 32_767;
const TRUNCATED = " […] (texte tronqué : le fichier CSV contient le texte complet)";
/** Cents beyond this are not exactly representable as a spreadsheet number. */
const MAX_EXACT_CENTS = BigInt(Number.MAX_SAFE_INTEGER);

/** Display formats stored in the file (locale-independent codes; French Excel shows "1 234,56 €"). */
const FORMATS = {
  cents: '#,##0.00\\ "€"',
  integer: "#,##0",
  decimal: "General",
  date: "dd/mm/yyyy",
  datetime: "dd/mm/yyyy hh:mm",
} as const;

type XlsxCell = { value: string | number | Date | null; numFmt?: string; text: string };

function xlsxCell(cell: TypedCell): XlsxCell {
  switch (cell.type) {
    case "empty":
      return { value: null, text: "" };
    case "cents": {
      const euros = centsToEuros(cell.cents);
      const abs = cell.cents < 0n ? -cell.cents : cell.cents;
      // The number is parsed from the exact decimal string: the nearest double, no arithmetic.
      if (abs > MAX_EXACT_CENTS) return { value: euros, text: euros };
      return { value: Number(euros), numFmt: FORMATS.cents, text: `${euros} €` };
    }
    case "integer": {
      const abs = cell.value < 0n ? -cell.value : cell.value;
      const s = cell.value.toString();
      if (abs > MAX_EXACT_CENTS) return { value: s, text: s };
      return { value: Number(s), numFmt: FORMATS.integer, text: s };
    }
    case "decimal": {
      const n = Number(cell.text);
      if (!Number.isFinite(n) || cell.text.replace(/^-/, "").replace(".", "").length > 15) {
        return { value: cell.text, text: cell.text };
      }
      return { value: n, numFmt: FORMATS.decimal, text: cell.text };
    }
    case "date":
      return { value: new Date(`${cell.iso}T00:00:00Z`), numFmt: FORMATS.date, text: "00/00/0000" };
    case "datetime":
      return { value: parisWallClock(cell.at), numFmt: FORMATS.datetime, text: "00/00/0000 00:00" };
    case "text": {
      let text = neutraliseText(cell.text);
      if (text.length > XLSX_MAX_TEXT) text = text.slice(0, XLSX_MAX_TEXT - TRUNCATED.length) + TRUNCATED;
      return { value: text, text };
    }
  }
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string): string {
  const name = title
    .replace(/[:\\/?*[\]]/g, " ")
    .replace(/^'+|'+$/g, "")
    .trim()
    .slice(0, 31);
  return name || "Export";
}

/**
 * XLSX: bold header row, frozen; column widths from the content; money as numbers with a euro
 * format, dates as real dates, text always as a string (exceljs writes a formula only from a
 * {formula} object, which is never built here), and neutralised like in CSV so the file stays
 * inert if someone saves it again as CSV.
 */
export async function tableToXlsx(table: Table): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Commandes beta.gouv";
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName(table.title), {
    views: [{ state: "frozen", ySplit: 1, xSplit: 0 }],
  });
  const widths = table.columns.map((c) => c.label.length);
  const header = sheet.addRow(table.columns.map((c) => neutraliseText(c.label)));
  header.font = { bold: true };
  for (const row of table.rows) {
    const cells = table.columns.map((c) => xlsxCell(typeCell(c, row[c.key])));
    const added = sheet.addRow(cells.map((c) => c.value));
    cells.forEach((c, i) => {
      if (c.numFmt) added.getCell(i + 1).numFmt = c.numFmt;
      const longestLine = Math.max(...c.text.split("\n").map((l) => l.length));
      if (longestLine > (widths[i] ?? 0)) widths[i] = longestLine;
    });
  }
  widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = Math.min(Math.max(w + 2, 10), 60);
  });
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

export type ExportFormat = keyof typeof CONTENT_TYPES;

export function isExportFormat(value: string | null): value is ExportFormat {
  return value === "csv" || value === "xlsx";
}

/** RFC 5987 value of `filename*`: UTF-8, percent-encoded, including ' ( ) * !. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `attachment` with a safe ASCII file name, plus the UTF-8 name for browsers that read it. */
export function attachmentDisposition(name: string, extension: string): string {
  // Control characters and path separators never reach the header, even percent-encoded.
  const utf8 = name.replace(/[\p{Cc}/\\]+/gu, "-").slice(0, 150) || "export";
  return `attachment; filename="${safeFileName(name)}.${extension}"; filename*=UTF-8''${rfc5987(`${utf8}.${extension}`)}`;
}

/** Headers of any file download: never cached, never sniffed as something else. */
export function downloadHeaders(contentType: string, disposition: string): HeadersInit {
  return {
    "Content-Type": contentType,
    "Content-Disposition": disposition,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}

/**
 * The table as a download, built whole before anything is sent: a failure while building
 * the XLSX becomes the caller's French error answer (lib/exports/route.ts), never a
 * truncated file under a 200.
 */
export async function exportResponse(table: Table, format: ExportFormat): Promise<Response> {
  const headers = downloadHeaders(CONTENT_TYPES[format], attachmentDisposition(table.name, format));
  if (format === "csv") return new Response(tableToCsv(table), { headers });
  return new Response(new Uint8Array(await tableToXlsx(table)), { headers });
}
