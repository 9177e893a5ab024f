// Picking on the handheld at phone size (390×844), driven like a keyboard-wedge scanner (code +
// Enter as fast keystrokes, scans 150 ms apart). Each test makes its own products (unique SKUs),
// locations, stock, customer, confirmed order and pick list through the domain functions, so the
// lines, reservations and stock it checks are its own. The goods are picked to the first shipping
// location (the demo's last location, E-02-05), which createPickList chooses by default.
import { expect, test, type Page } from "@playwright/test";
import type { Actor, Role } from "@/lib/auth/permissions";
import { createProduct } from "@/lib/catalog/create-product";
import { db } from "@/lib/db";
import { createLocation } from "@/lib/locations/locations";
import { baseCurrency } from "@/lib/purchasing/exchange-rates";
import { createCustomer } from "@/lib/sales/customers";
import { createSalesOrder, getSalesOrder, transitionSalesOrder } from "@/lib/sales/orders";
import { createPickList, getPickList, pickLine } from "@/lib/sales/pick-lists";
import { imeiCheckDigit } from "@/lib/serials/imei";
import { createSerialItem, transitionSerialItem } from "@/lib/serials/items";
import { createSource } from "@/lib/serials/sources";
import { postMovement } from "@/lib/stock/post-movement";
import { authFile, NAMES, scan, uniqueSku, wedge } from "./support";

test.use({ storageState: authFile("clerk") });

const actors: Partial<Record<Role, Actor>> = {};
async function actor(role: "admin" | "manager"): Promise<Actor> {
  if (!actors[role]) {
    const u = await db.user.findUniqueOrThrow({ where: { email: `${role}@example.com` } });
    actors[role] = { id: u.id, role, channel: "web" };
  }
  return actors[role];
}

/** Three new storage locations of one unique aisle: walking order is …-01-01, …-01-02, …-02-01. */
async function locations(): Promise<[string, string, string]> {
  const prefix = uniqueSku("PK");
  const codes = [`${prefix}-01-01`, `${prefix}-01-02`, `${prefix}-02-01`] as const;
  for (const code of codes) await createLocation(await actor("admin"), { code, kind: "storage", warehouse: "WH" });
  return [...codes];
}

async function product(prefix: string, tracking: "none" | "lot" | "serial" = "none"): Promise<string> {
  const sku = uniqueSku(prefix);
  await createProduct(await actor("admin"), { sku, name: `Pick test ${sku}`, tracking });
  return sku;
}

async function stockIn(sku: string, location: string, quantity: number, lot?: { code: string; expiresAt: string }) {
  await postMovement(await actor("admin"), { type: "in", reference: "pick spec", lines: [{ sku, location, quantity, ...(lot ? { lot: lot.code, expiresAt: lot.expiresAt } : {}) }] });
}

let imeiSeq = 0;
/** A serial-tracked item of `sku` arrived at `location`; returns its IMEI. */
async function serialAt(sku: string, location: string): Promise<string> {
  const a = await actor("admin");
  const source = await createSource(a, "temporary_channel", { name: `Pick spec ${sku}` });
  const body = `35${String(Date.now() % 1e10).padStart(10, "0")}${String(++imeiSeq % 100).padStart(2, "0")}`;
  const imei = body + imeiCheckDigit(body);
  const item = await createSerialItem(a, { sku, source: { kind: "temporary_channel", ref: source.id }, imei });
  await transitionSerialItem(a, item.id, { to: "in_transit" });
  await transitionSerialItem(a, item.id, { to: "arrived", location });
  return imei;
}

/** A customer, a confirmed order for `lines` (the manager) and its pick list; returns both numbers. */
async function pickListFor(lines: { sku: string; quantity: number }[]): Promise<{ order: string; list: string; to: string }> {
  const m = await actor("manager");
  const code = uniqueSku("CUST");
  await createCustomer(m, { code, name: `Pick customer ${code}`, currency: await baseCurrency() });
  const o = await createSalesOrder(m, { customer: code, lines: lines.map((l) => ({ ...l, unitPrice: "10.00" })) });
  await transitionSalesOrder(m, o.number, { action: "confirm" });
  const list = await createPickList(m, { orders: [o.number] });
  return { order: o.number, list: list.number, to: list.toLocation };
}

