// The purchase order ("bon de commande") as an A4 PDF. A pure function of its input: the
// data layer builds PurchaseOrderPdfData (authorization included), this file only lays it
// out. Everything a user typed is drawn as text through lib/pdf helpers, never interpreted.
import { formatDate, isoToDate } from "@/lib/dates";
import { formatEuros, formatRate } from "@/lib/money";
import {
  bottomLimit,
  COLOR,
  contentWidth,
  createPdfDocument,
  type Doc,
  drawFooters,
  drawRepublicHeader,
  drawSectionTitle,
  ensureSpace,
  FONT,
  heightOf,
  renderToBuffer,
  text,
  textAt,
  useFont,
} from "@/lib/pdf/document";
import { formatDecimalFr } from "@/lib/pdf/text";
import { formatSiret } from "@/lib/siret";
import type { PurchaseOrderPdfData } from "./pdf-data";

export type { PurchaseOrderPdfData } from "./pdf-data";

export async function renderPurchaseOrderPdf(data: PurchaseOrderPdfData): Promise<Buffer> {
  const doc = createPdfDocument({
    title: `Bon de commande n° ${data.number}`,
    author: data.beneficiary.name,
    subject: `Accord-cadre n° ${data.agreement.reference}`,
    creationDate: isoToDate(data.signatory.signedAt),
  });
  return renderToBuffer(doc, (d) => {
    drawHeading(d, data);
    drawParties(d, data);
    drawProductAndPeriod(d, data);
    drawLinesTable(d, data);
    drawTotals(d, data);
    drawDeliverables(d, data);
    drawCommitmentAndSignature(d, data);
    drawFooters(d, `Bon de commande n° ${data.number} – Accord-cadre n° ${data.agreement.reference}`);
  });
}

function left(doc: Doc): number {
  return doc.page.margins.left;
}

function drawHeading(doc: Doc, data: PurchaseOrderPdfData): void {
  const x = left(doc);
  const width = contentWidth(doc);
  const headerBottom = drawRepublicHeader(doc, data.beneficiary.name);

  // Top right: where the document comes from, in the margin of the bloc-marque.
  useFont(doc, FONT.regular, 8, COLOR.muted);
  textAt(doc, "Commandes beta.gouv", x + width - 200, doc.page.margins.top + 2, {
    width: 200,
    align: "right",
  });

  doc.y = headerBottom + 22;
  useFont(doc, FONT.bold, 18);
  textAt(doc, `Bon de commande n° ${data.number}`, x, doc.y, { width });
  doc.moveDown(0.3);

  if (data.correctsNumber) {
    // Boxed so nobody mistakes a corrective order for a new, additional one.
    const label = `Bon de commande modificatif — modifie le bon de commande n° ${data.correctsNumber}`;
    useFont(doc, FONT.bold, 10.5);
    const h = heightOf(doc, label, width - 16) + 12;
    const y = doc.y + 2;
    doc.rect(x, y, width, h).lineWidth(1).fillAndStroke(COLOR.fill, COLOR.text);
    useFont(doc, FONT.bold, 10.5);
    textAt(doc, label, x + 8, y + 6, { width: width - 16 });
    doc.y = y + h + 6;
  }

  useFont(doc, FONT.regular, 10);
  textAt(doc, `Accord-cadre n° ${data.agreement.reference} – ${data.agreement.title}`, x, doc.y, { width });
  doc.moveDown(0.2);
  textAt(doc, `Date de la commande : ${formatDate(data.orderDate)}`, x, doc.y, { width });
  doc.y += 14;
}

type Party = { title: string; rows: Array<[string, string]> };

