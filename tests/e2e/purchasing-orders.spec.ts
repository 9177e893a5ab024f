// Purchase orders in the browser: a purchaser drafts an order (lines as a field array, the total
// computed live, exactly) and submits it; an approver approves it from the inbox on a phone; after
// a receipt a manager sees it partially received with the open quantities and receives the rest on
// the desktop form; each role sees only the buttons it may use, and forbidden pages answer 403.
// Runs in the desktop project only (playwright.config): the approver's part sets its own phone
// viewport. Suppliers and the orders the role checks need are made through the domain
// (lib/purchasing, as the system user or the demo users) against the run's database.
import { expect, test, type Page } from "@playwright/test";
import type { Actor } from "@/lib/auth/permissions";
import { systemActor } from "@/lib/auth/system-actor";
import { db } from "@/lib/db";
import { createPurchaseOrder, transitionPurchaseOrder } from "@/lib/purchasing/purchase-orders";
import { receivePurchaseOrder } from "@/lib/purchasing/receive";
import { createSupplier } from "@/lib/purchasing/suppliers";
import { authFile, freshEan, mainNav, newProduct, uniqueSku, type DemoRole } from "./support";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function actorOf(role: DemoRole): Promise<Actor> {
  const u = await db.user.findUniqueOrThrow({ where: { email: `${role}@example.com` }, select: { id: true, role: true } });
  return { id: u.id, role: u.role, channel: "web" };
}

async function newSupplier(name: string): Promise<string> {
  const code = uniqueSku("SUP");
  await createSupplier(systemActor(), { code, name, currency: "CNY" });
  return code;
}

/** A draft (or, with `submit`, a submitted) order of the purchaser for one new product. */
async function domainOrder(opts: { submit?: boolean; approve?: boolean }, request: Parameters<typeof newProduct>[0]): Promise<string> {
  const supplier = await newSupplier("Role check supplier");
  const sku = await newProduct(request, { barcode: freshEan() }, "PO");
  const purchaser = await actorOf("purchaser");
  const o = await createPurchaseOrder(purchaser, { supplier, lines: [{ sku, quantity: 2, unitPrice: "5.00" }] });
  if (opts.submit || opts.approve) await transitionPurchaseOrder(purchaser, o.number, { action: "submit" });
  if (opts.approve) await transitionPurchaseOrder(await actorOf("approver"), o.number, { action: "approve" });
  return o.number;
}

const orderHeading = (page: Page) => page.getByRole("heading", { level: 1 });
/** The status badge in the page header (the timeline and the table headers use the same words). */
const statusIs = (page: Page, status: string) => expect(page.getByRole("main").locator("header").first().getByText(status, { exact: true })).toBeVisible();


