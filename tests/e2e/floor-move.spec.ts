// The handheld Move screen at phone size: a clerk moves stock between two locations by typing
// codes as a keyboard-wedge scanner does (code + Enter) — from location, product, quantity, to
// location, Confirm — and sees both balances; the source as destination is refused; the same
// product scanned while Confirm has focus adds one; a move beyond the stock is refused with the
// available quantity. Uses demo product 971 (100 units at C-01-02) and C-01-03, which no other
// spec touches.
import { expect, test, type Page } from "@playwright/test";
import { ean13 } from "../../prisma/seed/demo-codes";
import { authFile, balanceAt, scan } from "./support";

test.use({ storageState: authFile("clerk") });

const SKU = "SKU-00971";
const BARCODE = ean13(971);
const FROM = "C-01-02";
const TO = "C-01-03";

const fmt = (n: number) => n.toLocaleString("en-US");

/** From location, product, then the quantity (Enter moves on to the "to" location). */
async function startMove(page: Page, quantity: number) {
  await page.goto("/floor/move");
  await scan(page, "From location", FROM);
  await scan(page, "Product", BARCODE);
  const field = page.getByLabel("Quantity");
  await expect(field).toBeFocused();
  await expect(field).toHaveValue("1");
  await field.fill(String(quantity));
  await field.press("Enter");
}

test("clerk moves stock between two locations and sees both balances", async ({ page }) => {
  const from = await balanceAt(page, SKU, FROM);
  const to = await balanceAt(page, SKU, TO);

  await page.goto("/floor");
  await page.getByRole("link", { name: /^Move/ }).click();
  await expect(page).toHaveURL(/\/floor\/move$/);
  await scan(page, "From location", FROM);
  await scan(page, "Product", BARCODE);
  await page.getByLabel("Quantity").fill("7");
  await page.getByLabel("Quantity").press("Enter");
  await scan(page, "To location", TO);
  const confirm = page.getByRole("button", { name: "Confirm" });
  await expect(confirm).toBeFocused();
  await confirm.click();

  const moved = page.getByRole("status").filter({ hasText: `Moved 7 × ${SKU}` });
  await expect(moved).toBeVisible();
  await expect(moved).toContainText(new RegExp(`Left at ${FROM}\\s*${fmt(from - 7)}`));
  await expect(moved).toContainText(new RegExp(`Now at ${TO}\\s*${fmt(to + 7)}`));
  // The from location stays for the next product.
  await expect(page.getByLabel("Product", { exact: true })).toBeFocused();

  // Look up agrees with the result panel.
  expect(await balanceAt(page, SKU, FROM)).toBe(from - 7);
  expect(await balanceAt(page, SKU, TO)).toBe(to + 7);
});

test("the source is refused as destination; the same product scanned at Confirm adds one", async ({ page }) => {
  const from = await balanceAt(page, SKU, FROM);
  const to = await balanceAt(page, SKU, TO);

  await startMove(page, 2);
  // The goods cannot go where they come from: refused under the field, which keeps the focus.
  await scan(page, "To location", FROM);
  const toField = page.getByLabel("To location", { exact: true });
  await expect(toField).toHaveAccessibleDescription("Scan a different location than where the goods come from.");
  await expect(toField).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("button", { name: "Confirm" })).toBeDisabled();
  await scan(page, "To location", TO);

  // A wedge scan of the same product while Confirm has focus adds one and does not press Confirm.
  const confirm = page.getByRole("button", { name: "Confirm" });
  await expect(confirm).toBeFocused();
  await page.keyboard.type(BARCODE, { delay: 5 });
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Quantity")).toHaveValue("3");
  await expect(page.getByRole("status").filter({ hasText: "Moved" })).toHaveCount(0);

  await confirm.click();
  const moved = page.getByRole("status").filter({ hasText: `Moved 3 × ${SKU}` });
  await expect(moved).toContainText(new RegExp(`Left at ${FROM}\\s*${fmt(from - 3)}`));
  await expect(moved).toContainText(new RegExp(`Now at ${TO}\\s*${fmt(to + 3)}`));
  expect(await balanceAt(page, SKU, FROM)).toBe(from - 3);
});

test("moving more than is available is refused with the available quantity", async ({ page }) => {
  const from = await balanceAt(page, SKU, FROM);
  const to = await balanceAt(page, SKU, TO);

  await startMove(page, from + 1);
  await scan(page, "To location", TO);
  await page.getByRole("button", { name: "Confirm" }).click();
  const refused = page.getByRole("alert").filter({ hasText: "Not enough stock" });
  await expect(refused).toBeVisible();
  await expect(refused).toContainText(new RegExp(`Available at ${FROM}\\s*${fmt(from)}`));
  await expect(refused).toContainText(`You asked for ${fmt(from + 1)} of ${SKU}.`);
  // Back at the quantity; − makes it fit and clears the red panel.
  await expect(page.getByLabel("Quantity")).toBeFocused();
  await page.getByRole("button", { name: "One less" }).click();
  await expect(page.getByLabel("Quantity")).toHaveValue(String(from));
  await expect(refused).toHaveCount(0);

  // Nothing was moved.
  expect(await balanceAt(page, SKU, FROM)).toBe(from);
  expect(await balanceAt(page, SKU, TO)).toBe(to);
});
