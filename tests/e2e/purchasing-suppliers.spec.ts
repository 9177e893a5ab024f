// Suppliers, exchange rates and purchasing settings (app/(app)/purchasing/suppliers|rates|settings):
// a purchaser keeps suppliers and what they supply, a manager keeps rates, the approval threshold
// and a supplier's receipt tolerance; the others only read, and get 403 on the rest.
import { expect, test, type Page } from "@playwright/test";
import { db } from "@/lib/db";
import { authFile } from "./support";

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`.toUpperCase();
/** A three-letter "currency" no other run uses (the schema takes any three letters). */
const testCurrency = () =>
  `Q${Array.from({ length: 2 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join("")}`;

async function createSupplier(page: Page, code: string, name: string) {
  await page.goto("/purchasing/suppliers");
  await page.getByRole("link", { name: "New supplier" }).click();
  await expect(page).toHaveURL(/\/purchasing\/suppliers\/new$/);
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Contact").fill("Li Wei");
  await page.getByLabel("Phone").fill("+86 21 5555 0100");
  await page.getByLabel("Currency", { exact: true }).fill("usd");
  await page.getByLabel("Lead time (days)").fill("14");
  await page.getByLabel("Payment terms").fill("30 days net");
}


test.describe("purchaser", () => {
  test.use({ storageState: authFile("purchaser") });

  test("creates a supplier, edits it and lists a product with price and preferred; a bad email is reported on its field", async ({ page, browser }) => {
    const code = `SUP-${unique()}`;
    await createSupplier(page, code.toLowerCase(), "E2E Components Ltd");

    // A bad email: the field says what is expected, nothing is saved.
    await page.getByLabel("Email").fill("orders-at-example");
    await page.getByRole("button", { name: "Create supplier" }).click();
    await expect(page.getByLabel("Email")).toHaveAccessibleDescription(/Enter an email address like orders@example\.com\./);
    await expect(page.getByLabel("Email")).toBeFocused();
    await expect(page).toHaveURL(/\/purchasing\/suppliers\/new$/);

    await page.getByLabel("Email").fill("orders@components.example");
    await page.getByRole("button", { name: "Create supplier" }).click();
    await expect(page).toHaveURL(new RegExp(`/purchasing/suppliers/${code}$`));
    await expect(page.getByRole("heading", { level: 1, name: "E2E Components Ltd" })).toBeVisible();
    const details = page.getByRole("region", { name: "Details" });
    await expect(details).toContainText("USD");
    await expect(details).toContainText("14 days");
    await expect(details).toContainText("orders@components.example");
    // Receipt tolerance is the managers' (purchase.settings): purchasers do not get the form.
    await expect(page.getByLabel("Receipt tolerance %")).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Receipt tolerance", exact: true })).toHaveCount(0);

    // The list finds it.
    await page.goto(`/purchasing/suppliers?q=${code}`);
    await expect(page.getByRole("link", { name: code, exact: true })).toBeVisible();

    // Edit.
    await page.getByRole("link", { name: `Edit ${code}` }).click();
    await expect(page).toHaveURL(new RegExp(`/purchasing/suppliers/${code}/edit$`));
    await expect(page.getByLabel("Lead time (days)")).toHaveValue("14");
    await page.getByLabel("Name", { exact: true }).fill("E2E Components (Shanghai) Ltd");
    await page.getByLabel("Lead time (days)").fill("10");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(new RegExp(`/purchasing/suppliers/${code}$`));
    await expect(page.getByRole("heading", { level: 1, name: "E2E Components (Shanghai) Ltd" })).toBeVisible();
    await expect(details).toContainText("10 days");

    // A product it supplies, with price, minimum order and the preferred mark.
    const form = page.getByRole("form", { name: "Add a product" });
    await form.getByLabel("Product", { exact: true }).fill("SKU-00010");
    await form.getByLabel("Supplier SKU").fill("CMP-10");
    await form.getByLabel("Minimum order quantity").fill("12");
    await form.getByLabel("Last price").fill("3.5");
    await expect(form.getByLabel("Price currency")).toHaveValue("USD");
    await form.getByLabel("Preferred supplier of this product").check();
    await form.getByRole("button", { name: "Add product" }).click();
    const products = page.getByRole("table", { name: "Products supplied" });
    const row = products.getByRole("row").filter({ hasText: "SKU-00010" });
    await expect(row).toContainText("$3.50");
    await expect(row).toContainText("Preferred");
    await expect(row).toContainText("12");

    // Update it through the same form: a new price, no longer preferred.
    await row.getByRole("button", { name: "Edit SKU-00010" }).click();
    const update = page.getByRole("form", { name: "Update SKU-00010" });
    await expect(update.getByLabel("Last price")).toHaveValue("3.50");
    await update.getByLabel("Last price").fill("3.25");
    await update.getByLabel("Preferred supplier of this product").uncheck();
    await update.getByRole("button", { name: "Save product" }).click();
    await expect(row).toContainText("$3.25");
    await expect(row).not.toContainText("Preferred");

    // An unknown product is reported on the Product field.
    await form.getByLabel("Product", { exact: true }).fill("NO-SUCH-SKU-E2E");
    await form.getByRole("button", { name: "Add product" }).click();
    await expect(form.getByLabel("Product", { exact: true })).toHaveAccessibleDescription(/Unknown product NO-SUCH-SKU-E2E\./);

    // A manager sets the receipt tolerance on the same supplier.
    const manager = await browser.newContext({ storageState: authFile("manager") });
    const managerPage = await manager.newPage();
    await managerPage.goto(`/purchasing/suppliers/${code}`);
    await expect(managerPage.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
    await managerPage.getByLabel("Receipt tolerance %").fill("5.5");
    await managerPage.getByRole("button", { name: "Save tolerance" }).click();
    await expect(managerPage.getByRole("region", { name: "Details" })).toContainText("5.5 %");
    await manager.close();

    // Remove the product, then delete the supplier (no order refers to it).
    await row.getByRole("button", { name: "Remove SKU-00010" }).click();
    await page.getByRole("dialog", { name: "Remove SKU-00010 from this supplier?" }).getByRole("button", { name: "Remove" }).click();
    await expect(products).toHaveCount(0);
    await expect(page.getByText("No products listed for this supplier yet")).toBeVisible();

    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("dialog", { name: `Delete supplier ${code}?` }).getByRole("button", { name: "Delete supplier" }).click();
    await expect(page).toHaveURL(/\/purchasing\/suppliers$/);
    expect((await page.goto(`/purchasing/suppliers/${code}`))?.status()).toBe(404);
  });

  test("cannot delete a supplier a purchase order refers to: the dialog says to make it inactive instead", async ({ page }) => {
    const code = `SUP-${unique()}`;
    await createSupplier(page, code, "E2E Ordered From Ltd");
    await page.getByRole("button", { name: "Create supplier" }).click();
    await expect(page).toHaveURL(new RegExp(`/purchasing/suppliers/${code}$`));

    // A draft order for it, written straight to the database (the order screens are not part of this spec).
    const [supplier, purchaser] = await Promise.all([
      db.supplier.findUniqueOrThrow({ where: { code } }),
      db.user.findUniqueOrThrow({ where: { email: "purchaser@example.com" } }),
    ]);
    const order = await db.purchaseOrder.create({
      data: {
        number: `E2E-PO-${unique()}`,
        supplierId: supplier.id,
        currency: "USD",
        baseCurrency: "CNY",
        exchangeRate: "7",
        orderDate: new Date(),
        createdById: purchaser.id,
        lastEditedById: purchaser.id,
      },
    });
    try {
      await page.getByRole("button", { name: "Delete", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: `Delete supplier ${code}?` });
      await dialog.getByRole("button", { name: "Delete supplier" }).click();
      await expect(dialog.getByRole("alert")).toHaveText(
        `Supplier ${code} is referenced by 1 purchase order and cannot be deleted; make it inactive instead.`,
      );
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await expect(page).toHaveURL(new RegExp(`/purchasing/suppliers/${code}$`));
    } finally {
      await db.purchaseOrder.delete({ where: { id: order.id } });
    }
  });

  test("gets 403 on the purchasing settings", async ({ page }) => {
    expect((await page.goto("/purchasing/settings"))?.status()).toBe(403);
  });
});

test.describe("manager", () => {
  test.use({ storageState: authFile("manager") });

  test("sets an exchange rate and imports rates from CSV: a bad row names its row and imports nothing", async ({ page }) => {
    await page.goto("/purchasing/rates");
    await expect(page.getByText("Base currency CNY")).toBeVisible();

    // One rate by hand.
    const one = testCurrency();
    const set = page.getByRole("form", { name: "Set a rate" });
    await set.getByLabel("Currency").fill(one.toLowerCase());
    await set.getByLabel("Date").fill("2026-03-02");
    await set.getByLabel("Rate", { exact: true }).fill("7.1234");
    await set.getByRole("button", { name: "Save rate" }).click();
    await expect(set.getByRole("status")).toContainText(`1 ${one} = 7.1234 CNY from 2026-03-02.`);
    // The base currency itself is refused on its field.
    await set.getByLabel("Currency").fill("CNY");
    await set.getByLabel("Rate", { exact: true }).fill("1");
    await set.getByRole("button", { name: "Save rate" }).click();
    await expect(set.getByLabel("Currency")).toHaveAccessibleDescription(/CNY is the base currency; its rate is always 1\./);

    await page.goto(`/purchasing/rates?currency=${one}`);
    const rates = page.getByRole("table", { name: "Rates" });
    await expect(rates.getByRole("row").filter({ hasText: "2026-03-02" })).toContainText("7.1234");

    // A file with one bad row: the row is named, and nothing is imported.
    const bad = testCurrency();
    const importForm = page.getByRole("form", { name: "Import from CSV" });
    await importForm.getByLabel("CSV file").setInputFiles({
      name: "rates-bad.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`currency,date,rate\n${bad},2026-04-01,7.20\n${bad},2026-04-02,seven\n`),
    });
    await importForm.getByRole("button", { name: "Import rates" }).click();
    const problems = importForm.getByRole("alert");
    await expect(problems).toContainText("Nothing was imported");
    await expect(problems.getByRole("list", { name: "Problems in the file" }).getByRole("listitem")).toHaveText([
      "Row 3, rate: Enter a rate like 7.1234 (up to 10 decimals).",
    ]);
    await page.goto(`/purchasing/rates?currency=${bad}`);
    await expect(page.getByText(`No rates for ${bad}`)).toBeVisible();

    // A good file: all rows imported and listed.
    const good = testCurrency();
    await page.getByRole("form", { name: "Import from CSV" }).getByLabel("CSV file").setInputFiles({
      name: "rates.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`currency,date,rate\n${good},2026-04-01,0.0521\n${good},2026-04-02,0.0523\n`),
    });
    await page.getByRole("button", { name: "Import rates" }).click();
    await expect(page.getByRole("form", { name: "Import from CSV" }).getByRole("status")).toContainText("2 rates imported");
    await page.getByLabel("Currency", { exact: true }).last().fill(good);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`currency=${good}`));
    await expect(rates.getByRole("row")).toHaveCount(3); // header + 2
    await expect(rates.getByRole("row").nth(1)).toContainText("2026-04-02");
    await expect(rates.getByRole("row").nth(1)).toContainText("0.0523");
    await expect(rates.getByRole("row").nth(2)).toContainText("2026-04-01");
  });

  test("sets the approval threshold", async ({ page }) => {
    await page.goto("/purchasing/settings");
    await expect(page.getByRole("heading", { level: 1, name: "Purchasing settings" })).toBeVisible();
    const field = page.getByLabel("Threshold (CNY)");
    const before = await field.inputValue();
    await field.fill("50000");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Now: orders above CN¥50,000.00 need a second approval.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Threshold (CNY)")).toHaveValue(/^50000(\.0+)?$/);

    // Not an amount: the field says so.
    await page.getByLabel("Threshold (CNY)").fill("lots");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByLabel("Threshold (CNY)")).toHaveAccessibleDescription(/Enter an amount like 12\.50/);

    // Back to what it was, for the other specs on this database.
    await page.getByLabel("Threshold (CNY)").fill(before);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText(before ? /Now: orders above .* need a second approval\./ : "Now: every order needs one approval.")).toBeVisible();
  });
});

test.describe("viewer", () => {
  test.use({ storageState: authFile("viewer") });

  test("reads suppliers and rates without the buttons that change them; the new-supplier page is 403", async ({ page }) => {
    const response = await page.goto("/purchasing/suppliers");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Suppliers" })).toBeVisible();
    await expect(page.getByRole("link", { name: "New supplier" })).toHaveCount(0);
    expect((await page.goto("/purchasing/suppliers/new"))?.status()).toBe(403);

    await page.goto("/purchasing/rates");
    await expect(page.getByRole("heading", { level: 1, name: "Exchange rates" })).toBeVisible();
    await expect(page.getByRole("form", { name: "Set a rate" })).toHaveCount(0);
    await expect(page.getByRole("form", { name: "Import from CSV" })).toHaveCount(0);
    expect((await page.goto("/purchasing/settings"))?.status()).toBe(403);
  });
});