test.describe.serial("an order from draft to partial receipt", () => {
  let number = "";
  let skuA = "";
  let skuB = "";

  test.describe("purchaser", () => {
    test.use({ storageState: authFile("purchaser") });

    test("sees Purchasing first, drafts an order with a live total and submits it", async ({ page, request }, testInfo) => {
      const supplierName = `Acme ${uniqueSku("S")}`;
      const supplier = await newSupplier(supplierName);
      skuA = await newProduct(request, { barcode: freshEan() }, "POA");
      skuB = await newProduct(request, { barcode: freshEan() }, "POB");

      await page.goto("/");
      const nav = await mainNav(page, testInfo);
      await expect(nav.getByRole("link").first()).toHaveAccessibleName("Purchase orders");

      await page.goto("/purchasing/orders");
      await expect(page.getByRole("heading", { name: "Purchase orders", level: 1 })).toBeVisible();
      await page.getByRole("link", { name: "New order" }).first().click();
      await expect(page.getByRole("heading", { name: "New purchase order", level: 1 })).toBeVisible();

      await page.getByLabel("Supplier").selectOption(supplier);
      await expect(page.getByLabel("Currency")).toHaveValue("CNY");
      await page.getByLabel("Product").first().fill(skuA);
      await page.getByLabel("Quantity").first().fill("3");
      await page.getByLabel("Unit price").first().fill("12.50");
      const total = page.getByRole("status", { name: "Order total" });
      await expect(total).toContainText("37.50");

      await page.getByRole("button", { name: "Add line" }).click();
      await expect(page.getByRole("group", { name: "Line 2" })).toBeVisible();
      const line2 = page.getByRole("group", { name: "Line 2" });
      await line2.getByLabel("Product").fill(skuB);
      await line2.getByLabel("Quantity").fill("1");
      // 0.125 rounds half-even to 0.12 (not 0.13): the server's rule, live.
      await line2.getByLabel("Unit price").fill("0.125");
      await expect(line2.getByRole("status", { name: "Amount" })).toHaveText("CN¥0.12");
      await expect(total).toContainText("37.62");

      // The same product twice is refused on the line, before anything is sent.
      await page.getByRole("button", { name: "Add line" }).click();
      const line3 = page.getByRole("group", { name: "Line 3" });
      await line3.getByLabel("Product").fill(skuA);
      await line3.getByLabel("Quantity").fill("1");
      await line3.getByLabel("Unit price").fill("1");
      await page.getByRole("button", { name: "Create draft" }).click();
      await expect(line3.getByText("This product is already on the order")).toBeVisible();
      await page.getByRole("button", { name: "Remove line 3" }).click();
      await expect(total).toContainText("37.62");

      await page.getByRole("button", { name: "Create draft" }).click();
      await expect(page).toHaveURL(/\/purchasing\/orders\/[^/?]+\?saved=created$/);
      number = ((await orderHeading(page).textContent()) ?? "").trim();
      expect(number).not.toBe("");
      await statusIs(page, "Draft");
      await expect(page.getByText(supplierName).first()).toBeVisible();
      await expect(page.getByRole("link", { name: "Edit" })).toBeVisible();

      await page.getByRole("button", { name: "Submit for approval" }).click();
      await statusIs(page, "Submitted");
      // A purchaser never approves (nor edits a submitted order).
      await expect(page.getByRole("button", { name: /^Approve/ })).toHaveCount(0);
      await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
      await expect(page.getByRole("list", { name: "Timeline" })).toContainText("Submitted for approval");
    });
  });

  test.describe("approver on a phone", () => {
    test.use({ storageState: authFile("approver"), ...PHONE });

    test("approves it from the inbox", async ({ page }) => {
      await page.goto("/purchasing");
      await expect(page).toHaveURL(/\/purchasing\/inbox$/);
      await expect(page.getByRole("heading", { name: "Approval inbox", level: 1 })).toBeVisible();
      const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: number, exact: true }) });
      await expect(card).toContainText("CN¥37.62");
      await expect(card).toContainText("2 lines");
      await expect(card).toContainText("Purchaser Demo");
      // Nothing runs off a 390 px screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      await card.getByRole("button", { name: `Approve ${number}` }).click();
      await expect(page.getByRole("link", { name: number, exact: true })).toHaveCount(0);

      await page.goto(`/purchasing/orders/${encodeURIComponent(number)}`);
      await statusIs(page, "Approved");
      await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
    });
  });

  test.describe("manager", () => {
    test.use({ storageState: authFile("manager") });

    test("sees it partially received with the open quantities, and receives the rest", async ({ page }) => {
      await receivePurchaseOrder(await actorOf("clerk"), number, { location: "A-01-01", lines: [{ sku: skuA, quantity: 1 }] });

      await page.goto(`/purchasing/orders/${encodeURIComponent(number)}`);
      await statusIs(page, "Partially received");
      const lines = page.getByRole("table", { name: "Lines" });
      const rowA = lines.getByRole("row").filter({ hasText: skuA });
      await expect(rowA.getByRole("cell")).toHaveText([skuA, /.*/, "3", "1", "2", "CN¥12.50", "CN¥37.50"]);
      const rowB = lines.getByRole("row").filter({ hasText: skuB });
      await expect(rowB.getByRole("cell")).toHaveText([skuB, /.*/, "1", "0", "1", /0\.125/, "CN¥0.12"]);
      const receipts = page.getByRole("list", { name: "Receipts" });
      await expect(receipts.getByRole("link", { name: /^WH\/IN\// })).toBeVisible();
      // The manager closes and receives; approving and editing are not theirs here.
      await expect(page.getByRole("button", { name: "Close order" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
      await expect(page.getByRole("button", { name: /^Approve/ })).toHaveCount(0);

      // The desktop receipt: more than is open is refused on its line, then the rest is received.
      const form = page.getByRole("form", { name: "Receive goods" });
      await form.getByLabel("Location").fill("A-01-01");
      await form.getByLabel(`Quantity of ${skuA}`).fill("5");
      await form.getByRole("button", { name: "Post receipt" }).click();
      await expect(form.getByText(`Only 2 of ${skuA} still open; 5 would be too many.`)).toBeVisible();
      await form.getByRole("button", { name: "Fill open quantities" }).click();
      await expect(form.getByLabel(`Quantity of ${skuA}`)).toHaveValue("2");
      await form.getByRole("button", { name: "Post receipt" }).click();
      await statusIs(page, "Received");
      await expect(receipts.getByRole("link", { name: /^WH\/IN\// })).toHaveCount(2);
      await expect(page.getByRole("form", { name: "Receive goods" })).toHaveCount(0);
    });
  });
});

test.describe("what each role may do", () => {
  test.describe("viewer", () => {
    test.use({ storageState: authFile("viewer") });

    test("reads orders without New order or Approve, and gets 403 on the create page", async ({ page, request }) => {
      const number = await domainOrder({ submit: true }, request);
      await page.goto("/purchasing/orders");
      await expect(page.getByRole("heading", { name: "Purchase orders", level: 1 })).toBeVisible();
      await expect(page.getByRole("link", { name: "New order" })).toHaveCount(0);

      await page.goto(`/purchasing/orders/${encodeURIComponent(number)}`);
      await expect(orderHeading(page)).toHaveText(number);
      await expect(page.getByRole("button", { name: /^(Approve|Reject|Cancel order|Submit for approval)/ })).toHaveCount(0);

      for (const path of ["/purchasing/orders/new", "/purchasing/inbox", "/purchasing/expected"]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
      }
    });
  });

  test.describe("approver", () => {
    test.use({ storageState: authFile("approver") });

    test("sees no Edit on a draft and gets 403 on its edit page; rejects a submitted order with a reason", async ({ page, request }) => {
      const draft = await domainOrder({}, request);
      await page.goto(`/purchasing/orders/${encodeURIComponent(draft)}`);
      await expect(orderHeading(page)).toHaveText(draft);
      await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Submit for approval" })).toHaveCount(0);
      const response = await page.goto(`/purchasing/orders/${encodeURIComponent(draft)}/edit`);
      expect(response?.status()).toBe(403);

      const submitted = await domainOrder({ submit: true }, request);
      await page.goto(`/purchasing/orders/${encodeURIComponent(submitted)}`);
      await page.getByRole("button", { name: "Reject" }).click();
      const dialog = page.getByRole("dialog", { name: `Reject ${submitted}?` });
      await dialog.getByRole("button", { name: "Reject" }).click();
      await expect(dialog.getByText("Say why the order is rejected.")).toBeVisible();
      await dialog.getByLabel("Reason").fill("Price above the contract.");
      await dialog.getByRole("button", { name: "Reject" }).click();
      await statusIs(page, "Rejected");
      await expect(page.getByText("Rejected: Price above the contract.")).toBeVisible();
      await expect(page.getByRole("button", { name: /^Approve/ })).toHaveCount(0);
    });
  });

  test.describe("purchaser", () => {
    test.use({ storageState: authFile("purchaser") });

    test("gets 403 on the inbox and the expected receipts", async ({ page }) => {
      for (const path of ["/purchasing/inbox", "/purchasing/expected"]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
      }
    });
  });

  test.describe("clerk", () => {
    test.use({ storageState: authFile("clerk") });

    test("gets 403 on the inbox and the create page, and finds approved orders under Expected", async ({ page, request }) => {
      for (const path of ["/purchasing/inbox", "/purchasing/orders/new"]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
      }
      const number = await domainOrder({ approve: true }, request);
      await page.goto("/purchasing");
      await expect(page).toHaveURL(/\/purchasing\/expected$/);
      const row = page.getByRole("list", { name: "Expected orders" }).getByRole("listitem").filter({ hasText: number });
      await expect(row).toContainText("No date");
      await expect(row.getByRole("link", { name: `Receive on handheld ${number}` })).toHaveAttribute("href", `/floor/receive?order=${encodeURIComponent(number)}`);
    });
  });
});
