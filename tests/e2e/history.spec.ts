// History and signals, in Chinese (issue 18): a refusal of the movement form is said in the user's
// language with its numbers (translated by message key, not by the English text); the bell counts
// an out-of-stock notice while the alert is open and stops counting it, marked resolved, once stock
// is back; the audit log names the movement by its number (linked), says action and channel in
// Chinese, and filters by an action chosen from a list.
import { expect, test, type Page } from "@playwright/test";
import { authFile, managerApi, uniqueSku } from "./support";

test.use({ storageState: authFile("admin") });

const LOC = "A-01-02";

async function unread(page: Page): Promise<number> {
  const label = (await page.getByRole("button", { name: /^通知/ }).getAttribute("aria-label")) ?? "";
  return Number(label.match(/(\d+) 条未读/)?.[1] ?? 0);
}

async function bellShows(page: Page, count: number) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("button", { name: count === 0 ? "通知" : `通知，${count} 条未读` })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

test("a form refusal in Chinese, a notice that resolves with its alert, and the audit log naming the movement", async ({ page, request, context }, testInfo) => {
  const headers = await managerApi(request);
  const sku = uniqueSku("HIST");
  expect((await request.post("/api/v1/products", { headers, data: { sku, name: "History test product", minStock: 3, safetyStock: 1 } })).status()).toBe(201);
  expect((await request.post("/api/v1/movements", { headers, data: { type: "in", lines: [{ sku, location: LOC, quantity: 5 }] } })).status()).toBe(201);
  await context.addCookies([{ name: "locale", value: "zh", url: String(testInfo.project.use.baseURL) }]);

  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");
  const before = await unread(page);

  // The form: issuing 50 of 5 is refused in Chinese, with the figures, on the line's quantity.
  await page.goto("/movements/new");
  await page.getByLabel("类型").selectOption("out");
  const line = page.getByRole("group", { name: "第 1 行" });
  await line.getByLabel("SKU").fill(sku);
  await line.getByLabel("库位").fill(LOC);
  const qty = line.getByLabel("数量");
  await qty.fill("50");
  await page.getByRole("button", { name: "过账", exact: true }).click();
  await expect(qty).toHaveAttribute("aria-invalid", "true");
  await expect(qty).toHaveAccessibleDescription(`${LOC} 的 ${sku} 库存不足：需要 50，可用 5。`);

  // All 5 go out: posted, and the product is out of stock.
  await qty.fill("5");
  await page.getByRole("button", { name: "过账", exact: true }).click();
  await expect(page).toHaveURL(/\/movements\/[0-9a-f-]{36}\?posted=1$/);
  const movementUrl = new URL(page.url()).pathname;
  const notice = await page.getByRole("status").filter({ hasText: /^移动单 .+ 已过账。$/ }).first().textContent();
  const number = notice!.replace(/^移动单 (.+) 已过账。$/, "$1");

  // The bell counts the out-of-stock notice…
  await bellShows(page, before + 1);
  await page.getByRole("button", { name: /^通知/ }).click();
  const panel = page.getByRole("dialog", { name: "通知" });
  await expect(panel.getByRole("link", { name: `未读: ${sku} 库存不足：缺货（现有 0）` })).toBeVisible();
  await page.keyboard.press("Escape");

  // …and once stock is back the alert resolves: the notice no longer counts and says so.
  expect((await request.post("/api/v1/movements", { headers, data: { type: "in", lines: [{ sku, location: LOC, quantity: 10 }] } })).status()).toBe(201);
  await bellShows(page, before);
  await page.getByRole("button", { name: /^通知/ }).click();
  const resolved = panel.getByRole("link").filter({ hasText: `${sku} 库存不足：缺货（现有 0）` });
  await expect(resolved).toContainText("已解决");
  await expect(resolved).not.toContainText("未读");
  await page.keyboard.press("Escape");

  // The audit log: filter by a chosen action (a list of translated actions, not a code to type).
  await page.goto("/admin/audit");
  await expect(page.getByLabel("操作", { exact: true }).locator("option", { hasText: "移动单已过账" })).toHaveCount(1);
  await page.getByLabel("操作", { exact: true }).selectOption({ label: "移动单已过账" });
  await page.getByRole("button", { name: "应用" }).click();
  await expect(page).toHaveURL(/action=movement\.post/);
  const entries = page.getByRole("list", { name: "审计日志" });
  const link = entries.getByRole("link", { name: number, exact: true });
  await expect(link).toBeVisible();
  const entry = entries.getByRole("listitem").filter({ has: page.getByRole("link", { name: number, exact: true }) });
  await expect(entry).toContainText("移动单已过账");
  await expect(entry).toContainText("网页");
  await expect(entry.locator("summary")).not.toContainText("movement.post");
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${movementUrl}$`));
});
