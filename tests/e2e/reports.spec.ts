// Dashboard and reports in the browser (desktop and phone): the chart and its table fallback, a
// CSV download, who may open the reports, and screenshots for the issue.
import fs from "node:fs/promises";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { authFile, mainNav } from "./support";

async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}-${testInfo.project.name}.png`, fullPage: true });
}

test.describe("manager", () => {
  test.use({ storageState: authFile("manager") });

  test("sees the dashboard with the in/out chart and its table", async ({ page }, testInfo) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: /Welcome back/, level: 1 })).toBeVisible();
    for (const label of ["SKUs", "Units on hand", "Stock value", "Movements today", "Open alerts"]) {
      await expect(page.getByRole("link", { name: new RegExp(`^${label}`) })).toBeVisible();
    }

    const chart = page.getByRole("img", { name: /Bar chart of units received and issued per day/ });
    await expect(chart).toBeVisible();
    await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
    await expect(chart.locator(".recharts-bar-rectangle").first()).toBeAttached();

    // The same numbers as a table: 30 days, today's included; the demo history (prisma/seed/history.ts)
    // moves goods on most of them (its opening stock is dated before the 30 days).
    await page.getByText("Show as table").click();
    const table = page.getByRole("table", { name: "Units received and issued per day" });
    await expect(table).toBeVisible();
    await expect(table.getByRole("row")).toHaveCount(31);
    const today = new Date().toISOString().slice(0, 10);
    await expect(table.getByRole("row", { name: new RegExp(`^${today}`) })).toHaveCount(1);
    const issued = await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => Number((r.querySelectorAll("td")[1]?.textContent ?? "").replace(/\D/g, "") || 0)));
    expect(issued.filter((n) => n > 0).length).toBeGreaterThanOrEqual(15);

    await expect(page.getByRole("heading", { name: "Top movers" })).toBeVisible();
    const recent = page.getByRole("list", { name: "Recent movements" });
    await expect(recent.getByRole("link").first()).toHaveAttribute("href", /^\/movements\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("link", { name: "All alerts" })).toHaveAttribute("href", "/alerts");

    await page.getByText("Show as table").click(); // fold the table again for the screenshot
    await screenshot(page, testInfo, "dashboard");

    const nav = await mainNav(page, testInfo);
    await expect(nav.getByRole("link", { name: "Reports" })).toBeVisible();
  });

  test("downloads a report as CSV", async ({ page }, testInfo) => {
    await page.goto("/reports");
    await page.getByRole("link", { name: /Stock on hand/ }).click();
    await expect(page.getByRole("heading", { name: "Stock on hand", level: 1 })).toBeVisible();
    await page.getByLabel("Search").fill("SKU-0000");
    await page.getByLabel("Search").press("Enter");
    await expect(page).toHaveURL(/q=SKU-0000/);
    await expect(page.getByRole("cell", { name: "SKU-00001", exact: true })).toBeVisible();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^stock-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await fs.readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").split("\r\n");
    expect(lines[0]).toBe("group,name,products,locations,on_hand,reserved,available");
    expect(lines[1]).toMatch(/^SKU-00001,/);
    expect(lines.filter(Boolean)).toHaveLength(10); // header + SKU-00001…SKU-00009

    await page.goto("/reports/valuation");
    await expect(page.getByRole("heading", { name: "Stock valuation", level: 1 })).toBeVisible();
    await expect(page.getByText("Total value (CNY)")).toBeVisible();
    await expect(page.getByRole("table", { name: "Stock valuation" })).toBeVisible();
    await screenshot(page, testInfo, "report-valuation");
  });

  test("filters the movement history and reports invalid filters", async ({ page }) => {
    await page.goto("/reports/movements?type=in&channel=import");
    const table = page.getByRole("table", { name: "Movement history" });
    await expect(table.getByRole("link").first()).toHaveAttribute("href", /^\/movements\//);
    await page.goto("/reports/slow-movers?days=0");
    await expect(page.getByRole("alert").filter({ hasText: "Some filters are not valid" })).toBeVisible();
    await page.goto("/reports/reorder");
    await expect(page.getByText(/suggested = round\(max\(0,/)).toBeVisible();
  });
});

test.describe("viewer", () => {
  test.use({ storageState: authFile("viewer") });

  test("can open the reports", async ({ page }) => {
    const response = await page.goto("/reports");
    expect(response?.status()).toBe(200);
    for (const name of ["stock", "valuation", "movements", "slow-movers", "reorder"]) {
      expect((await page.goto(`/reports/${name}`))?.status(), name).toBe(200);
      await expect(page.getByRole("link", { name: "Download CSV" })).toBeVisible();
    }
    expect((await page.request.get("/reports/export/reorder")).status()).toBe(200);

    // Stock grouped by category, filtered by name; its CSV twin (lib/stock/category-stock.ts).
    await page.goto("/reports/stock?group=category&q=phones");
    await expect(page.getByRole("cell", { name: "Smartphones", exact: true })).toBeVisible();
    await expect(page.getByRole("cell", { name: "Feature phones", exact: true })).toBeVisible();
    await expect(page.getByRole("cell", { name: "Laptops", exact: true })).toHaveCount(0);
    const csv = await (await page.request.get("/reports/export/stock?group=category")).text();
    const row = csv.split(/\r?\n/).find((l) => l.startsWith("Smartphones,"));
    expect(row).toMatch(/^Smartphones,Phones,[1-9]\d*,[1-9]\d*,[1-9]\d*,\d+,\d+$/);
  });
});

test.describe("clerk", () => {
  test.use({ storageState: authFile("clerk") });

  test("gets 403 on the reports and their CSV, and sees no Reports in the navigation", async ({ page }, testInfo) => {
    const response = await page.goto("/reports");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    expect((await page.goto("/reports/valuation"))?.status()).toBe(403);
    expect((await page.request.get("/reports/export/valuation")).status()).toBe(403);

    await page.goto("/");
    await expect(page.getByRole("link", { name: /^Stock value/ })).toHaveCount(0);
    const nav = await mainNav(page, testInfo);
    await expect(nav.getByRole("link", { name: "Reports" })).toHaveCount(0);
  });
});

test("signed out, the CSV export answers 401", async ({ playwright }, testInfo) => {
  const anonymous = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  expect((await anonymous.get("/reports/export/stock")).status()).toBe(401);
  await anonymous.dispose();
});
