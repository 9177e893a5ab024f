// Receiving against a purchase order on the handheld at phone size (390×844), driven like a
// keyboard-wedge scanner (code + Enter as fast keystrokes, scans 150 ms apart). Each test makes its
// own products (through the API) and its own supplier and approved order — through the purchasing
// domain functions, created by the purchaser and approved by the approver (nobody approves their own
// order) — so the quantities are its own.
import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import type { Actor, Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { baseCurrency } from "@/lib/purchasing/exchange-rates";
import { createPurchaseOrder, getPurchaseOrder, transitionPurchaseOrder } from "@/lib/purchasing/purchase-orders";
import { receivePurchaseOrder } from "@/lib/purchasing/receive";
import { createSupplier } from "@/lib/purchasing/suppliers";
import { authFile, balanceAt, freshEan, newProduct, scan, uniqueSku, wedge } from "./support";

test.use({ storageState: authFile("clerk") });

const LOCATION = "D-02-04";

const actors: Partial<Record<Role, Actor>> = {};
async function actor(role: "purchaser" | "approver" | "clerk"): Promise<Actor> {
  if (!actors[role]) {
    const u = await db.user.findUniqueOrThrow({ where: { email: `${role}@example.com` } });
    actors[role] = { id: u.id, role, channel: "web" };
  }
  return actors[role];
}


/** Today in the company's calendar, moved by `days` (YYYY-MM-DD). */
async function companyDay(days = 0): Promise<string> {
  const c = await db.company.findUniqueOrThrow({ where: { code: "MAIN" }, select: { timeZone: true } });
  const today = new Date(new Date().toLocaleDateString("en-CA", { timeZone: c.timeZone }));
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A new supplier and an order for `lines` by the purchaser; submitted and approved unless `draft`. */
async function order(lines: { sku: string; quantity: number }[], opts: { expectedDate?: string; draft?: boolean } = {}): Promise<string> {
  const purchaser = await actor("purchaser");
  const code = uniqueSku("SUP");
  await createSupplier(purchaser, { code, name: `Floor supplier ${code}`, currency: await baseCurrency() });
  const o = await createPurchaseOrder(purchaser, { supplier: code, expectedDate: opts.expectedDate ?? (await companyDay()), lines: lines.map((l) => ({ ...l, unitPrice: "1.00" })) });
  if (!opts.draft) {
    await transitionPurchaseOrder(purchaser, o.number, { action: "submit" });
    await transitionPurchaseOrder(await actor("approver"), o.number, { action: "approve" });
  }
  return o.number;
}

async function openAgainstOrder(page: Page) {
  await page.goto("/floor");
  await page.getByRole("link", { name: /Receive/ }).click();
  await expect(page.getByLabel("Location", { exact: true })).toBeFocused();
  await page.getByRole("button", { name: "Against a purchase order" }).click();
  await expect(page.getByLabel("Purchase order", { exact: true })).toBeFocused();
}

const lineOf = (page: Page, number: string, sku: string) => page.getByRole("list", { name: `Lines of ${number}` }).getByRole("listitem").filter({ hasText: sku });

test("scan the order, the location and the product 3 times: one receipt of 3; too many is refused on the spot and by the server", async ({ page, request, context }) => {
  test.setTimeout(120_000);
  const ean = freshEan();
  const sku = await newProduct(request, { barcode: ean }, "PO");
  const lotEan = freshEan();
  const lotSku = await newProduct(request, { barcode: lotEan, tracking: "lot" }, "PO");
  const number = await order([{ sku, quantity: 5 }, { sku: lotSku, quantity: 2 }], { expectedDate: await companyDay(-1) });
  expect(number).toMatch(/^PO\d{4}-\d{4}$/);

  await openAgainstOrder(page);
  // Expected today lists it (expected yesterday: overdue).
  await expect(page.getByRole("button", { name: new RegExp(number) })).toContainText("Overdue");

  // The order number is scanned; its open lines show.
  await wedge(page, number);
  await expect(lineOf(page, number, sku)).toContainText("5 open");
  await expect(lineOf(page, number, lotSku)).toContainText("2 open");
  await scan(page, "Location", LOCATION);

  // A product that is not on the order is refused, by name.
  await expect(page.getByLabel("Product", { exact: true })).toBeFocused();
  await wedge(page, "SKU-00001");
  await expect(page.getByText(`SKU-00001 is not on ${number}.`)).toBeVisible();

  // The product ×3, 150 ms apart: 3 units; Confirm posts one receipt.
  for (let i = 0; i < 3; i++) {
    await page.waitForTimeout(150);
    await wedge(page, ean);
  }
  const quantity = page.getByLabel("Quantity");
  await expect(quantity).toHaveValue("3");
  await page.getByRole("button", { name: "Confirm" }).click();
  const received = page.getByRole("status").filter({ hasText: `Received 3 × ${sku} on ${number}` });
  await expect(received).toBeVisible();
  await expect(received).toContainText(new RegExp(`Still open of ${sku}\\s*2`));
  await expect(received).toContainText(`${number} is now Partially received.`);
  await expect(lineOf(page, number, sku)).toContainText("2 open");
  await expect(lineOf(page, number, sku)).toContainText("3 of 5 received");

  // Server-side: partially received, and the stock at the location went up by 3 (Look up, in another tab).
  const po = await getPurchaseOrder(await actor("clerk"), number);
  expect(po.status).toBe("partially_received");
  expect(po.lines.map((l) => [l.sku, l.receivedQuantity])).toEqual([
    [sku, 3],
    [lotSku, 0],
  ]);
  expect(po.receipts).toHaveLength(1);
  const lookup = await context.newPage();
  expect(await balanceAt(lookup, sku, LOCATION)).toBe(3);
  await lookup.close();

  // On the spot: a third scan above the 2 still open is refused; the quantity stays 2.
  await expect(page.getByLabel("Product", { exact: true })).toBeFocused();
  for (let i = 0; i < 3; i++) {
    await wedge(page, ean);
    await page.waitForTimeout(150);
  }
  await expect(page.getByText(`Only 2 of ${sku} are still open on ${number}.`)).toBeVisible();
  await expect(quantity).toHaveValue("2");

  // Another clerk receives 1 first: the server refuses these 2 with what is open now, and nothing
  // on the screen is lost.
  await receivePurchaseOrder(await actor("clerk"), number, { location: LOCATION, lines: [{ sku, quantity: 1 }] }, { idempotencyKey: crypto.randomUUID() });
  await page.getByRole("button", { name: "Confirm" }).click();
  const refused = page.getByRole("alert").filter({ hasText: "Not received" });
  await expect(refused).toContainText(`Only 1 of ${sku} still open on ${number}`);
  await expect(refused).toContainText(new RegExp(`Still open of ${sku}\\s*1`));
  await expect(quantity).toHaveValue("2");
  await expect(page.getByText(LOCATION, { exact: true })).toBeVisible();
  await expect(lineOf(page, number, sku)).toContainText("1 open");
  await page.getByRole("button", { name: "One less" }).click();
  await expect(quantity).toHaveValue("1");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Received 1 × ${sku} on ${number}` })).toContainText(new RegExp(`Still open of ${sku}\\s*0`));

  // The lot-tracked line asks for its lot: scanned twice, then the lot typed.
  await expect(page.getByLabel("Product", { exact: true })).toBeFocused();
  await wedge(page, lotEan);
  await page.waitForTimeout(150);
  await wedge(page, lotEan);
  await expect(quantity).toHaveValue("2");
  await quantity.press("Enter");
  const lot = page.getByLabel("Lot", { exact: true });
  await expect(lot).toBeFocused();
  await lot.fill("PO-LOT-1");
  await lot.press("Enter");
  await page.getByLabel("Expiry date").press("Enter");
  await page.getByRole("button", { name: "Confirm" }).click();
  const last = page.getByRole("status").filter({ hasText: `Received 2 × ${lotSku} on ${number}` });
  await expect(last).toContainText(`Everything on ${number} has been received.`);

  const done = await getPurchaseOrder(await actor("clerk"), number);
  expect(done.status).toBe("received");
  expect(done.lines.map((l) => l.receivedQuantity)).toEqual([5, 2]);
  expect(done.receipts).toHaveLength(4);
  expect(await balanceAt(page, sku, LOCATION)).toBe(5);
});

test("?order= opens the order; Expected today picks one; unknown and draft orders are refused; offline says it needs a connection", async ({ page, request, context }) => {
  test.setTimeout(90_000);
  const sku = await newProduct(request, { barcode: freshEan() }, "PO");
  const number = await order([{ sku, quantity: 4 }]);
  const draft = await order([{ sku, quantity: 1 }], { draft: true });

  // The desktop's expected receipts link here.
  await page.goto(`/floor/receive?order=${number}`);
  await expect(page.getByRole("button", { name: "Against a purchase order" })).toHaveAttribute("aria-pressed", "true");
  await expect(lineOf(page, number, sku)).toContainText("4 open");
  await expect(page.getByLabel("Location", { exact: true })).toBeFocused();

  // Another order: the list offers this one (expected today), a tap opens it.
  await page.getByRole("button", { name: "Another order" }).click();
  await expect(page.getByLabel("Purchase order", { exact: true })).toBeFocused();
  await page.getByRole("button", { name: new RegExp(number) }).click();
  await expect(lineOf(page, number, sku)).toContainText("4 open");
  await page.getByRole("button", { name: "Another order" }).click();

  await expect(page.getByLabel("Purchase order", { exact: true })).toBeFocused();
  await wedge(page, "PO0001-9999");
  await expect(page.getByText("There is no purchase order “PO0001-9999”.")).toBeVisible();
  await page.waitForTimeout(150);
  await wedge(page, draft);
  await expect(page.getByText(`${draft} is not open for receiving (Draft)`)).toBeVisible();

  // Offline: receiving against an order needs a connection; the plain receipt is one tap away.
  await context.setOffline(true);
  await expect(page.getByRole("status").filter({ hasText: "Receiving against a purchase order needs a connection." })).toBeVisible();
  await page.getByRole("button", { name: "Without an order" }).click();
  await expect(page.getByLabel("Location", { exact: true })).toBeFocused();
  await context.setOffline(false);
});
