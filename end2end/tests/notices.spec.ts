import { test, expect, newAccount, register, hydrated, secondBrowser } from "./fixtures";
import { waitForMail, waitForMails } from "./mail";

const NEW_SIGN_IN = "New sign-in to your Gatehouse account";

test("a sign-in from a new browser is mailed with when, device and address; turned off, it is not, and critical notices still go", async ({
  page,
  browser,
}) => {
  const a = newAccount();
  await register(page, a);

  // Another browser: the owner hears of it.
  const second = await secondBrowser(browser, a.username, a.password);
  const notice = await waitForMail(a.email, NEW_SIGN_IN);
  expect(notice.text).toMatch(/When: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  expect(notice.text).toContain("Device: Chrome on Linux");
  expect(notice.text).toContain("IP address: 127.0.0.1");
  expect(notice.text).toContain("/account/security");
  await second.close();

  // Preferences → Notifications: off.
  await page.goto("/account/preferences");
  await hydrated(page);
  const toggle = page.getByLabel("Email me about sign-ins from a new device");
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await page.getByRole("button", { name: "Save Changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your preferences were saved." })).toBeVisible();

  // A third browser signs in: no notice. Its password change is mailed (critical), and comes
  // after what the sign-in would have sent.
  const third = await secondBrowser(browser, a.username, a.password);
  await third.page.goto("/account/security");
  await hydrated(third.page);
  const next = `${a.password} renewed`;
  await third.page.getByLabel("Current Password").fill(a.password);
  await third.page.getByLabel("New Password", { exact: true }).fill(next);
  await third.page.getByLabel("Repeat New Password").fill(next);
  await third.page.getByRole("button", { name: "Change Password" }).click();
  const changed = await waitForMail(a.email, "Your Gatehouse password was changed");
  expect(changed.text).toContain("Device: Chrome on Linux");
  expect(await waitForMails(a.email, NEW_SIGN_IN, 1)).toHaveLength(1);
  await third.close();
});

test("Administration → Audit log finds an account's failed sign-in by username and by kind", async ({ page, browser }) => {
  const a = newAccount();
  await register(page, a);
  const other = await browser.newContext();
  const p = await other.newPage();
  await p.goto("/signin");
  await hydrated(p);
  await p.getByLabel("Username or email").fill(a.username);
  await p.getByLabel("Password", { exact: true }).fill("not the password");
  await p.getByRole("button", { name: "Sign in" }).click();
  await expect(p.getByRole("alert").first()).toBeVisible();
  await other.close();

  const admin = await browser.newContext();
  const ap = await admin.newPage();
  await ap.goto("/signin");
  await hydrated(ap);
  await ap.getByLabel("Username or email").fill("admin");
  await ap.getByLabel("Password", { exact: true }).fill("e2e-admin-password-1");
  await ap.getByRole("button", { name: "Sign in" }).click();
  await expect(ap).toHaveURL(/\/account\/profile$/);
  await ap.goto("/admin");
  await hydrated(ap);
  await ap.getByRole("link", { name: "Audit log" }).click();
  await expect(ap).toHaveURL(/\/admin\/audit$/);
  await ap.getByLabel("Account or IP address").fill(a.username);
  await ap.getByLabel("Show").selectOption({ label: "Sign-ins" });
  await ap.getByRole("button", { name: "Search" }).click();
  const entries = ap.locator("ol.audit li");
  await expect(entries.first()).toBeVisible();
  await expect(ap.locator('ol.audit li[data-event="sign_in_failed"]')).toContainText(`Account: ${a.username}`);
  await expect(ap.locator('ol.audit li:not([data-kind="sign_in"])')).toHaveCount(0);
  await admin.close();
});
