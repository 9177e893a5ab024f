// Serial items on the handheld at phone size (390×844), driven like a keyboard-wedge scanner (code +
// Enter as fast keystrokes, scans 150 ms apart). Each test makes its own serial-tracked product,
// temporary-channel source and item through the domain functions, so the stock and the history it
// checks are its own.
import { expect, test, type Page } from "@playwright/test";
import type { Actor } from "@/lib/auth/permissions";
import { createProduct } from "@/lib/catalog/create-product";
import { db } from "@/lib/db";
import { imeiCheckDigit } from "@/lib/serials/imei";
import { createSerialItem, serialItemHistory, transitionSerialItem } from "@/lib/serials/items";
import { createSource } from "@/lib/serials/sources";
import { authFile, NAMES, scan, uniqueSku, wedge } from "./support";

test.use({ storageState: authFile("clerk") });

const LOCATION = "A-01-02";

let adminActor: Actor | null = null;
async function admin(): Promise<Actor> {
  if (!adminActor) {
    const u = await db.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
    adminActor = { id: u.id, role: "admin", channel: "web" };
  }
  return adminActor;
}


let imeiSeq = 0;
/** A fresh valid IMEI (Luhn check digit) from the clock, so runs do not collide. */
function freshImei(): string {
  const body = `35${String(Date.now() % 1e10).padStart(10, "0")}${String(++imeiSeq % 100).padStart(2, "0")}`;
  return body + imeiCheckDigit(body);
}

/** A serial-tracked product, a temporary-channel source and one item of it in transit. */
async function itemInTransit(): Promise<{ sku: string; name: string; imei: string; id: string }> {
  const a = await admin();
  const sku = uniqueSku("SER");
  const name = `Phone ${sku}`;
  await createProduct(a, { sku, name, tracking: "serial" });
  const source = await createSource(a, "temporary_channel", { name: `Trade-in ${sku}` });
  const imei = freshImei();
  const item = await createSerialItem(a, { sku, source: { kind: "temporary_channel", ref: source.id }, imei });
  await transitionSerialItem(a, item.id, { to: "in_transit" });
  return { sku, name, imei, id: item.id };
}

async function levelAt(sku: string, location: string): Promise<number> {
  const row = await db.stockLevel.findFirst({ where: { product: { sku }, location: { code: location } } });
  return row?.quantity ?? 0;
}

async function openSerials(page: Page) {
  await page.goto("/floor");
  await page.getByRole("link", { name: /Serial items/ }).click();
  await expect(page.getByLabel("IMEI or identifier", { exact: true })).toBeFocused();
}

test("scan the IMEI, arrival check 1, arrive at a scanned location: +1 on hand there, history from the handheld", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const { sku, name, imei, id } = await itemInTransit();
  const before = await levelAt(sku, LOCATION);

  await openSerials(page);
  await wedge(page, imei);
  const card = page.getByRole("region", { name });
  await expect(card).toContainText(sku);
  await expect(card).toContainText(imei);
  await expect(card).toContainText("In transit");
  await expect(card).toContainText("0 of 2 done");

  // The next step is arrival check 1; Arrive is the alternative.
  const steps = page.getByRole("group", { name: "Steps for this item" });
  await steps.getByRole("button", { name: "Arrival check 1" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Arrival check 1 done" })).toBeVisible();
  await expect(card).toContainText("1 of 2 done");
  await expect(steps.getByRole("button", { name: "Arrival check 2" })).toBeVisible();

  // Arrive asks for the location: a scan at scanner speed, then Confirm.
  await steps.getByRole("button", { name: "Arrive", exact: true }).click();
  await page.waitForTimeout(150);
  await scan(page, "Location", LOCATION);
  await page.getByRole("button", { name: `Arrive at ${LOCATION}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Arrived at ${LOCATION}` })).toBeVisible();
  await expect(card).toContainText("Arrived");
  await expect(card).toContainText(LOCATION);
  // Arrived: the next step is Ship.
  await expect(steps.getByRole("button", { name: "Ship" })).toBeVisible();

  // Through the domain: one more on hand at the location, and the steps in the item's history as
  // taken on the handheld.
  expect(await levelAt(sku, LOCATION)).toBe(before + 1);
  const history = await serialItemHistory(await admin(), id);
  const check = history.find((h) => h.action === "arrival_check_1");
  const moved = history.find((h) => h.action === "movement.in");
  expect(check?.channel).toBe("handheld");
  expect(moved?.channel).toBe("handheld");
  expect(history.map((h) => h.action)).toEqual(["create", "to_in_transit", "arrival_check_1", "movement.in"]);

  // On the desk (a manager at 1440×900): the item's timeline, newest first, shows the handheld
  // steps under the clerk's name, after the two the admin took on the web.
  const desk = await browser.newContext({ storageState: authFile("manager"), viewport: { width: 1440, height: 900 } });
  try {
    const deskPage = await desk.newPage();
    await deskPage.goto(`/serials/${id}`);
    const timeline = deskPage.getByRole("list", { name: "Timeline" });
    const entries = timeline.getByRole("listitem");
    await expect(entries).toHaveCount(4);
    await expect(entries.nth(0)).toContainText("Arrived (stock in)");
    await expect(entries.nth(0)).toContainText(`${NAMES.clerk} ·`);
    await expect(entries.nth(0)).toContainText("· handheld");
    await expect(entries.nth(0)).toContainText(LOCATION);
    await expect(entries.nth(1)).toContainText("Arrival check 1");
    await expect(entries.nth(1)).toContainText(`${NAMES.clerk} ·`);
    await expect(entries.nth(1)).toContainText("· handheld");
    await expect(entries.nth(2)).toContainText("In transit");
    await expect(entries.nth(2)).toContainText(`${NAMES.admin} ·`);
    await expect(entries.nth(3)).toContainText("Created");
  } finally {
    await desk.close();
  }
});

