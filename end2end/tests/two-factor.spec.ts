import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "@playwright/test";
import { test, expect, newAccount, register, signIn, signOut, hydrated, signInAsAdmin, watch, verifiedAccount } from "./fixtures";
import { waitForMail, waitForMails } from "./mail";

/** A TOTP code computed by oathtool, not by the app: the key read off the page, now + `steps` × 30 s. */
function oathtool(key: string, steps = 0): string {
  const at = Math.floor(Date.now() / 1000) + steps * 30;
  return execFileSync("oathtool", ["--totp", "--base32", "--now", `@${at}`, key]).toString().trim();
}

/** The QR code as the page shows it, decoded by zbarimg from a screenshot. */
async function decodeQr(image: Locator): Promise<string> {
  const png = join(mkdtempSync(join(tmpdir(), "gatehouse-qr-")), "qr.png");
  await image.screenshot({ path: png });
  return execFileSync("zbarimg", ["--quiet", "--raw", png]).toString().trim();
}

/** Sudo mode on the Security page: the password again (and a code, when asked). */
async function confirmPassword(panel: Locator, password: string, code?: { method: string; code: string }) {
  await panel.getByLabel("Password", { exact: true }).fill(password);
  if (code) {
    await panel.getByLabel("Confirm with").selectOption(code.method);
    await panel.getByLabel("Code", { exact: true }).fill(code.code);
  }
  await panel.getByRole("button", { name: "Confirm" }).click();
}

/** Enables TOTP from the Security page; returns the key and the backup codes shown once. */
async function enableTotp(page: Page, a: { email: string; password: string }) {
  const panel = page.locator("#two-factor");
  await confirmPassword(panel, a.password);
  await panel.getByRole("button", { name: "Enable two-factor authentication via TOTP" }).click();
  const key = (await page.getByTestId("totp-key").innerText()).replace(/\s/g, "");
  expect(key.length).toBeGreaterThanOrEqual(32);
  expect(await decodeQr(page.locator("img.qr"))).toBe(
    `otpauth://totp/Gatehouse:${a.email}?secret=${key}&issuer=Gatehouse&algorithm=SHA1&digits=6&period=30`,
  );
  const first = oathtool(key);
  await page.getByLabel("Code from your authenticator app").fill(first);
  await page.getByRole("button", { name: "Verify" }).click();
  const shown = page.locator(".backup-codes code");
  await expect(shown).toHaveCount(10);
  const backup = await shown.allInnerTexts();
  return { key, first, backup };
}

