import { expect, test } from "@playwright/test";
import { authFile, mainNav } from "./support";

test.use({ storageState: authFile("purchaser") });

test("switch to Simplified Chinese and back", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await mainNav(page, testInfo);
  await page.getByRole("button", { name: "简体中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");

  const zhNav = await mainNav(page, testInfo, { menu: "打开菜单", nav: "主导航" });
  await expect(zhNav.getByRole("link", { name: "产品" })).toBeVisible();
  await expect(zhNav.getByRole("link", { name: "库位" })).toBeVisible();
  await expect(page.getByRole("button", { name: "简体中文" })).toHaveAttribute("aria-pressed", "true");

  // The choice is remembered: another page is Chinese too.
  await page.goto("/products");
  await expect(page.getByRole("heading", { name: "产品", level: 1 })).toBeVisible();

  await mainNav(page, testInfo, { menu: "打开菜单", nav: "主导航" });
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const enNav = await mainNav(page, testInfo);
  await expect(enNav.getByRole("link", { name: "Products" })).toBeVisible();
});
