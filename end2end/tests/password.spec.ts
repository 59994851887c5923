import { test, expect, newAccount, register, signIn, signOut, hydrated, secondBrowser } from "./fixtures";
import { waitForMail } from "./mail";

test("change password: rules as you type, weak refused, other browser signed out, new one works", async ({ page, browser, baseURL }) => {
  const a = newAccount();
  await register(page, a);
  const { page: other, close } = await secondBrowser(browser, a.username, a.password);

  await page.goto("/account/security");
  await hydrated(page);
  const newPassword = page.getByLabel("New Password", { exact: true });
  const length = page.getByRole("list", { name: "Password rules" }).locator("li", { hasText: "At least 8 characters." });
  await newPassword.fill("short");
  await expect(length).toHaveClass("unmet");
  await newPassword.fill("a brand new passphrase");
  await expect(length).toHaveClass("met");

  // The server checks the common-password list and the repetition.
  await page.getByLabel("Current Password").fill(a.password);
  await newPassword.fill("password1");
  await page.getByLabel("Repeat New Password").fill("password2");
  await page.getByRole("button", { name: "Change Password" }).click();
  const field = (label: string) => page.locator(".field", { has: page.getByLabel(label, { exact: true }) }).locator(".field-error");
  await expect(field("New Password")).toContainText("too common");
  await expect(field("Repeat New Password")).toHaveText("The passwords do not match.");

  const next = `${a.password} renewed`;
  await newPassword.fill(next);
  await page.getByLabel("Repeat New Password").fill(next);
  await page.getByRole("button", { name: "Change Password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "password was changed" })).toBeVisible();
  await expect(page.getByLabel("Current Password")).toHaveValue("");

  // The notice arrives over SMTP, with a link built from the public URL.
  const notice = await waitForMail(a.email, "Your Gatehouse password was changed");
  expect(notice.text).toContain(`${baseURL}/account/security`);
  expect(notice.from).toBe("noreply@gatehouse.test");

  await other.goto("/account/profile");
  await expect(other).toHaveURL(/\/signin$/);
  await close();

  await signOut(page);
  await signIn(page, a.username, next);
  await expect(page).toHaveURL(/\/account\/profile$/);
});

test("Profile offers the same change with Confirm your Password", async ({ page }) => {
  const a = newAccount();
  await register(page, a);
  await hydrated(page);
  await page.getByLabel("Current Password").fill(a.password);
  await page.getByLabel("New Password", { exact: true }).fill("another fine passphrase");
  await page.getByLabel("Confirm your Password").fill("another fine passphras");
  await page.getByRole("button", { name: "Change Password" }).click();
  const confirm = page.locator(".field", { has: page.getByLabel("Confirm your Password") }).locator(".field-error");
  await expect(confirm).toHaveText("The passwords do not match.");
  await page.getByLabel("Confirm your Password").fill("another fine passphrase");
  await page.getByRole("button", { name: "Change Password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "password was changed" })).toBeVisible();
});
