// Shared helpers for the browser specs (desktop 1440×900 and phone 390×844 projects).
import { expect, type APIRequestContext, type Page, type TestInfo } from "@playwright/test";
import { tokenFor } from "../api/support";

export const ROLES = ["admin", "manager", "clerk", "purchaser", "approver", "viewer"] as const;
export type DemoRole = (typeof ROLES)[number];
export const PASSWORD = "demo-password";

export const NAMES: Record<DemoRole, string> = {
  admin: "Admin Demo",
  manager: "Manager Demo",
  clerk: "Clerk Demo",
  purchaser: "Purchaser Demo",
  approver: "Approver Demo",
  viewer: "Viewer Demo",
};
export const ROLE_LABELS: Record<DemoRole, string> = {
  admin: "Administrator",
  manager: "Manager",
  clerk: "Warehouse clerk",
  purchaser: "Purchaser",
  approver: "Approver",
  viewer: "Viewer",
};

/** Storage state written by auth.setup.ts for each demo role. */
export const authFile = (role: DemoRole) => `test-results/.auth/${role}.json`;

export const isPhone = (testInfo: TestInfo) => testInfo.project.name === "phone";

/** A SKU no other run (or the other project, on the same database) has used. */
export function uniqueSku(prefix = "E2E"): string {
  return `${prefix}-${Date.now().toString(36).toUpperCase()}-${Math.floor(Math.random() * 1e4)}`;
}

export async function signIn(page: Page, role: DemoRole, password = PASSWORD): Promise<void> {
  await page.getByLabel("Email").fill(`${role}@example.com`);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * The main navigation as the user sees it: the sidebar on desktop; on phones the drawer, opened
 * with the menu button first (pass the button's name when the UI is not in English).
 */
export async function mainNav(page: Page, testInfo: TestInfo, names = { menu: "Open menu", nav: "Main navigation" }) {
  if (isPhone(testInfo)) {
    const drawer = page.getByRole("dialog", { name: names.nav });
    if (!(await drawer.isVisible())) await page.getByRole("button", { name: names.menu }).click();
    await expect(drawer).toBeVisible();
  }
  return page.getByRole("navigation", { name: names.nav });
}

/** A number as the UI prints it ("1,234") read back. */
export const num = (s: string) => Number(s.replace(/[^\d]/g, ""));

/** What the handheld Look up says `sku` has at `location` (0 when it is not stocked there). */
export async function balanceAt(page: Page, sku: string, location: string): Promise<number> {
  await page.goto("/floor/lookup");
  const input = page.getByLabel("Product or location");
  await input.fill(sku);
  await input.press("Enter");
  await expect(page.getByRole("heading", { name: sku })).toBeVisible();
  const row = page.getByRole("list", { name: "Stock by location" }).getByRole("button", { name: new RegExp(`^${location}\\b`) });
  if ((await row.count()) === 0) return 0;
  return num((await row.getByText(/^[\d,]+$/).textContent()) ?? "");
}

/**
 * A keyboard-wedge scanner: the whole code and Enter as fast keystrokes (a real one takes ~30 ms
 * for a code), into whatever has the focus — no field is filled.
 */
export async function wedge(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code);
  await page.keyboard.press("Enter");
}

/** Scans `code` while the handheld field labelled `label` has the focus (checked first). */
export async function scan(page: Page, label: string, code: string): Promise<void> {
  await expect(page.getByLabel(label, { exact: true })).toBeFocused();
  await wedge(page, code);
}

let eanSerial = 0;
/** A fresh EAN-13 (valid check digit) no demo product uses: 2-prefixed, "in-store" numbers. */
export function freshEan(): string {
  const body = `2${String(Date.now() % 1e9).padStart(9, "0")}${String(++eanSerial % 100).padStart(2, "0")}`.slice(0, 12);
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  return body + ((10 - (sum % 10)) % 10);
}

/** The manager's bearer header, for setting up and checking through the API. */
export async function managerApi(request: APIRequestContext): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await tokenFor(request, "manager")}` };
}

/** A new product (unique SKU) with this barcode, made through the API; returns its SKU. */
export async function newProduct(request: APIRequestContext, fields: { barcode: string; tracking?: "none" | "lot" }, prefix = "FLOOR"): Promise<string> {
  const sku = uniqueSku(prefix);
  const res = await request.post("/api/v1/products", { headers: await managerApi(request), data: { sku, name: `Floor test ${sku}`, unit: "pcs", ...fields } });
  expect(res.status(), await res.text()).toBe(201);
  return sku;
}

export type ListedMovement = { type: string; channel: string; user: string; lines: { quantity: number; lot?: string }[] };

/** The movements of `sku`, as the API lists them. */
export async function movementsOf(request: APIRequestContext, sku: string): Promise<ListedMovement[]> {
  const res = await request.get(`/api/v1/movements?sku=${encodeURIComponent(sku)}&limit=100`, { headers: await managerApi(request) });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: ListedMovement[] }).items;
}
