import { test, expect, newAccount, register, signIn, signOut, hydrated, signInAsAdmin, watch, confirmLink, verifiedAccount, VERIFY_SUBJECT } from "./fixtures";
import { waitForMail, waitForMails, linkIn } from "./mail";
import type { Page } from "@playwright/test";

test("resend email verification, then the link verifies the address once", async ({ page, baseURL }) => {
  const a = newAccount();
  await register(page, a);
  await hydrated(page);
  const email = page.locator(".email-line");
  await expect(email).toContainText(a.email);
  await expect(email).toContainText("Not verified");

  await page.getByRole("button", { name: "Resend Email Verification" }).click();
  await expect(page.getByRole("status").filter({ hasText: "new verification link is on its way" })).toBeVisible();
  const [first, second] = await waitForMails(a.email, VERIFY_SUBJECT, 2);
  const prefix = `${baseURL}/verify-email?token=`;

  await confirmLink(page, linkIn(first, prefix));
  await expect(page.getByRole("alert")).toContainText("This link is invalid or has expired");

  await confirmLink(page, linkIn(second, prefix));
  await expect(page.getByRole("status")).toContainText("Your email address is confirmed.");
  await page.getByRole("link", { name: "Go to your profile" }).click();
  await expect(page.locator(".email-line")).toContainText("Verified");
  await expect(page.getByRole("button", { name: "Resend Email Verification" })).toHaveCount(0);

  // Used once, the link is spent.
  await confirmLink(page, linkIn(second, prefix));
  await expect(page.getByRole("alert")).toContainText("This link is invalid or has expired");
});

