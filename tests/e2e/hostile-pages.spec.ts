// Pages answer hostile addresses with a page, never a server error: every page of the app, signed
// in as the admin (who may open them all), with query strings and path segments that validators
// might pass and PostgreSQL refuses (NUL, lone surrogates, year 0, numbers past bigint, cursors of
// garbage, invalid percent-encoding). The API's counterpart is tests/api/fuzz.spec.ts.
import { expect, test } from "@playwright/test";
import { authFile } from "./support";

test.use({ storageState: authFile("admin") });

const PAGES = [
  "/", "/admin", "/admin/audit", "/admin/queues", "/admin/reconcile", "/admin/sequences", "/admin/tokens", "/admin/users", "/admin/webhooks", "/alerts",
  "/categories", "/counts", "/import", "/labels", "/locations", "/locations/warehouses", "/movements", "/movements/new", "/products",
  "/products/new", "/reports", "/reports/movements", "/reports/reorder", "/reports/slow-movers", "/reports/stock", "/reports/valuation",
  "/stock", "/variant-groups", "/notifications", "/floor", "/floor/lookup", "/floor/count", "/floor/sync",
  "/purchasing", "/purchasing/orders", "/purchasing/orders/new", "/purchasing/inbox", "/purchasing/expected",
  "/purchasing/suppliers", "/purchasing/suppliers/new", "/purchasing/rates", "/purchasing/settings", "/serials", "/serials/new", "/floor/serials",
  "/sales", "/sales/orders", "/sales/orders/new", "/sales/customers", "/sales/customers/new", "/sales/pick-lists", "/reports/open-orders",
];
const DETAIL = [
  "/admin/audit/%s", "/admin/sequences/%s", "/admin/users/%s", "/admin/webhooks/%s", "/counts/%s", "/locations/%s", "/locations/%s/edit", "/locations/warehouses/%s/edit",
  "/movements/%s", "/products/%s", "/products/%s/edit", "/variant-groups/%s", "/floor/count/%s",
  "/purchasing/orders/%s", "/purchasing/orders/%s/edit", "/purchasing/suppliers/%s", "/purchasing/suppliers/%s/edit", "/serials/%s", "/serials/%s/edit",
  "/sales/orders/%s", "/sales/orders/%s/edit", "/sales/customers/%s", "/sales/pick-lists/%s", "/sales/shipments/%s/delivery-note",
];
const VALUES = ["%00", "%ED%A0%80", "0000-01-01", "99999999999999999999999", "-1", "%FF", "x".repeat(3000), "%E2%80%AE", "1e400", "[object Object]"];
const KEYS = ["q", "cursor", "sort", "dir", "since", "until", "from", "to", "page", "limit", "status", "type", "level", "category", "location", "sku", "warehouse", "action", "user", "days", "date", "customer", "backorder", "due"];

test("no page answers 5xx to a hostile address", async ({ page }) => {
  test.setTimeout(240_000);
  const failures: string[] = [];
  const urls: string[] = [];
  for (const p of PAGES) {
    for (const v of VALUES) urls.push(`${p}?${KEYS.map((k) => `${k}=${v}`).join("&")}`);
    urls.push(`${p}?${KEYS.map((k) => `${k}[]=1&${k}=2`).join("&")}`);
  }
  for (const d of DETAIL) for (const v of ["%00", "%FF", "%ED%A0%80", "99999999999999999999999", "..%2F..%2Fetc", "x".repeat(300), "00000000-0000-0000-0000-000000000000"]) urls.push(d.replace("%s", v));
  for (let i = 0; i < urls.length; i += 8) {
    await Promise.all(
      urls.slice(i, i + 8).map(async (url) => {
        const res = await page.request.get(url, { maxRedirects: 0, timeout: 30_000 });
        if (res.status() >= 500) failures.push(`${res.status()} ${url.slice(0, 160)}`);
      }),
    );
  }
  expect(failures).toEqual([]);
});