async function verify(page: Page, label: string, code: string) {
  await page.getByLabel(label).fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

test("TOTP: enable by QR and key, save backup codes, sign in with a code, no replay, a backup code once, disable", async ({ page }) => {
  const a = newAccount();
  await register(page, a);
  await page.goto("/account/security");
  await hydrated(page);
  const { key, first, backup } = await enableTotp(page, a);

  // Download holds the same codes.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download" }).click()]);
  expect(download.suggestedFilename()).toBe("gatehouse-backup-codes.txt");
  const file = readFileSync((await download.path())!, "utf8");
  for (const code of backup) expect(file).toContain(code);
  await page.getByRole("button", { name: "I saved them" }).click();
  await expect(page.locator(".backup-codes")).toHaveCount(0);
  await expect(page.locator("#two-factor")).toContainText("Two-factor authentication via TOTP is on.");
  await expect(page.locator("#two-factor")).toContainText("10 backup codes left.");

  // Signing in now takes a code: the one that enrolled the app is refused, the next works.
  await signOut(page);
  await signIn(page, a.username, a.password);
  await expect(page).toHaveURL(/\/signin\/two-factor$/);
  await hydrated(page);
  await verify(page, "Code from your authenticator app", first);
  await expect(page.locator(".field-error")).toContainText("That code is not valid.");
  const next = oathtool(key, 1);
  await verify(page, "Code from your authenticator app", next);
  await expect(page).toHaveURL(/\/account\/profile$/);

  // The same code, once more: refused.
  await signOut(page);
  await signIn(page, a.username, a.password);
  await expect(page).toHaveURL(/\/signin\/two-factor$/);
  await hydrated(page);
  await verify(page, "Code from your authenticator app", next);
  await expect(page.locator(".field-error")).toContainText("That code is not valid.");

  // A backup code works once; the count drops.
  await page.getByRole("link", { name: "Use a backup code" }).click();
  await expect(page).toHaveURL(/method=backup/);
  await verify(page, "Backup code", backup[0]);
  await expect(page).toHaveURL(/\/account\/profile$/);
  await signOut(page);
  await signIn(page, a.username, a.password);
  await page.getByRole("link", { name: "Use a backup code" }).click();
  await verify(page, "Backup code", backup[0]);
  await expect(page.locator(".field-error")).toContainText("That code is not valid.");
  await verify(page, "Backup code", backup[1]);
  await expect(page).toHaveURL(/\/account\/profile$/);

  // Disable: the password and a current second factor.
  await page.goto("/account/security");
  await hydrated(page);
  const panel = page.locator("#two-factor");
  await confirmPassword(panel, a.password, { method: "backup", code: backup[2] });
  await expect(panel).toContainText("7 backup codes left.");
  await panel.getByText("Disable two-factor authentication via TOTP").first().click();
  const disable = panel.locator("details.danger", { hasText: "via TOTP" });
  await disable.getByLabel("Confirm with").selectOption("backup");
  await disable.getByLabel("Code", { exact: true }).fill(backup[3]);
  await disable.getByRole("button", { name: "Disable two-factor authentication via TOTP" }).click();
  await expect(panel.getByRole("button", { name: "Enable two-factor authentication via TOTP" })).toBeVisible();

  // One step again.
  await signOut(page);
  await signIn(page, a.username, a.password);
  await expect(page).toHaveURL(/\/account\/profile$/);
  const notices = await waitForMail(a.email, "Two-factor authentication changed");
  expect(notices.text).toContain("/account/security");
});

test("email 2FA: on by default for a verified address; the codes are read from the mail", async ({ page, baseURL }) => {
  const a = await verifiedAccount(page, baseURL!);
  await page.goto("/account/security");
  await hydrated(page);
  const panel = page.locator("#two-factor");
  // Seed 002: "By default, 2FA is enabled with the sign-up email".
  await expect(panel).toContainText("Two-factor authentication is on.");
  const codeIn = (m: { text: string }) => m.text.match(/^\s*(\d{6})\s*$/m)![1];
  await panel.getByRole("button", { name: "Send a code by email" }).click();
  const first = await waitForMail(a.email, "Your Gatehouse verification code");
  await panel.getByLabel("Password", { exact: true }).fill(a.password);
  await panel.getByLabel("Code sent to your email").fill(codeIn(first));
  await panel.getByRole("button", { name: "Confirm" }).click();
  await expect(panel).toContainText("Two-factor authentication via Email is on.");

  await signOut(page);
  await signIn(page, a.username, a.password);
  await expect(page).toHaveURL(/\/signin\/two-factor$/);
  await hydrated(page);
  const mails = await waitForMails(a.email, "Your Gatehouse verification code", 2);
  const code = codeIn(mails[mails.length - 1]);
  await verify(page, "Code sent to your email", code);
  await expect(page).toHaveURL(/\/account\/profile$/);
});

test("forced 2FA: an admin forces it, the user's next sign-in is led into the setup", async ({ page, browser }) => {
  const a = newAccount();
  await register(page, a);
  await signOut(page);

  const adminContext = await browser.newContext();
  const adminErrors: string[] = [];
  watch(adminContext, adminErrors);
  const admin = await adminContext.newPage();
  await signInAsAdmin(admin);
  await admin.goto(`/admin?q=${a.username}`);
  await hydrated(admin);
  // Acting on another account's authentication needs the admin's own fresh password.
  await admin.locator("tr", { hasText: a.username }).getByRole("button", { name: `Force two-factor authentication for ${a.username}` }).click();
  await expect(admin.getByRole("alert")).toContainText("Confirm it's you first");
  await admin.goto("/account/security");
  await hydrated(admin);
  await confirmPassword(admin.locator("#two-factor"), "e2e-admin-password-1");
  await expect(admin.getByRole("button", { name: "Enable two-factor authentication via TOTP" })).toBeVisible();
  await admin.goto(`/admin?q=${a.username}`);
  await hydrated(admin);
  const row = admin.locator("tr", { hasText: a.username });
  await expect(row).toContainText("Off");
  // Administrators force it; there is no control that sets it up for the user.
  await row.getByRole("button", { name: `Force two-factor authentication for ${a.username}` }).click();
  await expect(row).toContainText("Required, not set up");
  await expect(row.getByRole("button", { name: /Enable|Set up/ })).toHaveCount(0);

  await signIn(page, a.username, a.password);
  await expect(page).toHaveURL(/\/account\/security$/);
  await hydrated(page);
  await expect(page.locator("#two-factor").getByRole("alert")).toContainText("Your administrator requires two-factor authentication");
  await page.goto("/account/profile");
  await expect(page).toHaveURL(/\/account\/security$/);
  await hydrated(page);

  await enableTotp(page, a);
  await page.getByRole("button", { name: "I saved them" }).click();
  await page.goto("/account/profile");
  await expect(page).toHaveURL(/\/account\/profile$/);

  await admin.reload();
  await expect(admin.locator("tr", { hasText: a.username })).toContainText("On (required)");
  expect(adminErrors, "console errors in the admin's browser").toEqual([]);
  await adminContext.close();
});

test("TOTP the IONOS way: Enable 2-Factor Authentication, the assistant's steps with Next, the Security Token, Done", async ({ page }) => {
  const a = newAccount();
  await register(page, a);
  await page.goto("/account/security");
  await hydrated(page);
  const panel = page.locator("#two-factor");
  // Opened before the password is confirmed: the assistant follows the confirmation.
  await panel.getByRole("button", { name: "Enable 2-Factor Authentication" }).click();
  await confirmPassword(panel, a.password);
  const assistant = page.getByRole("dialog", { name: "2-Factor Authentication Setup Assistant" });
  await expect(assistant).toContainText("Step 1 of 3");
  await expect(assistant).toContainText("authenticator app");
  await assistant.getByRole("button", { name: "Next" }).click();
  await expect(assistant).toContainText("Step 2 of 3");
  const key = (await page.getByTestId("totp-key").innerText()).replace(/\s/g, "");
  expect(await decodeQr(assistant.locator("img.qr"))).toContain(`secret=${key}`);
  await assistant.getByRole("button", { name: "Next" }).click();
  await expect(assistant).toContainText("Step 3 of 3");
  await assistant.getByLabel("Security Token").fill(oathtool(key));
  await assistant.getByRole("button", { name: "Verify" }).click();
  await expect(page.locator(".backup-codes code")).toHaveCount(10);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(panel).toContainText("Two-factor authentication via TOTP is on.");
  // In a new session the count of backup codes is shown before the password is asked again.
  await signOut(page);
  await signIn(page, a.username, a.password);
  await hydrated(page);
  await verify(page, "Code from your authenticator app", oathtool(key, 1));
  await expect(page).toHaveURL(/\/account\/profile$/);
  await page.goto("/account/security");
  await hydrated(page);
  await expect(panel.getByTestId("backup-codes-left")).toHaveText("10 backup codes left.");
  await expect(panel.getByLabel("Password", { exact: true })).toBeVisible();
});

test("the setup assistant works without JavaScript, as a sequence of pages", async ({ browser }) => {
  const a = newAccount();
  const setup = await browser.newPage();
  await register(setup, a);
  await setup.close();

  const context = await browser.newContext({ javaScriptEnabled: false });
  const errors: string[] = [];
  watch(context, errors);
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Username or email").fill(a.username);
  await page.getByLabel("Password", { exact: true }).fill(a.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account\/profile$/);

  await page.goto("/account/security");
  const panel = page.locator("#two-factor");
  await panel.getByRole("button", { name: "Enable 2-Factor Authentication" }).click();
  await expect(page).toHaveURL(/\/account\/security\?setup=app$/);
  await expect(panel).toContainText("Confirm your password first");
  await confirmPassword(panel, a.password);
  const assistant = page.getByRole("dialog", { name: "2-Factor Authentication Setup Assistant" });
  await expect(assistant).toContainText("Step 1 of 3");
  await assistant.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/\?setup=scan$/);
  await expect(assistant).toContainText("Step 2 of 3");
  const key = (await page.getByTestId("totp-key").innerText()).replace(/\s/g, "");
  expect(await decodeQr(assistant.locator("img.qr"))).toContain(`secret=${key}`);
  // Back and forth keeps the same key.
  await assistant.getByRole("button", { name: "Back" }).click();
  await expect(assistant).toContainText("Step 1 of 3");
  await assistant.getByRole("button", { name: "Next" }).click();
  expect((await page.getByTestId("totp-key").innerText()).replace(/\s/g, "")).toBe(key);
  await assistant.getByRole("button", { name: "Next" }).click();
  await expect(assistant).toContainText("Step 3 of 3");
  const near = [-1, 0, 1].map((steps) => oathtool(key, steps));
  await assistant.getByLabel("Security Token").fill(["000000", "111111", "222222", "333333"].find((c) => !near.includes(c))!);
  await assistant.getByRole("button", { name: "Verify" }).click();
  await expect(assistant.locator(".field-error")).toContainText("That code is not valid.");
  await assistant.getByLabel("Security Token").fill(oathtool(key));
  await assistant.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/account\/security\?codes=new$/);
  const shown = page.locator(".backup-codes code");
  await expect(shown).toHaveCount(10);
  await expect(panel).toContainText("Two-factor authentication via TOTP is on.");
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.locator(".backup-codes")).toHaveCount(0);
  // Shown once: coming back to the address shows none.
  await page.goto("/account/security?codes=new");
  await expect(page.locator(".backup-codes")).toHaveCount(0);
  await expect(panel).toContainText("shown only once");
  expect(errors).toEqual([]);
  await context.close();
});
