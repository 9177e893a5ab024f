// The delivery note of a shipment (docs/outbound.md "Pack & ship") as a PDF (pdfkit): the company,
// the note's number (the shipment's, WH/DN/…), the order, the customer and where it goes, the date,
// one row per shipped product with its lots (and their quantities) and serial numbers / IMEIs, the
// packages, weight, carrier and tracking number, and lines to sign on delivery. A4; rows that do not
// fit go on the next page under the table header again, and every page says "page n of m". Fonts
// come from lib/labels/render-pdf.ts (pdfFonts: a CJK font when there is one, so Chinese names print).
import PDFDocument from "pdfkit";
import type { Actor } from "../auth/permissions";
import { db } from "../db";
import { pdfFonts, type Fonts } from "../labels/render-pdf";
import { getSalesOrder } from "./orders";
import type { ShipmentDto } from "./schemas";
import { getShipment } from "./shipping";

export type DeliveryNote = {
  company: string;
  shipment: ShipmentDto;
  order: { number: string; customer: { code: string; name: string }; shipTo: string | null };
};

/** The texts of the note, in the reader's language (the route passes them; English by default). */
export type DeliveryNoteLabels = {
  title: string;
  number: string;
  order: string;
  date: string;
  customer: string;
  shipTo: string;
  carrier: string;
  trackingNo: string;
  packages: string;
  weight: string;
  sku: string;
  product: string;
  quantity: string;
  lots: string;
  serials: string;
  totalUnits: string;
  deliveredBy: string;
  receivedBy: string;
  signature: string;
  nameAndDate: string;
  page: (n: number, of: number) => string;
};

export const ENGLISH_LABELS: DeliveryNoteLabels = {
  title: "Delivery note",
  number: "Delivery note no.",
  order: "Order no.",
  date: "Date",
  customer: "Customer",
  shipTo: "Ship to",
  carrier: "Carrier",
  trackingNo: "Tracking no.",
  packages: "Packages",
  weight: "Weight (kg)",
  sku: "SKU",
  product: "Product",
  quantity: "Quantity",
  lots: "Lots",
  serials: "Serial numbers / IMEI",
  totalUnits: "Total units",
  deliveredBy: "Delivered by",
  receivedBy: "Received by",
  signature: "Signature",
  nameAndDate: "Name and date",
  page: (n, of) => `Page ${n} of ${of}`,
};

/** What the note shows, read with the actor's rights (sales.read): the shipment, its order, the company. */
export async function loadDeliveryNote(actor: Actor, shipmentRef: string): Promise<DeliveryNote> {
  const shipment = await getShipment(actor, shipmentRef);
  const [order, company] = await Promise.all([getSalesOrder(actor, shipment.order), db.company.findUnique({ where: { code: "MAIN" }, select: { name: true } })]);
  return { company: company?.name ?? "", shipment, order: { number: order.number, customer: order.customer, shipTo: order.shipTo } };
}

const MARGIN = 50;
const A4 = { width: 595.28, height: 841.89 };
// Table columns: SKU, product (with its lots and serials under it), quantity.
const COLS = { sku: MARGIN, product: MARGIN + 120, quantity: A4.width - MARGIN - 70 };
const WIDTH = { sku: 112, product: COLS.quantity - COLS.product - 10, quantity: 70 };
const FOOTER = 10;
/** Serial numbers per detail line: a long list breaks into lines that can run onto the next page. */
const SERIALS_PER_LINE = 6;

