import { expect, test, type Page } from "@playwright/test";
import { authFile, uniqueSku } from "./support";

test.use({ storageState: authFile("manager") });

async function searchProducts(page: Page, q: string, opts: { deleted?: boolean } = {}) {
  await page.goto(`/products?q=${encodeURIComponent(q)}${opts.deleted ? "&deleted=true" : ""}`);
}

test("manager creates, edits, deletes and restores a product through the forms", async ({ page }) => {
  const sku = uniqueSku();

  // Create.
  await page.goto("/products");
  await page.getByRole("link", { name: "New product" }).click();
  await expect(page).toHaveURL(/\/products\/new$/);
  await page.getByLabel("SKU").fill(sku);
  await page.getByLabel("Name").fill("E2E drill driver");
  await page.getByLabel("Barcode").fill(`B${sku}`);
  // Options are category paths; pick "Drills" by its text.
  const drills = page.getByLabel("Category").locator("option", { hasText: /› Drills$/ });
  await page.getByLabel("Category").selectOption((await drills.getAttribute("value"))!);
  await page.getByLabel("Minimum stock").fill("12");
  await page.getByLabel("Amount").fill("199.90");
  await page.getByRole("button", { name: "Add attribute" }).click();
  await page.getByLabel("Name").nth(1).fill("voltage");
  await page.getByLabel("Value").fill("18V");
  await page.getByRole("button", { name: "Create product" }).click();

  await expect(page).toHaveURL(new RegExp(`/products/${sku}\\?saved=created$`));
  await expect(page.getByRole("region", { name: /Status messages/ }).getByText("Product created.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "E2E drill driver", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Drills" })).toBeVisible();
  await expect(page.getByText("18V")).toBeVisible();

  // The same SKU again: the server answers DUPLICATE, shown next to the SKU field.
  await page.goto("/products/new");
  await page.getByLabel("SKU").fill(sku);
  await page.getByLabel("Name").fill("Second try");
  await page.getByRole("button", { name: "Create product" }).click();
  const skuField = page.getByLabel("SKU");
  await expect(skuField).toHaveAttribute("aria-invalid", "true");
  await expect(skuField).toHaveAccessibleDescription(/already exists/);
  await expect(page).toHaveURL(/\/products\/new$/);

  // Client-side validation uses the same schema: a bad price never reaches the server.
  await page.getByLabel("SKU").fill(`${sku}-X`);
  await page.getByLabel("Amount").fill("12.345678");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByLabel("Amount")).toHaveAccessibleDescription(/Enter an amount like 12\.50/);

  // Edit.
  await page.goto(`/products/${sku}`);
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page).toHaveURL(new RegExp(`/products/${sku}/edit$`));
  await expect(page.getByLabel("Value")).toHaveValue("18V");
  await page.getByLabel("Name").first().fill("E2E drill driver (renamed)");
  await page.getByLabel("Safety stock").fill("50");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByLabel("Safety stock")).toHaveAccessibleDescription(/cannot exceed the minimum stock/);
  await page.getByLabel("Safety stock").fill("6");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/products/${sku}\\?saved=updated$`));
  await expect(page.getByRole("heading", { name: "E2E drill driver (renamed)", level: 1 })).toBeVisible();

  // Soft delete, with a confirmation step.
  await page.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: `Delete ${sku}?` });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Delete product" }).click();
  await expect(page.getByRole("status").filter({ hasText: "This product is deleted" })).toBeVisible();

  await searchProducts(page, sku);
  await expect(page.getByText("No products match these filters")).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(sku) })).toHaveCount(0);

  // Restore from the deleted list.
  await searchProducts(page, sku, { deleted: true });
  await page.getByRole("link", { name: new RegExp(sku) }).click();
  await page.getByRole("button", { name: "Restore" }).click();
  await page.getByRole("dialog", { name: `Restore ${sku}?` }).getByRole("button", { name: "Restore product" }).click();
  await expect(page.getByRole("button", { name: "Delete" })).toBeVisible();

  await searchProducts(page, sku);
  await expect(page.getByRole("link", { name: new RegExp(sku) })).toBeVisible();
});

test("product list: search, filters in the URL, next page and back", async ({ page }) => {
  await page.goto("/products");
  await page.getByLabel("Stock").selectOption("in");
  await expect(page).toHaveURL(/stock=in/);
  await page.getByRole("searchbox", { name: "Search" }).fill("SKU-0001");
  await page.getByRole("searchbox", { name: "Search" }).press("Enter");
  await expect(page).toHaveURL(/q=SKU-0001/);
  await expect(page).toHaveURL(/stock=in/);
  await expect(page.getByRole("link", { name: /SKU-00010/ })).toBeVisible();

  await page.goto("/products?q=SKU-0");
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/q=SKU-0&page=2/);
  await expect(page.getByRole("link", { name: /SKU-00026/ })).toBeVisible();
  await page.getByRole("link", { name: "Page 1", exact: true }).click();
  await expect(page).toHaveURL(/\/products\?q=SKU-0$/);
  await expect(page.getByRole("link", { name: /SKU-00001/ })).toBeVisible();
});

test("product list screenshot", async ({ page }, testInfo) => {
  await page.goto("/products");
  await expect(page.getByRole("heading", { name: "Products", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Next page" })).toBeVisible();
  const path = testInfo.outputPath("products-list.png");
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach("products-list", { path, contentType: "image/png" });
});
