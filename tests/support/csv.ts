// A strict RFC 4180 reader for the tests (quoted fields, doubled quotes, CRLF), so a test
// reads a downloaded CSV the way a spreadsheet would, independently of the code that wrote it.
export function parseCsv(text: string): string[][] {
  const s = text.replace(/^\ufeff/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < s.length) {
    const c = s[i] as string;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === "") {
      quoted = true;
      i++;
    } else if (c === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (c === "\r" && s[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 2;
    } else if (c === "\n" || c === "\r" || c === '"') {
      throw new Error(
        `CSV invalide à la position ${i} : ${JSON.stringify(c)} hors d'un champ entre guillemets`,
      );
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error("CSV invalide : guillemet non fermé");
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
