import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { parseCsv } from "@/tests/support/csv";
import { centsToEuros, neutraliseText, safeFileName } from "./cells";
import { attachmentDisposition, exportResponse, type Table, tableToCsv, tableToXlsx } from "./index";

const BOM = "\uFEFF";

/** The formula payloads of the OWASP "CSV injection" page, and their cousins. */
const PAYLOADS = [
  '=HYPERLINK("http://x","y")',
  "+cmd|' /C calc'!A0",
  "@SUM(1+1)",
  "-2+3",
  "\t=1",
  "\r=1",
  "  =1+1",
  "＝1+1",
];

function textTable(values: string[]): Table {
  return {
    name: "essai",
    title: "Essai",
    columns: [{ key: "v", label: "Valeur" }],
    rows: values.map((v) => ({ v })),
  };
}

async function readXlsx(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  if (!sheet) throw new Error("no sheet");
  return sheet;
}

describe("tableToCsv (RFC 4180)", () => {
  it("starts with a BOM, ends lines with CRLF and quotes what must be quoted", () => {
    const csv = tableToCsv({
      name: "t",
      title: "T",
      columns: [
        { key: "a", label: "Nom" },
        { key: "b", label: "Remarque" },
      ],
      rows: [
        { a: "Dupont, Jean", b: 'Il a dit "bonjour"' },
        { a: "Ligne\nsuivante", b: "Retour\r\nchariot" },
        { a: "Élise Îlot — façade", b: "simple" },
      ],
    });
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toBe(
      `${BOM}Nom,Remarque\r\n` +
        `"Dupont, Jean","Il a dit ""bonjour"""\r\n` +
        `"Ligne\nsuivante","Retour\r\nchariot"\r\n` +
        "Élise Îlot — façade,simple\r\n",
    );
    expect(parseCsv(csv.slice(1))).toEqual([
      ["Nom", "Remarque"],
      ["Dupont, Jean", 'Il a dit "bonjour"'],
      ["Ligne\nsuivante", "Retour\r\nchariot"],
      ["Élise Îlot — façade", "simple"],
    ]);
  });

  it("quotes a lone carriage return too (it would split the record in most readers)", () => {
    const csv = tableToCsv(textTable(["a\rb"]));
    expect(csv).toContain('"a\rb"');
  });

  it("can use a semicolon for French Excel, quoting fields that contain one", () => {
    const csv = tableToCsv(textTable(["a;b", "c,d"]), { separator: ";" });
    expect(parseCsv(csv.slice(1), ";")).toEqual([["Valeur"], ["a;b"], ["c,d"]]);
    expect(csv).toContain('"a;b"\r\nc,d\r\n');
  });

  it.each(PAYLOADS)("neutralises the formula payload %j with a leading quote", (payload) => {
    const cell = parseCsv(tableToCsv(textTable([payload])).slice(1))[1]?.[0];
    expect(cell).toBe(`'${payload}`);
  });

  it("leaves ordinary text alone", () => {
    const [, ...rows] = parseCsv(
      tableToCsv(textTable(["Produit A", "2 UO", "a=b", "x-y", "'déjà"])).slice(1),
    );
    expect(rows.map((r) => r[0])).toEqual(["Produit A", "2 UO", "a=b", "x-y", "'déjà"]);
  });

  it("writes cents as exact euros with a dot, negatives unprefixed, beyond 2^53 exactly", () => {
    const big = 2n ** 60n + 7n; // 1 152 921 504 606 846 983 cents
    const csv = tableToCsv({
      name: "t",
      title: "T",
      columns: [{ key: "m", label: "Montant", kind: "cents" }],
      rows: [
        { m: 1n },
        { m: 999_999_999_999n },
        { m: -123_456n },
        { m: -5 },
        { m: 0n },
        { m: big },
        { m: "-10" },
        { m: null },
      ],
    });
    expect(parseCsv(csv.slice(1)).map((r) => r[0])).toEqual([
      "Montant",
      "0.01",
      "9999999999.99",
      "-1234.56",
      "-0.05",
      "0.00",
      "11529215046068469.83",
      "-0.10",
      "",
    ]);
  });

  it("keeps numeric kinds numeric and treats a non-number in them as text", () => {
    const csv = tableToCsv({
      name: "t",
      title: "T",
      columns: [
        { key: "i", label: "Entier", kind: "integer" },
        { key: "d", label: "Jours", kind: "decimal" },
        { key: "t", label: "Texte" },
      ],
      rows: [
        { i: -2, d: "-12.5", t: -2 },
        { i: 2n ** 70n, d: 3, t: "x" },
        { i: "=1+1", d: "-2+3", t: "y" },
      ],
    });
    expect(parseCsv(csv.slice(1)).slice(1)).toEqual([
      ["-2", "-12.5", "'-2"],
      [(2n ** 70n).toString(), "3", "x"],
      ["'=1+1", "'-2+3", "y"],
    ]);
  });

  it("writes calendar dates ISO, instants ISO in Paris time, booleans in French", () => {
    const csv = tableToCsv({
      name: "t",
      title: "T",
      columns: [
        { key: "d", label: "Date", kind: "date" },
        { key: "s", label: "Date (texte)", kind: "date" },
        { key: "at", label: "Horodatage", kind: "datetime" },
        { key: "b", label: "Actif" },
      ],
      rows: [
        {
          d: new Date("2026-11-24T00:00:00Z"),
          s: "2026-02-28",
          at: new Date("2026-07-14T08:05:09Z"),
          b: true,
        },
        { d: "pas une date", s: null, at: new Date("2026-01-05T23:30:00Z"), b: false },
      ],
    });
    expect(parseCsv(csv.slice(1)).slice(1)).toEqual([
      ["2026-11-24", "2026-02-28", "2026-07-14T10:05:09+02:00", "Oui"],
      ["pas une date", "", "2026-01-06T00:30:00+01:00", "Non"],
    ]);
  });
});

