import { expect, test } from "@playwright/test";
import { authFile } from "./support";

test.use({ storageState: authFile("manager") });

test("manager creates, renames and moves, and deletes a category; a category in use cannot be deleted", async ({ page }) => {
  const name = `E2E category ${Date.now().toString(36)}`;
  const renamed = `${name} (moved)`;
  await page.goto("/categories");

  const create = page.getByRole("region", { name: "New category" });
  await create.getByLabel("Name").fill(name);
  await create.getByLabel("Parent").selectOption({ label: "Tools" });
  await create.getByRole("button", { name: "Create category" }).click();
  const tree = page.getByRole("list", { name: "Category tree" });
  await expect(tree.getByRole("link", { name, exact: true })).toBeVisible();

  // Rename and move under Office, inline.
  await tree.getByRole("button", { name: `Rename or move ${name}` }).click();
  const editor = tree.getByRole("listitem").filter({ has: page.getByRole("button", { name: "Save changes" }) });
  await editor.getByLabel("Name").fill(renamed);
  await editor.getByLabel("Parent").selectOption({ label: "Office" });
  await editor.getByRole("button", { name: "Save changes" }).click();
  await expect(tree.getByRole("link", { name: renamed, exact: true })).toBeVisible();
  await expect(tree.getByRole("link", { name, exact: true })).toHaveCount(0);

  // A category with products is refused with a readable message.
  await tree.getByRole("button", { name: "Delete Drills" }).click();
  const refuse = page.getByRole("dialog", { name: "Delete “Drills”?" });
  await refuse.getByRole("button", { name: "Delete category" }).click();
  await expect(refuse.getByRole("alert")).toContainText("still has subcategories or products");
  await refuse.getByRole("button", { name: "Cancel" }).click();
  await expect(refuse).toBeHidden();

  // An empty one goes.
  await tree.getByRole("button", { name: `Delete ${renamed}` }).click();
  await page.getByRole("dialog", { name: `Delete “${renamed}”?` }).getByRole("button", { name: "Delete category" }).click();
  await expect(tree.getByRole("link", { name: renamed, exact: true })).toHaveCount(0);
});

test("a viewer sees the tree without editing controls", async ({ browser }) => {
  const context = await browser.newContext({ storageState: authFile("viewer") });
  const page = await context.newPage();
  await page.goto("/categories");
  await expect(page.getByRole("list", { name: "Category tree" }).getByRole("link", { name: "Drills" })).toBeVisible();
  await expect(page.getByRole("region", { name: "New category" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Delete / })).toHaveCount(0);
  await context.close();
});
