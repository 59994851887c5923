import type { Browser, Page } from "@playwright/test";
import { test, expect, newAccount, register, hydrated, signInAsAdmin, watch } from "./fixtures";
import { linkIn, waitForMail } from "./mail";

/** `owner` registers and creates an organization from Organizations; ends on its page. */
async function createOrganization(page: Page, name: string, slug: string) {
  await page.goto("/account/profile");
  await hydrated(page);
  await page.getByRole("link", { name: "Organizations" }).first().click();
  await expect(page).toHaveURL(/\/account\/organizations$/);
  const form = page.getByRole("region", { name: "Create organization" });
  await form.getByLabel("Organization name").fill(name);
  await form.getByLabel("Address").fill(slug);
  await form.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/organizations/${slug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
}

/** Invites `email` from the organization's Users & Groups page. */
async function invite(page: Page, slug: string, email: string) {
  await page.goto(`/organizations/${slug}/users`);
  await hydrated(page);
  const panel = page.getByRole("region", { name: "Invite a member" });
  await panel.getByLabel("Email").fill(email);
  await panel.getByRole("button", { name: "Invite" }).click();
  await expect(panel.getByRole("status")).toHaveText("The invitation is sent.");
  await expect(panel.getByRole("table")).toContainText(email);
}

/** "Confirm it's you" on the page: the password (these accounts have no second factor). */
async function confirmItsYou(page: Page, password: string) {
  const panel = page.getByRole("region", { name: "Confirm it's you" });
  await panel.getByLabel("Password", { exact: true }).fill(password);
  await panel.getByRole("button", { name: "Confirm" }).click();
  await expect(panel).toHaveCount(0);
}

/** A browser of its own (cookies apart), watched for console errors. */
async function otherBrowser(browser: Browser, errors: string[]) {
  const context = await browser.newContext();
  watch(context, errors);
  return { context, page: await context.newPage() };
}

test("an owner invites by mail, the invitee registers and accepts, the owner forces 2FA from Users & Groups", async ({
  page,
  browser,
  baseURL,
}) => {
  const owner = newAccount();
  await register(page, owner);
  const slug = `acme-${owner.username.slice(5).replace(/_/g, "-")}`;
  await createOrganization(page, "Acme Corp", slug);
  await expect(page.getByText("Your role")).toBeVisible();

  const invitee = newAccount();
  await invite(page, slug, invitee.email);
  const mail = await waitForMail(invitee.email, "You are invited to join Acme Corp on Gatehouse");
  expect(mail.text).toContain(`${owner.name} invited you to join Acme Corp as Member.`);
  const link = linkIn(mail, `${baseURL}/invitation?token=`);

  // The invitee, without an account: the link says what it is; registering comes back to it.
  const errors: string[] = [];
  const other = await otherBrowser(browser, errors);
  const p = other.page;
  await p.goto(link);
  await hydrated(p);
  await expect(p.getByRole("heading", { level: 1 })).toHaveText("Invitation");
  await expect(p.locator("main")).toContainText("invited you to join Acme Corp as Member");
  await p.goto("/register");
  await hydrated(p);
  await p.getByLabel("Name", { exact: true }).fill(invitee.name);
  await p.getByLabel("Username").fill(invitee.username);
  await p.getByLabel("Email").fill(invitee.email);
  await p.getByLabel("Password", { exact: true }).fill(invitee.password);
  await p.getByRole("button", { name: "Create account" }).click();
  await expect(p).toHaveURL(/\/invitation$/);
  await p.getByRole("button", { name: "Accept invitation" }).click();
  await expect(p).toHaveURL(new RegExp(`/organizations/${slug}$`));
  await expect(p.locator("main")).toContainText("Member");
  // The link worked once.
  await p.goto(link);
  await hydrated(p);
  await expect(p.locator("main")).toContainText("This invitation is invalid, was withdrawn, or has expired.");

  // The owner: Users & Groups → the member → Force 2-Factor Auth → Save.
  await page.goto(`/organizations/${slug}`);
  await hydrated(page);
  await page.getByRole("link", { name: "Users & Groups" }).click();
  await expect(page.getByRole("heading", { name: "User Manager" })).toBeVisible();
  await page.getByRole("link", { name: `Select ${invitee.username}` }).click();
  const panel = page.getByRole("region", { name: `Member ${invitee.username}` });
  await expect(panel.getByLabel("Role")).toHaveValue("member");
  await panel.getByLabel("Force 2-Factor Auth").check();
  await panel.getByRole("button", { name: "Save" }).click();
  await expect(panel.getByRole("status")).toHaveText("Saved.");
  const row = page.getByRole("row", { name: new RegExp(invitee.username) });
  await expect(row).toContainText(/required, not set up/i);
  // The compliance view: members without a second factor.
  await page.getByRole("link", { name: /Without two-factor authentication/ }).click();
  await expect(page.getByRole("table").first()).toContainText(invitee.username);

  // The member is told, and led to set it up before anything else; nothing was set up for them.
  const told = await waitForMail(invitee.email, "Two-factor authentication changed on your Gatehouse account");
  expect(told.text).toContain("Acme Corp now requires two-factor authentication for your account.");
  await p.goto("/account/profile");
  await expect(p).toHaveURL(/\/account\/security$/);
  await hydrated(p);
  await expect(p.getByRole("region", { name: "Your organizations' rules" })).toContainText(
    "Acme Corp requires two-factor authentication for your account.",
  );
  expect(errors, "console errors in the invitee's browser").toEqual([]);
  await other.context.close();
});

test("an organization's password rules and its two-factor visibility reach its members", async ({ page, browser, baseURL }) => {
  const owner = newAccount();
  await register(page, owner);
  const slug = `rules-${owner.username.slice(5).replace(/_/g, "-")}`;
  await createOrganization(page, "Rules Inc", slug);
  const member = newAccount();
  await invite(page, slug, member.email);
  const link = linkIn(await waitForMail(member.email, "You are invited to join Rules Inc on Gatehouse"), `${baseURL}/invitation?token=`);

  // Stricter password rules for members: a bad number is told next to its field.
  await page.goto(`/organizations/${slug}`);
  await hydrated(page);
  const rules = page.getByRole("region", { name: "Password rules for members" });
  await rules.getByLabel("Minimum length").fill("-1");
  await rules.getByRole("button", { name: "Save rules" }).click();
  await expect(rules.locator(".field-error").first()).not.toBeEmpty();
  await rules.getByLabel("Minimum length").fill("20");
  await rules.getByRole("button", { name: "Save rules" }).click();
  await expect(rules.getByRole("status")).toContainText("The rules are saved.");

  const errors: string[] = [];
  const other = await otherBrowser(browser, errors);
  const p = other.page;
  await register(p, member);
  await p.goto(link);
  await hydrated(p);
  await p.getByRole("button", { name: "Accept invitation" }).click();
  await expect(p).toHaveURL(new RegExp(`/organizations/${slug}$`));
  // The member's Security page says which organization asks for what.
  await p.goto("/account/security");
  await hydrated(p);
  const asks = p.getByRole("region", { name: "Your organizations' rules" });
  await expect(asks).toContainText("Rules Inc asks for:");
  await expect(asks).toContainText("20");

  // Visible only with two-factor authentication: the owner needs it first.
  const settings = page.getByRole("region", { name: "Settings" });
  await settings.getByLabel("Visible only to members with two-factor authentication").check();
  // (The second form of Settings: the first renames.)
  await settings.getByRole("button", { name: "Save" }).last().click();
  await expect(settings.getByRole("alert")).toContainText("Set up two-factor authentication for your own account first.");
  expect(errors).toEqual([]);
  await other.context.close();
});

test("the server admin edits a contract; a running contract blocks deleting the organization", async ({ page, browser }) => {
  const owner = newAccount();
  await register(page, owner);
  const slug = `paid-${owner.username.slice(5).replace(/_/g, "-")}`;
  await createOrganization(page, "Paid Ltd", slug);

  const errors: string[] = [];
  const adminBrowser = await otherBrowser(browser, errors);
  const admin = adminBrowser.page;
  await signInAsAdmin(admin);
  await admin.goto(`/admin/organizations?q=${slug}`);
  await hydrated(admin);
  await confirmItsYou(admin, "e2e-admin-password-1");
  const row = admin.getByRole("row", { name: new RegExp(slug) });
  await row.getByLabel("Plan").selectOption("paid");
  await row.getByLabel("Status").selectOption("active");
  await row.getByLabel("End date").fill("2099-12-31");
  await row.getByRole("button", { name: "Save the contract of Paid Ltd" }).click();
  await expect(admin.getByRole("row", { name: new RegExp(slug) })).toContainText("Paid plan");

  await page.goto(`/organizations/${slug}`);
  await hydrated(page);
  await expect(page.locator("main")).toContainText("Paid plan");
  const zone = page.getByRole("region", { name: "Delete organization" });
  await zone.getByLabel(`Type ${slug} to confirm`).fill(slug);
  await zone.getByRole("button", { name: "Delete organization" }).click();
  await expect(zone.getByRole("alert")).toContainText("Not while its contract runs: it ends on");

  // Ended: the organization can go.
  const again = admin.getByRole("row", { name: new RegExp(slug) });
  await again.getByLabel("Status").selectOption("ended");
  await again.getByRole("button", { name: "Save the contract of Paid Ltd" }).click();
  await expect(admin.getByRole("row", { name: new RegExp(slug) })).toContainText("ended");
  await zone.getByRole("button", { name: "Delete organization" }).click();
  await expect(page).toHaveURL(/\/account\/organizations$/);
  await expect(page.locator("main")).not.toContainText("Paid Ltd");
  expect(errors).toEqual([]);
  await adminBrowser.context.close();
});
