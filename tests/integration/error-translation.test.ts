// Domain refusals carry a message key and parameters (lib/errors.ts); the forms translate them by
// that key (lib/i18n/translate-error.ts, behind localizeResult/localizeStockResult), never by
// matching the English text. Each refusal here comes from the real domain function and is put in
// English and Chinese through the same function the server actions use, with its values filled in.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { AppError, refusal as asResult } from "@/lib/errors";
import { translatorFor } from "@/lib/i18n/messages";
import { localizeWith, stockFallback, type Translator } from "@/lib/i18n/translate-error";
import { createPurchaseOrder } from "@/lib/purchasing/purchase-orders";
import { createSupplier } from "@/lib/purchasing/suppliers";
import { createCustomer } from "@/lib/sales/customers";
import { createSalesOrder } from "@/lib/sales/orders";
import { shipOrder } from "@/lib/sales/shipping";
import { postMovement } from "@/lib/stock/post-movement";
import { actorFor, uniq } from "../support/fixtures";
import { makeLocations, makeProduct } from "../support/stock-fixtures";

let admin: Actor, manager: Actor, clerk: Actor, purchaser: Actor;
let en: Translator, zh: Translator;

async function refused(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

/** The refusal as a form shows it in each language (message and issues). */
function shown(e: AppError) {
  const r = asResult(e);
  const [a, b] = [localizeWith(en, r, stockFallback), localizeWith(zh, r, stockFallback)];
  if (a.ok || b.ok) throw new Error("a refusal stays a refusal");
  return { en: a.error, zh: b.error };
}

beforeAll(async () => {
  [admin, manager, clerk, purchaser] = await Promise.all((["admin", "manager", "clerk", "purchaser"] as const).map((r) => actorFor(r)));
  en = await translatorFor("en");
  zh = await translatorFor("zh");
});

describe("error translation by key", () => {
  it("insufficient stock: the engine's refusal carries sku, location, requested and available", async () => {
    const [loc] = await makeLocations(1);
    const sku = await makeProduct(admin);
    await postMovement(clerk, { type: "in", lines: [{ sku, location: loc, quantity: 2 }] });
    const e = await refused(postMovement(clerk, { type: "out", lines: [{ sku, location: loc, quantity: 5 }] }));
    expect(e).toMatchObject({ code: "INSUFFICIENT_STOCK", messageKey: "movements.errors.insufficient", params: { sku, location: loc, requested: 5, available: 2 } });
    const { en: a, zh: b } = shown(e);
    expect(a.message).toBe(`Not enough ${sku} at ${loc}: requested 5, available 2.`);
    expect(b.message).toBe(`${loc} 的 ${sku} 库存不足：需要 5，可用 2。`);
    // The REST API keeps its English message and adds the key.
    expect(e.toJSON().error).toMatchObject({ code: "INSUFFICIENT_STOCK", message: e.message, messageKey: "movements.errors.insufficient", params: { requested: 5, available: 2 } });
  });

  it("an unknown location: the message and the line's issue, by key", async () => {
    const sku = await makeProduct(admin);
    const code = uniq("NOWHERE");
    const e = await refused(postMovement(clerk, { type: "in", lines: [{ sku, location: code, quantity: 1 }] }));
    expect(e.messageKey).toBe("movements.errors.unknownLocation");
    const { en: a, zh: b } = shown(e);
    expect(a.message).toBe(`Unknown location “${code}”.`);
    expect(b.message).toBe(`未知的库位“${code}”。`);
    expect(b.issues).toEqual([expect.objectContaining({ path: "lines.0.location", message: `未知的库位“${code}”。`, messageKey: "movements.errors.unknownLocation" })]);
  });

  it("a duplicate SKU: the database's refusal, by key, on the sku field", async () => {
    const sku = await makeProduct(admin);
    const { createProduct } = await import("@/lib/catalog/create-product");
    const e = await refused(createProduct(admin, { sku, name: "Again" }));
    expect(e).toMatchObject({ code: "DUPLICATE", messageKey: "validation.skuExists" });
    const { en: a, zh: b } = shown(e);
    expect(a.message).toBe("A product with this SKU already exists.");
    expect(b.message).toBe("已存在使用此 SKU 的产品。");
    expect(b.issues).toEqual([expect.objectContaining({ path: "sku", message: "已存在使用此 SKU 的产品。" })]);
  });

  it("a sales refusal names the order and says its state in the user's language", async () => {
    const customer = uniq("CUST");
    await createCustomer(manager, { code: customer, name: "Translation Co", currency: "CNY", shippingAddress: "1 Main St" });
    const sku = await makeProduct(admin);
    const o = await createSalesOrder(manager, { customer, requestedDate: "2026-12-06", lines: [{ sku, quantity: 1, unitPrice: "10.00" }] });
    const e = await refused(shipOrder(clerk, o.number, {}));
    expect(e).toMatchObject({ code: "INVALID_TRANSITION", messageKey: "sales.errors.notShippable", params: { number: o.number, status: "draft" } });
    const { en: a, zh: b } = shown(e);
    expect(a.message).toBe(`${o.number} is draft; only packed orders are shipped.`);
    expect(b.message).toBe(`${o.number} 当前为草稿；只有已打包的订单可以发货。`);
  });

  it("a purchasing refusal: an unknown product on an order line", async () => {
    const supplier = uniq("SUP");
    await createSupplier(purchaser, { code: supplier, name: `Supplier ${supplier}`, currency: "CNY" });
    const code = uniq("NOSUCH");
    const e = await refused(createPurchaseOrder(purchaser, { supplier, lines: [{ sku: code, quantity: 1, unitPrice: "1.00" }] }));
    expect(e).toMatchObject({ messageKey: "purchasing.errors.unknownProduct", params: { code } });
    const { en: a, zh: b } = shown(e);
    expect(a.message).toBe(`Unknown product ${code}.`);
    expect(b.message).toBe(`未知产品 ${code}。`);
    expect(b.issues?.[0]).toMatchObject({ path: "lines.0.sku", message: `未知产品 ${code}。` });
  });

  it("an error without a key still falls back to the text tables (zod's own messages)", () => {
    const r = { ok: false as const, error: { code: "VALIDATION_FAILED" as const, message: "At least one line." } };
    const b = localizeWith(zh, r, stockFallback);
    expect(!b.ok && b.error.message).not.toBe("At least one line.");
  });
});
