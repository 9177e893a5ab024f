// Reversing a movement from its page (lib/stock/reverse-movement.ts), as a manager at desktop and
// phone size: the dialog asks for a reason, the reversal is posted and opened, each movement links
// the other, the stock is back; a clerk is not offered the button.
import { expect, test } from "@playwright/test";
import { authFile, freshEan, managerApi, movementsOf, newProduct } from "./support";

test.use({ storageState: authFile("manager") });

const LOCATION = "A-01-03";

test("a manager reverses a receipt: reason required, the reversal links back, the stock is back", async ({ page, request }) => {
  const sku = await newProduct(request, { barcode: freshEan() }, "REV");
  const posted = await request.post("/api/v1/movements", { headers: await managerApi(request), data: { type: "in", lines: [{ sku, location: LOCATION, quantity: 7 }] } });
  expect(posted.status()).toBe(201);
  const receipt = (await posted.json()) as { id: string; number: string };

  await page.goto(`/movements/${receipt.id}`);
  await page.getByRole("button", { name: "Reverse" }).click();
  const dialog = page.getByRole("dialog", { name: `Reverse ${receipt.number}?` });
  await expect(dialog.getByLabel("Reason")).toBeFocused();
  await dialog.getByRole("button", { name: "Post reversal" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Say why the movement is reversed.");
  await dialog.getByLabel("Reason").fill("Received on the wrong product");
  await dialog.getByRole("button", { name: "Post reversal" }).click();

  // The reversal's page: an issue of the same 7, naming the receipt.
  await expect(page).toHaveURL(/\/movements\/[0-9a-f-]{36}\?posted=1$/);
  await expect(page.getByRole("link", { name: receipt.number })).toBeVisible();
  await expect(page.getByText(`Reversal of ${receipt.number}: Received on the wrong product`)).toBeVisible();
  const moves = await movementsOf(request, sku);
  expect(moves.map((m) => m.type).sort()).toEqual(["in", "out"]);
  const inv = await request.get(`/api/v1/inventory?sku=${sku}&location=${LOCATION}`, { headers: await managerApi(request) });
  expect(((await inv.json()) as { items: { quantity: number }[] }).items[0].quantity).toBe(0);

  // The receipt now says who reversed it, and offers no second reversal.
  await page.goto(`/movements/${receipt.id}`);
  await expect(page.getByText("Reversed by")).toBeVisible();
  await expect(page.getByRole("button", { name: "Reverse" })).toHaveCount(0);
});

test.describe("as a clerk", () => {
  test.use({ storageState: authFile("clerk") });
  test("no reverse button", async ({ page, request }) => {
    const sku = await newProduct(request, { barcode: freshEan() }, "REV");
    const posted = await request.post("/api/v1/movements", { headers: await managerApi(request), data: { type: "in", lines: [{ sku, location: LOCATION, quantity: 1 }] } });
    const receipt = (await posted.json()) as { id: string };
    await page.goto(`/movements/${receipt.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Reverse" })).toHaveCount(0);
  });
});
