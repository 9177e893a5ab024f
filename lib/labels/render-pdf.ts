// Labels → PDF (pdfkit), with the symbols drawn by bwip-js as PNGs. Roll sizes get one label per
// page of exactly the label's size; the A4 sheet places cols × rows labels per page.
//
// Fonts: pdfkit's built-in Helvetica covers Latin-1 only, so labels use a CJK font when one is
// there: LABEL_FONT (a TTF/OTF file, or a TTC collection with LABEL_FONT_FAMILY naming the face),
// else a system CJK font from CJK_FONTS (the Docker image installs WenQuanYi Micro Hei; Debian:
// `apt-get install fonts-wqy-microhei`). Without any, characters Helvetica cannot draw become "?".
import fs from "node:fs";
import bwipjs from "bwip-js/node";
import PDFDocument from "pdfkit";
import { LABEL_SIZES, type LabelSize, type Symbology } from "./schemas";
import type { LabelItem } from "./collect";

const MM = 72 / 25.4;

/**
 * Most office printers cannot print the outer ~4 mm of a sheet, so on an A4 sheet nothing is drawn
 * closer than this to the page edge: the labels keep their places on the label stock (cols × rows
 * cells from the sheet's size), and a cell that reaches into the margin draws in its part inside it.
 */
export const SHEET_PRINTABLE_MARGIN_MM = 5;

export type Box = { x: number; y: number; w: number; h: number };

/**
 * Where each label of a sheet size is drawn, in points from the page's top-left corner: the label's
 * cell on the stock, less what lies in the printable margin. One box per slot (row by row).
 */
export function sheetLayout(sizeKey: LabelSize): { page: { width: number; height: number }; boxes: Box[] } | null {
  const size = LABEL_SIZES[sizeKey];
  if (!("sheet" in size)) return null;
  const { sheet } = size;
  const m = SHEET_PRINTABLE_MARGIN_MM;
  const top = (sheet.pageHeight - sheet.rows * size.height) / 2;
  const left = (sheet.pageWidth - sheet.cols * size.width) / 2;
  const boxes: Box[] = [];
  for (let r = 0; r < sheet.rows; r++) {
    for (let c = 0; c < sheet.cols; c++) {
      const x0 = Math.max(left + c * size.width, m);
      const y0 = Math.max(top + r * size.height, m);
      const x1 = Math.min(left + (c + 1) * size.width, sheet.pageWidth - m);
      const y1 = Math.min(top + (r + 1) * size.height, sheet.pageHeight - m);
      boxes.push({ x: x0 * MM, y: y0 * MM, w: (x1 - x0) * MM, h: (y1 - y0) * MM });
    }
  }
  return { page: { width: sheet.pageWidth * MM, height: sheet.pageHeight * MM }, boxes };
}

export type Fonts = { regular: string; bold: string; sanitize: (s: string) => string };

/** System fonts with Chinese glyphs, in order of preference: file and (for collections) face. */
export const CJK_FONTS: { file: string; family?: string }[] = [
  { file: "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", family: "WenQuanYiMicroHei" },
  { file: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", family: "NotoSansCJKsc-Regular" },
  { file: "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", family: "WenQuanYiZenHei" },
];

/** The font labels print with, when not pdfkit's Helvetica: LABEL_FONT, else the first CJK_FONTS found. */
export function labelFont(): { file: string; family?: string } | null {
  const custom = process.env.LABEL_FONT;
  if (custom && fs.existsSync(custom)) return { file: custom, family: process.env.LABEL_FONT_FAMILY || undefined };
  return CJK_FONTS.find((f) => fs.existsSync(f.file)) ?? null;
}

/** Registers the label font on `doc` (a CJK one when there is one); delivery notes use it too. */
export function pdfFonts(doc: PDFKit.PDFDocument): Fonts {
  const font = labelFont();
  if (font) {
    doc.registerFont("label", font.file, font.family);
    return { regular: "label", bold: "label", sanitize: (s) => s };
  }
  // WinAnsi (≈ Latin-1) is what the standard fonts can encode.
  return { regular: "Helvetica", bold: "Helvetica-Bold", sanitize: (s) => s.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, "?") };
}

function symbol(code: string, symbology: Symbology): Promise<Buffer> {
  const opts = symbology === "qrcode" ? { bcid: "qrcode", text: code, scale: 4 } : { bcid: "code128", text: code, scale: 3, height: 12, includetext: false };
  return bwipjs.toBuffer(opts) as Promise<Buffer>;
}

