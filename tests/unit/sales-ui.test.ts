// Pure pieces of the outbound pages: how the sales domain's messages map to translation keys (and
// that every key and state has its text in both languages), and the delivery note PDF — what goes
// under a line, and that a long shipment runs onto more pages.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { salesMessage } from "@/components/sales/messages";
import { countPdfPages } from "@/lib/labels/render-pdf";
import { detailLines, ENGLISH_LABELS, renderDeliveryNotePdf } from "@/lib/sales/delivery-note";
import type { ShipmentDto } from "@/lib/sales/schemas";
import { SO_STATUSES } from "@/lib/sales/states";

const messages = (lang: string) => JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../../messages/${lang}/sales.json`), "utf8"));

// The texts still matched by text (the schemas' zod messages and the purchasing domain's unknown
// product); the domain's own refusals carry their message key (tests/unit/error-keys.test.ts).
const DOMAIN = [
  ["Unknown product X-1.", "unknownProduct", { code: "X-1" }],
  ["At most 500 characters.", "tooLong", { max: "500" }],
  ["At most 200 lines.", "maxLines", { max: "200" }],
] as const;

describe("salesMessage", () => {
  it("maps the schemas' texts to keys with their values", () => {
    for (const [message, key, values] of DOMAIN) expect(salesMessage(message), message).toEqual({ key, values });
    expect(salesMessage("Choose a customer.")).toEqual({ key: "chooseCustomer" });
    expect(salesMessage("Say how many packages.")).toEqual({ key: "packagesRequired" });
    expect(salesMessage("Something else entirely.")).toBeNull();
    expect(salesMessage(undefined)).toBeNull();
    // Said by key now, no longer parsed from the English sentence.
    expect(salesMessage("SO2612-0001 is picking; only packed orders are shipped.")).toBeNull();
  });

  for (const lang of ["en", "zh"]) {
    it(`${lang}: every key it gives, and every state, has a text`, () => {
      const m = messages(lang);
      for (const [message] of DOMAIN) expect(m.errors[salesMessage(message)!.key], message).toBeTruthy();
      for (const s of SO_STATUSES) expect(m.statuses[s], s).toBeTruthy();
    });
  }
});

const shipment = (lines: ShipmentDto["lines"]): ShipmentDto => ({
  id: "0193e6c0-0000-7000-8000-000000000001",
  number: "WH/DN/2026/00001",
  order: "SO2612-0001",
  movement: "WH/OUT/2026/00001",
  packages: 2,
  weightKg: "12.5",
  carrier: "SF Express",
  trackingNo: "SF123",
  actor: { id: "u", name: "Clerk", email: "clerk@example.com" },
  createdAt: "2026-12-06T08:00:00.000Z",
  lines,
});

describe("delivery note", () => {
  it("lists a line's lots with quantities and its serials, a few per line", () => {
    const serials = Array.from({ length: 8 }, (_, i) => `35000000000000${i}`);
    expect(detailLines({ sku: "A", name: "A", quantity: 3, lots: [{ code: "L1", quantity: 2 }, { code: "L2", quantity: 1 }], serials: [] }, ENGLISH_LABELS)).toEqual(["Lots: L1 × 2, L2 × 1"]);
    const out = detailLines({ sku: "P", name: "Phone", quantity: 8, lots: [], serials }, ENGLISH_LABELS);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/^Serial numbers \/ IMEI: 350000000000000, /);
    expect(out.join(", ").split(", ").length).toBe(8);
  });

  // Embedding the CJK font takes a second or two on a busy machine.
  it("is a PDF, one page for a short shipment and more for a long one", { timeout: 30_000 }, async () => {
    const order = { number: "SO2612-0001", customer: { code: "C-1", name: "客户一 Teahouse" }, shipTo: "上海市\n1 Dock Road" };
    const short = await renderDeliveryNotePdf({ company: "Main company", order, shipment: shipment([{ sku: "A", name: "Kettle", quantity: 3, lots: [], serials: [] }]) });
    expect(short.subarray(0, 5).toString()).toBe("%PDF-");
    expect(countPdfPages(short)).toBe(1);
    const lines = Array.from({ length: 60 }, (_, i) => ({ sku: `SKU-${i}`, name: `产品 ${i}`, quantity: 1 + i, lots: i % 2 ? [{ code: `L${i}`, quantity: 1 + i }] : [], serials: i === 3 ? Array.from({ length: 200 }, (_, k) => `IMEI${k}`) : [] }));
    const long = await renderDeliveryNotePdf({ company: "Main company", order, shipment: shipment(lines) });
    expect(countPdfPages(long)).toBeGreaterThan(2);
  });
});
