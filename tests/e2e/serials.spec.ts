// Serial items in the browser: a manager registers a device through the form (a mistyped IMEI is
// refused readably first), finds it by IMEI in the list, moves it planned → in transit → arrived at
// a location and reads each step, with their name, in the timeline; a source is made inline on the
// form and an item's flag edited; a bulk status change reports each item's result; a viewer reads
// items without the buttons that change them, and the create page answers 403. Runs in the desktop
// project only (playwright.config). The serial-tracked product, the purchase sources and the bulk
// items are made through the domain (lib/catalog, lib/serials) against the run's database.
import { expect, test, type Page } from "@playwright/test";
import type { Actor } from "@/lib/auth/permissions";
import { systemActor } from "@/lib/auth/system-actor";
import { createProduct } from "@/lib/catalog/create-product";
import { db } from "@/lib/db";
import { imeiCheckDigit } from "@/lib/serials/imei";
import { createSerialItem, transitionSerialItem } from "@/lib/serials/items";
import { createSource } from "@/lib/serials/sources";
import { authFile, mainNav, NAMES, uniqueSku, type DemoRole } from "./support";

const LOCATION = "A-01-01";

async function actorOf(role: DemoRole): Promise<Actor> {
  const u = await db.user.findUniqueOrThrow({ where: { email: `${role}@example.com` }, select: { id: true, role: true } });
  return { id: u.id, role: u.role, channel: "web" };
}

/** A valid IMEI (Luhn check digit) no other test has used. */
function freshImei(): string {
  const body = `35${Date.now().toString().slice(-8)}${String(Math.floor(Math.random() * 1e4)).padStart(4, "0")}`;
  return body + imeiCheckDigit(body);
}

async function serialProduct(): Promise<string> {
  const sku = uniqueSku("SER");
  await createProduct(systemActor(), { sku, name: `Phone ${sku}`, unit: "pcs", tracking: "serial" });
  return sku;
}

async function channel(name: string): Promise<string> {
  return (await createSource(systemActor(), "temporary_channel", { name })).id;
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 });
const statusIs = (page: Page, status: string) => expect(page.getByRole("main").locator("header").first().getByText(status, { exact: true })).toBeVisible();


