// Customer orders in the browser, one order's story: a manager creates a customer and an order
// through the forms, confirms it and sees what is reserved (where, which lot) and what is on
// backorder — on the order, the product page and the stock list, the dashboard; creates a pick
// list from the order page; the lines are picked through the domain (the handheld's pickLine, as a
// clerk); the manager packs and ships on the order page, sees the shipment and the backorder order,
// and the delivery note PDF answers. A viewer sees the order without any action; the Chinese UI
// shows the order page translated. Desktop only (playwright.config). Products and their stock are
// made through the domain (createProduct, postMovement) with unique SKUs.
import { expect, test, type Page } from "@playwright/test";
import type { Actor } from "@/lib/auth/permissions";
import { createProduct } from "@/lib/catalog/create-product";
import { db } from "@/lib/db";
import { companyTodayIso } from "@/lib/purchasing/purchase-orders";
import { getPickList, pickLine } from "@/lib/sales/pick-lists";
import { postMovement } from "@/lib/stock/post-movement";
import { authFile, uniqueSku, type DemoRole } from "./support";

async function actorOf(role: DemoRole): Promise<Actor> {
  const u = await db.user.findUniqueOrThrow({ where: { email: `${role}@example.com` }, select: { id: true, role: true } });
  return { id: u.id, role: u.role, channel: role === "clerk" ? "handheld" : "web" };
}

const statusIs = (page: Page, status: string) => expect(page.getByRole("main").locator("header").first().getByText(status, { exact: true })).toBeVisible();
const lineRow = (page: Page, sku: string, table = "Lines") => page.getByRole("table", { name: table }).getByRole("row").filter({ hasText: sku });