test("an unknown IMEI is named; a step another user got ahead of says what the item is now; abnormal freezes until resolved", async ({ page }) => {
  test.setTimeout(90_000);
  const { sku, name, imei, id } = await itemInTransit();
  await transitionSerialItem(await admin(), id, { to: "arrived", location: LOCATION });

  await openSerials(page);
  const unknown = freshImei();
  await wedge(page, unknown);
  await expect(page.getByText(`No serial item ${unknown}.`)).toBeVisible();
  await expect(page.getByLabel("IMEI or identifier", { exact: true })).toHaveValue("");

  // The next scan loads the item (with hyphens as printed on some boxes).
  await page.waitForTimeout(150);
  await wedge(page, `${imei.slice(0, 8)}-${imei.slice(8)}`);
  const card = page.getByRole("region", { name });
  await expect(card).toContainText("Arrived");
  await expect(card).toContainText(sku);
  const steps = page.getByRole("group", { name: "Steps for this item" });
  await steps.getByRole("button", { name: "Ship" }).click();
  await expect(page.getByText(`Ship it? It leaves stock at ${LOCATION}.`)).toBeVisible();

  // Meanwhile the desktop reports it abnormal: Confirm is refused with the state it is in now.
  await transitionSerialItem(await admin(), id, { to: "abnormal", reason: "Screen cracked" });
  await page.getByRole("button", { name: "Confirm: ship" }).click();
  const refused = page.getByRole("alert").filter({ hasText: "Not done" });
  await expect(refused).toContainText("This item is Abnormal now");
  await expect(card).toContainText("Frozen");
  await expect(card).toContainText("Screen cracked");
  await expect(steps.getByRole("button", { name: "Ship" })).toHaveCount(0);

  // Resolve: back to arrived, where it was.
  await steps.getByRole("button", { name: "Resolve: back to Arrived" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Resolved: back to Arrived" })).toBeVisible();
  await expect(card).not.toContainText("Frozen");

  // Report abnormal from the floor, with a reason.
  await steps.getByRole("button", { name: "Report abnormal" }).click();
  await page.getByLabel("Reason").fill("Box opened");
  await page.getByRole("button", { name: "Report", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Reported abnormal" })).toBeVisible();
  await expect(card).toContainText("Frozen");
  await expect(card).toContainText("Box opened");
  const history = await serialItemHistory(await admin(), id);
  expect(history.at(-1)).toMatchObject({ action: "to_abnormal", channel: "handheld" });
});

test("offline, the screen says serial items need a connection and takes no step", async ({ page, context }) => {
  const { name, imei } = await itemInTransit();
  await openSerials(page);
  await wedge(page, imei);
  await expect(page.getByRole("region", { name })).toContainText("In transit");

  await context.setOffline(true);
  await expect(page.getByRole("status").filter({ hasText: "Serial items need a connection to the server." })).toBeVisible();
  await expect(page.getByRole("group", { name: "Steps for this item" }).getByRole("button", { name: "Arrival check 1" })).toBeDisabled();
  // A scan offline cannot be looked up: it says so.
  await page.waitForTimeout(150);
  await wedge(page, freshImei());
  await expect(page.getByLabel("IMEI or identifier", { exact: true })).toHaveAccessibleDescription(/needs? a connection/);
  await context.setOffline(false);
  await expect(page.getByRole("status").filter({ hasText: "Serial items need a connection to the server." })).toHaveCount(0);
});

test("in Chinese: the tile, the card and the next step", async ({ page }) => {
  const { name, imei } = await itemInTransit();
  await page.goto("/floor");
  await page.getByRole("button", { name: /中文|Language/ }).click();
  await page.getByRole("link", { name: /序列号商品/ }).click();
  await expect(page.getByLabel("IMEI 或标识码", { exact: true })).toBeFocused();
  await wedge(page, imei);
  const card = page.getByRole("region", { name });
  await expect(card).toContainText("运输中");
  await expect(card).toContainText("已完成 0/2");
  await expect(page.getByRole("group", { name: "该商品的操作" }).getByRole("button", { name: "到货检查 1" })).toBeVisible();
  const unknown = freshImei();
  await page.waitForTimeout(150);
  await wedge(page, unknown);
  await expect(page.getByText(`没有序列号商品 ${unknown}。`)).toBeVisible();
});
