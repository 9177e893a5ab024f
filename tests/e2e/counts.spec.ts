// Stocktake end to end: a manager starts a count on the desktop, a clerk counts blind on the
// handheld, the manager reviews the variance and approves, and the stock becomes the count.
// Each project counts its own demo product at that product's home location (product i has 100
// units at location i mod 50), so the two runs never meet.
import { expect, test } from "@playwright/test";
import { authFile, isPhone } from "./support";

test.use({ storageState: authFile("manager") });

test("blind count on the handheld, approved on the desktop, sets the stock", async ({ page, browser }, testInfo) => {
  const [sku, location] = isPhone(testInfo) ? ["SKU-00962", "B-01-03"] : ["SKU-00961", "B-01-02"];
  const counted = 37;

  // Manager: a new count over one location.
  await page.goto("/counts");
  await page.getByRole("link", { name: "New count" }).click();
  await expect(page).toHaveURL(/\/counts\/new$/);
  await page.getByRole("checkbox", { name: new RegExp(location) }).check();
  await page.getByRole("button", { name: "Start count" }).click();
  await expect(page).toHaveURL(/\/counts\/[0-9a-f-]{36}\?created=1$/);
  const number = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  expect(number).toMatch(/^WH\/COUNT\/\d{4}\/\d+$/);

  // Clerk, on a phone: picks the count, scans location and product, enters what they see.
  const clerk = await browser.newContext({
    storageState: authFile("clerk"),
    baseURL: testInfo.project.use.baseURL,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: "en-US",
  });
  const floor = await clerk.newPage();
  await floor.goto("/floor");
  await floor.getByRole("link", { name: /Count/ }).click();
  await floor.getByRole("link", { name: new RegExp(number) }).click();
  await expect(floor).toHaveURL(/\/floor\/count\/[0-9a-f-]{36}$/);
  await floor.getByLabel("Location", { exact: true }).fill(location);
  await floor.getByLabel("Location", { exact: true }).press("Enter");
  await floor.getByLabel("Product", { exact: true }).fill(sku);
  await floor.getByLabel("Product", { exact: true }).press("Enter");
  await floor.getByLabel("Counted quantity").fill(String(counted));
  await floor.getByRole("button", { name: "Record count" }).click();
  await expect(floor.getByRole("status").filter({ hasText: `Counted ${sku}` })).toContainText(String(counted));
  await expect(floor.getByRole("region", { name: /Counted in this session/ })).toContainText(sku);
  // Blind: nothing on the handheld mentions the expected quantity (100).
  await expect(floor.locator("main")).not.toContainText(/expected/i);
  await expect(floor.locator("main")).not.toContainText("100");
  await clerk.close();

  // Manager: the variance (37 counted of 100 expected), then Approve.
  await page.reload();
  await expect(page.locator("main")).toContainText("−63");
  await page.getByRole("button", { name: "Approve" }).click();
  await page.getByRole("dialog", { name: `Approve ${number}?` }).getByRole("button", { name: "Approve and adjust stock" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The counted quantities were posted" })).toBeVisible();

  // The product's stock at that location is now the counted quantity.
  await page.goto(`/products/${sku}`);
  const stock = page.getByRole("region", { name: "Stock by location" });
  await expect(stock.getByRole("row", { name: new RegExp(location) })).toContainText(String(counted));
});