async function levelAt(sku: string, location: string): Promise<number> {
  const row = await db.stockLevel.findFirst({ where: { product: { sku }, location: { code: location } } });
  return row?.quantity ?? 0;
}

/** The floor home → Pick → the open list tapped. */
async function openFromTile(page: Page, list: string) {
  await page.goto("/floor");
  await page.getByRole("link", { name: /Pick/ }).click();
  await expect(page.getByLabel("Pick list", { exact: true })).toBeFocused();
  await page.getByRole("region", { name: "Open pick lists" }).getByRole("button", { name: new RegExp(list) }).click();
}

/** /floor/pick with the list's number scanned. */
async function openByScan(page: Page, list: string) {
  await page.goto("/floor/pick");
  await scan(page, "Pick list", list);
}

/** A line's scans at scanner speed: the location (its field focused first), then each code 150 ms apart. */
async function scanLine(page: Page, location: string, ...codes: string[]) {
  await scan(page, "Location", location);
  for (const code of codes) {
    await page.waitForTimeout(150);
    await wedge(page, code);
  }
}

/** Nothing wider than the screen: no sideways scrolling on a 360 px phone. */
async function fitsWidth(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);
}

const current = (page: Page) => page.getByRole("region", { name: /^Line \d+ of \d+$/ });
const lineOf = (page: Page, list: string, seq: number) => page.getByRole("list", { name: `Lines of ${list}` }).getByRole("listitem").nth(seq - 1);