export async function renderDeliveryNotePdf(note: DeliveryNote, labels: DeliveryNoteLabels = ENGLISH_LABELS): Promise<Buffer> {
  const { shipment: s } = note;
  const doc = new PDFDocument({ size: "A4", margin: MARGIN, bufferPages: true, info: { Title: `${labels.title} ${s.number}`, Producer: "WMS" } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const f = pdfFonts(doc);
  const x = (t: string) => f.sanitize(t);
  const bottom = A4.height - MARGIN - FOOTER;
  const right = A4.width - MARGIN;

  // Header: the company and the document's title and number.
  doc.font(f.bold).fontSize(16).fillColor("#111").text(x(note.company), MARGIN, MARGIN, { width: 280 });
  doc.font(f.bold).fontSize(18).text(x(labels.title), MARGIN + 280, MARGIN, { width: right - MARGIN - 280, align: "right" });
  doc.font(f.regular).fontSize(10).fillColor("#444").text(x(s.number), MARGIN + 280, doc.y + 2, { width: right - MARGIN - 280, align: "right" });
  let y = Math.max(doc.y, MARGIN + 40) + 16;
  doc.moveTo(MARGIN, y).lineTo(right, y).lineWidth(0.5).strokeColor("#999").stroke();
  y += 12;

  // Facts (left) and the customer (right).
  const facts: [string, string][] = [
    [labels.number, s.number],
    [labels.order, note.order.number],
    [labels.date, s.createdAt.slice(0, 10)],
    [labels.packages, String(s.packages)],
    [labels.weight, s.weightKg ?? "—"],
    [labels.carrier, s.carrier ?? "—"],
    [labels.trackingNo, s.trackingNo ?? "—"],
  ];
  let fy = y;
  for (const [k, v] of facts) {
    doc.font(f.regular).fontSize(9).fillColor("#666").text(x(k), MARGIN, fy, { width: 95 });
    doc.font(f.regular).fontSize(10).fillColor("#111").text(x(v), MARGIN + 100, fy, { width: 150 });
    fy = Math.max(doc.y, fy + 13) + 3;
  }
  const cx = MARGIN + 270;
  const cw = right - cx;
  doc.font(f.regular).fontSize(9).fillColor("#666").text(x(labels.customer), cx, y, { width: cw });
  doc.font(f.bold).fontSize(11).fillColor("#111").text(x(`${note.order.customer.name} (${note.order.customer.code})`), cx, doc.y + 1, { width: cw });
  doc.font(f.regular).fontSize(9).fillColor("#666").text(x(labels.shipTo), cx, doc.y + 8, { width: cw });
  doc.font(f.regular).fontSize(10).fillColor("#111").text(x(note.order.shipTo ?? "—"), cx, doc.y + 1, { width: cw });
  y = Math.max(fy, doc.y) + 18;

  // The lines: header, then rows, each kept whole on one page.
  const header = () => {
    doc.rect(MARGIN, y, right - MARGIN, 20).fillColor("#f2f2f2").fill();
    doc.font(f.bold).fontSize(9).fillColor("#333");
    doc.text(x(labels.sku), COLS.sku + 4, y + 6, { width: WIDTH.sku, lineBreak: false });
    doc.text(x(labels.product), COLS.product, y + 6, { width: WIDTH.product, lineBreak: false });
    doc.text(x(labels.quantity), COLS.quantity, y + 6, { width: WIDTH.quantity - 4, align: "right", lineBreak: false });
    y += 24;
  };
  const newPage = () => {
    doc.addPage();
    y = MARGIN;
  };
  header();
  for (const line of s.lines) {
    const details = detailLines(line, labels);
    doc.font(f.regular).fontSize(10);
    const nameHeight = doc.heightOfString(x(line.name), { width: WIDTH.product });
    const skuHeight = doc.fontSize(9.5).heightOfString(x(line.sku), { width: WIDTH.sku });
    const detailHeight = (d: string) => doc.font(f.regular).fontSize(8.5).heightOfString(x(d), { width: WIDTH.product }) + 2;
    // The product's first row and its first detail line stay together; further detail lines (long
    // serial lists) may continue on the next page, under the header again.
    if (y + Math.max(nameHeight + (details[0] ? detailHeight(details[0]) : 0), skuHeight) + 10 > bottom) {
      newPage();
      header();
    }
    doc.font(f.regular).fontSize(9.5).fillColor("#111").text(x(line.sku), COLS.sku + 4, y, { width: WIDTH.sku });
    doc.fontSize(10).text(x(String(line.quantity)), COLS.quantity, y, { width: WIDTH.quantity - 4, align: "right" });
    doc.fontSize(10).text(x(line.name), COLS.product, y, { width: WIDTH.product });
    let dy = y + nameHeight + 2;
    for (const d of details) {
      const h = detailHeight(d);
      if (dy + h > bottom) {
        newPage();
        header();
        dy = y;
      }
      doc.font(f.regular).fontSize(8.5).fillColor("#555").text(x(d), COLS.product, dy, { width: WIDTH.product });
      dy += h;
    }
    y = Math.max(dy, y + skuHeight) + 8;
    doc.moveTo(MARGIN, y - 4).lineTo(right, y - 4).lineWidth(0.3).strokeColor("#ccc").stroke();
  }
  const units = s.lines.reduce((n, l) => n + l.quantity, 0);
  if (y + 20 > bottom) newPage();
  doc.font(f.bold).fontSize(10).fillColor("#111").text(x(`${labels.totalUnits}: ${units}`), MARGIN, y + 4, { width: right - MARGIN - 4, align: "right" });
  y = doc.y + 30;

  // Signatures: delivered by / received by, side by side, kept together.
  const sigHeight = 90;
  if (y + sigHeight > bottom) newPage();
  const half = (right - MARGIN - 30) / 2;
  for (const [i, who] of [labels.deliveredBy, labels.receivedBy].entries()) {
    const sx = MARGIN + i * (half + 30);
    doc.font(f.bold).fontSize(10).fillColor("#111").text(x(who), sx, y, { width: half });
    for (const [j, label] of [labels.signature, labels.nameAndDate].entries()) {
      const ly = y + 40 + j * 34;
      doc.moveTo(sx, ly).lineTo(sx + half, ly).lineWidth(0.5).strokeColor("#777").stroke();
      doc.font(f.regular).fontSize(8).fillColor("#666").text(x(label), sx, ly + 3, { width: half });
    }
  }

  // Page n of m, and the note's number, on every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    footer(doc, f, `${s.number} · ${labels.page(i + 1, range.count)}`);
  }
  doc.end();
  return done;
}

function footer(doc: PDFKit.PDFDocument, f: Fonts, text: string) {
  // Below the bottom margin: with the margin lifted for it, so pdfkit does not start a page.
  const margin = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc.font(f.regular).fontSize(8).fillColor("#888").text(f.sanitize(text), MARGIN, A4.height - MARGIN + 8, { width: A4.width - 2 * MARGIN, align: "center", lineBreak: false });
  doc.page.margins.bottom = margin;
}

/** What goes under a line's name: its lots with quantities, and its serial numbers / IMEIs. */
export function detailLines(line: ShipmentDto["lines"][number], labels: Pick<DeliveryNoteLabels, "lots" | "serials">): string[] {
  const out: string[] = [];
  if (line.lots.length) out.push(`${labels.lots}: ${line.lots.map((l) => `${l.code} × ${l.quantity}`).join(", ")}`);
  for (let i = 0; i < line.serials.length; i += SERIALS_PER_LINE) {
    const chunk = line.serials.slice(i, i + SERIALS_PER_LINE).join(", ");
    out.push(i === 0 ? `${labels.serials}: ${chunk}` : chunk);
  }
  return out;
}