function drawParties(doc: Doc, data: PurchaseOrderPdfData): void {
  const x = left(doc);
  const gap = 15;
  const colWidth = (contentWidth(doc) - gap) / 2;
  const pad = 8;
  const parties: Party[] = [
    {
      title: "Bénéficiaire",
      rows: [
        ["", data.beneficiary.name],
        ["SIRET", formatSiret(data.beneficiary.siret)],
        ["Code service Chorus", data.beneficiary.chorusServiceCode],
        ["Adresse de facturation", data.beneficiary.billingAddress.trim()],
      ],
    },
    {
      title: "Titulaire",
      rows: [
        ["", data.contractor.name],
        ["SIRET", formatSiret(data.contractor.siret)],
        ["Adresse", data.contractor.postalAddress.trim()],
      ],
    },
  ];

  // Measure both boxes first so they share one height and never straddle a page break.
  const inner = colWidth - 2 * pad;
  const measure = (p: Party) => {
    useFont(doc, FONT.bold, 10.5);
    let h = heightOf(doc, p.title, inner) + 4;
    for (const [label, value] of p.rows) {
      useFont(doc, label ? FONT.regular : FONT.bold, 9.5);
      h += heightOf(doc, label ? `${label} : ${value}` : value, inner) + 3;
      if (label.startsWith("Adresse")) h += heightOf(doc, label, inner);
    }
    return h;
  };
  const height = Math.max(...parties.map(measure)) + 2 * pad;
  ensureSpace(doc, height + 10);
  const top = doc.y;

  parties.forEach((party, i) => {
    const bx = x + i * (colWidth + gap);
    doc.rect(bx, top, colWidth, height).lineWidth(0.75).strokeColor(COLOR.rule).stroke();
    let y = top + pad;
    useFont(doc, FONT.bold, 10.5);
    textAt(doc, party.title, bx + pad, y, { width: inner });
    y = doc.y + 4;
    for (const [label, value] of party.rows) {
      if (!label) {
        useFont(doc, FONT.bold, 9.5);
        textAt(doc, value, bx + pad, y, { width: inner });
      } else if (label.startsWith("Adresse")) {
        // Multi-line address: label on its own line, the address lines below it.
        useFont(doc, FONT.regular, 9.5, COLOR.muted);
        textAt(doc, label, bx + pad, y, { width: inner });
        useFont(doc, FONT.regular, 9.5);
        textAt(doc, value, bx + pad, doc.y, { width: inner });
      } else {
        useFont(doc, FONT.regular, 9.5, COLOR.muted);
        textAt(doc, `${label} : `, bx + pad, y, { width: inner, continued: true });
        useFont(doc, FONT.regular, 9.5);
        text(doc, value);
      }
      y = doc.y + 3;
    }
  });
  doc.x = x;
  doc.y = top + height + 14;
}

function drawProductAndPeriod(doc: Doc, data: PurchaseOrderPdfData): void {
  const x = left(doc);
  const width = contentWidth(doc);
  const labelled = (label: string, value: string) => {
    useFont(doc, FONT.bold, 10);
    textAt(doc, `${label} : `, x, doc.y, { width, continued: true });
    useFont(doc, FONT.regular, 10);
    text(doc, value);
    doc.moveDown(0.25);
  };
  labelled("Produit", data.product.name);
  labelled("Période prévue", `du ${formatDate(data.period.startsOn)} au ${formatDate(data.period.endsOn)}`);
  doc.y += 10;
}

type Column = { header: string; width: number; align: "left" | "right" };

const TABLE_FONT_SIZE = 9;
const CELL_PAD_X = 6;
const CELL_PAD_Y = 5;

function tableColumns(width: number): Column[] {
  // Fixed widths for the figures (wide enough for "-1 234 567,89 €" on one line), the
  // label takes the rest and wraps.
  const fixed: Column[] = [
    { header: "Quantité (UO)", width: 74, align: "right" },
    { header: "Jours", width: 50, align: "right" },
    { header: "Prix unitaire HT", width: 96, align: "right" },
    { header: "Montant HT", width: 100, align: "right" },
  ];
  const rest = width - fixed.reduce((s, c) => s + c.width, 0);
  return [{ header: "Désignation de l’UO", width: rest, align: "left" }, ...fixed];
}

function drawTableRow(
  doc: Doc,
  columns: Column[],
  cells: string[],
  opts: { header?: boolean; shaded?: boolean },
): void {
  const x0 = left(doc);
  const font = opts.header ? FONT.bold : FONT.regular;
  const height = rowHeight(doc, columns, cells, opts.header);
  const y = doc.y;
  const width = columns.reduce((s, c) => s + c.width, 0);
  if (opts.header || opts.shaded) {
    doc.rect(x0, y, width, height).fill(opts.header ? "#dddddd" : "#f6f6f6");
  }
  let x = x0;
  cells.forEach((cell, i) => {
    const col = columns[i]!;
    useFont(doc, font, TABLE_FONT_SIZE);
    textAt(doc, cell, x + CELL_PAD_X, y + CELL_PAD_Y, {
      width: col.width - 2 * CELL_PAD_X,
      align: col.align,
    });
    x += col.width;
  });
  doc
    .moveTo(x0, y + height)
    .lineTo(x0 + width, y + height)
    .lineWidth(opts.header ? 0.75 : 0.4)
    .strokeColor(opts.header ? COLOR.text : COLOR.rule)
    .stroke();
  doc.x = x0;
  doc.y = y + height;
}

function rowHeight(doc: Doc, columns: Column[], cells: string[], header = false): number {
  useFont(doc, header ? FONT.bold : FONT.regular, TABLE_FONT_SIZE);
  return (
    Math.max(...cells.map((c, i) => heightOf(doc, c, columns[i]!.width - 2 * CELL_PAD_X))) + 2 * CELL_PAD_Y
  );
}

