// A4 label sheets keep a printable margin: nothing — neither the layout's boxes nor the barcode
// images actually drawn in the PDF — comes closer than SHEET_PRINTABLE_MARGIN_MM to the page edge.
import { describe, expect, it } from "vitest";
import { renderLabelsPdf, sheetLayout, SHEET_PRINTABLE_MARGIN_MM } from "@/lib/labels/render-pdf";

const MM = 72 / 25.4;
const A4 = { width: 210 * MM, height: 297 * MM };
const items = Array.from({ length: 30 }, (_, i) => ({ code: `SKU-${String(i + 1).padStart(5, "0")}`, title: `Demo product ${i + 1}`, lines: ["Electronics"] }));

/** The images a PDF page draws: pdfkit writes `w 0 0 -h x y cm /I1 Do` in top-left page coordinates. */
function imageBoxes(pdf: Buffer) {
  const text = pdf.toString("latin1");
  return [...text.matchAll(/([\d.]+) 0 0 (-?[\d.]+) ([\d.-]+) ([\d.-]+) cm\s*\/I\d+ Do/g)].map((m) => {
    const [w, h, x, y] = m.slice(1, 5).map(Number);
    // The flip (negative height) puts the image's top edge at y + h.
    return { left: x, right: x + w, top: Math.min(y, y + h), bottom: Math.max(y, y + h) };
  });
}

describe("A4 label sheet", () => {
  it("lays every label out inside the printable margin", () => {
    const layout = sheetLayout("a4-3x8")!;
    expect(layout.boxes).toHaveLength(24);
    const m = SHEET_PRINTABLE_MARGIN_MM * MM - 1e-6;
    for (const b of layout.boxes) {
      expect(b.x).toBeGreaterThanOrEqual(m);
      expect(b.y).toBeGreaterThanOrEqual(m);
      expect(A4.width - (b.x + b.w)).toBeGreaterThanOrEqual(m);
      expect(A4.height - (b.y + b.h)).toBeGreaterThanOrEqual(m);
    }
  });

  for (const symbology of ["code128", "qrcode"] as const) {
    it(`draws no ${symbology} symbol closer than 5 mm to the page edge`, async () => {
      const pdf = await renderLabelsPdf(items, { size: "a4-3x8", symbology, copies: 1, compress: false });
      const boxes = imageBoxes(pdf);
      expect(boxes).toHaveLength(30);
      const gap = Math.min(...boxes.flatMap((b) => [b.left, b.top, A4.width - b.right, A4.height - b.bottom])) / MM;
      expect(gap).toBeGreaterThanOrEqual(SHEET_PRINTABLE_MARGIN_MM);
    });
  }
});
