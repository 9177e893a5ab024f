// Reconciliation admin page: an admin runs the check, rebuilds (with a confirmation) and refreshes
// the inventory summary; a manager, who may open Admin but not reconcile, gets neither.
import { expect, test } from "@playwright/test";
import { authFile } from "./support";

test.describe("admin", () => {
  test.use({ storageState: authFile("admin") });

  test("runs the check, rebuilds and refreshes the summary", async ({ page }) => {
    await page.goto("/admin");
    await page.getByRole("link", { name: /Reconciliation/ }).first().click();
    await expect(page.getByRole("heading", { name: "Reconciliation", level: 1 })).toBeVisible();
    await expect(page.getByText("The check has not been run yet.")).toBeVisible();

    await page.getByRole("button", { name: "Run check" }).click();
    await expect(page).toHaveURL(/\/admin\/reconcile\?run=1$/);
    await expect(page.getByRole("status").filter({ hasText: "Stock agrees with the ledger" })).toBeVisible();

    await page.getByRole("button", { name: "Rebuild" }).click();
    await page.getByRole("dialog", { name: "Rebuild stock from the ledger?" }).getByRole("button", { name: "Rebuild stock" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Rebuild finished" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Stock agrees with the ledger" })).toBeVisible();

    await page.getByRole("button", { name: "Refresh inventory summary" }).click();
    await expect(page.getByRole("status").filter({ hasText: /Refreshed at/ })).toBeVisible();
  });
});

test.describe("manager", () => {
  test.use({ storageState: authFile("manager") });

  test("has no Reconciliation section and gets 403 on the page", async ({ page }) => {
    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: "Admin", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: /Reconciliation/ })).toHaveCount(0);
    const response = await page.goto("/admin/reconcile");
    expect(response?.status()).toBe(403);
  });
});
