// Admin desk in the browser (desktop and phone): API tokens (one-time secret, use, revoke), users
// (create, rename, deactivate), the audit entry diff, and who may see what.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { authFile, mainNav } from "./support";

const run = (testInfo: TestInfo) => `${testInfo.project.name}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}-${testInfo.project.name}.png`, fullPage: true });
}

test.describe("admin", () => {
  test.use({ storageState: authFile("admin") });

  test("creates an API token, uses its one-time secret on the API, then revokes it", async ({ page }, testInfo) => {
    const name = `ERP ${run(testInfo)}`;
    await page.goto("/admin/tokens");
    await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Acts as").selectOption({ label: "Clerk Demo (Warehouse clerk)" });
    await page.getByLabel("Scope").selectOption({ label: "Read only" });
    await page.getByRole("button", { name: "Create token" }).click();

    const secretBox = page.getByLabel("New API token secret");
    await expect(secretBox).toBeVisible();
    const secret = await secretBox.inputValue();
    expect(secret).toMatch(/^wms_[A-Za-z0-9_-]{43}$/);
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText(secret.slice(0, 12));
    await expect(row).toContainText("Active");
    await shot(page, testInfo, "admin-tokens");

    const headers = { Authorization: `Bearer ${secret}` };
    expect((await page.request.get("/api/v1/products?limit=1", { headers })).status()).toBe(200);
    const write = await page.request.post("/api/v1/movements", {
      headers,
      data: { type: "in", reference: "E2E-TOKEN", lines: [{ sku: "SKU-00991", location: "A-01-01", quantity: 1 }] },
    });
    expect(write.status()).toBe(403);
    expect((await write.json()).error.code).toBe("FORBIDDEN");

    // The secret is not shown again after a reload.
    await page.reload();
    await expect(page.getByLabel("New API token secret")).toHaveCount(0);
    await expect(page.locator("body")).not.toContainText(secret);

    await page.getByRole("row").filter({ hasText: name }).getByRole("button", { name: "Revoke" }).click();
    const dialog = page.getByRole("dialog", { name: `Revoke “${name}”?` });
    await dialog.getByRole("button", { name: "Revoke" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Revoked");

    const after = await page.request.get("/api/v1/products?limit=1", { headers });
    expect(after.status()).toBe(401);
    expect((await after.json()).error.code).toBe("UNAUTHENTICATED");
  });

  test("creates a user, renames them, deactivates them; the audit entry shows the diff", async ({ page, browser }, testInfo) => {
    const id = run(testInfo);
    const email = `e2e-${id}@example.com`;
    const name = `Person ${id}`;
    const password = "first-password-1";

    await page.goto("/admin/users");
    await page.getByRole("link", { name: "New user" }).click();
    await expect(page).toHaveURL(/\/admin\/users\/new$/);
    // Validation first: a short password is refused next to its field.
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Role").selectOption({ label: "Warehouse clerk" });
    await page.getByLabel("Initial password").fill("short");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByText("Use 10 to 72 characters.")).toBeVisible();
    await page.getByLabel("Initial password").fill(password);
    await page.getByLabel("Email an invitation").check();
    await shot(page, testInfo, "admin-user-new");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);

    // The new user can get an API token with their password.
    const login = () => page.request.post("/api/v1/auth/token", { data: { email, password } });
    expect((await login()).status()).toBe(200);
    // The invitation went out through the outbox and the worker (captured as an .eml file).
    const dir = process.env.MAIL_CAPTURE_DIR;
    if (dir) {
      await expect
        .poll(() => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => fs.readFileSync(path.join(dir, f), "utf8").includes(email)).length : 0), { timeout: 15_000 })
        .toBe(1);
    }

    // The new user signs in in a browser of their own; deactivating them ends that session below.
    const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const them = await theirs.newPage();
    await them.goto("/login");
    await them.getByLabel("Email").fill(email);
    await them.getByLabel("Password").fill(password);
    await them.getByRole("button", { name: "Sign in" }).click();
    // A phone opens the floor after sign-in (docs/floor.md); the desktop the dashboard.
    await expect(them).toHaveURL(/\/(floor)?$/);

    await page.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    const renamed = `${name} Renamed`;
    await page.getByLabel("Name", { exact: true }).fill(renamed);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Changes saved.")).toBeVisible();
    await expect(page.getByRole("heading", { name: renamed, level: 1 })).toBeVisible();

    await page.getByRole("button", { name: "Deactivate" }).click();
    const dialog = page.getByRole("dialog", { name: `Deactivate ${renamed}?` });
    await dialog.getByRole("button", { name: "Deactivate" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("button", { name: "Reactivate" })).toBeVisible();
    await expect(page.locator("header").getByText("Inactive")).toBeVisible();
    await shot(page, testInfo, "admin-user-edit");
    expect((await login()).status()).toBe(401);
    // Their open session stops working on the next request.
    await them.goto("/products");
    await expect(them).toHaveURL(/\/login/);
    await theirs.close();

    // The rename in the audit log: the entry's detail page shows the field-by-field diff.
    await page.getByRole("link", { name: "Change history" }).click();
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
    const entry = page.getByRole("listitem").filter({ hasText: "user.update" });
    await expect(entry).toHaveCount(1);
    await entry.locator("summary").click();
    await entry.getByRole("link", { name: "Details" }).click();
    // The action in words (issue 18), not its code.
    await expect(page.getByRole("heading", { name: "User changed", level: 1 })).toBeVisible();
    const changes = page.getByRole("table", { name: "Changes" });
    const nameRow = changes.getByRole("row").filter({ hasText: /^name/ });
    await expect(nameRow).toHaveCount(1);
    await expect(nameRow).toContainText("Changed");
    await expect(nameRow).toContainText(name);
    await expect(nameRow).toContainText(renamed);
    await expect(changes.getByRole("row").filter({ hasText: "email" })).toHaveCount(0);
    await shot(page, testInfo, "admin-audit-detail");
  });

  test("cannot deactivate themself: no button on their own page", async ({ page }) => {
    await page.goto("/admin/users");
    await page.getByRole("link", { name: "Admin Demo", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Admin Demo", level: 1 })).toBeVisible();
    await expect(page.getByText("You cannot deactivate yourself.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Deactivate" })).toHaveCount(0);
  });
});

test.describe("viewer", () => {
  test.use({ storageState: authFile("viewer") });

  test("sees no admin navigation and gets 403 on the admin pages", async ({ page }, testInfo) => {
    await page.goto("/");
    const nav = await mainNav(page, testInfo);
    await expect(nav.getByRole("link", { name: "Products" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);
    for (const path of ["/admin/users", "/admin/audit", "/admin/tokens", "/admin/audit/1"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    }
  });
});

test.describe("manager", () => {
  test.use({ storageState: authFile("manager") });

  test("sees users read-only and no API tokens", async ({ page }, testInfo) => {
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
    await expect(page.getByText("Admin Demo")).toBeVisible();
    await expect(page.getByRole("link", { name: "New user" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Admin Demo" })).toHaveCount(0);
    await expect(page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "API tokens" })).toHaveCount(0);
    await shot(page, testInfo, "admin-users-manager");
    for (const path of ["/admin/users/new", "/admin/tokens"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }
  });
});
