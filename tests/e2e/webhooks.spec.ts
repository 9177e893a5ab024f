// Admin › Webhooks in the browser (desktop and phone): register an endpoint against a local receiver
// (the e2e runner sets WEBHOOK_ALLOW_PRIVATE=1), see its secret once, post a movement through the
// API and find its delivery in the log, then redeliver it with the same webhook-id.
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { startReceiver, type Receiver } from "../support/webhook-receiver";
import { authFile, isPhone, PASSWORD } from "./support";

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startReceiver();
});
test.afterAll(async () => {
  await receiver.close();
});

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}-${testInfo.project.name}.png`, fullPage: true });
}

test.describe("webhooks", () => {
  test.use({ storageState: authFile("admin") });

  test("an admin registers an endpoint, sees the secret once, and redelivers a movement from the log", async ({ page }, testInfo) => {
    const path = `/e2e-${testInfo.project.name}-${Date.now().toString(36)}`;
    const url = receiver.url(path);
    await page.goto("/admin/webhooks");
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

    // Validation next to the field first: no event chosen.
    await page.getByLabel("URL").fill(url);
    await page.getByLabel("Description").fill("E2E receiver");
    await page.getByRole("checkbox", { name: /Movement posted/ }).uncheck();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByText("Choose at least one event.")).toBeVisible();
    await page.getByRole("checkbox", { name: /Movement posted/ }).check();
    await page.getByRole("button", { name: "Add endpoint" }).click();

    const secretBox = page.getByLabel("Signing secret");
    await expect(secretBox).toBeVisible();
    const secret = await secretBox.inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const link = page.getByRole("link", { name: `Open ${url}` });
    await expect(link).toBeVisible();
    await shot(page, testInfo, "admin-webhooks");

    // Never shown again.
    await page.reload();
    await expect(page.getByLabel("Signing secret")).toHaveCount(0);
    await expect(page.locator("body")).not.toContainText(secret);

    // A movement posted through the API reaches the receiver, signed.
    const tokenRes = await page.request.post("/api/v1/auth/token", { data: { email: "admin@example.com", password: PASSWORD } });
    const { token } = (await tokenRes.json()) as { token: string };
    const moved = await page.request.post("/api/v1/movements", {
      headers: { Authorization: `Bearer ${token}` },
      data: { type: "in", reference: `E2E-HOOK-${testInfo.project.name}`, lines: [{ sku: "SKU-00986", location: "A-01-01", quantity: 1 }] },
    });
    expect(moved.status()).toBe(201);
    const movementId = ((await moved.json()) as { id: string }).id;
    await expect.poll(() => receiver.on(path).filter((r) => r.json.data.movementId === movementId).length, { timeout: 20_000 }).toBe(1);
    const first = receiver.on(path)[0];
    expect(new Webhook(secret).verify(first.body, first.headers)).toMatchObject({ type: "movement.posted" });
    const eventId = first.headers["webhook-id"];

    // The endpoint's page lists the delivery once the attempt is recorded.
    await page.getByRole("link", { name: `Open ${url}` }).click();
    await expect(page).toHaveURL(/\/admin\/webhooks\/[0-9a-f-]{36}$/);
    const row = page.getByRole("row").filter({ hasText: eventId });
    await expect(async () => {
      await page.reload();
      await expect(row).toContainText("Delivered", { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(row).toContainText("Movement posted");
    if (!isPhone(testInfo)) await expect(row).toContainText("200");
    await shot(page, testInfo, "admin-webhook-log");

    await row.getByRole("button", { name: `Redeliver ${eventId}` }).click();
    await expect.poll(() => receiver.on(path).length, { timeout: 20_000 }).toBe(2);
    expect(receiver.on(path)[1].headers["webhook-id"]).toBe(eventId);
    expect(receiver.on(path)[1].body).toBe(first.body);
    if (!isPhone(testInfo)) {
      await expect(async () => {
        await page.reload();
        await expect(row.getByRole("cell").nth(4)).toHaveText("2", { timeout: 1_000 });
      }).toPass({ timeout: 20_000 });
    }

    // Clean up: delete it (nothing more is sent to it).
    await page.getByRole("button", { name: "Delete endpoint" }).click();
    await page.getByRole("dialog", { name: "Delete this endpoint?" }).getByRole("button", { name: "Delete endpoint" }).click();
    await expect(page).toHaveURL(/\/admin\/webhooks$/);
    await expect(page.getByRole("link", { name: `Open ${url}` })).toHaveCount(0);
  });
});
