// Issue 18, dashboard and labels (desktop and phone): the chart's y-axis labels fit, the KPI grid
// has no holes for any role, a huge stock value neither widens the phone page nor shows 4 decimals,
// the label page keeps the server's font setting to admins, a confirm dialog reads left to right,
// a chosen category shows its path (not its tree indentation), "Product created." appears once,
// and the seeded demo history spreads over the last 90 days.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { locationCodes } from "../../prisma/seed/demo-codes";
import { authFile, uniqueSku } from "./support";

async function token(request: APIRequestContext, role: string): Promise<string> {
  const r = await request.post("/api/v1/auth/token", { data: { email: `${role}@example.com`, password: "demo-password" } });
  expect(r.status()).toBe(200);
  return (await r.json()).token;
}

/** Each row of the KPI cards ends at the grid's right edge (no empty cell). */
async function expectNoHoles(page: Page) {
  const grid = page.locator("section[aria-labelledby=kpi-heading] > div").first();
  const box = (await grid.boundingBox())!;
  const cards = await grid.locator(":scope > *").evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ top: Math.round(r.top), right: r.right })));
  expect(cards.length).toBeGreaterThan(1);
  const rows = new Map<number, number>();
  for (const c of cards) rows.set(c.top, Math.max(rows.get(c.top) ?? 0, c.right));
  for (const right of rows.values()) expect(Math.abs(box.x + box.width - right)).toBeLessThanOrEqual(2);
}

for (const role of ["purchaser", "approver"] as const) {
  test.describe(role, () => {
    test.use({ storageState: authFile(role) });
    test(`the ${role}'s dashboard has no hole in its grid`, async ({ page }) => {
      await page.goto("/");
      await expect(page.getByRole("link", { name: /^Open alerts/ })).toBeVisible();
      await expectNoHoles(page);
    });
  });
}

