import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { planLabels } from "@/lib/labels/collect";
import { countPdfPages, labelFont, renderLabelsPdf } from "@/lib/labels/render-pdf";
import { postMovement } from "@/lib/stock/post-movement";
import { actorFor, uniq } from "../support/fixtures";
import { makeLocations, makeProduct } from "../support/stock-fixtures";

async function pdfFor(actor: Awaited<ReturnType<typeof actorFor>>, query: Record<string, unknown>) {
  const plan = await planLabels(actor, query);
  const pdf = await renderLabelsPdf(plan.items, plan.query);
  return { plan, pdf };
}

/** The PDF's streams, inflated where compressed (fonts' ToUnicode maps say which characters were drawn). */
function pdfStreams(pdf: Buffer): string {
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const open = pdf.indexOf("stream", at);
    if (open < 0) break;
    const start = open + (pdf[open + 6] === 0x0d ? 8 : 7); // "stream" + EOL
    const close = pdf.indexOf("endstream", start);
    if (close < 0) break;
    const body = pdf.subarray(start, close);
    try {
      out.push(zlib.inflateSync(body).toString("latin1"));
    } catch {
      out.push(body.toString("latin1"));
    }
    at = close + "endstream".length;
  }
  return out.join("\n");
}

describe("label PDFs", () => {
  it("one page per roll label, 24 labels per A4 sheet", async () => {
    const clerk = await actorFor("clerk");
    const manager = await actorFor("manager");
    const skus = await Promise.all(Array.from({ length: 5 }, () => makeProduct(manager)));
    const roll = await pdfFor(clerk, { kind: "products", skus: skus.join("\n"), size: "50x25", symbology: "code128", copies: "3" });
    expect(roll.plan).toMatchObject({ labels: 15, pages: 15 });
    expect(roll.pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(countPdfPages(roll.pdf)).toBe(15);
    expect(roll.plan.items.map((i) => i.title)).toEqual(skus);

    const sheet = await pdfFor(clerk, { kind: "products", skus: skus.join(","), size: "a4-3x8", symbology: "qrcode", copies: "10" });
    expect(sheet.plan).toMatchObject({ labels: 50, pages: 3 });
    expect(countPdfPages(sheet.pdf)).toBe(3);
  });

  it("prints locations by prefix and lots by product, non-Latin names included", async () => {
    const manager = await actorFor("manager");
    const locs = await makeLocations(4);
    const prefix = locs[0].slice(0, 4);
    const w = await db.location.findFirstOrThrow({ where: { code: locs[0] }, select: { warehouse: { select: { code: true } } } });
    const byWarehouse = await pdfFor(manager, { kind: "locations", warehouse: w.warehouse.code, size: "62x29" });
    expect(byWarehouse.plan.labels).toBe(4);
    expect(countPdfPages(byWarehouse.pdf)).toBe(4);
    const byPrefix = await planLabels(manager, { kind: "locations", prefix });
    expect(byPrefix.items.every((i) => i.title.startsWith(prefix))).toBe(true);

    const sku = await makeProduct(manager, { tracking: "lot", name: "测试产品 Widget" });
    await postMovement(manager, { type: "in", lines: [{ sku, location: locs[0], quantity: 5, lot: "LOT-A", expiresAt: "2027-05-01" }, { sku, location: locs[1], quantity: 2, lot: "LOT-B" }] });
    const lots = await pdfFor(manager, { kind: "lots", sku, size: "100x50", symbology: "qrcode", copies: 2 });
    expect(lots.plan.items.map((i) => i.title)).toEqual([`${sku} · LOT-A`, `${sku} · LOT-B`]);
    expect(lots.plan.items[0].lines.join(" ")).toContain("EXP 2027-05-01");
    expect(countPdfPages(lots.pdf)).toBe(4);

    // The Chinese name is drawn with an embedded CJK font (CI installs one), not as "?".
    const font = labelFont();
    expect(font, "no CJK font: apt-get install fonts-wqy-microhei").not.toBeNull();
    const product = await pdfFor(manager, { kind: "products", skus: sku, size: "100x50", symbology: "qrcode" });
    expect(product.pdf.toString("latin1")).toMatch(/\/BaseFont \/[A-Z]{6}\+\S+/);
    const drawn = pdfStreams(product.pdf).toLowerCase();
    for (const ch of "测试产品") expect(drawn).toContain(`<${ch.codePointAt(0)!.toString(16).padStart(4, "0")}>`);
  });

  it("refuses too many labels, unknown SKUs and roles without label.print", async () => {
    const manager = await actorFor("manager");
    const sku = await makeProduct(manager);
    const err = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
    const tag = uniq("Bulk");
    await db.product.createMany({ data: Array.from({ length: 21 }, () => ({ sku: uniq("SKU"), name: `${tag} item` })) });
    expect((await planLabels(manager, { kind: "products", q: tag, copies: 47 })).labels).toBe(987);
    const tooMany = await err(planLabels(manager, { kind: "products", q: tag, copies: 48 }));
    expect(tooMany).toBeInstanceOf(AppError);
    expect(tooMany?.message).toMatch(/^Too many labels/);
    const unknown = await err(planLabels(manager, { kind: "products", skus: `${sku} ${uniq("NOPE")}` }));
    expect(unknown?.message).toMatch(/^Unknown SKU\(s\): NOPE-/);
    const viewer = await actorFor("viewer");
    expect((await err(planLabels(viewer, { kind: "products", skus: sku })))?.code).toBe("FORBIDDEN");
  });
});