test("a clerk picks a 3-line list in walking order at scanner speed; a short pick is re-reserved elsewhere as a new line", async ({ page }) => {
  test.setTimeout(120_000);
  const [l1, l2, l3] = await locations();
  const a = await product("PKA");
  const b = await product("PKB", "lot");
  const c = await product("PKC", "serial");
  await stockIn(a, l1, 6);
  await stockIn(a, l3, 3);
  const lot = `LOT-${Date.now().toString(36).toUpperCase()}`;
  await stockIn(b, l2, 3, { code: lot, expiresAt: "2031-01-31" });
  const imei = await serialAt(c, l2);
  // A: 4 of the 6 at l1 (the most available first); B: lot at l2; C: the one device at l2.
  const { order, list, to } = await pickListFor([
    { sku: a, quantity: 4 },
    { sku: b, quantity: 3 },
    { sku: c, quantity: 1 },
  ]);
  const before = { a1: await levelAt(a, l1), a3: await levelAt(a, l3), aTo: await levelAt(a, to), bTo: await levelAt(b, to) };

  // A small phone: 360 px wide.
  await page.setViewportSize({ width: 360, height: 740 });
  await openFromTile(page, list);
  const line = current(page);
  await expect(line).toHaveAccessibleName("Line 1 of 3");
  await fitsWidth(page);
  await expect(line).toContainText(l1);
  await expect(line).toContainText(a);
  await expect(line).toContainText(/Take\s*4/);
  await expect(page.getByRole("region", { name: `Pick list ${list}` })).toContainText("3 of 3 lines left");

  // Line 1: location and product at scanner speed; the quantity comes pre-filled with the line's 4
  // and Confirm has the focus.
  await scanLine(page, l1, a);
  const quantity = page.getByLabel("Quantity", { exact: true });
  await expect(quantity).toHaveValue("4");
  await expect(page.getByRole("button", { name: "Confirm", exact: true })).toBeFocused();
  // Scanning the product again does not count: the quantity stays the line's.
  await page.waitForTimeout(150);
  await wedge(page, a);
  await expect(page.getByText("Already scanned: the quantity stays 4.")).toBeVisible();
  await expect(quantity).toHaveValue("4");

  // Only 2 are there: Pick less, one less again, the reason, Confirm.
  await page.getByRole("button", { name: "Pick less" }).click();
  await expect(quantity).toHaveValue("3");
  await page.getByRole("button", { name: "One less" }).click();
  await expect(quantity).toHaveValue("2");
  await expect(page.getByRole("button", { name: "Confirm: 2 of 4" })).toBeDisabled();
  await page.getByRole("radio", { name: "Damaged" }).check();
  await fitsWidth(page);
  await page.getByRole("button", { name: "Confirm: 2 of 4" }).click();
  const shortResult = page.getByRole("status").filter({ hasText: `Picked 2 of 4 × ${a}` });
  await expect(shortResult).toContainText(`2 re-reserved at ${l3}.`);
  await expect(shortResult).toContainText("Added to this list as line 4.");
  await expect(line).toHaveAccessibleName("Line 2 of 4");
  await expect(lineOf(page, list, 1)).toContainText("2 of 4, short");
  await expect(lineOf(page, list, 4)).toContainText(`${l3} · ${a}`);

  // Line 2: lot-tracked — location, product, lot, then Confirm with the line's 3.
  await expect(line).toContainText(`Lot ${lot}`);
  await scanLine(page, l2, b, lot);
  await expect(quantity).toHaveValue("3");
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `Picked 3 × ${b} at ${l2}` })).toBeVisible();

  // Line 3: serial-tracked — the device's IMEI after the product.
  await expect(line).toHaveAccessibleName("Line 3 of 4");
  await expect(line).toContainText(`IMEI ${imei}`);
  await scanLine(page, l2, c, imei);
  await expect(quantity).toHaveValue("1");
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `Picked 1 × ${c} at ${l2}` })).toBeVisible();

  // Line 4: the re-reserved 2 of A at l3, then the list is done.
  await expect(line).toHaveAccessibleName("Line 4 of 4");
  await scanLine(page, l3, a);
  await expect(quantity).toHaveValue("2");
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Pick list done — 4 lines, 1 short" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to pick lists" })).toBeVisible();
  await fitsWidth(page);

  // Through the domain: the list is done, every reservation of the order is picked and sits at the
  // shipping location, the stock moved there, and the short pick is on the order's timeline as
  // taken on the handheld.
  const done = await getPickList(await actor("manager"), list);
  expect(done.status).toBe("done");
  expect(done.lines.map((l) => [l.seq, l.location, l.sku, l.quantity, l.pickedQuantity, l.shortReason, l.pickedBy])).toEqual([
    [1, l1, a, 4, 2, "Damaged", NAMES.clerk],
    [2, l2, b, 3, 3, null, NAMES.clerk],
    [3, l2, c, 1, 1, null, NAMES.clerk],
    [4, l3, a, 2, 2, null, NAMES.clerk],
  ]);
  const o = await getSalesOrder(await actor("manager"), order);
  expect(o.status).toBe("picking");
  expect(o.lines.map((l) => [l.sku, l.pickedQuantity, l.reservedQuantity, l.backorderQuantity])).toEqual([
    [a, 4, 0, 0],
    [b, 3, 0, 0],
    [c, 1, 0, 0],
  ]);
  for (const l of o.lines) for (const r of l.reservations) expect(r).toMatchObject({ location: to, picked: true });
  expect(o.lines[1].reservations[0].lot).toBe(lot);
  expect(o.lines[2].reservations[0].serial).toBe(imei);
  const short = o.events.find((e) => e.action === "short_pick");
  expect(short).toMatchObject({ channel: "handheld", reason: "Damaged", actor: { name: NAMES.clerk } });
  expect(await levelAt(a, l1)).toBe(before.a1 - 2);
  expect(await levelAt(a, l3)).toBe(before.a3 - 2);
  expect(await levelAt(a, to)).toBe(before.aTo + 4);
  expect(await levelAt(b, l2)).toBe(0);
  expect(await levelAt(b, to)).toBe(before.bTo + 3);
  const moves = await db.movement.findMany({ where: { type: "transfer", reference: order }, select: { channel: true, actor: { select: { name: true } } } });
  expect(moves).toHaveLength(4);
  for (const m of moves) expect(m).toEqual({ channel: "handheld", actor: { name: NAMES.clerk } });
  const device = await db.serialItem.findFirstOrThrow({ where: { imei }, include: { location: true } });
  expect(device.location?.code).toBe(to);
});

