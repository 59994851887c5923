import type { Page } from "@playwright/test";
import { test, expect, newAccount, register, hydrated, signInAsAdmin, watch } from "./fixtures";
import { waitForMail, waitForMails } from "./mail";

/** "Confirm it's you" on the page: the password (these accounts have no second factor). */
async function confirmItsYou(page: Page, password: string) {
  const panel = page.getByRole("region", { name: "Confirm it's you" });
  await panel.getByLabel("Password", { exact: true }).fill(password);
  await panel.getByRole("button", { name: "Confirm" }).click();
  await expect(panel).toHaveCount(0);
}

test("Set Support PIN: the rules next to the field, a confirmation first, when it was set, never the PIN", async ({ page }) => {
  const a = newAccount();
  await register(page, a);
  await page.goto("/account/security");
  await hydrated(page);
  const panel = page.getByRole("region", { name: "Set Support PIN" });
  await expect(panel.getByTestId("pin-last-set")).toHaveText("No Support PIN is set.");

  // A PIN anyone would guess is refused next to the field, and what was typed stays.
  const pin = panel.getByLabel("PIN", { exact: true });
  await pin.fill("1234");
  await panel.getByRole("button", { name: "Set Support PIN" }).click();
  await expect(panel.locator(".field-error")).toContainText("too easy to guess");
  await expect(pin).toHaveValue("1234");
  await pin.fill("48a1");
  await panel.getByRole("button", { name: "Set Support PIN" }).click();
  await expect(panel.locator(".field-error")).toContainText("Use digits (0–9) only.");

  // A good one asks the owner to confirm it is them first, in place.
  await pin.fill("48261937");
  await panel.getByRole("button", { name: "Set Support PIN" }).click();
  await expect(panel.getByRole("alert")).toContainText("Confirm it's you first");
  await confirmItsYou(page, a.password);
  await expect(pin).toHaveValue("48261937");
  await panel.getByRole("button", { name: "Set Support PIN" }).click();
  await expect(panel.getByRole("status")).toHaveText("Your Support PIN is set.");
  await expect(panel.getByTestId("pin-last-set")).toContainText("Last set:");
  await expect(pin).toHaveValue("");

  // After a reload: when it was set, never the PIN.
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole("region", { name: "Set Support PIN" }).getByTestId("pin-last-set")).toContainText("Last set:");
  expect(await page.content()).not.toContain("48261937");
  const mail = await waitForMail(a.email, "Your Gatehouse Support PIN changed");
  expect(mail.text).toContain("A Support PIN was set");
  expect(mail.text + mail.html).not.toContain("48261937");

  // Changeable any time; removable.
  const again = page.getByRole("region", { name: "Set Support PIN" });
  await again.getByLabel("PIN", { exact: true }).fill("5519");
  await again.getByRole("button", { name: "Set Support PIN" }).click();
  await expect(again.getByRole("status")).toHaveText("Your Support PIN is set.");
  await waitForMails(a.email, "Your Gatehouse Support PIN changed", 2);
  await again.getByRole("button", { name: "Remove Support PIN" }).click();
  await expect(again.getByTestId("pin-last-set")).toHaveText("No Support PIN is set.");
});

test("the support desk: an administrator gives the role; support checks a caller's PIN and the owner is told", async ({ page, browser, baseURL }) => {
  // The owner sets a PIN.
  const owner = newAccount();
  await register(page, owner);
  await page.goto("/account/security");
  await hydrated(page);
  const panel = page.getByRole("region", { name: "Set Support PIN" });
  await panel.getByLabel("PIN", { exact: true }).fill("7391");
  await panel.getByRole("button", { name: "Set Support PIN" }).click();
  await confirmItsYou(page, owner.password);
  await panel.getByRole("button", { name: "Set Support PIN" }).click();
  await expect(panel.getByRole("status")).toHaveText("Your Support PIN is set.");

  // A future support person, who cannot open the desk yet.
  const staffContext = await browser.newContext();
  const errors: string[] = [];
  watch(staffContext, errors);
  const staff = await staffContext.newPage();
  const s = newAccount();
  await register(staff, s);
  await staff.goto("/support");
  await hydrated(staff);
  await expect(staff.getByRole("alert")).toHaveText("Only support staff and administrators can open the support desk.");

  // The administrator gives the role (after confirming it is them).
  const adminContext = await browser.newContext();
  watch(adminContext, errors);
  const admin = await adminContext.newPage();
  await signInAsAdmin(admin);
  await admin.goto(`/admin?q=${s.username}`);
  await hydrated(admin);
  await confirmItsYou(admin, "e2e-admin-password-1");
  const row = admin.locator("tr", { hasText: s.username });
  await row.getByRole("button", { name: `Give ${s.username} the support role` }).click();
  await expect(row).toContainText("support");
  await expect(row.getByRole("button", { name: `Take the support role from ${s.username}` })).toBeVisible();

  // Support: the desk from the account menu, a lookup by address, then the caller's PIN.
  await staff.goto("/account/profile");
  await hydrated(staff);
  await staff.getByLabel("Account menu").click();
  await staff.getByRole("menuitem", { name: "Support desk" }).click();
  await expect(staff).toHaveURL(/\/support$/);
  await staff.getByLabel("Username or email address").fill(owner.email);
  await staff.getByRole("button", { name: "Look up" }).click();
  const card = staff.getByRole("region", { name: owner.username });
  await expect(card).toContainText(owner.name);
  await expect(card).toContainText("Set");
  await card.getByLabel("PIN the caller gives").fill("7390");
  await card.getByRole("button", { name: "Check PIN" }).click();
  await expect(card.getByTestId("pin-verdict")).toHaveText("The PIN does not match.");
  await card.getByLabel("PIN the caller gives").fill("7391");
  await card.getByRole("button", { name: "Check PIN" }).click();
  await expect(card.getByTestId("pin-verdict")).toHaveText("The PIN matches.");
  expect(await staff.content()).not.toContain("7391");

  // The owner hears of both checks.
  const checks = await waitForMails(owner.email, "Support checked a PIN", 2);
  expect(checks[0].text).toContain("did not match");
  expect(checks[1].text).toContain("it matched");
  expect(baseURL).toBeTruthy();

  // An account that is not there.
  await staff.getByLabel("Username or email address").fill("nobody-here@example.test");
  await staff.getByRole("button", { name: "Look up" }).click();
  await expect(staff.getByRole("alert")).toContainText("No account has that username or email address.");

  expect(errors, "console errors in the other browsers").toEqual([]);
  await staffContext.close();
  await adminContext.close();
});

test("the PIN form works without JavaScript: a refusal comes back next to the field", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const a = newAccount();
  await register(page, a, { script: false });
  await page.goto("/account/security");
  const panel = page.getByRole("region", { name: "Set Support PIN" });
  await panel.getByLabel("PIN", { exact: true }).fill("0000");
  await panel.getByRole("button", { name: "Set Support PIN" }).click();
  await expect(page.getByRole("region", { name: "Set Support PIN" }).locator(".field-error")).toContainText("too easy to guess");
  await context.close();
});
