// Polish across the app: server-side sorting by column headers (desktop) or the sort links (phone)
// that survives paging, a toast after saving a product, and the movement form's keyboard
// shortcuts. Product names sort in the natural collation (digits by value), which Intl.Collator with
// numeric collation matches.
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { authFile, isPhone, uniqueSku } from "./support";

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

const natural = new Intl.Collator("en", { numeric: true }).compare;
const descending = (names: string[]) => names.every((n, i) => i === 0 || natural(names[i - 1], n) >= 0);

test("sorting products by name, descending, changes the order and survives paging", async ({ page }, testInfo) => {
  await page.goto("/products");
  const before = await productNames(page, testInfo);

  if (isPhone(testInfo)) {
    const sortBy = page.getByRole("navigation", { name: "Sort by" });
    await expect(sortBy.getByRole("link", { name: /^SKU/ })).toHaveAttribute("aria-current", "true");
    await sortBy.getByRole("link", { name: "Name" }).click();
    await expect(page).toHaveURL(/\/products\?sort=name&dir=asc$/);
    await sortBy.getByRole("link", { name: /^Name/ }).click();
    await expect(page).toHaveURL(/\/products\?sort=name&dir=desc$/);
    await expect(sortBy.getByRole("link", { name: /^Name/ })).toHaveAttribute("aria-current", "true");
    await expect(sortBy.getByRole("link", { name: /^Name/ })).toContainText("(descending)");
  } else {
    const nameHeader = page.getByRole("columnheader", { name: "Name" });
    const skuHeader = page.getByRole("columnheader", { name: "SKU" });
    await expect(skuHeader).toHaveAttribute("aria-sort", "ascending");
    await expect(nameHeader).not.toHaveAttribute("aria-sort", /.+/);
    // Keyboard: the header link is focusable and follows on Enter.
    await nameHeader.getByRole("link").focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/products\?sort=name&dir=asc$/);
    await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
    await expect(skuHeader).not.toHaveAttribute("aria-sort", /.+/);
    await nameHeader.getByRole("link").click();
    await expect(page).toHaveURL(/\/products\?sort=name&dir=desc$/);
    await expect(nameHeader).toHaveAttribute("aria-sort", "descending");
  }

  await page.screenshot({ path: `test-results/screenshots/polish-products-sorted-${testInfo.project.name}.png` });
  const first = await productNames(page, testInfo);
  expect(first).toHaveLength(25);
  expect(first).not.toEqual(before);
  expect(descending(first)).toBe(true);

  // Next page: same sort in the URL, continues below the last name, no row twice.
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/\/products\?sort=name&dir=desc&page=2/);
  const second = await productNames(page, testInfo);
  expect(second.length).toBeGreaterThan(0);
  expect(descending(second)).toBe(true);
  expect(natural(first[first.length - 1], second[0]) >= 0).toBe(true);
  expect(second.filter((n) => first.includes(n) && n !== first[first.length - 1])).toEqual([]);

  // A filter keeps the sort (hidden fields of the filter form).
  await page.getByLabel("Stock", { exact: true }).selectOption("in");
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect(page).toHaveURL(/stock=in/);
});

test("a cursor from another sort is refused with the bad-query alert", async ({ page }) => {
  // The stock list pages by cursor (the products list has page numbers).
  await page.goto("/stock");
  const next = await page.getByRole("link", { name: "Next page" }).getAttribute("href");
  const cursor = new URL(next!, "http://x").searchParams.get("cursor");
  await page.goto(`/stock?sort=name&dir=desc&cursor=${cursor}`);
  await expect(page.getByRole("alert").filter({ hasText: "Back to the first page" })).toBeVisible();
});

test("saving a product shows a toast", async ({ page }, testInfo) => {
  const sku = uniqueSku("TOAST");
  await page.goto("/products/new");
  await page.getByLabel("SKU").fill(sku);
  await page.getByLabel("Name").fill("Toast product");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page).toHaveURL(new RegExp(`/products/${sku}\\?saved=created$`));
  const toasts = page.getByRole("region", { name: /Status messages/ });
  await expect(toasts.getByText("Product created.")).toBeVisible();

  await page.goto(`/products/${sku}/edit`);
  await page.getByLabel("Name").fill("Toast product, renamed");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/products/${sku}\\?saved=updated$`));
  await expect(toasts.getByText("Product saved.")).toBeVisible();
  await page.screenshot({ path: `test-results/screenshots/polish-toast-${testInfo.project.name}.png` });
});

test("movement form shortcuts add and remove lines and list themselves", async ({ page }, testInfo) => {
  await page.goto("/movements/new");
  const line = (n: number) => page.getByRole("group", { name: `Line ${n}` });
  await line(1).getByLabel("SKU").fill("SKU-00001");
  await page.keyboard.press("Alt+N");
  await expect(line(2).getByLabel("SKU")).toBeFocused();
  await page.keyboard.press("Alt+N");
  await expect(line(3).getByLabel("SKU")).toBeFocused();

  // Alt+Backspace removes the line with the focus; the focus moves to the line taking its place.
  await line(2).getByLabel("SKU").focus();
  await page.keyboard.press("Alt+Backspace");
  await expect(line(3)).toHaveCount(0);
  await expect(line(2).getByLabel("SKU")).toBeFocused();
  await expect(line(1).getByLabel("SKU")).toHaveValue("SKU-00001");

  // "?" is typed into a text field as usual …
  await page.getByLabel("Reference").pressSequentially("PO-1?");
  await expect(page.getByLabel("Reference")).toHaveValue("PO-1?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeHidden();
  // … and opens the list of shortcuts elsewhere.
  await page.getByRole("heading", { name: /^Lines/ }).click();
  await page.keyboard.press("?");
  await expect(help).toBeVisible();
  await expect(help).toContainText("remove the current line");
  await page.screenshot({ path: `test-results/screenshots/polish-movement-shortcuts-${testInfo.project.name}.png` });
  await help.getByRole("button", { name: "Close" }).click();
  await expect(help).toBeHidden();
});

test("stock, movements and locations sort by their column headers (sort links on phones)", async ({ page }, testInfo) => {
  const phone = isPhone(testInfo);
  for (const [path, column, param] of [
    ["/stock", "Available", "available"],
    ["/movements", "Type", "type"],
    ["/locations", "Name", "name"],
  ] as const) {
    await page.goto(path);
    const header = page.getByRole("columnheader", { name: column });
    const sortLink = () => (phone ? page.getByRole("navigation", { name: "Sort by" }).getByRole("link", { name: new RegExp(`^${column}`) }) : header.getByRole("link"));
    const expectSorted = async (dir: "ascending" | "descending") => {
      if (phone) {
        await expect(sortLink()).toHaveAttribute("aria-current", "true");
        await expect(sortLink()).toContainText(`(${dir})`);
      } else {
        await expect(header).toHaveAttribute("aria-sort", dir);
      }
    };
    await sortLink().click();
    await expect(page).toHaveURL(new RegExp(`${path}\\?sort=${param}&dir=asc$`));
    await expectSorted("ascending");
    await sortLink().click();
    await expect(page).toHaveURL(new RegExp(`${path}\\?sort=${param}&dir=desc$`));
    await expectSorted("descending");
    await page.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(new RegExp(`sort=${param}&dir=desc&cursor=`));
    await expectSorted("descending");
  }
  await page.screenshot({ path: `test-results/screenshots/polish-locations-sorted-${testInfo.project.name}.png` });
});
