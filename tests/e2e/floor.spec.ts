// The handheld screens at phone size: a clerk receives by typing a location and a barcode (as a
// keyboard-wedge scanner does, code + Enter), is refused an issue beyond the stock, and a double
// tap on Confirm posts once. Uses demo product 977 at E-02-05, which no other spec touches.
import { expect, test } from "@playwright/test";
import { ean13 } from "../../prisma/seed/demo-codes";
import { authFile, balanceAt, scan } from "./support";

test.use({ storageState: authFile("clerk") });

const SKU = "SKU-00977";
const BARCODE = ean13(977);
const LOCATION = "E-02-05";


test("clerk receives, is refused an issue beyond stock, and a double tap posts once", async ({ page }) => {

  const before = await balanceAt(page, SKU, LOCATION);

  // Receive 5: location, then the barcode, then the quantity.
  await page.goto("/floor");
  await page.getByRole("link", { name: /Receive/ }).click();
  await expect(page).toHaveURL(/\/floor\/receive$/);
  await scan(page, "Location", LOCATION);
  await scan(page, "Product", BARCODE);
  const quantity = page.getByLabel("Quantity");
  await expect(quantity).toBeFocused();
  await expect(quantity).toHaveValue("1");
  await quantity.fill("5");
  await page.getByRole("button", { name: "Confirm" }).click();
  const received = page.getByRole("status").filter({ hasText: `Received 5 × ${SKU}` });
  await expect(received).toBeVisible();
  await expect(received).toContainText(new RegExp(`New balance at ${LOCATION}\\s*${(before + 5).toLocaleString("en-US")}`));
  // The location stays for the next product.
  await expect(page.getByLabel("Product", { exact: true })).toBeFocused();

  // Issue more than there is: refused, with the available quantity.
  await page.getByRole("link", { name: "Back" }).click();
  await page.getByRole("link", { name: /Issue/ }).click();
  await scan(page, "Location", LOCATION);
  await scan(page, "Product", SKU);
  await page.getByLabel("Quantity").fill(String(before + 6));
  await page.getByRole("button", { name: "Confirm" }).click();
  const refused = page.getByRole("alert").filter({ hasText: "Not enough stock" });
  await expect(refused).toBeVisible();
  await expect(refused).toContainText(new RegExp(`Available at ${LOCATION}\\s*${(before + 5).toLocaleString("en-US")}`));

  // A double tap on Confirm posts once: the balance drops by exactly 2.
  await page.getByLabel("Quantity").fill("2");
  await page.getByRole("button", { name: "Confirm" }).dblclick();
  const issued = page.getByRole("status").filter({ hasText: `Issued 2 × ${SKU}` });
  await expect(issued).toBeVisible();
  await expect(issued).toContainText(new RegExp(`New balance at ${LOCATION}\\s*${(before + 3).toLocaleString("en-US")}`));
  expect(await balanceAt(page, SKU, LOCATION)).toBe(before + 3);
});

test("scanning the same product again adds one; a scan never presses the focused Confirm", async ({ page }) => {
  await page.goto("/floor/receive");
  await scan(page, "Location", LOCATION);
  await scan(page, "Product", BARCODE);
  // The scanner types into the quantity field (its text selected): the same barcode adds one.
  await page.getByLabel("Quantity").press("Enter"); // keep 1 → focus moves to Confirm
  const confirm = page.getByRole("button", { name: "Confirm" });
  await expect(confirm).toBeFocused();
  // A wedge scan while Confirm has focus: keystrokes + Enter must not press it.
  await page.keyboard.type(BARCODE, { delay: 5 });
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Quantity")).toHaveValue("2");
  await expect(page.getByRole("status").filter({ hasText: "Received" })).toHaveCount(0);
});

test("a lost answer is retried with the same key: the movement is posted once", async ({ page }) => {
  const before = await balanceAt(page, SKU, LOCATION);

  // The first send reaches the server and is applied, but its answer never arrives.
  let dropped = false;
  let sends = 0;
  await page.route("**/api/v1/movements/batch", async (route) => {
    sends += 1;
    if (!dropped) {
      dropped = true;
      await route.fetch();
      await route.abort("connectionreset");
      return;
    }
    await route.continue();
  });

  await page.goto("/floor/issue");
  await scan(page, "Location", LOCATION);
  await scan(page, "Product", SKU);
  await page.getByLabel("Quantity").fill("1");
  await page.getByRole("button", { name: "Confirm" }).click();
  // No answer: the movement waits on the device with its key…
  await expect(page.getByRole("status").filter({ hasText: `Queued: issue 1 × ${SKU}` })).toBeVisible();
  expect(dropped).toBe(true);
  // …and is sent again by itself (same Idempotency-Key: the server replays instead of issuing again).
  await expect(page.getByRole("link", { name: /waiting/ })).toHaveCount(0, { timeout: 20_000 });
  expect(sends).toBeGreaterThanOrEqual(2);
  await page.unrouteAll({ behavior: "ignoreErrors" });
  expect(await balanceAt(page, SKU, LOCATION)).toBe(before - 1);
});
