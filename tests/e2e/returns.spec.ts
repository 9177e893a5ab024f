// Customer returns on the order page, at desktop and phone size: a shipped order's shipment offers
// "Record a return"; asking for more than may come back is refused on the line with what may; a
// partial return puts the goods back at the chosen location (stock up, one receipt referencing the
// shipment, listed under the shipment with its reason) and the order's timeline says so. The order
// is made and shipped through the domain (as the clerk would on the handheld) with unique SKUs.
import { expect, test } from "@playwright/test";
import type { Actor } from "@/lib/auth/permissions";
import { createProduct } from "@/lib/catalog/create-product";
import { db } from "@/lib/db";
import { createCustomer } from "@/lib/sales/customers";
import { createSalesOrder, transitionSalesOrder } from "@/lib/sales/orders";
import { createPickList, getPickList, pickLine } from "@/lib/sales/pick-lists";
import { shipOrder } from "@/lib/sales/shipping";
import { postMovement } from "@/lib/stock/post-movement";
import { authFile, balanceAt, uniqueSku, type DemoRole } from "./support";

async function actorOf(role: DemoRole): Promise<Actor> {
  const u = await db.user.findUniqueOrThrow({ where: { email: `${role}@example.com` }, select: { id: true, role: true } });
  return { id: u.id, role: u.role, channel: role === "clerk" ? "handheld" : "web" };
}

test.use({ storageState: authFile("manager") });

test("a partial return from a shipment puts the goods back, never more than shipped", async ({ page }) => {
  test.setTimeout(90_000);
  const [manager, clerk] = await Promise.all([actorOf("manager"), actorOf("clerk")]);
  const sku = uniqueSku("RET");
  await createProduct(manager, { sku, name: `Lamp ${sku}`, unit: "pcs" });
  await postMovement(manager, { type: "in", lines: [{ sku, location: "A-01-02", quantity: 5 }] });
  const customer = uniqueSku("RCUST");
  await createCustomer(manager, { code: customer, name: `Returns ${customer}`, currency: "CNY" });
  const draft = await createSalesOrder(manager, { customer, lines: [{ sku, quantity: 3, unitPrice: "20.00" }] });
  await transitionSalesOrder(manager, draft.number, { action: "confirm" });
  const list = await createPickList(clerk, { orders: [draft.number] });
  for (const l of (await getPickList(clerk, list.id)).lines) await pickLine(clerk, list.id, l.seq, { location: l.location, sku: l.sku, quantity: l.quantity });
  await transitionSalesOrder(clerk, draft.number, { action: "pack", packages: 1 });
  const { shipment } = await shipOrder(clerk, draft.number, {});

  await page.goto(`/sales/orders/${encodeURIComponent(draft.number)}`);
  const shipments = page.getByRole("list", { name: "Shipments" });
  await shipments.getByText("Record a return").click();
  const form = page.getByRole("form", { name: `Return from ${shipment.number}` });
  await expect(form.getByText("3 of 3 may come back")).toBeVisible();

  // Nothing entered, then more than shipped: refused, nothing posted.
  await form.getByRole("button", { name: "Record return" }).click();
  await expect(form.getByRole("alert")).toContainText("Enter how many came back");
  await form.getByLabel("Back to location").fill("A-01-05");
  await form.getByLabel("Reason").fill("Wrong colour");
  await form.getByLabel(`Quantity back of ${sku}`).fill("4");
  await form.getByRole("button", { name: "Record return" }).click();
  await expect(form.getByText(`Only 3 of ${sku} can still come back from ${shipment.number} (shipped 3, returned 0).`).first()).toBeVisible();
  expect(await balanceAt(page, sku, "A-01-05")).toBe(0);

  await page.goto(`/sales/orders/${encodeURIComponent(draft.number)}`);
  await page.getByRole("list", { name: "Shipments" }).getByText("Record a return").click();
  const again = page.getByRole("form", { name: `Return from ${shipment.number}` });
  await again.getByLabel("Back to location").fill("A-01-05");
  await again.getByLabel("Reason").fill("Wrong colour");
  await again.getByLabel(`Quantity back of ${sku}`).fill("2");
  await again.getByRole("button", { name: "Record return" }).click();
  const returns = page.getByRole("list", { name: `Returns of ${shipment.number}` });
  await expect(returns).toContainText(`${sku} × 2`);
  await expect(returns).toContainText("A-01-05");
  await expect(returns).toContainText("Wrong colour");
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText("Goods returned");
  // The form stays open and says what may still come back.
  await expect(page.getByRole("form", { name: `Return from ${shipment.number}` }).getByText("1 of 3 may come back")).toBeVisible();

  // The receipt references the shipment; the stock is back.
  const receipt = returns.getByRole("link", { name: /^WH\/IN\// });
  await receipt.click();
  await expect(page.getByRole("main")).toContainText(shipment.number);
  expect(await balanceAt(page, sku, "A-01-05")).toBe(2);
});

test.describe("viewer", () => {
  test.use({ storageState: authFile("viewer") });
  test("sees returns but cannot record one", async ({ page }) => {
    const o = await db.salesOrder.findFirst({ where: { status: { in: ["shipped", "closed"] }, shipments: { some: {} } }, select: { number: true } });
    expect(o, "the demo data has a shipped order").toBeTruthy();
    await page.goto(`/sales/orders/${encodeURIComponent(o!.number)}`);
    await expect(page.getByRole("list", { name: "Shipments" })).toBeVisible();
    await expect(page.getByText("Record a return")).toHaveCount(0);
  });
});
