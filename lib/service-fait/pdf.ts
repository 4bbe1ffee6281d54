// The procès-verbal de service fait as an A4 PDF. A pure function of its input: the data
// layer builds ServiceFaitPdfData (authorization included), this file only lays it out with
// the shared helpers of lib/pdf. Everything a user typed (comment, signatory, names) is drawn
// as text, never interpreted.
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
import type { ServiceFaitPdfData } from "./pdf-data";
import { COMMENT_LABELS, DECISION_LABELS, DECISION_WORDING, formatMonth, isCertifying } from "./rules";

export type { ServiceFaitPdfData } from "./pdf-data";

export async function renderServiceFaitPdf(data: ServiceFaitPdfData): Promise<Buffer> {
  const doc = createPdfDocument({
    title: `Procès-verbal de service fait n° ${data.number}`,
    author: data.beneficiary.name,
    subject: `Bon de commande n° ${data.order.number} – Accord-cadre n° ${data.agreement.reference}`,
    creationDate: isoToDate(data.decidedOn),
  });
  return renderToBuffer(doc, (d) => {
    drawHeading(d, data);
    drawParties(d, data);
    drawPeriod(d, data);
    drawDecision(d, data);
    drawLines(d, data);
    drawAmounts(d, data);
    drawComment(d, data);
    drawSummary(d, data);
    drawSignature(d, data);
    drawFooters(d, `Service fait n° ${data.number} – Bon de commande n° ${data.order.number}`);
  });
}

const left = (doc: Doc) => doc.page.margins.left;

function drawHeading(doc: Doc, data: ServiceFaitPdfData): void {
  const x = left(doc);
  const width = contentWidth(doc);
  const headerBottom = drawRepublicHeader(doc, data.beneficiary.name);
  useFont(doc, FONT.regular, 8, COLOR.muted);
  textAt(doc, "Commandes beta.gouv", x + width - 200, doc.page.margins.top + 2, {
    width: 200,
    align: "right",
  });

  doc.y = headerBottom + 16;
  useFont(doc, FONT.bold, 17);
  textAt(doc, `Procès-verbal de service fait n° ${data.number}`, x, doc.y, { width });
  doc.moveDown(0.3);
  useFont(doc, FONT.regular, 10);
  const ej = data.order.legalCommitmentNumber
    ? ` – engagement juridique n° ${data.order.legalCommitmentNumber}`
    : "";
  textAt(
    doc,
    `Bon de commande n° ${data.order.number}${data.order.orderDate ? ` du ${formatDate(data.order.orderDate)}` : ""}${ej}`,
    x,
    doc.y,
    { width },
  );
  doc.moveDown(0.2);
  textAt(doc, `Accord-cadre n° ${data.agreement.reference} – ${data.agreement.title}`, x, doc.y, { width });
  doc.moveDown(0.2);
  textAt(doc, `Date de la décision : ${formatDate(data.decidedOn)}`, x, doc.y, { width });
  doc.y += 14;
}

type Party = { title: string; rows: Array<[string, string]> };

function drawParties(doc: Doc, data: ServiceFaitPdfData): void {
  const x = left(doc);
  const gap = 15;
  const colWidth = (contentWidth(doc) - gap) / 2;
  const pad = 8;
  const inner = colWidth - 2 * pad;
  const parties: Party[] = [
    {
      title: "Bénéficiaire",
      rows: [
        ["", data.beneficiary.name],
        ["SIRET", formatSiret(data.beneficiary.siret)],
      ],
    },
    {
      title: "Titulaire",
      rows: [
        ["", data.contractor.name],
        ["SIRET", formatSiret(data.contractor.siret)],
        ["", data.contractor.postalAddress.trim()],
      ],
    },
  ];
  const line = ([label, value]: [string, string]) => (label ? `${label} : ${value}` : value);
  const measure = (p: Party) => {
    useFont(doc, FONT.bold, 10.5);
    let h = heightOf(doc, p.title, inner) + 4;
    useFont(doc, FONT.regular, 9.5);
    for (const row of p.rows) h += heightOf(doc, line(row), inner) + 3;
    return h;
  };
  const height = Math.max(...parties.map(measure)) + 2 * pad;
  ensureSpace(doc, height + 10);
  const top = doc.y;
  parties.forEach((party, i) => {
    const bx = x + i * (colWidth + gap);
    doc.rect(bx, top, colWidth, height).lineWidth(0.75).strokeColor(COLOR.rule).stroke();
    useFont(doc, FONT.bold, 10.5);
    textAt(doc, party.title, bx + pad, top + pad, { width: inner });
    let y = doc.y + 4;
    party.rows.forEach((row, j) => {
      useFont(doc, j === 0 ? FONT.bold : FONT.regular, 9.5);
      textAt(doc, line(row), bx + pad, y, { width: inner });
      y = doc.y + 3;
    });
  });
  doc.x = x;
  doc.y = top + height + 14;
}

