import { expect, test } from "@playwright/test";
import { isPhone, mainNav, NAMES, ROLE_LABELS, ROLES, signIn, type DemoRole } from "./support";

/** The roles that post movements or count (app/floor/access.ts). */
const FLOOR_ROLES: DemoRole[] = ["admin", "manager", "clerk"];

// These tests sign in themselves: start without a session.
test.use({ storageState: { cookies: [], origins: [] } });

test("each role can sign in and sees its name and role", async ({ page }, testInfo) => {
  for (const role of ROLES) {
    await page.goto("/login");
    await signIn(page, role);
    // On a phone, the roles that work on the floor land on its screens; the desktop is one tap away.
    if (isPhone(testInfo) && FLOOR_ROLES.includes(role)) {
      await expect(page).toHaveURL(/\/floor$/);
      await page.goto("/");
    }
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(NAMES[role].split(" ")[0]);

    const nav = await mainNav(page, testInfo);
    await expect(nav.getByRole("link", { name: "Dashboard" })).toBeVisible();
    const who = page.getByRole("group", { name: "Signed in as" });
    await expect(who).toContainText(NAMES[role]);
    await expect(who).toContainText(ROLE_LABELS[role]);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
  }
});

test("a device whose saved choice is the desktop opens the dashboard, phones included", async ({ page }) => {
  await page.goto("/login");
  await page.evaluate(() => localStorage.setItem("wms.landing", "desk"));
  await signIn(page, "clerk");
  await expect(page).toHaveURL(/\/$/);
  await page.evaluate(() => localStorage.removeItem("wms.landing"));
});

test("the sign-in form posts, also before its JavaScript has loaded: the password never lands in a URL", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: { cookies: [], origins: [] }, baseURL: testInfo.project.use.baseURL });
  const page = await context.newPage();
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  await page.goto("/login");
  await expect(page.locator("form").filter({ has: page.getByLabel("Email") })).toHaveAttribute("method", /post/i);
  // A wrong password: the page answers with the error, still without JavaScript.
  await signIn(page, "viewer", "not-the-password");
  await expect(page.getByText("Wrong email or password")).toBeVisible();
  await signIn(page, "viewer");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Viewer");
  expect(urls.filter((u) => /password/i.test(u))).toEqual([]);
  // A successful sign-in leaves a device cookie (its own failed-login bucket; lib/auth/device-cookie.ts).
  const device = (await context.cookies()).find((c) => c.name.startsWith("wms_dev_"));
  expect(device?.httpOnly).toBe(true);
  await context.close();
});

test("a wrong password shows an error and keeps the user on the login page", async ({ page }) => {
  await page.goto("/login");
  await signIn(page, "viewer", "not-the-password");
  // (Next's route announcer is an empty role="alert" too: look for ours by its text.)
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("after ten failed attempts the login says to wait", async ({ page }) => {
  const email = `nobody-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}@example.com`;
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong");
  const error = page.getByRole("alert").filter({ hasText: /Wrong email or password|Too many failed attempts/ });
  // One attempt = one server action POST; wait for each answer so exactly eleven are made.
  const attempt = async () => {
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await answered;
  };
  for (let i = 0; i < 10; i++) {
    await attempt();
    await expect(error).toContainText("Wrong email or password");
  }
  await attempt();
  await expect(error).toContainText("Too many failed attempts");
});

test("the form checks the email before asking the server", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("x");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription("Enter a valid email address.");
});

test("a signed-out visit to /products goes to /login and back after signing in", async ({ page }) => {
  await page.goto("/products");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fproducts$/);
  await signIn(page, "clerk");
  await expect(page).toHaveURL(/\/products$/);
  await expect(page.getByRole("heading", { name: "Products", level: 1 })).toBeVisible();
});

test("an off-site callbackUrl is ignored", async ({ page }) => {
  await page.goto("/login?callbackUrl=https%3A%2F%2Fevil.example%2F");
  await signIn(page, "viewer");
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
});
