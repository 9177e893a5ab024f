// Issue 18, "nothing questions an absurd entry": amounts are bounded (docs/product.md "Amounts"), a
// line worth more than the company's entry limit (default CN¥100,000) is confirmed before it is
// posted, the movement form shows each line's product and on-hand and offers Lot/Expiry only for
// lot-tracked products, and a half-filled form warns before it is left. Each project uses its own
// demo products (100 units each at their home location, see prisma/seed/demo.ts).
import { expect, test, type Dialog, type Page, type TestInfo } from "@playwright/test";
import { tokenFor } from "../api/support";
import { authFile, isPhone, uniqueSku } from "./support";

test.use({ storageState: authFile("manager") });

/** Demo product i lives at location number i mod 50 of A-01-01 … E-02-05. */
function home(i: number): string {
  const n = i % 50;
  return `${"ABCDE"[Math.floor(n / 10)]}-0${Math.floor((n % 10) / 5) + 1}-0${(n % 5) + 1}`;
}
/** Demo products of this project: 931–934 at desktop size, 936–939 on the phone. */
const demo = (testInfo: TestInfo, k: number) => (isPhone(testInfo) ? 936 : 931) + k;
const skuOf = (i: number) => `SKU-${String(i).padStart(5, "0")}`;

const line = (page: Page, n: number) => page.getByRole("group", { name: `Line ${n}` });

async function newReceipt(page: Page) {
  await page.goto("/movements/new");
  await page.getByLabel("Type").selectOption("in");
}

test("an absurd unit cost is refused with a readable message, nothing is posted", async ({ page }, testInfo) => {
  const i = demo(testInfo, 0);
  await newReceipt(page);
  await line(page, 1).getByLabel("SKU").fill(skuOf(i));
  await line(page, 1).getByLabel("Location").fill(home(i));
  await line(page, 1).getByLabel("Quantity").fill("1");
  const cost = line(page, 1).getByLabel("Unit cost");
  await cost.fill("99999999999999.9999");
  await page.getByRole("button", { name: "Post movement" }).click();
  await expect(cost).toHaveAttribute("aria-invalid", "true");
  await expect(cost).toHaveAccessibleDescription("Amounts are at most 1,000,000,000.");
  await expect(page).toHaveURL(/\/movements\/new$/);

  // Five decimals are refused too; a sane cost posts.
  await cost.fill("12.34567");
  await page.getByRole("button", { name: "Post movement" }).click();
  await expect(cost).toHaveAccessibleDescription("Enter an amount like 12.50 (up to 4 decimals, not negative).");
  await cost.fill("12.5");
  await page.getByRole("button", { name: "Post movement" }).click();
  await expect(page).toHaveURL(/\/movements\/[0-9a-f-]{36}\?posted=1$/);
});

