// Manager desk: CSV import (products summary, a refused file with its row error, opening stock
// once per file) and barcode labels (the PDF the page links to). Both projects share one
// database, so every run uses its own SKUs.
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { authFile, isPhone, mainNav, uniqueSku } from "./support";

test.use({ storageState: authFile("manager") });

const shot = (page: Page, name: string, testInfo: TestInfo) =>
  page.screenshot({ path: `test-results/screenshots/${name}-${testInfo.project.name}.png`, fullPage: true });

const csv = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });

test("manager imports products, sees the summary, then a refused file with its row error", async ({ page }, testInfo) => {
  const tag = uniqueSku(`IMP${isPhone(testInfo) ? "P" : "D"}`);
  await page.goto("/");
  await (await mainNav(page, testInfo)).getByRole("link", { name: "Import" }).click();
  await expect(page.getByRole("heading", { name: "Import", level: 1 })).toBeVisible();

  await page.getByLabel("What to import").selectOption("products");
  await page.getByLabel("CSV file").setInputFiles(
    csv("products.csv", `sku,name,barcode,unit,minStock,price,currency\n${tag}-1,Imported one,,pcs,5,9.90,CNY\n${tag}-2,Imported two,,box,0,,\nSKU-00993,Kept by import,,,,,\n`),
  );
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const done = page.getByRole("status").filter({ hasText: "Import finished" });
  await expect(done).toContainText("3 rows: 2 created, 1 updated.");
  await expect(page.getByText("products.csv", { exact: true }).filter({ visible: true }).first()).toBeVisible();
  await shot(page, "import-products", testInfo);

  await page.getByLabel("CSV file").setInputFiles(csv("bad.csv", `sku,name,minStock\n${tag}-3,Fine,1\n${tag}-4,Broken,lots\n`));
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Nothing was imported" })).toContainText("1 problem found");
  const errors = page.getByRole("table", { name: "Nothing was imported" });
  await expect(errors.getByRole("row").nth(1)).toContainText("3");
  await expect(errors.getByRole("row").nth(1)).toContainText("minStock");
  await expect(errors.getByRole("row").nth(1)).toContainText("Whole numbers only.");
  await shot(page, "import-invalid", testInfo);

  const product = await page.request.get(`/products/${tag}-3`);
  expect(product.status()).toBe(404);
});

test("opening stock posts one movement per file", async ({ page }, testInfo) => {
  const tag = uniqueSku(`OPN${isPhone(testInfo) ? "P" : "D"}`);
  await page.goto("/import");
  await page.getByLabel("What to import").selectOption("opening_stock");
  await expect(page.getByRole("link", { name: "Download template" })).toHaveAttribute("href", "/import/template/opening_stock");
  const template = await page.request.get("/import/template/opening_stock");
  expect(template.headers()["content-type"]).toContain("text/csv");
  expect(await template.text()).toContain("sku,location,quantity,lot,expiry,unitCost");

  // An extra column (ignored by the import) makes the file, and so its hash, unique to this run.
  const file = csv("opening.csv", `sku;location;quantity;unit cost;note\nSKU-00994;A-01-01;3;1,50;${tag}\nSKU-00995;A-01-02;4;;\nSKU-00996;B-01-01;2;;\n`);
  await page.getByLabel("CSV file").setInputFiles(file);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const done = page.getByRole("status").filter({ hasText: "Import finished" });
  await expect(done).toContainText(/3 rows posted as movement WH\/IN\//);
  const number = /WH\/IN\/\S+\d/.exec((await done.textContent()) ?? "")![0];

  await page.getByLabel("CSV file").setInputFiles(file);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Already imported" })).toContainText(`already imported as ${number}`);
  await shot(page, "import-opening-stock", testInfo);
});

test("prints a product label PDF", async ({ page }, testInfo) => {
  await page.goto("/");
  await (await mainNav(page, testInfo)).getByRole("link", { name: "Labels" }).click();
  await expect(page.getByRole("heading", { name: "Labels", level: 1 })).toBeVisible();
  await page.getByLabel("Labels for").selectOption("products");
  await page.getByLabel("SKUs").fill("SKU-00001\nSKU-00002, SKU-00003");
  await page.getByLabel("Symbology").selectOption("qrcode");
  await page.getByLabel("Label size").selectOption("62x29");
  await page.getByLabel("Copies of each").fill("2");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("6 labels on 6 pages.")).toBeVisible();
  await shot(page, "labels", testInfo);

  const href = await page.getByRole("link", { name: "Open PDF" }).getAttribute("href");
  expect(href).toMatch(/^\/labels\/pdf\?/);
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  expect(res.headers()["content-disposition"]).toMatch(/^inline; filename="labels-products-.*\.pdf"$/);
  const body = await res.body();
  expect(body.subarray(0, 4).toString()).toBe("%PDF");
  expect((body.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length).toBe(6);

  // A4 sheet: 3 × 8 per page.
  const sheet = await page.request.get("/labels/pdf?kind=locations&prefix=A&size=a4-3x8&symbology=code128");
  expect(sheet.status()).toBe(200);
  expect(Number(sheet.headers()["x-page-count"])).toBe((sheet.headers()["x-label-count"] ? Math.ceil(Number(sheet.headers()["x-label-count"]) / 24) : -1));
  expect(((await sheet.body()).toString("latin1").match(/\/Type \/Page\b/g) ?? []).length).toBe(Number(sheet.headers()["x-page-count"]));

  const tooMany = await page.request.get("/labels/pdf?kind=products&q=SKU&copies=50");
  expect(tooMany.status()).toBe(422);
  expect((await tooMany.json()).error.message).toMatch(/^Too many labels/);
});

test.describe("clerk", () => {
  test.use({ storageState: authFile("clerk") });

  test("may print labels but not import", async ({ page }, testInfo) => {
    await page.goto("/");
    const nav = await mainNav(page, testInfo);
    await expect(nav.getByRole("link", { name: "Labels" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Import" })).toHaveCount(0);
    expect((await page.goto("/import"))?.status()).toBe(403);
    const run = await page.request.post("/import/run", { multipart: { kind: "products", file: csv("x.csv", "sku,name\nX,Y\n") } });
    expect(run.status()).toBe(403);
    const pdf = await page.request.get("/labels/pdf?kind=locations&prefix=A-01&size=50x25");
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
  });
});
