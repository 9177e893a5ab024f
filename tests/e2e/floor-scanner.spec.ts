// The handheld's scanner input at phone size (390×844), driven like a keyboard-wedge scanner: each
// code and Enter as fast keystrokes into whatever has the focus, scans 100–150 ms apart, never by
// filling fields. Each test makes its own products through the API, so the counts are its own.
import { expect, test, type Page } from "@playwright/test";
import { authFile, freshEan, movementsOf, newProduct, scan, wedge } from "./support";

test.use({ storageState: authFile("clerk") });

const LOCATION = "D-02-01";




async function openReceive(page: Page) {
  await page.goto("/floor/receive");
  await expect(page.getByLabel("Location", { exact: true })).toBeFocused();
}

test("a bad scan clears itself and reports only that code; the next scan applies", async ({ page, request }) => {
  const ean = freshEan();
  await newProduct(request, { barcode: ean }, "SCAN");
  await openReceive(page);

  await wedge(page, "Z-99-99");
  await expect(page.getByText("“Z-99-99” is not a known product or location.")).toBeVisible();
  await expect(page.getByLabel("Location", { exact: true })).toHaveValue("");
  await page.waitForTimeout(150);
  await wedge(page, LOCATION);
  await expect(page.getByLabel("Product", { exact: true })).toBeFocused();
  await expect(page.getByText("is not a known product")).toHaveCount(0);

  await wedge(page, "NOPE-404");
  await expect(page.getByText("“NOPE-404” is not a known product or location.")).toBeVisible();
  await page.waitForTimeout(150);
  await wedge(page, ean);
  await expect(page.getByLabel("Quantity")).toHaveValue("1");

  // Look up too.
  await page.goto("/floor/lookup");
  const field = page.getByLabel("Product or location");
  await expect(field).toBeFocused();
  await wedge(page, "Z-99-99");
  await expect(page.getByText("“Z-99-99” is not a known product or location.")).toBeVisible();
  await page.waitForTimeout(150);
  await wedge(page, LOCATION);
  await expect(page.getByRole("heading", { name: LOCATION })).toBeVisible();
  await expect(field).toHaveValue("");
});

test("the product's EAN scanned 4 times receives 4; a short numeric code adds one too; typed digits are a quantity", async ({ page, request }) => {
  const ean = freshEan();
  const sku = await newProduct(request, { barcode: ean }, "SCAN");
  const short = String(Math.floor(1_000_000 + Math.random() * 8_999_999)); // 7 digits
  const shortSku = await newProduct(request, { barcode: short }, "SCAN");
  await openReceive(page);

  await wedge(page, LOCATION);
  for (let i = 0; i < 4; i++) {
    await page.waitForTimeout(150);
    await wedge(page, ean);
  }
  await expect(page.getByLabel("Quantity")).toHaveValue("4");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Received 4 × ${sku}` })).toBeVisible();

  // A 7-digit code is a code, not a quantity, wherever the focus is.
  await expect(page.getByLabel("Product", { exact: true })).toBeFocused();
  for (let i = 0; i < 3; i++) {
    await wedge(page, short);
    await page.waitForTimeout(150);
  }
  const quantity = page.getByLabel("Quantity");
  await expect(quantity).toHaveValue("3");

  // A person typing digits (slowly) sets the quantity.
  await quantity.focus();
  await quantity.press("Control+a");
  await page.keyboard.type("12", { delay: 180 });
  await expect(quantity).toHaveValue("12");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Received 12 × ${shortSku}` })).toBeVisible();

  // Server-side: one receipt of 4 and one of 12, through the handheld channel.
  const a = await movementsOf(request, sku);
  expect(a.map((m) => [m.type, m.channel, m.lines[0].quantity])).toEqual([["in", "handheld", 4]]);
  const b = await movementsOf(request, shortSku);
  expect(b.map((m) => [m.type, m.lines[0].quantity])).toEqual([["in", 12]]);

  // Issue shows what is available before Confirm.
  await page.goto("/floor/issue");
  await scan(page, "Location", LOCATION);
  await wedge(page, ean);
  const availability = page.getByRole("region", { name: "Availability" });
  await expect(availability).toContainText(`Available at ${LOCATION}`);
  await expect(availability).toContainText("4");
});

test("location + product ×3, 100 ms apart, on a freshly opened screen make one receipt of 3", async ({ page, request }) => {
  const ean = freshEan();
  const sku = await newProduct(request, { barcode: ean }, "SCAN");
  await openReceive(page);
  await wedge(page, LOCATION);
  for (let i = 0; i < 3; i++) {
    await page.waitForTimeout(100);
    await wedge(page, ean);
  }
  await expect(page.getByLabel("Quantity")).toHaveValue("3");
  await expect(page.getByText(/Confirm .* first/)).toHaveCount(0);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Received 3 × ${sku}` })).toBeVisible();
  expect((await movementsOf(request, sku)).map((m) => m.lines[0].quantity)).toEqual([3]);
});

test("a lot-tracked receipt asks for lot and expiry (typed or from a GS1 label); the issue takes the first to expire", async ({ page, request }) => {
  const ean = freshEan();
  const sku = await newProduct(request, { barcode: ean, tracking: "lot" }, "SCAN");
  await openReceive(page);

  // 5 of lot LATE, expiring at the end of 2027: the lot is scanned into its field, the date typed.
  await wedge(page, LOCATION);
  await page.waitForTimeout(150);
  await wedge(page, ean);
  const quantity = page.getByLabel("Quantity");
  await quantity.fill("5");
  await quantity.press("Enter");
  await expect(page.getByLabel("Lot", { exact: true })).toBeFocused();
  await expect(page.getByRole("button", { name: "Confirm" })).toBeDisabled();
  await wedge(page, "LATE");
  await expect(page.getByLabel("Expiry date")).toBeFocused();
  await page.getByLabel("Expiry date").fill("2027-12-31");
  await page.getByLabel("Expiry date").press("Enter");
  await expect(page.getByRole("button", { name: "Confirm" })).toBeFocused();
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Received 5 × ${sku}` })).toBeVisible();

  // 5 of lot EARLY, from one GS1-128 scan: product (01), expiry (17) and lot (10).
  await expect(page.getByLabel("Product", { exact: true })).toBeFocused();
  await wedge(page, `]C101${ean.padStart(14, "0")}1727033110EARLY`);
  await expect(quantity).toHaveValue("1");
  await quantity.fill("5");
  await quantity.press("Enter");
  await expect(page.getByLabel("Lot", { exact: true })).toHaveValue("EARLY");
  await expect(page.getByLabel("Expiry date")).toHaveValue("2027-03-31");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Received 5 × ${sku}` })).toBeVisible();

  // Issue 3: the first to expire (EARLY) is suggested and taken.
  await page.goto("/floor/issue");
  await scan(page, "Location", LOCATION);
  await wedge(page, ean);
  const availability = page.getByRole("region", { name: "Availability" });
  await expect(availability).toContainText("10");
  await expect(availability.getByRole("radio", { name: /First to expire.*EARLY/ })).toBeChecked();
  await page.getByLabel("Quantity").fill("3");
  await page.getByRole("button", { name: "Confirm" }).click();
  const issued = page.getByRole("status").filter({ hasText: `Issued 3 × ${sku}` });
  await expect(issued).toContainText("From lot EARLY (3)");

  const moves = await movementsOf(request, sku);
  expect(moves.map((m) => [m.type, m.lines[0].lot ?? null]).sort()).toEqual([["in", "EARLY"], ["in", "LATE"], ["out", null]].sort());
});