test.describe("manager", () => {
  test.use({ storageState: authFile("manager") });

  test("registers an item, finds it by IMEI and moves it to arrived at a location; the timeline names each step", async ({ page }) => {
    const sku = await serialProduct();
    const channelName = `Street market ${uniqueSku("CH")}`;
    await channel(channelName);
    const imei = freshImei();
    const wrong = imei.slice(0, 14) + String((Number(imei[14]) + 1) % 10);

    await page.goto("/serials");
    await expect(heading(page)).toHaveText("Serial items");
    await page.getByRole("link", { name: "New item" }).first().click();
    await expect(heading(page)).toHaveText("New serial item");

    await page.getByLabel("Product SKU").fill(sku);
    await page.getByLabel("Source kind").selectOption({ label: "Temporary channel" });
    await page.getByLabel("Source", { exact: true }).selectOption({ label: channelName });
    await page.getByLabel("Flag").fill("Box 7");
    await page.getByLabel("IMEI").fill(wrong);
    await page.getByRole("button", { name: "Create item" }).click();
    await expect(page.getByText("This IMEI's check digit does not match; check for a typo.")).toBeVisible();
    await expect(page).toHaveURL(/\/serials\/new$/);

    // Printed with spaces as on a box: the spaces are dropped.
    await page.getByLabel("IMEI").fill(`${imei.slice(0, 8)} ${imei.slice(8)}`);
    await page.getByRole("button", { name: "Create item" }).click();
    await expect(page).toHaveURL(/\/serials\/[0-9a-f-]{36}\?saved=1$/);
    await expect(heading(page)).toHaveText(imei);
    await statusIs(page, "Planned");

    // Found in the list by its IMEI.
    await page.goto("/serials");
    await page.getByRole("searchbox", { name: "Search" }).fill(imei);
    await page.getByRole("searchbox", { name: "Search" }).press("Enter");
    await expect(page).toHaveURL(new RegExp(`q=${imei}`));
    const table = page.getByRole("table", { name: "Serial items" });
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(table).toContainText(channelName);
    await expect(table).toContainText("Box 7");
    await table.getByRole("link", { name: imei }).click();
    await expect(heading(page)).toHaveText(imei);

    // Arrival check 1 is offered while planned; then in transit, then arrived at a location.
    await expect(page.getByRole("button", { name: "Arrival check 1/2" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Ship (out of stock)" })).toHaveCount(0);
    await page.getByRole("button", { name: "Mark in transit" }).click();
    await statusIs(page, "In transit");
    await expect(page.getByRole("button", { name: "Mark in transit" })).toHaveCount(0);

    await page.getByRole("button", { name: "Mark arrived" }).click();
    const dialog = page.getByRole("dialog", { name: "Arrived at which location?" });
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(dialog.getByText("Give the location.")).toBeVisible();
    await dialog.getByLabel("Location").fill(LOCATION);
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(dialog).toBeHidden();
    await statusIs(page, "Arrived");
    const facts = page.getByRole("region", { name: "Details" });
    await expect(facts).toContainText(LOCATION);
    await expect(page.getByRole("button", { name: "Ship (out of stock)" })).toBeVisible();

    const timeline = page.getByRole("list", { name: "Timeline" });
    const steps = timeline.getByRole("listitem");
    await expect(steps).toHaveCount(3);
    // Newest first.
    await expect(steps.nth(0)).toContainText("Arrived (stock in)");
    await expect(steps.nth(0)).toContainText(`In transit → Arrived`);
    await expect(steps.nth(0)).toContainText(LOCATION);
    await expect(steps.nth(0).getByRole("link")).toHaveCount(1);
    await expect(steps.nth(1)).toContainText("In transit");
    await expect(steps.nth(1)).toContainText("Planned → In transit");
    await expect(steps.nth(2)).toContainText("Created");
    for (let i = 0; i < 3; i++) await expect(steps.nth(i)).toContainText(NAMES.manager);

    // Listed as arrived at the location.
    await page.goto(`/serials?q=${imei}`);
    await expect(table).toContainText(LOCATION);
    await expect(table).toContainText("Arrived");
  });

  test("makes a source inline while registering, then edits the item's flag", async ({ page }) => {
    const sku = await serialProduct();
    const company = `Acme ${uniqueSku("CO")}`;
    await page.goto("/serials/new");
    await page.getByLabel("Product SKU").fill(sku);
    await page.getByLabel("Source kind").selectOption({ label: "Corporate purchase" });
    await page.getByRole("button", { name: "New source" }).click();
    const fields = page.getByRole("group", { name: "New corporate purchase" });
    await fields.getByRole("button", { name: "Create source" }).click();
    await expect(fields.getByText("Required.")).toBeVisible();
    await fields.getByLabel("Company name").fill(company);
    await fields.getByLabel("Invoice number").fill("INV-7");
    await fields.getByRole("button", { name: "Create source" }).click();
    await expect(fields).toBeHidden();
    await expect(page.getByLabel("Source", { exact: true })).toHaveValue(/^[0-9a-f-]{36}$/);
    await expect(page.getByLabel("Source", { exact: true }).locator("option:checked")).toHaveText(`${company} (INV-7)`);
    await page.getByRole("button", { name: "Create item" }).click();
    await expect(page).toHaveURL(/\/serials\/[0-9a-f-]{36}\?saved=1$/);
    await expect(page.getByRole("region", { name: "Details" })).toContainText(`Corporate purchase: ${company} (INV-7)`);

    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByLabel("Flag").fill("Shelf 3");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(/\/serials\/[0-9a-f-]{36}\?saved=1$/);
    await expect(page.getByRole("region", { name: "Details" })).toContainText("Shelf 3");
    await expect(page.getByRole("list", { name: "Timeline" }).getByRole("listitem").first()).toContainText("Edited");
    await expect(page.getByRole("list", { name: "Timeline" }).getByRole("listitem").first()).toContainText("Shelf 3");
  });

  test("bulk change to in transit reports each item's result", async ({ page }) => {
    const sku = await serialProduct();
    const source = await channel(`Bulk ${uniqueSku("CH")}`);
    const manager = await actorOf("manager");
    const [a, b, c] = [freshImei(), freshImei(), freshImei()];
    for (const imei of [a, b, c]) await createSerialItem(manager, { sku, source: { kind: "temporary_channel", ref: source }, imei });
    await transitionSerialItem(manager, c, { to: "in_transit" });

    await page.goto(`/serials?product=${encodeURIComponent(sku)}`);
    const table = page.getByRole("table", { name: "Serial items" });
    await expect(table.getByRole("row")).toHaveCount(4);
    await page.getByRole("checkbox", { name: `Select ${a}` }).check();
    await page.getByRole("checkbox", { name: `Select ${b}` }).check();
    await expect(page.getByText("2 items selected")).toBeVisible();
    await page.getByLabel("New status").selectOption({ label: "In transit" });
    await page.getByRole("button", { name: "Apply to selected" }).click();
    const results = page.getByRole("list", { name: "Results" });
    await expect(results.getByRole("listitem")).toHaveCount(2);
    await expect(results.getByRole("listitem").filter({ hasText: a })).toContainText("Done");
    await expect(results.getByRole("listitem").filter({ hasText: b })).toContainText("Done");
    await expect(page.getByText("2 of 2 changed")).toBeVisible();
    await expect(table.getByRole("row").filter({ hasText: a })).toContainText("In transit");

    // One that cannot go: its own refusal, the others still done.
    await page.getByRole("checkbox", { name: "Select all on this page" }).check();
    await page.getByLabel("New status").selectOption({ label: "Planned" });
    await page.getByRole("button", { name: "Apply to selected" }).click();
    await expect(page.getByText("0 of 3 changed")).toBeVisible();
    await expect(results.getByRole("listitem").filter({ hasText: c })).toContainText("An item that is in transit cannot become planned.");
  });
});

test.describe("viewer", () => {
  test.use({ storageState: authFile("viewer") });

  test("reads items without New or status buttons, and gets 403 on the create page", async ({ page }, testInfo) => {
    const sku = await serialProduct();
    const source = await channel(`Viewer ${uniqueSku("CH")}`);
    const imei = freshImei();
    await createSerialItem(await actorOf("manager"), { sku, source: { kind: "temporary_channel", ref: source }, imei });

    await page.goto("/serials");
    await expect(heading(page)).toHaveText("Serial items");
    await expect((await mainNav(page, testInfo)).getByRole("link", { name: "Serial items" })).toBeVisible();
    await expect(page.getByRole("link", { name: "New item" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Apply to selected" })).toHaveCount(0);
    await expect(page.getByRole("checkbox")).toHaveCount(0);

    await page.goto(`/serials/${imei}`);
    await expect(heading(page)).toHaveText(imei);
    await expect(page.getByRole("button", { name: /^(Mark|Arrival check|Delete)/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);

    const response = await page.goto("/serials/new");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  });
});