/** Shortens `text` with an ellipsis until it fits `width` in the current font. */
function fit(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let s = text;
  while (s.length > 1 && doc.widthOfString(`${s}…`) > width) s = s.slice(0, -1);
  return `${s}…`;
}

function drawLabel(doc: PDFKit.PDFDocument, f: Fonts, item: LabelItem, png: Buffer, symbology: Symbology, x: number, y: number, w: number, h: number) {
  const pad = Math.max(1.5 * MM, h * 0.06);
  const titleSize = Math.min(14, h * 0.16);
  const lineSize = Math.min(9, h * 0.1);
  const title = f.sanitize(item.title);
  // The encoded value is printed anyway (under the bars, or at the QR label's foot).
  const lines = item.lines.filter((l) => l && l !== item.code).map(f.sanitize).slice(0, 2);
  const text = (s: string, font: string, size: number, tx: number, ty: number, width: number) => {
    doc.font(font).fontSize(size);
    doc.text(fit(doc, s, width), tx, ty, { width, lineBreak: false });
    return ty + size * 1.15;
  };

  if (symbology === "qrcode") {
    const side = h - 2 * pad;
    doc.image(png, x + pad, y + pad, { fit: [side, side], align: "center", valign: "center" });
    const tx = x + 2 * pad + side;
    const tw = w - side - 3 * pad;
    let ty = y + pad;
    ty = text(title, f.bold, titleSize, tx, ty, tw);
    for (const l of lines) ty = text(l, f.regular, lineSize, tx, ty, tw);
    text(f.sanitize(item.code), f.regular, lineSize * 0.9, tx, y + h - pad - lineSize, tw);
    return;
  }
  const tw = w - 2 * pad;
  let ty = y + pad;
  ty = text(title, f.bold, titleSize, x + pad, ty, tw);
  for (const l of lines.slice(0, h < 30 * MM ? 1 : 2)) ty = text(l, f.regular, lineSize, x + pad, ty, tw);
  const codeSize = lineSize * 0.9;
  const barTop = ty + pad * 0.3;
  const barHeight = y + h - pad - codeSize * 1.2 - barTop;
  if (barHeight > 4) doc.image(png, x + pad, barTop, { fit: [tw, barHeight], align: "center", valign: "center" });
  doc.font(f.regular).fontSize(codeSize);
  doc.text(fit(doc, f.sanitize(item.code), tw), x + pad, y + h - pad - codeSize, { width: tw, align: "center", lineBreak: false });
}

/** Renders `items`, each `copies` times, to a PDF. */
export async function renderLabelsPdf(
  items: LabelItem[],
  opts: { size: LabelSize; symbology: Symbology; copies: number; title?: string; /** false: plain content streams (tests read them) */ compress?: boolean },
): Promise<Buffer> {
  const size = LABEL_SIZES[opts.size];
  const w = size.width * MM;
  const h = size.height * MM;
  const sheet = sheetLayout(opts.size);
  const pngs = new Map<string, Buffer>();
  for (const item of items) if (!pngs.has(item.code)) pngs.set(item.code, await symbol(item.code, opts.symbology));

  const doc = new PDFDocument({ autoFirstPage: false, margin: 0, compress: opts.compress ?? true, info: { Title: opts.title ?? "Labels", Producer: "WMS" } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const f = pdfFonts(doc);
  const perPage = sheet ? sheet.boxes.length : 1;
  const labels = items.flatMap((item) => Array.from({ length: opts.copies }, () => item));
  labels.forEach((item, i) => {
    const slot = i % perPage;
    if (slot === 0) doc.addPage(sheet ? { size: [sheet.page.width, sheet.page.height], margin: 0 } : { size: [w, h], margin: 0 });
    if (sheet) {
      const b = sheet.boxes[slot];
      drawLabel(doc, f, item, pngs.get(item.code)!, opts.symbology, b.x, b.y, b.w, b.h);
    } else {
      drawLabel(doc, f, item, pngs.get(item.code)!, opts.symbology, 0, 0, w, h);
    }
  });
  doc.end();
  return done;
}

/** Pages in a PDF produced by renderLabelsPdf (its page objects are not compressed). */
export function countPdfPages(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;
}
