// A manager sees a low-stock alert appear on the bell after a clerk's issue and acknowledges it.
// The clerk issues through the API (the handheld /floor screens post the same movement); the
// worker started by scripts/e2e.ts turns it into the alert, the notification and the email.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { authFile, isPhone, uniqueSku } from "./support";

async function token(request: APIRequestContext, role: string): Promise<string> {
  const r = await request.post("/api/v1/auth/token", { data: { email: `${role}@example.com`, password: "demo-password" } });
  expect(r.status()).toBe(200);
  return (await r.json()).token;
}

test.use({ storageState: authFile("manager") });

test("a clerk's issue below the minimum raises the bell; the manager acknowledges the alert", async ({ page, request }, testInfo) => {
  const sku = uniqueSku("ALERT");
  const manager = { authorization: `Bearer ${await token(request, "manager")}` };
  const clerk = { authorization: `Bearer ${await token(request, "clerk")}` };
  expect((await request.post("/api/v1/products", { headers: manager, data: { sku, name: "Bell test product", minStock: 10, safetyStock: 4 } })).status()).toBe(201);
  expect((await request.post("/api/v1/movements", { headers: clerk, data: { type: "in", lines: [{ sku, location: "A-01-02", quantity: 12 }] } })).status()).toBe(201);

  await page.goto("/");
  const bell = page.getByRole("button", { name: /^Notifications/ });
  await expect(bell).toBeVisible();
  const unreadBefore = Number((await bell.getAttribute("aria-label"))?.match(/(\d+) unread/)?.[1] ?? 0);

  // The clerk issues 5 of 12: 7 on hand is below the minimum of 10.
  expect((await request.post("/api/v1/movements", { headers: clerk, data: { type: "out", reference: "E2E", lines: [{ sku, location: "A-01-02", quantity: 5 }] } })).status()).toBe(201);

  // The bell picks it up by itself (it polls); reload meanwhile to not wait a whole polling period.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("button", { name: `Notifications, ${unreadBefore + 1} unread` })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByRole("button", { name: /^Notifications/ }).click();
  const panel = page.getByRole("dialog", { name: "Notifications" });
  await expect(panel.getByRole("link", { name: new RegExp(`^Unread: ${sku} is low: Warning \\(7 on hand\\)`) })).toBeVisible();
  await panel.getByRole("link", { name: "See all alerts" }).click();

  await expect(page).toHaveURL(/\/alerts$/);
  await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
  const list = isPhone(testInfo) ? page.getByRole("list", { name: "Alerts" }) : page.getByRole("table");
  await expect(list.getByText(sku, { exact: true })).toBeVisible();
  await page.getByRole("button", { name: `Acknowledge the alert for ${sku}` }).click();
  await expect(list.getByText(sku, { exact: true })).toHaveCount(0);

  await page.getByRole("link", { name: /^Acknowledged/ }).click();
  await expect(page).toHaveURL(/status=acknowledged/);
  await expect(page.getByText(sku, { exact: true }).filter({ visible: true })).toBeVisible();
  await expect(page.getByText("Acknowledged by Manager Demo").filter({ visible: true }).first()).toBeVisible();
  // Acknowledging read the manager's notification of it.
  await expect(page.getByRole("button", { name: unreadBefore === 0 ? "Notifications" : `Notifications, ${unreadBefore} unread` })).toBeVisible();

  // And the managers got one email about it (captured by the worker as an .eml file).
  const dir = process.env.MAIL_CAPTURE_DIR;
  if (dir) {
    await expect
      .poll(() => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => fs.readFileSync(path.join(dir, f), "utf8").includes(`Low stock: ${sku} is below its minimum stock`)).length : 0), { timeout: 15_000 })
      .toBe(1);
  }
});