test("a line above the entry limit asks for confirmation, then posts", async ({ page }, testInfo) => {
  const i = demo(testInfo, 1);
  await newReceipt(page);
  await line(page, 1).getByLabel("SKU").fill(skuOf(i));
  await line(page, 1).getByLabel("Location").fill(home(i));
  await line(page, 1).getByLabel("Quantity").fill("3");
  await line(page, 1).getByLabel("Unit cost").fill("50000");
  await page.getByRole("button", { name: "Post movement" }).click();

  const dialog = page.getByRole("dialog", { name: "This line is worth CN¥150,000.00 — post anyway?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("more than CN¥100,000.00");
  // Going back leaves the form as it was, nothing posted.
  await dialog.getByRole("button", { name: "Go back and fix" }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/movements\/new$/);
  await expect(line(page, 1).getByLabel("Unit cost")).toHaveValue("50000");

  await page.getByRole("button", { name: "Post movement" }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Post anyway" }).click();
  await expect(page).toHaveURL(/\/movements\/[0-9a-f-]{36}\?posted=1$/);
  await expect(page.getByRole("region", { name: "Ledger" }).getByRole("row").filter({ hasText: skuOf(i) })).toContainText("+3");
});

test("each line shows its product's name and on-hand before posting", async ({ page }, testInfo) => {
  const i = demo(testInfo, 2);
  await page.goto("/movements/new");
  await page.getByLabel("Type").selectOption("out");
  const sku = line(page, 1).getByLabel("SKU");
  await sku.fill(skuOf(i));
  await expect(sku).toHaveAccessibleDescription(`Demo product ${i} · On hand (all locations): 100 pcs`);
  await line(page, 1).getByLabel("Location").fill(home(i));
  await expect(sku).toHaveAccessibleDescription(`Demo product ${i} · On hand at ${home(i)}: 100 pcs`);
  await line(page, 1).getByLabel("Location").fill(home(i + 1));
  await expect(sku).toHaveAccessibleDescription(`Demo product ${i} · On hand at ${home(i + 1)}: 0 pcs`);
  await sku.fill("NO-SUCH-PRODUCT");
  await expect(sku).toHaveAccessibleDescription("No product has this SKU or barcode.");
});

test("Lot and Expiry are offered for lot-tracked products only", async ({ page, request }, testInfo) => {
  const lotSku = uniqueSku("LOT");
  const token = await tokenFor(request, "manager");
  const created = await request.post("/api/v1/products", { headers: { authorization: `Bearer ${token}` }, data: { sku: lotSku, name: "Lot-tracked entry guard", tracking: "lot" } });
  expect(created.status(), await created.text()).toBe(201);

  const i = demo(testInfo, 3);
  await newReceipt(page);
  const sku = line(page, 1).getByLabel("SKU");
  await sku.fill(skuOf(i));
  await expect(sku).toHaveAccessibleDescription(new RegExp(`^Demo product ${i} · `));
  await expect(line(page, 1).getByLabel("Lot", { exact: true })).toHaveCount(0);
  await expect(line(page, 1).getByLabel("Expiry")).toHaveCount(0);

  await sku.fill(lotSku);
  await expect(sku).toHaveAccessibleDescription(/^Lot-tracked entry guard · /);
  await expect(line(page, 1).getByLabel("Lot", { exact: true })).toBeVisible();
  await expect(line(page, 1).getByLabel("Expiry")).toBeVisible();

  // A receipt with its lot and expiry posts, and the lot shows on the document.
  await line(page, 1).getByLabel("Location").fill(home(i));
  await line(page, 1).getByLabel("Quantity").fill("2");
  await line(page, 1).getByLabel("Lot", { exact: true }).fill("EG-1");
  await line(page, 1).getByLabel("Expiry").fill("2027-06-30");
  await page.getByRole("button", { name: "Post movement" }).click();
  await expect(page).toHaveURL(/\/movements\/[0-9a-f-]{36}\?posted=1$/);
  // (the lot column of the ledger is hidden on phones)
  await expect(page.getByRole("cell", { name: "EG-1" }).first()).toBeAttached();
});

test("leaving a half-filled form warns; a pristine or posted one leaves quietly", async ({ page }) => {
  const dialogs: Dialog[] = [];
  const record = (d: Dialog) => {
    dialogs.push(d);
    void d.dismiss();
  };
  page.on("dialog", record);

  // Pristine: Cancel leaves without a word.
  await page.goto("/products/new");
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/products$/);
  expect(dialogs).toHaveLength(0);

  // Half-filled: the in-app link asks; dismissing stays with the values, accepting leaves.
  await page.goto("/products/new");
  await page.getByLabel("Name").click();
  await page.getByLabel("Name").fill("Half-filled product");
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect.poll(() => dialogs.length).toBe(1);
  expect(dialogs[0].type()).toBe("confirm");
  expect(dialogs[0].message()).toBe("You have unsaved changes. Leave this page and lose them?");
  await expect(page).toHaveURL(/\/products\/new$/);
  await expect(page.getByLabel("Name")).toHaveValue("Half-filled product");

  page.off("dialog", record);
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/products$/);

  // The movement form: closing or reloading the tab asks the browser's own question (beforeunload).
  await page.goto("/movements/new");
  await line(page, 1).getByLabel("SKU").click();
  await line(page, 1).getByLabel("SKU").fill("SKU-00001");
  const unload = page.waitForEvent("dialog");
  await page.close({ runBeforeUnload: true });
  const d = await unload;
  expect(d.type()).toBe("beforeunload");
  await d.accept();
});

test("the order draft form warns before a half-filled order is left", async ({ page }) => {
  await page.goto("/sales/orders/new");
  let asked = 0;
  page.on("dialog", (d) => {
    asked += 1;
    void d.dismiss();
  });
  await line(page, 1).getByLabel("Product").fill("SKU-00002");
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect.poll(() => asked).toBe(1);
  await expect(page).toHaveURL(/\/sales\/orders\/new$/);
});

test("an admin sets the entry limit; absurd limits are refused", async ({ browser }) => {
  const context = await browser.newContext({ storageState: authFile("admin") });
  const page = await context.newPage();
  await page.goto("/admin");
  await page.getByRole("link", { name: /Company settings, such as when a large entry is confirmed/ }).click();
  await expect(page).toHaveURL(/\/admin\/settings$/);
  await expect(page.getByText("Entries above CN¥100,000.00 are confirmed.")).toBeVisible();
  const limit = page.getByLabel("Confirm entries above (CNY)");
  await limit.fill("99999999999999");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(limit).toHaveAccessibleDescription(/Amounts are at most 1,000,000,000\./);

  await limit.fill("250000");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Entries above CN¥250,000.00 are confirmed.")).toBeVisible();
  // Put the default back for the other specs.
  await limit.fill("100000");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Entries above CN¥100,000.00 are confirmed.")).toBeVisible();
  await context.close();
});
