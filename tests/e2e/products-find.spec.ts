// Finding products (issue 18), desktop and phone: the list shows its total and page numbers that
// jump anywhere (keeping filters and sort), names sort naturally, the attribute filter matches keys
// in any case and numbers stored as numbers, and "Export CSV" downloads the filtered rows of the
// product and stock lists.
import { expect, test, type APIRequestContext, type Download, type Page, type TestInfo } from "@playwright/test";
import { authFile, isPhone, managerApi, num, uniqueSku } from "./support";

test.use({ storageState: authFile("manager") });

/** Product names in the order the page shows them (table on desktop, cards on phones). */
async function productNames(page: Page, testInfo: TestInfo): Promise<string[]> {
  if (isPhone(testInfo)) {
    const cards = page.getByRole("list", { name: "Products" }).getByRole("listitem");
    await expect(cards.first()).toBeVisible();
    return cards.evaluateAll((items) => items.map((li) => li.querySelector("p")?.textContent?.trim() ?? ""));
  }
  const rows = page.getByRole("table", { name: "Products" }).locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll("td")[1]?.textContent?.trim() ?? ""));
}

async function makeProduct(request: APIRequestContext, sku: string, name: string, spec: Record<string, string | number> = {}) {
  const res = await request.post("/api/v1/products", { headers: await managerApi(request), data: { sku, name, spec } });
  expect(res.status(), await res.text()).toBe(201);
}

async function csvOf(download: Download): Promise<string[][]> {
  const path = await download.path();
  const fs = await import("node:fs/promises");
  const text = (await fs.readFile(path, "utf8")).replace(/^\uFEFF/, "");
  return text
    .trim()
    .split("\r\n")
    .map((l) => l.split(","));
}

test("the product list shows its total and page numbers that jump, keeping filters and sort", async ({ page }) => {
  await page.goto("/products");
  const pager = page.getByRole("navigation", { name: "Pagination" });
  const summary = await pager.getByText(/ products/).textContent();
  const total = num(summary!.match(/([\d,]+) products/)![1]);
  expect(total).toBeGreaterThanOrEqual(1000);
  expect(summary).toMatch(/\d,\d{3} products/);
  const pages = Math.ceil(total / 25);
  await expect(pager).toContainText(`Page 1 of ${pages}`);

  // The last page is one click away.
  await pager.getByRole("link", { name: `Page ${pages}`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/products\\?page=${pages}$`));
  await expect(pager).toContainText(`Page ${pages} of ${pages}`);
  await expect(pager.getByLabel(`Page ${pages}`, { exact: true })).toHaveAttribute("aria-current", "page");
  await expect(pager.getByRole("link", { name: "Next page" })).toHaveCount(0);
  await expect(pager.getByRole("link", { name: "Previous page" })).toBeVisible();

  // Filter and sort stay in the page links.
  await page.goto("/products?stock=in&sort=name&dir=desc");
  await page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: "Page 2", exact: true }).click();
  await expect(page).toHaveURL(/\/products\?stock=in&sort=name&dir=desc&page=2$/);
  await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText("Page 2 of");
});

test("names sort naturally: 1, 2, 10, 100 — and back", async ({ page, request }, testInfo) => {
  const tag = uniqueSku("NAT");
  for (const n of [100, 2, 10, 1]) await makeProduct(request, `${tag}-${n}`, `${tag} Demo product ${n}`);
  const want = [1, 2, 10, 100].map((n) => `${tag} Demo product ${n}`);
  await page.goto(`/products?q=${encodeURIComponent(tag)}&sort=name&dir=asc`);
  await expect(page.getByText("4 products")).toBeVisible();
  expect(await productNames(page, testInfo)).toEqual(want);
  await page.goto(`/products?q=${encodeURIComponent(tag)}&sort=name&dir=desc`);
  expect(await productNames(page, testInfo)).toEqual([...want].reverse());

  // The demo catalogue across pages: "Demo product 1" then 10…19, then 100… (not 1, 10, 100, 1000).
  await page.goto(`/products?q=${encodeURIComponent("Demo product 1")}&sort=name&dir=asc`);
  const first = await productNames(page, testInfo);
  expect(first.slice(0, 4)).toEqual(["Demo product 1", "Demo product 10", "Demo product 11", "Demo product 12"]);
  await page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: "Page 2", exact: true }).click();
  await expect(page).toHaveURL(/page=2/);
  expect((await productNames(page, testInfo))[0]).toBe("Demo product 114");
});

test("the attribute filter matches keys in any case and numbers; Export CSV downloads the filtered products", async ({ page, request }, testInfo) => {
  const tag = uniqueSku("SPEC");
  await makeProduct(request, `${tag}-N`, `${tag} heater number`, { Watts: 500 });
  await makeProduct(request, `${tag}-S`, `${tag} heater text`, { watts: "500" });
  await makeProduct(request, `${tag}-X`, `${tag} heater bigger`, { watts: 600 });
  await page.goto(`/products?q=${encodeURIComponent(tag)}`);
  await expect(page.getByText("3 products")).toBeVisible();
  const attributes = page.getByRole("textbox", { name: "Attributes" });
  await attributes.fill("WATTS:500");
  await attributes.press("Enter");
  await expect(page).toHaveURL(/spec=WATTS%3A500/);
  await expect(page.getByText("2 products")).toBeVisible();
  const names = await productNames(page, testInfo);
  expect(names.sort()).toEqual([`${tag} heater number`, `${tag} heater text`]);
  await expect(attributes).toHaveValue("WATTS:500");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^products-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = await csvOf(download);
  expect(rows[0].slice(0, 2)).toEqual(["sku", "name"]);
  expect(rows.slice(1).map((r) => r[0]).sort()).toEqual([`${tag}-N`, `${tag}-S`]);

  // Not key:value — the list says how to write it.
  await attributes.fill("watts");
  await attributes.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "name:value" })).toBeVisible();
});

test("Export CSV on the stock list downloads the filtered stock rows", async ({ page }) => {
  await page.goto("/stock?q=SKU-00012");
  await expect(page.locator("a:visible", { hasText: /^SKU-00012$/ }).first()).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^stock-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = await csvOf(download);
  expect(rows[0].slice(0, 5)).toEqual(["sku", "name", "location", "location_name", "quantity"]);
  expect(rows.length).toBeGreaterThan(1);
  for (const r of rows.slice(1)) expect(r[0]).toBe("SKU-00012");
});