test("reset password by the mailed link; the link fails the second time; unknown address, same answer", async ({ page, baseURL }) => {
  const a = await verifiedAccount(page, baseURL!);
  await page.goto("/account/profile");
  await signOut(page);

  await page.getByRole("link", { name: "Reset password" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await hydrated(page);
  await page.getByLabel("Email").fill(a.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  const answer = page.getByRole("status");
  await expect(answer).toContainText("If an account has this verified address");
  const knownAnswer = await answer.innerText();

  const mail = await waitForMail(a.email, "Reset your Gatehouse password");
  const link = linkIn(mail, `${baseURL}/reset-password?token=`);
  await page.goto(link);
  await hydrated(page);
  const fresh = `${a.password} after reset`;
  await page.getByLabel("New Password", { exact: true }).fill("password");
  await page.getByLabel("Repeat New Password").fill("password");
  await page.getByRole("button", { name: "Reset password" }).click();
  const newField = page.locator(".field", { has: page.getByLabel("New Password", { exact: true }) }).locator(".field-error");
  await expect(newField).toContainText("too common");
  await page.getByLabel("New Password", { exact: true }).fill(fresh);
  await page.getByLabel("Repeat New Password").fill(fresh);
  await page.getByRole("button", { name: "Reset password" }).click();
  await expect(page).toHaveURL(/\/signin\?reset=done$/);
  await expect(page.getByRole("status")).toContainText("Your password was reset.");

  await signIn(page, a.username, a.password);
  await expect(page.getByRole("alert")).toContainText("Incorrect username/email or password.");
  await signIn(page, a.username, fresh);
  // A verified address has email codes by default (seed 002): the second step follows.
  await expect(page).toHaveURL(/\/signin\/two-factor$/);
  await hydrated(page);
  const code = (await waitForMail(a.email, "Your Gatehouse verification code")).text.match(/^\s*(\d{6})\s*$/m)![1];
  await page.getByLabel("Code sent to your email").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/account\/profile$/);

  await page.goto(link);
  await expect(page.getByRole("alert")).toContainText("This link is invalid or has expired");

  // An address with no account gets the very same page.
  await page.goto("/forgot-password");
  await hydrated(page);
  await page.getByLabel("Email").fill(`nobody-${Date.now()}@example.test`);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toHaveText(knownAnswer);
});

test("change email: needs the password and a code, confirmed from the new address, old address told", async ({ page, baseURL }) => {
  const a = await verifiedAccount(page, baseURL!);
  await page.goto("/account/profile");
  await hydrated(page);
  const next = `new.${a.email}`;
  await page.getByLabel("New email address").fill(next);
  await page.getByLabel("Your password", { exact: true }).fill(a.password);
  await page.getByRole("button", { name: "Change email" }).click();
  // A verified address is a second factor by default (seed 002): confirm it's you first, with
  // the password and a code sent by email.
  await expect(page.getByRole("alert")).toContainText("Confirm it's you first");
  const confirm_ = page.locator("#confirm-its-you");
  await confirm_.getByRole("button", { name: "Send a code by email" }).click();
  const mail = await waitForMail(a.email, "Your Gatehouse verification code");
  await confirm_.getByLabel("Password", { exact: true }).fill(a.password);
  await confirm_.getByLabel("Code sent to your email").fill(mail.text.match(/^\s*(\d{6})\s*$/m)![1]);
  await confirm_.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(confirm_).toHaveCount(0);
  await expect(page.getByLabel("New email address")).toHaveValue(next);

  // Then the change itself: the password is checked.
  await page.getByLabel("Your password", { exact: true }).fill("not my password");
  await page.getByRole("button", { name: "Change email" }).click();
  const pw = page.locator(".field", { has: page.getByLabel("Your password", { exact: true }) }).locator(".field-error");
  await expect(pw).toHaveText("Your current password is not correct.");
  await expect(page.getByLabel("New email address")).toHaveValue(next);
  await page.getByLabel("Your password", { exact: true }).fill(a.password);
  await page.getByRole("button", { name: "Change email" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Check the new address" })).toBeVisible();
  await expect(page.getByText(`A confirmation link was sent to ${next}`)).toBeVisible();
  await expect(page.locator(".email-line")).toContainText(a.email);

  // A pending change can be withdrawn; its link then goes nowhere.
  const withdrawn = linkIn(await waitForMail(next, "Confirm your new Gatehouse email address"), `${baseURL}/verify-email?token=`);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText(`A confirmation link was sent to ${next}`)).toHaveCount(0);
  await page.getByLabel("New email address").fill(next);
  await page.getByLabel("Your password", { exact: true }).fill(a.password);
  await page.getByRole("button", { name: "Change email" }).click();
  await expect(page.getByText(`A confirmation link was sent to ${next}`)).toBeVisible();

  const notice = await waitForMail(a.email, "A change of your Gatehouse email address was requested");
  expect(notice.text).toContain(next);
  const confirm = (await waitForMails(next, "Confirm your new Gatehouse email address", 2))[1];
  await confirmLink(page, withdrawn);
  await expect(page.getByRole("alert")).toContainText("This link is invalid or has expired");
  await confirmLink(page, linkIn(confirm, `${baseURL}/verify-email?token=`));
  await expect(page.getByRole("status")).toContainText("Your email address is confirmed.");
  await page.goto("/account/profile");
  await expect(page.locator(".email-line")).toContainText(next);
  await expect(page.locator(".email-line")).toContainText("Verified");
  // The old address is told the change is done.
  const done = await waitForMail(a.email, "Your Gatehouse email address was changed");
  expect(done.text).toContain(next);
});

test("admin password policy: rules shown as you type, a weak password is blocked", async ({ page, browser }) => {
  await signInAsAdmin(page);
  await page.goto("/admin");
  await hydrated(page);
  await page.getByRole("link", { name: "Password policy" }).click();
  await expect(page).toHaveURL(/\/admin\/password-policy$/);
  await hydrated(page);
  const min = page.getByLabel("Minimum length");
  await min.fill("4");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.locator(".field", { has: min }).locator(".field-error")).toHaveText("Use at least 8.");
  await min.fill("12");
  await page.getByLabel("A digit").check();
  // A valid policy is saved only after the administrator confirms the password again.
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByRole("alert")).toContainText("Confirm it's you first");
  const confirm = page.locator("#confirm-its-you");
  await confirm.getByLabel("Password", { exact: true }).fill("e2e-admin-password-1");
  await confirm.getByRole("button", { name: "Confirm" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(min).toHaveValue("12");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByRole("status").filter({ hasText: "password policy was saved" })).toBeVisible();

  const visitor = await browser.newContext();
  const visitorErrors: string[] = [];
  watch(visitor, visitorErrors);
  try {
    const p = await visitor.newPage();
    const a = newAccount();
    await p.goto("/register");
    await hydrated(p);
    const rules = p.getByRole("list", { name: "Password rules" });
    await p.getByLabel("Password", { exact: true }).fill("tulip-ember");
    await expect(rules.locator("li", { hasText: "At least 12 characters." })).toHaveClass("unmet");
    await expect(rules.locator("li", { hasText: "A digit." })).toHaveClass("unmet");
    await p.getByLabel("Name", { exact: true }).fill(a.name);
    await p.getByLabel("Username").fill(a.username);
    await p.getByLabel("Email").fill(a.email);
    await p.getByRole("button", { name: "Create account" }).click();
    const field = p.locator(".field", { has: p.getByLabel("Password", { exact: true }) }).locator(".field-error");
    await expect(field).toHaveText("Use at least 12 characters. Include a digit.");
    await p.getByLabel("Password", { exact: true }).fill(`${a.password} 42`);
    await expect(rules.locator("li", { hasText: "A digit." })).toHaveClass("met");
    await p.getByRole("button", { name: "Create account" }).click();
    await expect(p).toHaveURL(/\/account\/profile$/);
    expect(visitorErrors, "console errors in the visitor's browser").toEqual([]);
  } finally {
    await visitor.close();
    // Back to the defaults for the other tests.
    await page.getByLabel("Minimum length").fill("8");
    await page.getByLabel("A digit").uncheck();
    const saved = page.waitForResponse((r) => r.url().endsWith("/fn/save_password_policy") && r.ok());
    await page.getByRole("button", { name: "Save policy" }).click();
    await saved;
  }
});