describe("tableToXlsx", () => {
  it("writes a bold, frozen header, money as numbers with a euro format, dates as dates", async () => {
    const buffer = await tableToXlsx({
      name: "t",
      title: "Bons de commande : 2026/11 [test]",
      columns: [
        { key: "n", label: "Numéro" },
        { key: "m", label: "Montant HT", kind: "cents" },
        { key: "d", label: "Début", kind: "date" },
        { key: "at", label: "Créé le", kind: "datetime" },
        { key: "q", label: "Jours", kind: "decimal" },
      ],
      rows: [
        {
          n: "BDC-2026-0001",
          m: 1_725_000n,
          d: "2026-12-01",
          at: new Date("2026-07-14T08:05:00Z"),
          q: "12.5",
        },
        { n: "BDC-2026-0002", m: -1n, d: new Date("2027-01-31T00:00:00Z"), at: null, q: null },
      ],
    });
    const sheet = await readXlsx(buffer);
    // Forbidden characters replaced, cut at Excel's 31 characters.
    expect(sheet.name).toBe("Bons de commande   2026 11  tes");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(1).values).toEqual([undefined, "Numéro", "Montant HT", "Début", "Créé le", "Jours"]);
    const money = sheet.getRow(2).getCell(2);
    expect(money.value).toBe(17250);
    expect(money.numFmt).toContain("€");
    // Stored as a locale-independent code: French Excel shows it as "17 250,00 €".
    const styles = strFromU8(unzipSync(new Uint8Array(buffer))["xl/styles.xml"] as Uint8Array);
    expect(styles).toContain('formatCode="#,##0.00\\ &quot;€&quot;"');
    expect(sheet.getRow(3).getCell(2).value).toBe(-0.01);
    expect(sheet.getRow(2).getCell(3).value).toEqual(new Date("2026-12-01T00:00:00Z"));
    expect(sheet.getRow(2).getCell(3).numFmt).toBe("dd/mm/yyyy");
    // Paris wall-clock time (UTC+2 in July), as Excel has no time zones.
    expect(sheet.getRow(2).getCell(4).value).toEqual(new Date("2026-07-14T10:05:00Z"));
    expect(sheet.getRow(2).getCell(5).value).toBe(12.5);
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual("BDC-2026-0001".length);
  });

  it("computes each amount from the exact decimal string (1 cent, 999 999 999 999 cents)", async () => {
    const sheet = await readXlsx(
      await tableToXlsx({
        name: "t",
        title: "T",
        columns: [{ key: "m", label: "M", kind: "cents" }],
        rows: [{ m: 1n }, { m: 999_999_999_999n }, { m: 10n }, { m: 2n ** 60n }],
      }),
    );
    expect(sheet.getRow(2).getCell(1).value).toBe(0.01);
    expect(sheet.getRow(3).getCell(1).value).toBe(9_999_999_999.99);
    expect(sheet.getRow(4).getCell(1).value).toBe(0.1);
    // Not exactly representable as a spreadsheet number: kept exact, as text.
    expect(sheet.getRow(5).getCell(1).value).toBe("11529215046068469.76");
  });

  it("writes every formula payload as inert text: no formula in the file, a leading quote", async () => {
    const buffer = await tableToXlsx(textTable(PAYLOADS));
    const sheet = await readXlsx(buffer);
    PAYLOADS.forEach((payload, i) => {
      const cell = sheet.getRow(i + 2).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      // XML reads a raw carriage return back as a line feed: still text, still quoted.
      expect(cell.value).toBe(`'${payload}`.replace(/\r/g, "\n"));
    });
    // The raw sheet XML has no formula element at all.
    const files = unzipSync(new Uint8Array(buffer));
    const sheetXml = strFromU8(files["xl/worksheets/sheet1.xml"] as Uint8Array);
    expect(sheetXml).not.toMatch(/<f[ >]/);
  });

  it("keeps a text cell within Excel's 32 767 characters, saying it was cut", async () => {
    const sheet = await readXlsx(await tableToXlsx(textTable(["a".repeat(40_000)])));
    const value = String(sheet.getRow(2).getCell(1).value);
    expect(value.length).toBe(32_767);
    expect(value.endsWith("(texte tronqué : le fichier CSV contient le texte complet)")).toBe(true);
  });
});