test("a wrong location is refused at once naming the right one, nothing is posted; a line another clerk picked first is shown as it is", async ({ page }) => {
  test.setTimeout(90_000);
  const [l1, l2] = await locations();
  const a = await product("PKW");
  await stockIn(a, l1, 5);
  const { list } = await pickListFor([{ sku: a, quantity: 2 }]);

  await openByScan(page, list);
  await expect(current(page)).toHaveAccessibleName("Line 1 of 1");
  const location = page.getByLabel("Location", { exact: true });
  await expect(location).toBeFocused();

  // Another location: refused on the spot, naming where this line is picked.
  await wedge(page, l2);
  await expect(location).toHaveAccessibleDescription(`Wrong location: this line is picked at ${l1}, not ${l2}.`);
  await expect(location).toHaveValue("");
  // A product instead of the location: said so.
  await page.waitForTimeout(150);
  await wedge(page, a);
  await expect(location).toHaveAccessibleDescription(`${a} is a product. Scan the location first: ${l1}.`);
  await expect(page.getByRole("button", { name: "Confirm", exact: true })).toBeDisabled();

  // Nothing was posted: the line is open, the stock where it was, no transfer of the product.
  const still = await getPickList(await actor("manager"), list);
  expect(still.lines[0].pickedQuantity).toBeNull();
  expect(await levelAt(a, l1)).toBe(5);
  expect(await db.movement.count({ where: { type: "transfer", lines: { some: { product: { sku: a } } } } })).toBe(0);

  // The right location and the product; meanwhile another clerk picks the line (the manager, on the desktop).
  await page.waitForTimeout(150);
  await wedge(page, l1);
  await page.waitForTimeout(150);
  await wedge(page, a);
  await expect(page.getByLabel("Quantity", { exact: true })).toHaveValue("2");
  await pickLine({ ...(await actor("manager")), channel: "web" }, list, 1, { location: l1, sku: a, quantity: 2 });
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  const refused = page.getByRole("alert").filter({ hasText: "Not picked" });
  await expect(refused).toContainText(`Line 1 was already picked by ${NAMES.manager} (2 of 2).`);
  await expect(page.getByRole("status").filter({ hasText: "Pick list done — 1 line, 0 short" })).toBeVisible();
  // Picked once: 2 left l1.
  expect(await levelAt(a, l1)).toBe(3);
});

