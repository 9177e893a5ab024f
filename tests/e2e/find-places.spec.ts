// Finding things (issue 18): movements searched by reference and by the number of their document,
// the location detail page (contents, lots, capacity used, recent movements) reached from the stock
// list, category product counts that open the filtered product list, table headers that stay in
// view on long lists, and the last columns of the movements and valuation tables not cut off.
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { authFile, isPhone, managerApi, uniqueSku } from "./support";

test.use({ storageState: authFile("manager") });

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`.toUpperCase();

async function api(request: APIRequestContext, method: "get" | "post", url: string, data?: unknown) {
  const res = await request[method](url, { headers: await managerApi(request), ...(data ? { data } : {}) });
  expect(res.ok(), `${method} ${url}: ${await res.text()}`).toBe(true);
  return res.json();
}

/** The one of `locator`'s matches that is on screen (phone cards and desktop tables both exist). */
const shown = (locator: Locator) => locator.filter({ visible: true }).first();

async function searchMovements(page: Page, text: string) {
  await page.goto("/movements");
  const box = page.getByLabel("Number, reference or document");
  await box.fill(text);
  await box.press("Enter");
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(text).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
}

test("movements are found by part of their reference and by the number of their shipment", async ({ page, request }) => {
  // A receipt with a reference of its own: found by a lower-case middle part of it.
  const ref = `E2E-FIND-${unique()}-REF`;
  const sku = uniqueSku("FIND");
  await api(request, "post", "/api/v1/products", { sku, name: `Find test ${sku}`, unit: "pcs" });
  const posted = await api(request, "post", "/api/v1/movements", { type: "in", reference: ref, lines: [{ sku, location: "A-01-01", quantity: 3 }] });
  await searchMovements(page, ref.slice(4, -4).toLowerCase());
  await expect(shown(page.getByText(posted.number, { exact: true }))).toBeVisible();
  await expect(page.getByText(/1 movement on this page/)).toBeVisible();

  // A shipment (demo data): its movement's reference is the order number, so only the link from
  // the shipment finds it by the shipment's own number.
  const orders = await api(request, "get", "/api/v1/sales-orders?status=shipped");
  const order = await api(request, "get", `/api/v1/sales-orders/${encodeURIComponent(orders.items[0].number)}`);
  const shipment = order.shipments[0] as { number: string; movement: string };
  expect(shipment.number).not.toBe(order.number);
  await searchMovements(page, shipment.number);
  await expect(shown(page.getByText(shipment.movement, { exact: true }))).toBeVisible();

  // Nothing matches: the filtered empty state.
  await searchMovements(page, `NO-SUCH-${unique()}`);
  await expect(page.getByText("No movements match these filters")).toBeVisible();
});

test("the location page shows what is in the bin, its lots and the capacity used; the stock list links to it", async ({ page, request }) => {
  const code = `FP-${unique()}`.slice(0, 20);
  await api(request, "post", "/api/v1/locations", { code, name: "Find places bin", kind: "storage", capacity: 200, warehouse: "WH" });
  const plain = uniqueSku("FIND");
  const lotted = uniqueSku("FINDLOT");
  await api(request, "post", "/api/v1/products", { sku: plain, name: `Plain ${plain}`, unit: "pcs" });
  await api(request, "post", "/api/v1/products", { sku: lotted, name: `Lotted ${lotted}`, unit: "pcs", tracking: "lot" });
  const moved = await api(request, "post", "/api/v1/movements", {
    type: "in",
    reference: "FIND-PLACES",
    lines: [
      { sku: plain, location: code, quantity: 50 },
      { sku: lotted, location: code, quantity: 30, lot: "LOT-FP-1", expiresAt: "2031-03-31" },
    ],
  });

  // From the stock list, the location code opens the location's page.
  await page.goto(`/stock?q=${encodeURIComponent(plain)}`);
  await shown(page.getByRole("link", { name: code, exact: true })).click();
  await expect(page).toHaveURL(new RegExp(`/locations/${code}$`));
  await expect(page.getByRole("heading", { level: 1, name: code })).toBeVisible();

  const contents = page.getByRole("region", { name: "In this location" });
  await expect(contents.getByRole("row").filter({ hasText: plain })).toContainText("50");
  await expect(contents.getByRole("row").filter({ hasText: lotted })).toContainText("30");
  await expect(page.getByRole("region", { name: "Lots" }).getByRole("row").filter({ hasText: "LOT-FP-1" })).toContainText("2031-03-31");
  const meter = page.getByRole("meter", { name: "Capacity used" });
  await expect(meter).toHaveAttribute("aria-valuenow", "80");
  await expect(meter).toHaveAttribute("aria-valuemax", "200");
  await expect(page.getByText("80 of 200 (40%)")).toBeVisible();
  await expect(page.getByRole("list", { name: "Recent movements" }).getByRole("link", { name: moved.number })).toBeVisible();
  await expect(page.getByRole("link", { name: `Edit ${code}` })).toBeVisible();

  // The locations list and the movement's lines link to it too.
  await page.goto(`/locations?q=${code}`);
  await expect(shown(page.getByRole("link", { name: code, exact: true }))).toHaveAttribute("href", `/locations/${code}`);
  await page.goto(`/movements/${moved.id}`);
  const lines = page.getByRole("region", { name: "Lines" });
  await expect(shown(lines.getByRole("link", { name: code, exact: true }))).toHaveAttribute("href", `/locations/${code}`);
});

test("a category's product count opens the product list filtered by it", async ({ page }) => {
  await page.goto("/categories");
  const drills = page.getByRole("list", { name: "Category tree" }).getByRole("listitem").filter({ has: page.getByRole("link", { name: "Drills", exact: true }) });
  const count = drills.getByRole("link", { name: /^\d+ products?$/ });
  await count.click();
  await expect(page).toHaveURL(/\/products\?category=[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Products" })).toBeVisible();
});

/** The header cell `name` is on screen, below the app shell's header (56 px on phones), after the page scrolled far down. */
async function headerStaysVisible(page: Page, name: string, phone: boolean) {
  const th = page.getByRole("columnheader", { name, exact: true });
  await expect(th).toBeVisible();
  const table = page.getByRole("table").filter({ has: th });
  const rowCount = await table.getByRole("row").count();
  expect(rowCount).toBeGreaterThan(20);
  await page.mouse.move(10, 400);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(600);
  const top = phone ? 56 : 0;
  await expect.poll(async () => (await th.boundingBox())?.y ?? -1).toBeGreaterThanOrEqual(top - 1);
  const box = (await th.boundingBox())!;
  expect(box.y).toBeLessThan(top + 8);
  // Nothing covers it (not the shell's header either).
  const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest("th")?.textContent ?? null, [box.x + box.width / 2, box.y + box.height / 2]);
  expect(hit).toContain(name);
}

test("table headers stay visible while a long list scrolls", async ({ page }, testInfo) => {
  const phone = isPhone(testInfo);
  if (!phone) {
    await page.goto("/movements");
    await headerStaysVisible(page, "Number", false);
  }
  await page.goto("/reports/valuation");
  await headerStaysVisible(page, "SKU", phone);
});

/** Every header cell of the table with `name` lies inside the viewport, and the table's box does not scroll sideways. */
async function columnFullyVisible(page: Page, name: string) {
  const th = page.getByRole("columnheader", { name, exact: true });
  await expect(th).toBeVisible();
  const viewport = page.viewportSize()!;
  const box = (await th.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  const overflow = await th.evaluate((el) => {
    const scroller = el.closest(".table-box") ?? el.closest("table")!.parentElement!;
    return scroller.scrollWidth - scroller.clientWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
  // Nor does the page.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
}

test("the movements list's By column and the valuation's Value column are not cut off", async ({ page }, testInfo) => {
  if (!isPhone(testInfo)) {
    await page.goto("/movements");
    await columnFullyVisible(page, "By");
  }
  await page.goto("/reports/valuation");
  await columnFullyVisible(page, "Value");
});
