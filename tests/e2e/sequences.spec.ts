// Admin → Sequences in the browser: the live preview follows the admin's typing; other roles get 403.
// Signed-in states per role come from the setup project (test-results/.auth/<role>.json).
import { expect, test } from "@playwright/test";

test.describe("sequences admin page (admin)", () => {
  test.use({ storageState: "test-results/.auth/admin.json" });

  test("creates a sequence with a date prefix, the preview updating as they type", async ({ page }) => {
    const code = `e2e.${Date.now().toString(36)}.${test.info().project.name}`;
    await page.goto("/admin/sequences/new");
    await expect(page.getByRole("heading", { level: 1, name: "New sequence" })).toBeVisible();
    await expect(page.getByText("Dates and times follow the time zone UTC.")).toBeVisible();

    await page.getByLabel("Code", { exact: true }).fill(code);
    await page.getByLabel("Name", { exact: true }).fill("E2E receipts");
    await page.getByLabel("Document date").fill("2026-03-05");
    const next = page.getByRole("status", { name: "Next number" });

    const prefix = page.getByLabel("Prefix", { exact: true });
    await prefix.fill("E2E/%(range_year)s/");
    await expect(next).toHaveText("E2E/2026/00001");
    await prefix.pressSequentially("%(month)s/");
    await expect(next).toHaveText("E2E/2026/03/00001");
    await page.getByRole("spinbutton", { name: "Padding" }).fill("3");
    await expect(next).toHaveText("E2E/2026/03/001");
    await page.getByLabel("Document date").fill("2027-11-30");
    await expect(next).toHaveText("E2E/2027/11/001");
    await expect(page.getByText("From the period 2027-01-01 – 2027-12-31, created by its first number.")).toBeVisible();

    // A mistyped placeholder is refused while typing, before anything is saved.
    await prefix.fill("E2E/%(yaer)s/");
    await expect(page.getByText("Unknown placeholder %(yaer)s.")).toBeVisible();
    await expect(prefix).toHaveAttribute("aria-invalid", "true");
    await prefix.fill("E2E/%(range_year)s/");
    await expect(next).toHaveText("E2E/2027/001");

    await page.getByRole("button", { name: "Create sequence" }).click();
    await expect(page).toHaveURL(/\/admin\/sequences\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1, name: `Sequence ${code}` })).toBeVisible();
    await expect(page.getByText("No period yet: the first number of a period creates it.")).toBeVisible();

    await page.goto("/admin/sequences");
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: `Edit ${code}` }) });
    await expect(row).toContainText("E2E receipts");
    await expect(row).toContainText(/E2E\/\d{4}\/001/);
  });
});

test.describe("sequences admin page (clerk)", () => {
  test.use({ storageState: "test-results/.auth/clerk.json" });

  test("answers 403", async ({ page }) => {
    const response = await page.goto("/admin/sequences");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "Sequences" })).toHaveCount(0);
  });
});
