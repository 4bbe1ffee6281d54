// Pure cell conversions shared by the CSV and XLSX writers: one place decides what a cell
// is (a number, a date, or text) and how text is made inert for spreadsheets.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { PARIS } from "@/lib/dates";
import type { CellValue, Column } from "./table";

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"): = + - @
 * and their full-width forms (some Excel locales convert them), after any leading blanks, or a
 * leading tab or carriage return.
 */
const FORMULA_START = /^(?:[\t\r]|[\s\u00a0]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;

/** Text made inert: a leading single quote when it could start a formula. */
export function neutraliseText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Exact euros with a dot from integer cents: -123456n → "-1234.56". */
export function centsToEuros(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}

/** Integer cents from a cell value, or null when the value is not a whole number of cents. */
export function toCents(value: CellValue): bigint | null {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") return Number.isSafeInteger(value) ? BigInt(value) : null;
  if (typeof value === "string" && INTEGER.test(value)) return BigInt(value);
  return null;
}

/** "YYYY-MM-DD" of a calendar-date cell (a DATE column's value is UTC midnight). */
export function toIsoDate(value: CellValue): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === "string" && ISO_DATE.test(value)) return value;
  return null;
}

/** An instant in Paris time, ISO 8601 with its offset: "2026-11-24T15:30:00+01:00". */
export function toIsoInstant(value: Date): string {
  return format(new TZDate(value, PARIS), "yyyy-MM-dd'T'HH:mm:ssXXX");
}

/** The wall-clock time in Paris as a Date whose UTC fields are those of Paris (for XLSX). */
export function parisWallClock(value: Date): Date {
  const p = new TZDate(value, PARIS);
  return new Date(
    Date.UTC(p.getFullYear(), p.getMonth(), p.getDate(), p.getHours(), p.getMinutes(), p.getSeconds()),
  );
}

/**
 * What a cell is, decided from its column's kind AND its value: a value that does not fit
 * its numeric or date kind is written as (neutralised) text, never trusted as a number.
 */
export type TypedCell =
  | { type: "empty" }
  | { type: "text"; text: string }
  | { type: "cents"; cents: bigint }
  | { type: "integer"; value: bigint }
  | { type: "decimal"; text: string }
  | { type: "date"; iso: string }
  | { type: "datetime"; at: Date };

export function typeCell(column: Column, value: CellValue | undefined): TypedCell {
  if (value === null || value === undefined) return { type: "empty" };
  switch (column.kind ?? "text") {
    case "cents": {
      const cents = toCents(value);
      if (cents !== null) return { type: "cents", cents };
      break;
    }
    case "integer": {
      const n = toCents(value);
      if (n !== null) return { type: "integer", value: n };
      break;
    }
    case "decimal": {
      if (typeof value === "bigint") return { type: "decimal", text: value.toString() };
      if (typeof value === "number" && Number.isFinite(value) && DECIMAL.test(String(value))) {
        return { type: "decimal", text: String(value) };
      }
      if (typeof value === "string" && DECIMAL.test(value)) return { type: "decimal", text: value };
      break;
    }
    case "date": {
      const iso = toIsoDate(value);
      if (iso !== null) return { type: "date", iso };
      break;
    }
    case "datetime": {
      if (value instanceof Date && !Number.isNaN(value.getTime())) return { type: "datetime", at: value };
      break;
    }
    default:
      break;
  }
  return { type: "text", text: plainText(value) };
}

function plainText(value: CellValue): string {
  if (typeof value === "boolean") return value ? "Oui" : "Non";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : toIsoInstant(value);
  return String(value);
}

/** The cell as CSV text: numbers with a dot, dates ISO, text neutralised. */
export function csvText(cell: TypedCell): string {
  switch (cell.type) {
    case "empty":
      return "";
    case "cents":
      return centsToEuros(cell.cents);
    case "integer":
      return cell.value.toString();
    case "decimal":
      return cell.text;
    case "date":
      return cell.iso;
    case "datetime":
      return toIsoInstant(cell.at);
    case "text":
      return neutraliseText(cell.text);
  }
}

/** A safe ASCII file name: letters, digits, dot, dash, underscore (accents dropped). */
export function safeFileName(name: string): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 100);
  return ascii || "export";
}
