import { expect, test } from "@playwright/test";
import { authFile } from "./support";

test.use({ storageState: authFile("manager") });

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 100)}`.toUpperCase();

test("manager creates and edits a location; a taken code is reported on the Code field", async ({ page }) => {
  const code = `E2E-${unique()}`;
  await page.goto("/locations");
  await page.getByRole("link", { name: "New location" }).click();
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByLabel("Name").fill("E2E dock door");
  await page.getByLabel("Kind").selectOption({ label: "Shipping" });
  await page.getByLabel("Capacity").fill("250");
  await page.getByRole("button", { name: "Create location" }).click();
  await expect(page).toHaveURL(new RegExp(`/locations\\?q=${code}$`));
  await expect(page.getByRole("link", { name: `Edit ${code}` })).toBeVisible();

  // The same code again (with another barcode, so only the code clashes).
  await page.goto("/locations/new");
  await page.getByLabel("Code", { exact: true }).fill(code.toLowerCase());
  await page.getByLabel("Barcode").fill(`${code}-B`);
  await page.getByRole("button", { name: "Create location" }).click();
  await expect(page.getByLabel("Code", { exact: true })).toHaveAccessibleDescription(/already in use/);

  // Edit.
  await page.goto(`/locations/${code}/edit`);
  await expect(page.getByLabel("Capacity")).toHaveValue("250");
  await page.getByLabel("Capacity").fill("300");
  await page.getByLabel("Active").uncheck();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/locations\\?q=${code}$`));
  await page.goto(`/locations?q=${code}&status=inactive`);
  await expect(page.getByRole("link", { name: `Edit ${code}` })).toBeVisible();
});

test("manager creates a warehouse and renames it", async ({ page }) => {
  const code = `W${unique()}`.slice(0, 16);
  await page.goto("/locations/warehouses");
  await page.getByRole("link", { name: "New warehouse" }).click();
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByLabel("Name").fill("E2E overflow site");
  await page.getByRole("button", { name: "Create warehouse" }).click();
  await expect(page).toHaveURL(/\/locations\/warehouses$/);
  await expect(page.getByRole("row", { name: new RegExp(code) })).toContainText("E2E overflow site");

  await page.getByRole("link", { name: `Edit ${code}` }).click();
  await page.getByLabel("Name").fill("E2E overflow site (north)");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/locations\/warehouses$/);
  await expect(page.getByRole("row", { name: new RegExp(code) })).toContainText("E2E overflow site (north)");
});