function labelled(doc: Doc, label: string, value: string): void {
  const x = left(doc);
  useFont(doc, FONT.bold, 10);
  textAt(doc, `${label} : `, x, doc.y, { width: contentWidth(doc), continued: true });
  useFont(doc, FONT.regular, 10);
  text(doc, value);
  doc.moveDown(0.25);
}

function drawPeriod(doc: Doc, data: ServiceFaitPdfData): void {
  labelled(doc, "Produit", data.product.name);
  labelled(
    doc,
    "Période",
    `${data.period.label} (du ${formatDate(data.period.startsOn)} au ${formatDate(data.period.endsOn)})`,
  );
  const months = [...new Set(data.reportMonths)].map(formatMonth).join(", ");
  const n = data.reportMonths.length;
  labelled(
    doc,
    "Comptes rendus d'activité examinés",
    `${n} compte${n > 1 ? "s" : ""} rendu${n > 1 ? "s" : ""} validé${n > 1 ? "s" : ""} (${months})${
      data.adjustments > 0 ? `, dont ${data.adjustments} rectificatif${data.adjustments > 1 ? "s" : ""}` : ""
    }`,
  );
  doc.y += 8;
}

function drawDecision(doc: Doc, data: ServiceFaitPdfData): void {
  const x = left(doc);
  const width = contentWidth(doc);
  const title = `Décision : ${DECISION_LABELS[data.decision]}`;
  const body = DECISION_WORDING[data.decision];
  const final = data.isFinal ? "Service fait final : la prestation est achevée." : "";
  useFont(doc, FONT.regular, 10);
  const h =
    heightOf(doc, title, width - 16) +
    heightOf(doc, body, width - 16) +
    (final ? heightOf(doc, final, width - 16) + 4 : 0) +
    20;
  ensureSpace(doc, h + 10);
  const y = doc.y;
  doc.rect(x, y, width, h).lineWidth(1).fillAndStroke(COLOR.fill, COLOR.text);
  useFont(doc, FONT.bold, 11);
  textAt(doc, title, x + 8, y + 7, { width: width - 16 });
  useFont(doc, FONT.regular, 10);
  textAt(doc, body, x + 8, doc.y + 3, { width: width - 16 });
  if (final) {
    useFont(doc, FONT.bold, 10);
    textAt(doc, final, x + 8, doc.y + 4, { width: width - 16 });
  }
  doc.x = x;
  doc.y = y + h + 14;
}

type Column = { header: string; width: number; align: "left" | "right" };
const TABLE_FONT_SIZE = 9;
const PAD_X = 6;
const PAD_Y = 5;

function rowHeight(doc: Doc, columns: Column[], cells: string[], header = false): number {
  useFont(doc, header ? FONT.bold : FONT.regular, TABLE_FONT_SIZE);
  return (
    Math.max(...cells.map((c, i) => heightOf(doc, c, (columns[i] as Column).width - 2 * PAD_X))) + 2 * PAD_Y
  );
}