test.describe("manager", () => {
  test.use({ storageState: authFile("manager") });

  test("the chart's y-axis labels are inside the chart, in English and Chinese", async ({ page, browser, request }, testInfo) => {
    // A million units in and out today, so the axis counts in millions ("1,200,000" was cut to ",200,000").
    const manager = { authorization: `Bearer ${await token(request, "manager")}` };
    const code = `BULK-${testInfo.project.name.toUpperCase()}-${Date.now() % 1_000_000}`;
    const sku = uniqueSku("BULK");
    expect((await request.post("/api/v1/locations", { headers: manager, data: { code, warehouse: "WH" } })).status()).toBe(201);
    expect((await request.post("/api/v1/products", { headers: manager, data: { sku, name: "Bulk grain" } })).status()).toBe(201);
    for (const type of ["in", "out"]) {
      expect((await request.post("/api/v1/movements", { headers: manager, data: { type, reference: "E2E-BULK", lines: [{ sku, location: code, quantity: 1_000_000 }] } })).status()).toBe(201);
    }
    const zh = await browser.newContext({ storageState: authFile("manager"), baseURL: testInfo.project.use.baseURL, locale: "zh-CN", viewport: page.viewportSize() });
    for (const p of [page, await zh.newPage()]) {
      await p.goto("/");
      const chart = p.locator("[role=img] svg.recharts-surface").filter({ has: p.locator(".recharts-cartesian-grid") });
      await expect(chart).toBeVisible();
      // The y-axis labels: the chart's numbers (the x-axis shows days, "11-08").
      const ticks = chart.locator("text").filter({ hasText: /^[\d,]+$/ });
      await expect(ticks.first()).toBeVisible();
      expect(await ticks.count()).toBeGreaterThan(2);
      const svg = (await chart.boundingBox())!;
      for (const tick of await ticks.all()) {
        const b = (await tick.boundingBox())!;
        expect(b.x, (await tick.textContent()) ?? "").toBeGreaterThanOrEqual(svg.x - 0.5);
        expect(b.x + b.width).toBeLessThanOrEqual(svg.x + svg.width + 0.5);
      }
    }
    await zh.close();
  });

  test("a huge stock value does not widen the page and shows 2 decimals", async ({ page, request }) => {
    // The largest unit cost the API takes (docs/product.md: 1,000,000,000) times 5,000 units (the demo bins hold 10,000): ~5 × 10^12.
    const manager = { authorization: `Bearer ${await token(request, "manager")}` };
    // A product of its own, so taking the units back out leaves nothing of that cost behind.
    const sku = uniqueSku("HUGE");
    expect((await request.post("/api/v1/products", { headers: manager, data: { sku, name: "Huge value" } })).status()).toBe(201);
    const r = await request.post("/api/v1/movements", {
      headers: manager,
      data: { type: "in", reference: "E2E-HUGE", lines: [{ sku, location: locationCodes()[777 % 50], quantity: 5_000, unitCost: "999999999.9999" }] },
    });
    expect(r.status()).toBe(201);
    const width = page.viewportSize()!.width;

    await page.goto("/");
    const value = page.getByRole("link", { name: /^Stock value/ });
    await expect(value).toBeVisible();
    expect(await value.locator("[title]").getAttribute("title")).toMatch(/\.\d{2}$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

    await page.goto("/reports/valuation");
    const total = page.locator("dd").first();
    await expect(total).toBeVisible();
    expect((await total.innerText()).trim()).toMatch(/[.]\d{2}$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

    // Take the stock back out so the other specs see a sane valuation.
    expect((await request.post("/api/v1/movements", { headers: manager, data: { type: "out", reference: "E2E-HUGE", lines: [{ sku, location: locationCodes()[777 % 50], quantity: 5_000 }] } })).status()).toBe(201);
  });

  test("a chosen category shows its path, and a new product says “Product created.” once", async ({ page }) => {
    const sku = uniqueSku("ONCE");
    await page.goto("/products/new");
    await page.getByLabel("SKU").fill(sku);
    await page.getByLabel("Name").fill("Toast once");
    const category = page.getByLabel("Category");
    const drills = category.locator("option", { hasText: /Drills$/ });
    await category.selectOption((await drills.getAttribute("value"))!);
    const shown = await category.evaluate((s: HTMLSelectElement) => s.options[s.selectedIndex].text);
    expect(shown).not.toMatch(/^\s/);
    expect(shown).toBe("Tools › Power tools › Drills");
    await page.getByRole("button", { name: "Create product" }).click();
    await expect(page).toHaveURL(new RegExp(`/products/${sku}\\?saved=created$`));
    await expect(page.getByText("Product created.")).toHaveCount(1);
    await page.waitForTimeout(500);
    await expect(page.getByText("Product created.")).toHaveCount(1);
  });

  test("the seeded history spreads over the last 90 days", async ({ page }) => {
    // The movement history report as CSV (every ledger row of the issues): their days.
    const r = await page.request.get("/reports/export/movements?type=out");
    expect(r.status()).toBe(200);
    const lines = (await r.text()).split("\r\n").slice(1).filter(Boolean);
    const days = new Set(lines.map((l) => l.split(",")[1].slice(0, 10)));
    const oldest = [...days].sort()[0];
    expect(days.size).toBeGreaterThanOrEqual(60);
    expect(Date.now() - Date.parse(oldest)).toBeGreaterThanOrEqual(85 * 86_400_000);
  });
});

test.describe("admin", () => {
  test.use({ storageState: authFile("admin") });

  test("a confirm dialog's text is left-aligned, even from a right-aligned cell", async ({ page }, testInfo) => {
    const name = `Align ${testInfo.project.name} ${Date.now()}`;
    await page.goto("/admin/tokens");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Acts as").selectOption({ label: "Clerk Demo (Warehouse clerk)" });
    await page.getByLabel("Scope").selectOption({ label: "Read only" });
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByLabel("New API token secret")).toBeVisible();
    await page.getByRole("row").filter({ hasText: name }).getByRole("button", { name: "Revoke" }).click();
    const dialog = page.getByRole("dialog", { name: `Revoke “${name}”?` });
    await expect(dialog).toBeVisible();
    const align = await dialog.getByRole("heading").evaluate((h) => getComputedStyle(h).textAlign);
    expect(["left", "start"]).toContain(align);
    await dialog.getByRole("button", { name: "Revoke" }).click();
    await expect(dialog).toBeHidden();
  });

  test("the label page shows the server font setting to an admin", async ({ page }) => {
    await page.goto("/labels?kind=products&symbology=code128&size=a4-3x8&copies=1&skus=SKU-00001");
    await expect(page.getByText(/LABEL_FONT/)).toBeVisible();
  });
});

test.describe("clerk", () => {
  test.use({ storageState: authFile("clerk") });

  test("the label page does not show the server font setting", async ({ page }) => {
    await page.goto("/labels?kind=products&symbology=code128&size=a4-3x8&copies=1&skus=SKU-00001");
    await expect(page.getByRole("link", { name: /Open PDF|PDF/ })).toBeVisible();
    await expect(page.getByText(/LABEL_FONT/)).toHaveCount(0);
  });
});
