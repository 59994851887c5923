import { test, expect, newAccount, register, hydrated, secondBrowser } from "./fixtures";

test("Logout From Other Logged In Locations signs the other browser out", async ({ page, browser }) => {
  const a = newAccount();
  await register(page, a);

  const { page: other, close } = await secondBrowser(browser, a.username, a.password);

  await page.goto("/account/security");
  await hydrated(page);
  const rows = page.getByRole("table").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(page.getByText("This device")).toHaveCount(1);
  await expect(rows.first()).toContainText("Chrome");

  await page.getByRole("button", { name: "Logout From Other Logged In Locations" }).click();
  await expect(page.getByRole("status")).toHaveText("Signed out 1 other session.");
  await expect(rows).toHaveCount(1);

  // The other browser is signed out at its next request.
  await other.goto("/account/profile");
  await expect(other).toHaveURL(/\/signin$/);
  await close();
});
