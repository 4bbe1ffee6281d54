// Text preparation for pdfkit's standard fonts (Helvetica family, WinAnsi encoding).
//
// Why this exists: pdfkit's AFM fonts encode each UTF-16 code unit as `code.toString(16)`
// with no padding and no check. A character outside WinAnsi (U+202F, the thousands
// separator Intl fr-FR uses; an emoji) therefore becomes 4 hex digits that the viewer reads
// as two unrelated bytes ("1 /234"), and a control character below U+0010 becomes ONE hex
// digit that shifts every following glyph. So every string that reaches `doc.text()` or
// `doc.widthOfString()` must go through `toPdfText()` first.

// Unicode → WinAnsi (cp1252) for the 0x80–0x9F block, the only part that differs from Latin-1.
// Mirrors pdfkit's own WIN_ANSI_MAP, so anything listed here is encoded correctly by pdfkit.
const WIN_ANSI_EXTRA = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e,
  0x0178,
]);

// Common characters outside WinAnsi with a faithful WinAnsi spelling.
const SUBSTITUTES: Record<string, string> = {
  // Spaces: U+00A0 is in WinAnsi and stays non-breaking for pdfkit's line breaker, and
  // pdftotext/copy-paste give it back as a plain space, so amounts read "1 234,56 €".
  "\u202f": "\u00a0", // narrow no-break space (fr-FR thousands separator, before « » ; : ! ?)
  "\u2007": "\u00a0", // figure space
  "\u2009": " ", // thin space
  "\u200a": " ",
  "\u2002": " ",
  "\u2003": " ",
  "\u2028": "\n", // line separator
  "\u2029": "\n",
  "\t": "    ",
  "\u2010": "-", // hyphen
  "\u2011": "-", // non-breaking hyphen
  "\u2012": "–",
  "\u2015": "—",
  "\u2212": "-", // minus sign
  "\u2032": "’",
  "\u2033": "”",
  "\u2264": "<=",
  "\u2265": ">=",
  "\u2192": "->",
  "\u2190": "<-",
  "\u2713": "v",
  "\u2714": "v",
  "\u25cf": "•",
  "\u25aa": "•",
  "\u2023": "•",
  "\u2043": "-",
};

function isWinAnsi(code: number): boolean {
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code);
}

/**
 * Makes any string safe to print with a standard PDF font: line breaks normalised to "\n",
 * other control characters dropped, known look-alikes substituted, accented letters outside
 * Latin-1 reduced to their base letter (ő → o), anything else shown as "?".
 * The result is only ever drawn as text, so user input cannot alter the PDF's structure.
 */
export function toPdfText(input: string): string {
  let out = "";
  // for…of walks code points, so an emoji (surrogate pair) becomes a single "?".
  for (const ch of input.replace(/\r\n?/g, "\n").normalize("NFC")) {
    const code = ch.codePointAt(0)!;
    if (ch === "\n" || isWinAnsi(code)) {
      out += ch;
      continue;
    }
    const sub = SUBSTITUTES[ch];
    if (sub !== undefined) {
      out += sub;
      continue;
    }
    if (
      code < 0x20 ||
      (code >= 0x7f && code <= 0x9f) ||
      (code >= 0x200b && code <= 0x200f) ||
      code === 0xfeff
    ) {
      continue; // control and zero-width characters: invisible anyway
    }
    const base = ch.normalize("NFKD").replace(/\p{M}/gu, "");
    out += base.length > 0 && [...base].every((c) => isWinAnsi(c.codePointAt(0)!)) ? base : "?";
  }
  return out;
}

/**
 * Exact decimal string → French notation: "2.55" → "2,55", "-0.5" → "-0,5", "1020" → "1 020",
 * "50.00" → "50".
 * Works on the string itself so no digit is lost to floating point.
 */
export function formatDecimalFr(value: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return value;
  const [, sign, int, rawFrac] = m;
  const frac = rawFrac?.replace(/0+$/, ""); // "2.50" and "2.5" print the same
  const grouped = int!.replace(/^0+(?=\d)/, "").replace(/\B(?=(\d{3})+$)/g, "\u00a0");
  return `${sign}${grouped}${frac ? `,${frac}` : ""}`;
}
