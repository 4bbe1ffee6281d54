import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { neutraliseFormula, tableToCsv, tableToXlsx } from "./index";
import type { Table } from "./table";

const table: Table = {
  name: "essai",
  title: "Essai : rapport",
  columns: [
    { key: "label", label: "Libellé" },
    { key: "amount", label: "Montant HT", kind: "cents" },
    { key: "days", label: "Jours", kind: "decimal" },
    { key: "count", label: "Nombre", kind: "integer" },
    { key: "on", label: "Date", kind: "date" },
  ],
  rows: [
    {
      label: '=HYPERLINK("http://x")',
      amount: 123456789012n,
      days: "17.5",
      count: 3,
      on: new Date("2026-11-24T00:00:00Z"),
    },
    { label: 'Texte ; avec "guillemets"\net retour', amount: -1250n, days: null, count: null, on: null },
    { label: "+33 6", amount: 5n, days: "0", count: 0, on: null },
  ],
};

describe("formula neutralisation", () => {
  it("prefixes every cell a spreadsheet would evaluate, and nothing else", () => {
    for (const s of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
      expect(neutraliseFormula(s)).toBe(`'${s}`);
    for (const s of ["Texte", "1 234,56", " =pas au début", ""]) expect(neutraliseFormula(s)).toBe(s);
  });
});

describe("tableToCsv", () => {
  it("writes French CSV: BOM, semicolons, CRLF, decimal comma, quoted text, neutralised formulas", () => {
    const csv = tableToCsv(table);
    expect(csv.startsWith("\ufeff")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe("Libellé;Montant HT;Jours;Nombre;Date");
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"")";1234567890,12;17,5;3;24/11/2026`);
    // A negative amount stays a number (amount columns are never neutralised).
    expect(csv).toContain(`"Texte ; avec ""guillemets""\r\net retour";-12,50;;;`.replace("\r\n", "\n"));
    expect(lines.at(-2)).toBe("'+33 6;0,05;0;0;");
  });
});

describe("tableToXlsx", () => {
  it("writes typed cells that read back exactly", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tableToXlsx(table)) as never);
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    expect(sheet.name).toBe("Essai   rapport");
    expect(sheet.getRow(1).values).toEqual([undefined, "Libellé", "Montant HT", "Jours", "Nombre", "Date"]);
    const r2 = sheet.getRow(2);
    expect(r2.getCell(1).value).toBe(`'=HYPERLINK("http://x")`);
    expect(r2.getCell(2).value).toBe(1234567890.12);
    expect(r2.getCell(3).value).toBe(17.5);
    expect((r2.getCell(5).value as Date).toISOString()).toBe("2026-11-24T00:00:00.000Z");
    expect(sheet.getRow(3).getCell(2).value).toBe(-12.5);
    expect(sheet.getRow(4).getCell(1).value).toBe("'+33 6");
  });
});
