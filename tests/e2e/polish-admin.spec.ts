// Polish of the admin desk, reports, import and labels (desktop and phone): toasts after creating
// an API token or a user, the users list sorted by a column header (aria-sort), the audit log
// oldest first, and empty states that offer to clear the filters. The database collates with
// C.UTF-8 (byte order), which `<` on these ASCII names matches.
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { authFile, isPhone } from "./support";

const run = (testInfo: TestInfo) => `${testInfo.project.name}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;
const toasts = (page: Page) => page.getByRole("region", { name: /Status messages/ });

async function createToken(page: Page, name: string) {
  await page.goto("/admin/tokens");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Acts as").selectOption({ label: "Viewer Demo (Viewer)" });
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByLabel("New API token secret")).toBeVisible();
}

test.describe("admin", () => {
  test.use({ storageState: authFile("admin") });

  test("creating an API token shows a toast next to the one-time secret", async ({ page }, testInfo) => {
    const name = `Toast ${run(testInfo)}`;
    await createToken(page, name);
    await expect(toasts(page).getByText(`Token “${name}” created.`)).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/polish-admin-token-toast-${testInfo.project.name}.png` });

    await page.getByRole("row").filter({ hasText: name }).getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("dialog", { name: `Revoke “${name}”?` }).getByRole("button", { name: "Revoke" }).click();
    await expect(toasts(page).getByText(`Token “${name}” revoked.`)).toBeVisible();
  });

  test("creating a user shows a toast on the users list", async ({ page }, testInfo) => {
    const id = run(testInfo);
    const name = `Toasted ${id}`;
    await page.goto("/admin/users/new");
    await page.getByLabel("Email", { exact: true }).fill(`toast-${id}@example.com`);
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Initial password").fill("toast-password-1");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(toasts(page).getByText(`User ${name} created.`)).toBeVisible();
  });

  test("sorting users by name, descending, sets aria-sort and the order", async ({ page }, testInfo) => {
    await page.goto("/admin/users");
    const table = page.getByRole("table", { name: "Users" });
    const nameHeader = table.getByRole("columnheader", { name: "Name" });
    // Phones hide the email column (its sort is in the "Sort by" links).
    if (!isPhone(testInfo)) await expect(table.getByRole("columnheader", { name: "Email" })).toHaveAttribute("aria-sort", "ascending");
    await expect(nameHeader).not.toHaveAttribute("aria-sort", /.+/);
    await nameHeader.getByRole("link").click();
    await expect(page).toHaveURL(/\/admin\/users\?sort=name&dir=asc$/);
    await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
    await nameHeader.getByRole("link").click();
    await expect(page).toHaveURL(/\/admin\/users\?sort=name&dir=desc$/);
    await expect(nameHeader).toHaveAttribute("aria-sort", "descending");
    const names = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.querySelector("td a, td span")?.textContent?.trim() ?? ""));
    expect(names.length).toBeGreaterThan(5);
    expect(names.every((n, i) => i === 0 || names[i - 1] >= n)).toBe(true);
    await page.screenshot({ path: `test-results/screenshots/polish-admin-users-sorted-${testInfo.project.name}.png` });

    // Role sorts in the roles' order (admin first), with paging by a role cursor.
    await page.goto("/admin/users?sort=role&dir=asc");
    await expect(table.getByRole("columnheader", { name: "Role" })).toHaveAttribute("aria-sort", "ascending");
    await expect(table.locator("tbody tr").first()).toContainText("Administrator");
  });

  test("the audit log lists oldest first on request, and a filter without results offers to clear it", async ({ page }, testInfo) => {
    // Two entries of our own, so there is an order to see.
    await createToken(page, `Audit A ${run(testInfo)}`);
    await createToken(page, `Audit B ${run(testInfo)}`);
    const ids = () => page.locator('a[href^="/admin/audit/"]').evaluateAll((as) => as.map((a) => Number(a.getAttribute("href")!.split("/").pop())));
    await page.goto("/admin/audit");
    const newest = await ids();
    expect(newest.length).toBeGreaterThanOrEqual(2);
    expect(newest.every((id, i) => i === 0 || newest[i - 1] > id)).toBe(true);
    const sortBy = page.getByRole("navigation", { name: "Sort by" });
    await expect(sortBy.getByRole("link", { name: /^Date/ })).toHaveAttribute("aria-current", "true");
    await expect(sortBy.getByRole("link", { name: /^Date/ })).toContainText("(descending)");
    await sortBy.getByRole("link", { name: /^Date/ }).click();
    await expect(page).toHaveURL(/\/admin\/audit\?sort=date&dir=asc$/);
    await expect(sortBy.getByRole("link", { name: /^Date/ })).toContainText("(ascending)");
    await expect(page.getByRole("list", { name: "Audit log" }).getByRole("listitem").first()).toBeVisible();
    const oldest = await ids();
    expect(oldest.every((id, i) => i === 0 || oldest[i - 1] < id)).toBe(true);
    expect(oldest[0]).toBeLessThan(newest[0]);

    await page.goto("/admin/audit?action=nothing.matches.this");
    await expect(page.getByText("No changes match these filters")).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/polish-admin-audit-empty-${testInfo.project.name}.png` });
    await page.getByRole("link", { name: "Show all changes" }).click();
    await expect(page).toHaveURL(/\/admin\/audit$/);
    await expect(page.getByRole("list", { name: "Audit log" }).getByRole("listitem").first()).toBeVisible();
  });
});

test.describe("manager", () => {
  test.use({ storageState: authFile("manager") });

  test("a report without rows offers to clear its filters", async ({ page }, testInfo) => {
    await page.goto("/reports/stock?q=no-such-product-anywhere");
    await expect(page.getByText("No rows match these filters.")).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/polish-report-empty-${testInfo.project.name}.png` });
    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/reports\/stock$/);
    await expect(page.getByRole("table", { name: "Stock on hand" })).toBeVisible();
  });

  test("a label request that fails validation shows a toast", async ({ page }) => {
    await page.goto("/labels?kind=products&symbology=code128&size=50x25&copies=1&skus=NO-SUCH-SKU-X");
    await expect(page.getByRole("alert").filter({ hasText: "Unknown SKU(s): NO-SUCH-SKU-X." })).toBeVisible();
    await expect(toasts(page).getByText("Unknown SKU(s): NO-SUCH-SKU-X.")).toBeVisible();
  });

  test("a refused import shows a toast", async ({ page }, testInfo) => {
    await page.goto("/import");
    await page.getByLabel("What to import").selectOption("products");
    await page.getByLabel("CSV file").setInputFiles({ name: `bad-${run(testInfo)}.csv`, mimeType: "text/csv", buffer: Buffer.from(`sku,name,minStock\nTOAST-${run(testInfo)},Broken,lots\n`) });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(toasts(page).getByText("Nothing was imported")).toBeVisible();
  });
});
