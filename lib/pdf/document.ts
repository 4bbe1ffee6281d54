// Shared building blocks for the official PDFs (bon de commande, later service fait):
// an A4 pdfkit document with French metadata, in-memory rendering, the République française
// header block, text helpers that always sanitise for WinAnsi, and "Page X / Y" footers.
import PDFDocument from "pdfkit";
import { toPdfText } from "./text";

export type Doc = PDFKit.PDFDocument;
type TextOptions = PDFKit.Mixins.TextOptions;

export const MARGIN = 50;
/** Bottom margin: the footer lives inside it, below the content area. */
export const MARGIN_BOTTOM = 56;
export const FONT = { regular: "Helvetica", bold: "Helvetica-Bold", italic: "Helvetica-Oblique" } as const;
export const COLOR = { text: "#161616", muted: "#666666", rule: "#929292", fill: "#eeeeee" } as const;

export type PdfMeta = {
  title: string;
  author: string;
  subject: string;
  /**
   * A business date rather than "now": the same record then always gives the same bytes
   * (pdfkit derives the file ID from the info dictionary), which makes caching and
   * comparing downloads possible.
   */
  creationDate: Date;
};

export function createPdfDocument(meta: PdfMeta): Doc {
  return new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN_BOTTOM },
    bufferPages: true, // needed to write "Page X / Y" once the page count is known
    lang: "fr-FR",
    displayTitle: true,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Creator: "Commandes beta.gouv",
      Producer: "Commandes beta.gouv",
      CreationDate: meta.creationDate,
      ModDate: meta.creationDate,
    },
  });
}

/**
 * Runs `draw`, ends the document and resolves with the whole file once pdfkit's `end` event
 * fired. Any error (thrown while drawing or emitted by the stream) rejects instead, so a
 * caller can never receive a truncated PDF.
 */
export function renderToBuffer(doc: Doc, draw: (doc: Doc) => void): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let failed = false;
    const fail = (err: unknown) => {
      failed = true;
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("error", fail);
    doc.on("end", () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    try {
      draw(doc);
      doc.end();
    } catch (err) {
      fail(err);
    }
  });
}

/** Width available between the left and right margins. */
export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Lowest y the content may reach on the current page. */
export function bottomLimit(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` points still fit below doc.y. Returns true if it did. */
export function ensureSpace(doc: Doc, height: number): boolean {
  if (doc.y + height <= bottomLimit(doc)) return false;
  doc.addPage();
  return true;
}

/** doc.text at an explicit position, with the string sanitised for WinAnsi. */
export function textAt(doc: Doc, text: string, x: number, y: number, options: TextOptions = {}): Doc {
  return doc.text(toPdfText(text), x, y, options);
}

/** doc.text at the current position (flowing onto new pages if needed), sanitised. */
export function text(doc: Doc, value: string, options: TextOptions = {}): Doc {
  return doc.text(toPdfText(value), options);
}

/** Height `value` takes when wrapped to `width` with the current font. */
export function heightOf(doc: Doc, value: string, width: number): number {
  return doc.heightOfString(toPdfText(value), { width });
}

export function useFont(doc: Doc, font: string, size: number, color: string = COLOR.text): Doc {
  return doc.font(font).fontSize(size).fillColor(color);
}

/**
 * The State's "bloc-marque" in text form, top-left: RÉPUBLIQUE FRANÇAISE, the motto, then the
 * issuing entity. Standard fonts only (Marianne is not embedded), which keeps the file small.
 * Leaves doc.y below the block and returns that y.
 */
export function drawRepublicHeader(doc: Doc, entityName: string, width = 260): number {
  const x = doc.page.margins.left;
  let y = doc.page.margins.top;
  useFont(doc, FONT.bold, 12);
  textAt(doc, "RÉPUBLIQUE FRANÇAISE", x, y, { width });
  y = doc.y + 1;
  useFont(doc, FONT.italic, 8.5);
  textAt(doc, "Liberté Égalité Fraternité", x, y, { width });
  y = doc.y + 8;
  doc
    .moveTo(x, y)
    .lineTo(x + 36, y)
    .lineWidth(1.5)
    .strokeColor(COLOR.text)
    .stroke();
  y += 8;
  useFont(doc, FONT.bold, 10);
  textAt(doc, entityName, x, y, { width });
  doc.x = x;
  return doc.y;
}

/** A bold section heading with a thin rule under it; keeps at least `keepWith` pt after it. */
export function drawSectionTitle(doc: Doc, title: string, keepWith = 40): void {
  ensureSpace(doc, 22 + keepWith);
  const x = doc.page.margins.left;
  const y = doc.y;
  useFont(doc, FONT.bold, 11);
  textAt(doc, title, x, y, { width: contentWidth(doc) });
  const ruleY = doc.y + 2;
  doc
    .moveTo(x, ruleY)
    .lineTo(x + contentWidth(doc), ruleY)
    .lineWidth(0.5)
    .strokeColor(COLOR.rule)
    .stroke();
  doc.x = x;
  doc.y = ruleY + 6;
}

/**
 * Writes the footer of every buffered page: `label` on the left, "Page X / Y" on the right.
 * Call once, after all content is drawn.
 */
export function drawFooters(doc: Doc, label: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Text placed below the bottom margin would make pdfkit open a new page: lift the margin
    // while writing the footer, then put it back.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const x = doc.page.margins.left;
    const width = contentWidth(doc);
    const y = doc.page.height - 36;
    doc
      .moveTo(x, y - 6)
      .lineTo(x + width, y - 6)
      .lineWidth(0.5)
      .strokeColor(COLOR.rule)
      .stroke();
    useFont(doc, FONT.regular, 8, COLOR.muted);
    textAt(doc, label, x, y, { width: width - 80, lineBreak: false });
    textAt(doc, `Page ${i - range.start + 1} / ${range.count}`, x + width - 80, y, {
      width: 80,
      align: "right",
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}
