// Logs in through the UI once per demo role and saves the session for the specs.
import { expect, test as setup } from "@playwright/test";
import { authFile, ROLES, signIn } from "./support";

for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto("/login");
    await signIn(page, role);
    // Phones open the floor screens after sign-in (roles that may use them), the rest the dashboard.
    await expect(page).toHaveURL(/\/(floor)?$/);
    await page.context().storageState({ path: authFile(role) });
  });
}
