// GET /alerts and GET /variant-groups over HTTP, with the worker running beside the app: a movement
// that takes a product below its threshold shows up as an alert within seconds.
import { expect, test } from "@playwright/test";
import { API, as, expectError, expectPage, unique } from "./support";

const ALERT_FIELDS = ["sku", "level", "onHand", "threshold", "status", "openedAt"];

test("a clerk's issue below minStock becomes an open warning on GET /alerts", async ({ request }) => {
  const sku = unique("ALR");
  const created = await request.post(`${API}/products`, { ...(await as(request, "manager")), data: { sku, name: "Alert API test", minStock: 10, safetyStock: 4 } });
  expect(created.status()).toBe(201);
  const clerk = await as(request, "clerk");
  const move = (type: "in" | "out", quantity: number) => request.post(`${API}/movements`, { ...clerk, data: { type, lines: [{ sku, location: "B-01-02", quantity }] } });
  expect((await move("in", 12)).status()).toBe(201);
  expect((await move("out", 5)).status()).toBe(201);

  const viewer = await as(request, "viewer");
  await expect
    .poll(async () => (await expectPage<Record<string, unknown>>(await request.get(`${API}/alerts?status=open&sku=${sku}`, viewer))).items.length, { timeout: 20_000 })
    .toBe(1);
  const [alert] = (await expectPage<Record<string, unknown>>(await request.get(`${API}/alerts?status=open&sku=${sku}`, viewer))).items;
  for (const f of ALERT_FIELDS) expect(Object.keys(alert)).toContain(f);
  expect(alert).toMatchObject({ sku, level: "warning", onHand: 7, threshold: 10, status: "open" });
  expect(new Date(alert.openedAt as string).toISOString()).toBe(alert.openedAt);

  // Filters compose; unknown values are refused.
  expect((await expectPage(await request.get(`${API}/alerts?status=resolved&sku=${sku}`, viewer))).items).toEqual([]);
  expect((await expectPage(await request.get(`${API}/alerts?level=critical&sku=${sku}`, viewer))).items).toEqual([]);
  await expectError(await request.get(`${API}/alerts?status=closed`, viewer), 422, "VALIDATION_FAILED");
  await expectError(await request.get(`${API}/alerts`), 401, "UNAUTHENTICATED");
  await expectError(await request.post(`${API}/alerts`, viewer), 405, "METHOD_NOT_ALLOWED");
});

test("GET /variant-groups lists groups with computed inStock and price", async ({ request }) => {
  const page = await expectPage<Record<string, unknown>>(await request.get(`${API}/variant-groups?q=Demo`, await as(request, "viewer")));
  const charger = page.items.find((g) => g.name === "Demo charger family");
  expect(charger).toMatchObject({ inStock: true, members: [expect.objectContaining({ sku: "SKU-00001", priority: 1 }), expect.anything(), expect.anything()] });
  // Priority 1 is in stock (opening stock), so its price is the group's.
  const first = (charger!.members as { price: unknown }[])[0];
  expect(charger!.price).toEqual(first.price);
  expect((await expectPage(await request.get(`${API}/variant-groups?inStock=false&q=Demo`, await as(request, "viewer")))).items).toEqual([]);
  await expectError(await request.get(`${API}/variant-groups?limit=0`, await as(request, "viewer")), 422, "VALIDATION_FAILED");
  await expectError(await request.delete(`${API}/variant-groups`, await as(request, "admin")), 405, "METHOD_NOT_ALLOWED");
});
