import { expect, test } from "@playwright/test";
import { authFile, mainNav, uniqueSku } from "./support";

test.describe("viewer", () => {
  test.use({ storageState: authFile("viewer") });

  test("sees no New product button and gets 403 on the create page", async ({ page }) => {
    await page.goto("/products");
    await expect(page.getByRole("heading", { name: "Products", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "New product" })).toHaveCount(0);

    const response = await page.goto("/products/new");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    await expect(page.getByLabel("SKU")).toHaveCount(0);
  });

  test("has no Admin entry in the navigation", async ({ page }, testInfo) => {
    await page.goto("/");
    const nav = await mainNav(page, testInfo);
    await expect(nav.getByRole("link", { name: "Products" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);
  });
});

test.describe("clerk", () => {
  test.use({ storageState: authFile("clerk") });

  test("gets 403 on the admin pages", async ({ page }) => {
    for (const path of ["/admin", "/admin/users", "/admin/audit"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    }
  });
});

test.describe("manager", () => {
  test.use({ storageState: authFile("manager") });

  test("opens the audit log and sees the rows of a product they created", async ({ page }) => {
    const sku = uniqueSku("AUD");
    await page.goto("/products/new");
    await page.getByLabel("SKU").fill(sku);
    await page.getByLabel("Name").fill("Audited product");
    await page.getByRole("button", { name: "Create product" }).click();
    await expect(page).toHaveURL(new RegExp(`/products/${sku}\\?saved=created$`));

    const response = await page.goto("/admin/audit?entity=product&action=product.create");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
    const row = page.getByRole("listitem").filter({ hasText: sku });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("product.create");
    await expect(row).toContainText("Manager Demo");

    // Before and after, side by side, as formatted JSON.
    // The SKU is a link to the product now: open the entry by its summary's corner.
    await row.locator("summary").click({ position: { x: 8, y: 8 } });
    await expect(row.getByRole("figure", { name: "After" })).toContainText(`"sku": "${sku}"`);
    await expect(row.getByRole("figure", { name: "Before" })).toContainText("Nothing");
  });

  test("reaches the product's history from the product page", async ({ page }) => {
    await page.goto("/products/SKU-00002");
    await page.getByRole("link", { name: "History" }).click();
    await expect(page).toHaveURL(/\/admin\/audit\?entity=product&entityId=/);
    await expect(page.getByText("One record")).toBeVisible();
  });
});