test("a lot-tracked line takes only its lot; a pick of 0 with a reason of one's own goes on backorder", async ({ page }) => {
  test.setTimeout(90_000);
  const [l1, l2] = await locations();
  const e = await product("PKE", "lot");
  const d = await product("PKD");
  const stamp = Date.now().toString(36).toUpperCase();
  const [early, late] = [`EARLY-${stamp}`, `LATE-${stamp}`];
  await stockIn(e, l1, 5, { code: late, expiresAt: "2032-06-30" });
  await stockIn(e, l1, 5, { code: early, expiresAt: "2030-06-30" });
  await stockIn(d, l2, 1);
  // E: first to expire first — the early lot; D: its only unit at l2.
  const { order, list } = await pickListFor([
    { sku: e, quantity: 2 },
    { sku: d, quantity: 1 },
  ]);

  await openByScan(page, list);
  const line = current(page);
  await expect(line).toContainText(`Lot ${early}`);
  await scanLine(page, l1, e);
  const lot = page.getByLabel("Lot", { exact: true });
  await expect(lot).toBeFocused();
  // The other lot on the same shelf: refused.
  await wedge(page, late);
  await expect(lot).toHaveAccessibleDescription(`Wrong lot: this line takes lot ${early}, not ${late}.`);
  await page.waitForTimeout(150);
  await wedge(page, early.toLowerCase());
  const quantity = page.getByLabel("Quantity", { exact: true });
  await expect(quantity).toHaveValue("2");
  // Keyboard only: a quantity typed (at a person's pace) keeps the focus, Enter moves it to
  // Confirm, and Enter there picks.
  await quantity.focus();
  await page.keyboard.press("Backspace");
  await page.keyboard.press("3");
  await expect(quantity).toBeFocused();
  await quantity.press("Enter");
  await expect(quantity).toHaveAccessibleDescription("Pick at most 2 here.");
  await page.keyboard.press("Backspace");
  await page.waitForTimeout(100);
  await page.keyboard.press("2");
  await quantity.press("Enter");
  await expect(page.getByRole("button", { name: "Confirm", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: `Picked 2 × ${e} at ${l1}` })).toBeVisible();

  // D: nothing on the shelf. Pick less down to 0; the reason typed; no product scan needed.
  await expect(line).toHaveAccessibleName("Line 2 of 2");
  await scan(page, "Location", l2);
  await page.waitForTimeout(150);
  await page.getByRole("button", { name: "Pick less" }).click();
  await expect(quantity).toHaveValue("0");
  await expect(page.getByLabel("Product", { exact: true })).toHaveCount(0);
  await page.getByRole("radio", { name: "Other" }).check();
  await page.getByLabel("Other reason").fill("Shelf empty");
  await page.getByRole("button", { name: "Confirm: 0 of 1" }).click();
  const result = page.getByRole("status").filter({ hasText: `Picked 0 of 1 × ${d}` });
  await expect(result).toContainText("1 on backorder: there is no more in stock elsewhere.");
  await expect(page.getByRole("status").filter({ hasText: "Pick list done — 2 lines, 1 short" })).toBeVisible();

  const o = await getSalesOrder(await actor("manager"), order);
  expect(o.lines.map((l) => [l.sku, l.pickedQuantity, l.backorderQuantity])).toEqual([
    [e, 2, 0],
    [d, 0, 1],
  ]);
  expect(o.lines[0].reservations).toEqual([expect.objectContaining({ lot: early, quantity: 2, picked: true })]);
  const done = await getPickList(await actor("manager"), list);
  expect(done.lines[1]).toMatchObject({ pickedQuantity: 0, shortReason: "Shelf empty", movement: null });
  expect(await levelAt(d, l2)).toBe(1);
});

test("in Chinese: the tile, the open lists and the line, and a wrong location", async ({ page }) => {
  const [l1, l2] = await locations();
  const a = await product("PKZ");
  await stockIn(a, l1, 3);
  const { list } = await pickListFor([{ sku: a, quantity: 1 }]);

  await page.goto("/floor");
  await page.getByRole("button", { name: /中文|Language/ }).click();
  await page.getByRole("link", { name: /拣货/ }).click();
  await expect(page.getByLabel("拣货单", { exact: true })).toBeFocused();
  await page.getByRole("region", { name: "未完成的拣货单" }).getByRole("button", { name: new RegExp(list) }).click();
  const line = page.getByRole("region", { name: "第 1 行，共 1 行" });
  await expect(line).toContainText(l1);
  await expect(line).toContainText("拣取");
  await expect(page.getByRole("button", { name: "少拣" })).toBeDisabled();
  await scan(page, "库位", l2);
  await expect(page.getByLabel("库位", { exact: true })).toHaveAccessibleDescription(`库位错误：该行应在 ${l1} 拣货，而不是 ${l2}。`);
});

test("offline, the screen says picking needs a connection and takes no pick", async ({ page, context }) => {
  const [l1] = await locations();
  const a = await product("PKO");
  await stockIn(a, l1, 3);
  const { list } = await pickListFor([{ sku: a, quantity: 1 }]);

  await openByScan(page, list);
  await scanLine(page, l1, a);
  await expect(page.getByLabel("Quantity", { exact: true })).toHaveValue("1");

  await context.setOffline(true);
  await expect(page.getByRole("status").filter({ hasText: "Picking needs a connection to the server." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirm", exact: true })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Pick less" })).toBeDisabled();
  await context.setOffline(false);
  await expect(page.getByRole("status").filter({ hasText: "Picking needs a connection to the server." })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Confirm", exact: true })).toBeEnabled();
  expect((await getPickList(await actor("manager"), list)).lines[0].pickedQuantity).toBeNull();
});