test.describe.serial("a customer order from the form to the delivery note", () => {
  let number = "";
  let backorder = "";
  let customerCode = "";
  let customerName = "";
  let skuA = "";
  let skuB = "";
  const lot = `L${Date.now().toString(36).toUpperCase()}`;

  test.describe("manager", () => {
    test.use({ storageState: authFile("manager") });

    test("creates a customer and an order, confirms it, and sees what is reserved and on backorder", async ({ page }) => {
      test.setTimeout(90_000);
      const manager = await actorOf("manager");
      skuA = uniqueSku("SOA");
      skuB = uniqueSku("SOB");
      await createProduct(manager, { sku: skuA, name: `Kettle ${skuA}`, unit: "pcs" });
      await createProduct(manager, { sku: skuB, name: `Tea ${skuB}`, unit: "box", tracking: "lot" });
      // 5 of A at A-01-02; 2 of B in one lot at A-01-03: the order's 4 of B leave 2 on backorder.
      await postMovement(manager, { type: "in", lines: [{ sku: skuA, location: "A-01-02", quantity: 5 }] });
      await postMovement(manager, { type: "in", lines: [{ sku: skuB, location: "A-01-03", quantity: 2, lot, expiresAt: "2030-01-31" }] });

      customerCode = uniqueSku("CUST");
      customerName = `Teahouse ${customerCode}`;
      await page.goto("/sales/customers");
      await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
      await page.getByRole("link", { name: "New customer" }).first().click();
      await expect(page.getByRole("heading", { name: "New customer", level: 1 })).toBeVisible();
      // A code the schema refuses is explained on its field, before anything is sent.
      await page.getByLabel("Code").fill("bad code!");
      await page.getByLabel("Name").fill(customerName);
      await page.getByRole("button", { name: "Create customer" }).click();
      await expect(page.getByText("Use letters, digits and - _ . (e.g. CUST-01).")).toBeVisible();
      await page.getByLabel("Code").fill(customerCode);
      await expect(page.getByLabel("Currency")).toHaveValue("CNY");
      await page.getByLabel("Shipping address").fill("1 Dock Road\nShanghai");
      await page.getByRole("button", { name: "Create customer" }).click();
      await expect(page).toHaveURL(new RegExp(`/sales/customers/${customerCode}$`));
      await expect(page.getByRole("heading", { name: customerName, level: 1 })).toBeVisible();

      await page.goto("/sales/orders");
      await expect(page.getByRole("heading", { name: "Customer orders", level: 1 })).toBeVisible();
      await page.getByRole("link", { name: "New order" }).first().click();
      await expect(page.getByRole("heading", { name: "New customer order", level: 1 })).toBeVisible();
      await page.getByLabel("Customer").selectOption(customerCode);
      await expect(page.getByLabel("Currency")).toHaveValue("CNY");
      await expect(page.getByLabel("Ship to")).toHaveValue("1 Dock Road\nShanghai");
      await page.getByLabel("Requested date").fill(await companyTodayIso());
      await page.getByLabel("Product").first().fill(skuA);
      await page.getByLabel("Quantity").first().fill("3");
      await page.getByLabel("Unit price").first().fill("10");
      await page.getByRole("button", { name: "Add line" }).click();
      const line2 = page.getByRole("group", { name: "Line 2" });
      await line2.getByLabel("Product").fill(skuB);
      await line2.getByLabel("Quantity").fill("4");
      await line2.getByLabel("Unit price").fill("2.50");
      await expect(page.getByRole("status", { name: "Order total" })).toContainText("40.00");
      await page.getByRole("button", { name: "Create draft" }).click();

      await expect(page).toHaveURL(/\/sales\/orders\/[^/?]+\?saved=created$/);
      number = ((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").trim();
      expect(number).toMatch(/^SO/);
      await statusIs(page, "Draft");
      await expect(page.getByRole("link", { name: "Edit" })).toBeVisible();

      await page.getByRole("button", { name: "Confirm order" }).click();
      await statusIs(page, "Confirmed");
      await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
      // Product, then ordered, reserved, picked, shipped, backorder, and the amount (with the unit price).
      await expect(lineRow(page, skuA).getByRole("cell")).toHaveText([new RegExp(`^${skuA}Kettle`), "3", "3", "0", "0", "0", "CN¥30.00CN¥10.00 each"]);
      await expect(lineRow(page, skuB).getByRole("cell")).toHaveText([new RegExp(`^${skuB}Tea`), "4", "2", "0", "0", "2", "CN¥10.00CN¥2.50 each"]);
      await expect(page.getByRole("list", { name: `Reservations of ${skuA}` })).toContainText("A-01-02 × 3 (Reserved)");
      await expect(page.getByRole("list", { name: `Reservations of ${skuB}` })).toContainText(`A-01-03 · ${lot} × 2 (Reserved)`);
      await expect(page.getByText("2 units are on backorder")).toBeVisible();
      await expect(page.getByRole("list", { name: "Timeline" })).toContainText("Confirmed");
      await expect(page.getByRole("list", { name: "Timeline" })).toContainText(`${skuB}: 2 reserved, 2 on backorder`);

      // Whom the stock is reserved for: the product page, reached from the stock list's reserved figure.
      await page.goto(`/stock?q=${encodeURIComponent(skuB)}`);
      await page.getByRole("link", { name: `2 of ${skuB} reserved at A-01-03: for whom` }).click();
      await expect(page).toHaveURL(new RegExp(`/products/${skuB}#reservations$`));
      const reserved = page.getByRole("table", { name: "Reserved for orders" });
      await expect(reserved.getByRole("row").filter({ hasText: number })).toContainText(customerName);
      await expect(reserved.getByRole("row").filter({ hasText: number })).toContainText(lot);

      // Due today: on the dashboard.
      await page.goto("/");
      await expect(page.getByRole("list", { name: "Orders to ship today" }).getByRole("link", { name: new RegExp(number) })).toBeVisible();
    });

    test("creates a pick list from the order page; after the picks, packs and ships it and opens the delivery note", async ({ page }) => {
      test.setTimeout(90_000);
      await page.goto(`/sales/orders/${encodeURIComponent(number)}`);
      await page.getByRole("button", { name: "Create pick list" }).click();
      await statusIs(page, "Picking");
      const pickLink = page.getByRole("list", { name: "Pick lists" }).getByRole("link", { name: /^WH\/PICK\// });
      await expect(pickLink).toBeVisible();
      const pickListId = decodeURIComponent(((await pickLink.getAttribute("href")) ?? "").split("/").pop() ?? "");
      // Everything reserved is on the list now: nothing more to put on one, nothing to pack yet.
      await expect(page.getByText("5 units are on an open pick list, to be picked on the handheld.")).toBeVisible();
      await expect(page.getByRole("button", { name: "Create pick list" })).toHaveCount(0);
      await expect(page.getByRole("form", { name: "Pack the order" })).toHaveCount(0);

      // The handheld's part, through the domain as the clerk: every line picked in full.
      const clerk = await actorOf("clerk");
      const list = await getPickList(clerk, pickListId);
      expect(list.lines.map((l) => l.sku).sort()).toEqual([skuA, skuB].sort());
      for (const l of list.lines) await pickLine(clerk, pickListId, l.seq, { location: l.location, sku: l.sku, quantity: l.quantity, ...(l.lot ? { lot: l.lot } : {}) });

      await pickLink.click();
      await expect(page.getByRole("heading", { name: list.number, level: 1 })).toBeVisible();
      await statusIs(page, "Done");
      await expect(page.getByRole("table", { name: "Lines in walking order" }).getByRole("row").filter({ hasText: skuB })).toContainText("Clerk Demo");
      await page.goBack();

      await page.reload();
      await expect(lineRow(page, skuA).getByRole("cell")).toHaveText([new RegExp(`^${skuA}Kettle`), "3", "0", "3", "0", "0", "CN¥30.00CN¥10.00 each"]);
      const pack = page.getByRole("form", { name: "Pack the order" });
      await pack.getByRole("button", { name: "Mark as packed" }).click();
      await expect(pack.getByText("Say how many packages.")).toBeVisible();
      await pack.getByLabel("Packages").fill("2");
      await pack.getByLabel("Weight (kg)").fill("3.5");
      await pack.getByRole("button", { name: "Mark as packed" }).click();
      await statusIs(page, "Packed");

      const ship = page.getByRole("form", { name: "Ship the order" });
      await ship.getByLabel("Carrier").fill("SF Express");
      await ship.getByLabel("Tracking number").fill("SF1234567890");
      await expect(ship.getByRole("radio", { name: /Keep them on backorder/ })).toBeChecked();
      await ship.getByRole("button", { name: "Ship", exact: true }).click();
      await statusIs(page, "Shipped");

      await expect(lineRow(page, skuA).getByRole("cell")).toHaveText([new RegExp(`^${skuA}Kettle`), "3", "0", "0", "3", "0", "CN¥30.00CN¥10.00 each"]);
      await expect(lineRow(page, skuB).getByRole("cell")).toHaveText([new RegExp(`^${skuB}Tea`), "4", "0", "0", "2", "0", "CN¥10.00CN¥2.50 each"]);
      const shipments = page.getByRole("list", { name: "Shipments" });
      await expect(shipments).toContainText(/WH\/DN\//);
      await expect(shipments).toContainText("2 packages · 3.5 kg · SF Express · SF1234567890");
      await expect(page.getByRole("list", { name: "Timeline" })).toContainText("Shipped");
      const backorderLink = page.getByRole("main").locator("dl").getByRole("link", { name: /^SO/ });
      backorder = ((await backorderLink.textContent()) ?? "").trim();
      expect(backorder).not.toBe(number);

      const note = shipments.getByRole("link", { name: /^Delivery note \(PDF\) of WH\/DN\// });
      const res = await page.request.get((await note.getAttribute("href")) ?? "");
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toBe("application/pdf");
      const body = await res.body();
      expect(body.subarray(0, 5).toString()).toBe("%PDF-");
      expect(body.length).toBeGreaterThan(5_000);

      // The rest is on the backorder order (confirmed, nothing left to reserve), listed by the report.
      await backorderLink.click();
      await expect(page.getByRole("heading", { name: backorder, level: 1 })).toBeVisible();
      await statusIs(page, "Confirmed");
      await expect(lineRow(page, skuB).getByRole("cell")).toHaveText([new RegExp(`^${skuB}Tea`), "2", "0", "0", "0", "2", "CN¥5.00CN¥2.50 each"]);
      await page.goto(`/reports/open-orders?backorder=true&customer=${customerCode}`);
      await expect(page.getByRole("table", { name: "Open orders and backorders" }).getByRole("row").filter({ hasText: backorder })).toContainText("2");

      // The customer cannot go while that order is open: the refusal is said in the dialog.
      await page.goto(`/sales/customers/${customerCode}`);
      await page.getByRole("button", { name: "Delete" }).click();
      const dialog = page.getByRole("dialog", { name: `Delete customer ${customerCode}?` });
      await dialog.getByRole("button", { name: "Delete customer" }).click();
      await expect(dialog.getByRole("alert")).toHaveText(`Customer ${customerCode} has 1 open order; ship or cancel them first.`);
    });
  });

  test.describe("viewer", () => {
    test.use({ storageState: authFile("viewer") });

    test("sees the orders without any action", async ({ page }) => {
      for (const ref of [number, backorder]) {
        await page.goto(`/sales/orders/${encodeURIComponent(ref)}`);
        await expect(page.getByRole("heading", { name: ref, level: 1 })).toBeVisible();
        await expect(page.getByRole("table", { name: "Lines" })).toBeVisible();
        for (const name of ["Confirm order", "Reserve backorder", "Cancel order", "Close order", "Create pick list", "Mark as packed", "Ship"]) {
          await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
        }
        await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
      }
      await page.goto("/sales/orders");
      await expect(page.getByRole("link", { name: "New order" })).toHaveCount(0);
      expect((await page.goto("/sales/orders/new"))?.status()).toBe(403);
      await page.goto(`/sales/customers/${customerCode}`);
      await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
      await expect(page.getByLabel("Name")).toHaveCount(0);
    });
  });

  test.describe("in Chinese", () => {
    test.use({ storageState: authFile("manager") });

    test("the order page is translated", async ({ page, context, baseURL }) => {
      await context.addCookies([{ name: "locale", value: "zh", url: baseURL ?? "http://127.0.0.1" }]);
      await page.goto(`/sales/orders/${encodeURIComponent(number)}`);
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");
      await statusIs(page, "已发货");
      await expect(page.getByRole("link", { name: "客户订单" }).first()).toBeVisible();
      const lines = page.getByRole("table", { name: "订单行" });
      for (const header of ["订购", "已预留", "已拣货", "已发货", "欠货"]) await expect(lines.getByRole("columnheader", { name: header })).toBeVisible();
      await expect(page.getByRole("list", { name: "时间线" })).toContainText("发货");
      await expect(page.getByRole("list", { name: "发货记录" }).getByRole("link", { name: /送货单（PDF）/ })).toBeVisible();
      await expect(page.getByRole("button", { name: "关闭订单" })).toBeVisible();
    });
  });
});
