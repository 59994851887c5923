import type { Page } from "@playwright/test";
import { test, expect, newAccount, register, hydrated, signIn, signInAsAdmin, watch } from "./fixtures";
import { waitForMail } from "./mail";

/** "Confirm it's you" on the page: the password (these accounts have no second factor). */
async function confirmItsYou(page: Page, password: string) {
  const panel = page.getByRole("region", { name: "Confirm it's you" });
  await panel.getByLabel("Password", { exact: true }).fill(password);
  await panel.getByRole("button", { name: "Confirm" }).click();
  await expect(panel).toHaveCount(0);
}

test("Security → Delete account: what happens, a confirmation, then signing in restores the account", async ({ page }) => {
  const a = newAccount();
  await register(page, a);
  await page.goto("/account/security");
  await hydrated(page);
  await page.getByRole("link", { name: "Delete account" }).click();
  await expect(page).toHaveURL(/\/account\/delete$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Delete account");
  await expect(page.locator("main")).toContainText("For 7 days your account is kept, disabled");

  // The username is asked for; a wrong one is told next to the field and kept.
  const field = page.getByLabel(`Type your username, ${a.username}, to confirm`);
  await field.fill("someone else");
  await page.getByRole("button", { name: "Delete account" }).click();
  await expect(page.locator(".field-error").first()).toContainText(`Type your username, ${a.username}, to confirm.`);
  await expect(field).toHaveValue("someone else");
  await field.fill(a.username);
  await page.getByRole("button", { name: "Delete account" }).click();
  await confirmItsYou(page, a.password);
  await page.getByRole("button", { name: "Delete account" }).click();
  await expect(page.getByRole("status")).toContainText("Your account is deleted. It is kept, disabled, until");
  const mail = await waitForMail(a.email, "Your Gatehouse account is deleted");
  expect(mail.text).toContain("Sign in to restore it");

  // Signed out; signing in during the grace period restores the account.
  await page.goto("/account/profile");
  await expect(page).toHaveURL(/\/signin$/);
  await signIn(page, a.username, a.password);
  await expect(page).toHaveURL(/\/account\/profile$/);
  await waitForMail(a.email, "Your Gatehouse account is restored");
});

test("the server admin disables, enables and deletes an account from Administration", async ({ page, browser }) => {
  const a = newAccount();
  await register(page, a);

  const context = await browser.newContext();
  const errors: string[] = [];
  watch(context, errors);
  const admin = await context.newPage();
  await signInAsAdmin(admin);
  await admin.goto(`/admin?q=${a.username}`);
  await hydrated(admin);
  await confirmItsYou(admin, "e2e-admin-password-1");
  const row = admin.locator("tr", { hasText: a.username });
  await row.getByRole("button", { name: `Disable ${a.username}` }).click();
  await expect(row).toContainText("Disabled");

  // The person is signed out and cannot sign in.
  await page.goto("/account/profile");
  await expect(page).toHaveURL(/\/signin$/);
  await signIn(page, a.username, a.password);
  await expect(page.getByRole("alert")).toBeVisible();

  await row.getByRole("button", { name: `Enable ${a.username}` }).click();
  await expect(row.getByRole("button", { name: `Disable ${a.username}` })).toBeVisible();
  await row.getByRole("button", { name: `Delete ${a.username}` }).click();
  await expect(row).toContainText("Deleted");
  await waitForMail(a.email, "Your Gatehouse account is deleted");
  expect(errors).toEqual([]);
  await context.close();
});