function drawRow(doc: Doc, columns: Column[], cells: string[], opts: { header?: boolean; shaded?: boolean }) {
  const x0 = left(doc);
  const height = rowHeight(doc, columns, cells, opts.header);
  const y = doc.y;
  const width = columns.reduce((s, c) => s + c.width, 0);
  if (opts.header || opts.shaded) doc.rect(x0, y, width, height).fill(opts.header ? "#dddddd" : "#f6f6f6");
  let x = x0;
  cells.forEach((cell, i) => {
    const col = columns[i] as Column;
    useFont(doc, opts.header ? FONT.bold : FONT.regular, TABLE_FONT_SIZE);
    textAt(doc, cell, x + PAD_X, y + PAD_Y, { width: col.width - 2 * PAD_X, align: col.align });
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

function drawLines(doc: Doc, data: ServiceFaitPdfData): void {
  drawSectionTitle(doc, "Détail par unité d’œuvre");
  const certifying = isCertifying(data.decision);
  const fixed: Column[] = [
    { header: certifying ? "Jours certifiés" : "Jours présentés", width: 90, align: "right" },
    { header: "Prix unitaire HT", width: 100, align: "right" },
    { header: certifying ? "Montant HT" : "Montant calculé HT", width: 105, align: "right" },
  ];
  const columns: Column[] = [
    {
      header: "Désignation de l’UO",
      width: contentWidth(doc) - fixed.reduce((s, c) => s + c.width, 0),
      align: "left",
    },
    ...fixed,
  ];
  const headers = columns.map((c) => c.header);
  const rows = data.lines.map((l) => [
    l.label,
    formatDecimalFr(l.days),
    formatEuros(l.unitPriceHtCents),
    formatEuros(l.amountHtCents),
  ]);
  ensureSpace(doc, rowHeight(doc, columns, headers, true) + (rows[0] ? rowHeight(doc, columns, rows[0]) : 0));
  drawRow(doc, columns, headers, { header: true });
  rows.forEach((cells, i) => {
    if (doc.y + rowHeight(doc, columns, cells) > bottomLimit(doc)) {
      doc.addPage();
      drawRow(doc, columns, headers, { header: true });
    }
    drawRow(doc, columns, cells, { shaded: i % 2 === 1 });
  });
  doc.y += 10;
}

function drawFigures(doc: Doc, rows: Array<[string, string, boolean]>, width = 300): void {
  const x = left(doc) + contentWidth(doc) - width;
  const rowH = 16;
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
    const labelWidth = width - 130;
    textAt(doc, label, x + PAD_X, y + 3.5, { width: labelWidth - PAD_X });
    textAt(doc, amount, x + labelWidth, y + 3.5, { width: 130 - PAD_X, align: "right" });
    y += rowH;
  }
  doc.x = left(doc);
  doc.y = y + 10;
}

function drawAmounts(doc: Doc, data: ServiceFaitPdfData): void {
  const a = data.amounts;
  const rows: Array<[string, string, boolean]> = [
    ["Montant calculé HT", formatEuros(a.computedHtCents), false],
  ];
  if (a.refactionHtCents > 0n) rows.push(["Réfaction HT", `- ${formatEuros(a.refactionHtCents)}`, false]);
  rows.push(
    ["Montant certifié HT", formatEuros(a.certifiedHtCents), false],
    [`TVA (${formatRate(a.vatRateBp)})`, formatEuros(a.vatCents), false],
    ["Montant certifié TTC", formatEuros(a.certifiedTtcCents), true],
  );
  drawFigures(doc, rows);
}

function drawComment(doc: Doc, data: ServiceFaitPdfData): void {
  const body = data.comment.trim().replace(/(\r?\n\s*){3,}/g, "\n\n");
  if (!body) return;
  drawSectionTitle(doc, COMMENT_LABELS[data.decision], 30);
  useFont(doc, FONT.regular, 9.5);
  // Flowing text: pdfkit continues it on a new page when it reaches the bottom margin.
  textAt(doc, body, left(doc), doc.y, { width: contentWidth(doc), lineGap: 1 });
  doc.x = left(doc);
  doc.moveDown(0.6);
}

function drawSummary(doc: Doc, data: ServiceFaitPdfData): void {
  const s = data.summary;
  drawSectionTitle(doc, "Situation du bon de commande (montants HT)", 4 * 16 + 10);
  drawFigures(
    doc,
    [
      ["Montant commandé (quantités corrigées)", formatEuros(s.orderedHtCents), false],
      ["Certifié précédemment", formatEuros(s.certifiedBeforeHtCents), false],
      ["Certifié par ce procès-verbal", formatEuros(s.certifiedNowHtCents), false],
      ["Reste (commandé − certifié)", formatEuros(s.remainingHtCents), true],
    ],
    contentWidth(doc),
  );
}

function drawSignature(doc: Doc, data: ServiceFaitPdfData): void {
  const x = left(doc);
  const width = contentWidth(doc);
  const signature = `Signé par ${data.signatory.name}, le ${formatDate(data.signatory.signedAt)}, pour le bénéficiaire (${data.beneficiary.name})`;
  useFont(doc, FONT.regular, 10);
  const boxH = heightOf(doc, signature, width - 20) + 30;
  ensureSpace(doc, boxH + 10);
  const y = doc.y;
  doc.rect(x, y, width, boxH).lineWidth(0.75).strokeColor(COLOR.rule).stroke();
  useFont(doc, FONT.bold, 10);
  textAt(doc, "Signature", x + 10, y + 8, { width: width - 20 });
  useFont(doc, FONT.regular, 10);
  textAt(doc, signature, x + 10, doc.y + 6, { width: width - 20 });
  doc.x = x;
  doc.y = y + boxH;
}
