// The desktop movement form: a manager posts a three-line transfer (server errors land on the
// line they concern), sees the document with its ledger balances, and finds the stock where it
// went. Each project moves its own demo products (100 units each at their home location).
import { expect, test, type Page } from "@playwright/test";
import { authFile, isPhone, mainNav, type DemoRole } from "./support";

test.use({ storageState: authFile("manager") });

function line(page: Page, n: number) {
  return page.getByRole("group", { name: `Line ${n}` });
}

test("manager posts a three-line transfer through the form", async ({ page }, testInfo) => {
  const phone = isPhone(testInfo);
  // Product i lives at location i mod 50 of A-01-01 … E-02-05.
  const lines = phone
    ? [
        { sku: "SKU-00954", from: "A-01-05", quantity: 4 },
        { sku: "SKU-00955", from: "A-02-01", quantity: 5 },
        { sku: "SKU-00956", from: "A-02-02", quantity: 6 },
      ]
    : [
        { sku: "SKU-00951", from: "A-01-02", quantity: 4 },
        { sku: "SKU-00952", from: "A-01-03", quantity: 5 },
        { sku: "SKU-00953", from: "A-01-04", quantity: 6 },
      ];
  const to = phone ? "D-02-02" : "D-02-01";

  await page.goto("/movements");
  await page.getByRole("link", { name: "New movement" }).click();
  await expect(page).toHaveURL(/\/movements\/new$/);
  await page.getByLabel("Type").selectOption("transfer");

  const fill = async (n: number, l: { sku: string; from: string; quantity: number }) => {
    await line(page, n).getByLabel("SKU").fill(l.sku);
    await line(page, n).getByLabel("From").fill(l.from);
    await line(page, n).getByLabel("To").fill(to);
    await line(page, n).getByLabel("Quantity").fill(String(l.quantity));
  };
  await fill(1, lines[0]);
  await page.getByRole("button", { name: "Add line" }).click();
  await expect(line(page, 2).getByLabel("SKU")).toBeFocused();
  await fill(2, { ...lines[1], sku: "NO-SUCH-SKU" });
  await page.keyboard.press("Alt+N"); // the shortcut shown under the form
  await expect(line(page, 3).getByLabel("SKU")).toBeFocused();
  await fill(3, { ...lines[2], quantity: 1000 });

  // Server validation: the unknown SKU is reported on line 2's SKU field, nothing is posted.
  await page.getByRole("button", { name: "Post movement" }).click();
  const sku2 = line(page, 2).getByLabel("SKU");
  await expect(sku2).toHaveAttribute("aria-invalid", "true");
  await expect(sku2).toHaveAccessibleDescription(/Unknown SKU or barcode “NO-SUCH-SKU”/);
  await expect(line(page, 1).getByLabel("SKU")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/movements\/new$/);

  // Fixed; now line 3 asks for more than there is: the shortage lands on its quantity.
  await sku2.fill(lines[1].sku);
  await page.keyboard.press("Control+Enter");
  const qty3 = line(page, 3).getByLabel("Quantity");
  await expect(qty3).toHaveAttribute("aria-invalid", "true");
  await expect(qty3).toHaveAccessibleDescription(new RegExp(`Not enough ${lines[2].sku} at ${lines[2].from}: requested 1000, available 100`));

  await qty3.fill(String(lines[2].quantity));
  await page.getByRole("button", { name: "Post movement" }).click();

  // The document: posted notice, three lines, ledger rows with the balances left behind.
  await expect(page).toHaveURL(/\/movements\/[0-9a-f-]{36}\?posted=1$/);
  await expect(page.getByRole("status").filter({ hasText: /Movement WH\/INT\/\d{4}\/\d+ posted\./ })).toBeVisible();
  const ledger = page.getByRole("region", { name: "Ledger" });
  for (const l of lines) {
    await expect(ledger.getByRole("row").filter({ hasText: l.sku }).filter({ hasText: l.from })).toContainText(`−${l.quantity}${100 - l.quantity}`);
    await expect(ledger.getByRole("row").filter({ hasText: l.sku }).filter({ hasText: to })).toContainText(`+${l.quantity}`);
  }

  // The stock page filtered by the target location shows what arrived.
  await page.goto("/stock");
  await page.getByLabel("Location").fill(to);
  await page.getByLabel("Location").press("Enter");
  await expect(page).toHaveURL(new RegExp(`location=${to}`));
  for (const l of lines) {
    const row = phone ? page.getByRole("listitem").filter({ hasText: l.sku }) : page.getByRole("row").filter({ hasText: l.sku });
    await expect(row).toContainText(to);
    await expect(row).toContainText(String(l.quantity));
  }
});

test("a clerk is not offered adjustments or write-offs", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ storageState: authFile("clerk"), baseURL: testInfo.project.use.baseURL, locale: "en-US" });
  const page = await context.newPage();
  await page.goto("/movements/new");
  const types = page.getByLabel("Type").locator("option");
  await expect(types).toHaveText(["Receipt", "Issue", "Transfer"]);
  await context.close();
});

test("the navigation offers the stock pages by role", async ({ browser }, testInfo) => {
  const cases: [DemoRole, string[], string[]][] = [
    ["viewer", ["Stock", "Movements"], ["Counts", "Floor"]],
    ["clerk", ["Stock", "Movements", "Counts", "Floor"], []],
  ];
  for (const [role, shown, hidden] of cases) {
    const { baseURL, viewport, isMobile, hasTouch } = testInfo.project.use;
    const context = await browser.newContext({ storageState: authFile(role), baseURL, viewport, isMobile, hasTouch, locale: "en-US" });
    const page = await context.newPage();
    await page.goto("/");
    const nav = await mainNav(page, testInfo);
    for (const name of shown) await expect(nav.getByRole("link", { name, exact: true }), `${role}: ${name}`).toBeVisible();
    for (const name of hidden) await expect(nav.getByRole("link", { name, exact: true }), `${role}: ${name}`).toHaveCount(0);
    await context.close();
  }
});