function drawLinesTable(doc: Doc, data: PurchaseOrderPdfData): void {
  const columns = tableColumns(contentWidth(doc));
  const headers = columns.map((c) => c.header);
  const headerHeight = rowHeight(doc, columns, headers, true);
  const rows = data.lines.map((l) => [
    l.label,
    formatDecimalFr(l.quantity),
    formatDecimalFr(l.days),
    formatEuros(l.unitPriceHtCents),
    formatEuros(l.amountHtCents),
  ]);

  // The header must never sit alone at the bottom of a page: keep it with the first row.
  ensureSpace(doc, headerHeight + (rows[0] ? rowHeight(doc, columns, rows[0]) : 0));
  drawTableRow(doc, columns, headers, { header: true });
  rows.forEach((cells, i) => {
    if (doc.y + rowHeight(doc, columns, cells) > bottomLimit(doc)) {
      doc.addPage();
      drawTableRow(doc, columns, headers, { header: true });
    }
    drawTableRow(doc, columns, cells, { shaded: i % 2 === 1 });
  });
  doc.y += 10;
}

function drawTotals(doc: Doc, data: PurchaseOrderPdfData): void {
  const rows: Array<[string, string, boolean]> = [
    ["Total HT", formatEuros(data.totals.htCents), false],
    [`TVA (${formatRate(data.totals.vatRateBp)})`, formatEuros(data.totals.vatCents), false],
    ["Total TTC", formatEuros(data.totals.ttcCents), true],
  ];
  const width = 250;
  const x = left(doc) + contentWidth(doc) - width;
  const rowH = 18;
  ensureSpace(doc, rows.length * rowH + 10);
  let y = doc.y;
  for (const [label, amount, strong] of rows) {
    if (strong) {
      doc.rect(x, y, width, rowH).fill(COLOR.fill);
      doc
        .moveTo(x, y)
        .lineTo(x + width, y)
        .lineWidth(0.75)
        .strokeColor(COLOR.text)
        .stroke();
    }
    useFont(doc, strong ? FONT.bold : FONT.regular, 10);
    textAt(doc, label, x + CELL_PAD_X, y + 4.5, { width: 120 });
    textAt(doc, amount, x + 120, y + 4.5, { width: width - 120 - CELL_PAD_X, align: "right" });
    y += rowH;
  }
  doc.x = left(doc);
  doc.y = y + 18;
}

function drawDeliverables(doc: Doc, data: PurchaseOrderPdfData): void {
  const x = left(doc);
  const width = contentWidth(doc);
  drawSectionTitle(doc, "Livrables attendus");
  for (const line of data.lines) {
    // Keep the line's title with at least two lines of its text.
    ensureSpace(doc, 40);
    useFont(doc, FONT.bold, 9.5);
    textAt(doc, `${line.label} – ${formatDecimalFr(line.quantity)} UO`, x, doc.y, { width });
    doc.moveDown(0.15);
    // Runs of blank lines would only open holes in an official document.
    const body = line.deliverables.trim().replace(/(\r?\n\s*){3,}/g, "\n\n");
    if (body) {
      useFont(doc, FONT.regular, 9.5);
      // Flowing text: pdfkit continues it on a new page when it reaches the bottom margin.
      textAt(doc, body, x + 10, doc.y, { width: width - 10, lineGap: 1 });
    } else {
      useFont(doc, FONT.italic, 9.5, COLOR.muted);
      textAt(doc, "Non précisés.", x + 10, doc.y, { width: width - 10 });
    }
    doc.x = x;
    doc.moveDown(0.6);
  }
  doc.y += 6;
}

function drawCommitmentAndSignature(doc: Doc, data: PurchaseOrderPdfData): void {
  const x = left(doc);
  const width = contentWidth(doc);
  const signature = `Signé par ${data.signatory.name}, le ${formatDate(data.signatory.signedAt)}, pour le bénéficiaire`;
  useFont(doc, FONT.regular, 10);
  const boxH = heightOf(doc, signature, width - 20) + 36;
  // EJ and signature stay together: they are what makes the order binding.
  ensureSpace(doc, 24 + boxH);
  useFont(doc, FONT.bold, 10);
  textAt(doc, `Engagement juridique (EJ) n° ${data.legalCommitmentNumber}`, x, doc.y, { width });
  doc.y += 10;
  const y = doc.y;
  doc.rect(x, y, width, boxH).lineWidth(0.75).strokeColor(COLOR.rule).stroke();
  useFont(doc, FONT.bold, 10);
  textAt(doc, "Signature", x + 10, y + 8, { width: width - 20 });
  useFont(doc, FONT.regular, 10);
  textAt(doc, signature, x + 10, doc.y + 6, { width: width - 20 });
  doc.x = x;
  doc.y = y + boxH;
}
