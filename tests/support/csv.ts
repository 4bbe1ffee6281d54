// A strict RFC 4180 reader for the tests: CRLF between records, fields quoted with doubled
// quotes inside; anything else (a bare LF between records, a stray quote) is an error, so a
// test reading an export also checks that the file is well-formed.
export function parseCsv(input: string, separator = ","): string[][] {
  // A UTF-8 BOM (written for Excel) is not part of the first field.
  const text = input.replace(/^\ufeff/, "");
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) return records;
  for (;;) {
    let field = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) throw new Error("CSV : guillemet non fermé");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < n && text[i] !== separator && text[i] !== "\r" && text[i] !== "\n") {
        if (text[i] === '"') throw new Error(`CSV : guillemet dans un champ non entouré (position ${i})`);
        field += text[i++];
      }
    }
    record.push(field);
    if (i >= n) {
      records.push(record);
      return records;
    }
    if (text[i] === separator) {
      i++;
      continue;
    }
    if (text[i] === "\r" && text[i + 1] === "\n") {
      records.push(record);
      record = [];
      i += 2;
      if (i >= n) return records;
      continue;
    }
    throw new Error(`CSV : fin de ligne qui n'est pas CRLF (position ${i})`);
  }
}