describe("exportResponse", () => {
  const table: Table = {
    name: "commandes-2026-11-24",
    title: "Commandes",
    columns: [{ key: "a", label: "A" }],
    rows: [{ a: "é" }],
  };

  it("downloads CSV as UTF-8 with a BOM, never cached, never sniffed", async () => {
    const res = await exportResponse(table, "csv");
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(
      `attachment; filename="commandes-2026-11-24.csv"; filename*=UTF-8''commandes-2026-11-24.csv`,
    );
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe("A\r\né\r\n");
  });

  it("downloads XLSX that exceljs reads back", async () => {
    const res = await exportResponse(table, "xlsx");
    expect(res.headers.get("Content-Type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const sheet = await readXlsx(Buffer.from(await res.arrayBuffer()));
    expect(sheet.getRow(2).getCell(1).value).toBe("é");
  });

  it("never lets a file name break out of the header", () => {
    const d = attachmentDisposition('Rapport "été"\r\nSet-Cookie: x=1/../', "csv");
    expect(d).not.toMatch(/[\r\n]/);
    expect(d).toBe(
      `attachment; filename="Rapport-ete-Set-Cookie-x-1.csv"; filename*=UTF-8''Rapport%20%22%C3%A9t%C3%A9%22-Set-Cookie%3A%20x%3D1-..-.csv`,
    );
  });
});

describe("cells", () => {
  it("converts cents exactly", () => {
    expect(centsToEuros(0n)).toBe("0.00");
    expect(centsToEuros(-1n)).toBe("-0.01");
    expect(centsToEuros(123_456_789_012_345_678_901n)).toBe("1234567890123456789.01");
  });

  it("neutralises only what could start a formula", () => {
    expect(neutraliseText("=1")).toBe("'=1");
    expect(neutraliseText("\u00a0@x")).toBe("'\u00a0@x");
    expect(neutraliseText("1=1")).toBe("1=1");
    expect(neutraliseText("")).toBe("");
  });

  it("makes safe ASCII file names", () => {
    expect(safeFileName("fiches-bêta 2026/11")).toBe("fiches-beta-2026-11");
    expect(safeFileName("../..")).toBe("export");
  });
});
