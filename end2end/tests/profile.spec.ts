import { test, expect, newAccount, register, hydrated, signIn, signOut } from "./fixtures";

test("Profile: every field edited and saved with one Save Changes, shown after reload, status colour in the header", async ({ page }) => {
  const a = newAccount();
  await register(page, a);
  await page.goto("/account/profile");
  await hydrated(page);
  const save = page.getByRole("button", { name: "Save Changes" });
  await expect(save).toBeDisabled();
  await expect(page.getByTestId("header-status")).toHaveText("Status: Online");

  const newName = `Ada ${a.username}`;
  const newUsername = `${a.username}.x`;
  await page.getByLabel("Name", { exact: true }).fill(newName);
  await page.getByLabel("Username").fill(newUsername);
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Busy" });
  await page.getByLabel("Status Message").fill("In a meeting");
  await page.getByLabel("Nickname").fill("Countess");
  await expect(page.locator("#field-nickname-count")).toHaveText("8 / 64 characters");
  const bio = "First line\n<script>alert(1)</script> **not bold**";
  await page.getByLabel("Bio").fill(bio);
  await expect(page.locator("#field-bio-count")).toHaveText(`${bio.length} / 260 characters`);
  await expect(save).toBeEnabled();

  const saved = page.waitForResponse((r) => r.url().endsWith("/fn/update_profile"));
  await save.click();
  const body = (await (await saved).request().postData()) ?? "";
  expect(body, "only changed fields are sent").not.toContain("email");
  await expect(page.getByRole("status")).toHaveText("Your profile was saved.");
  await expect(save).toBeDisabled();
  // The header follows at once: status colour and username.
  await expect(page.getByTestId("header-status")).toHaveText("Status: Busy");
  await expect(page.locator(".user-menu .status-dot")).toHaveClass(/busy/);
  await expect(page.locator(".user-menu .user-name")).toHaveText(newUsername);

  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(newName);
  await expect(page.getByLabel("Username")).toHaveValue(newUsername);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("busy");
  await expect(page.getByLabel("Status Message")).toHaveValue("In a meeting");
  await expect(page.getByLabel("Nickname")).toHaveValue("Countess");
  await expect(page.getByLabel("Bio")).toHaveValue(bio);
  await expect(page.getByTestId("header-status")).toHaveText("Status: Busy");
  // The bio is text: its markup was not run or rendered.
  expect(await page.locator("script", { hasText: "alert(1)" }).count()).toBe(0);

  // Sign in with the new username; the old one no longer works.
  await signOut(page);
  await signIn(page, a.username, a.password);
  await expect(page.getByRole("alert")).toHaveText("Incorrect username/email or password.");
  await signIn(page, newUsername, a.password);
  await expect(page).toHaveURL(/\/account\/profile$/);
});

test("Profile: a refused field shows its error next to it and keeps everything typed", async ({ page }) => {
  const a = newAccount();
  await register(page, a);
  await hydrated(page);
  const long = "n".repeat(65);
  await page.getByLabel("Nickname").fill(long);
  await page.getByLabel("Status Message").fill("Kept");
  await expect(page.locator("#field-nickname-count")).toHaveText("65 / 64 characters");
  await expect(page.locator("#field-nickname-count")).toHaveClass(/over/);
  await page.getByRole("button", { name: "Save Changes" }).click();
  await expect(page.locator("#field-nickname-error")).toHaveText("Use at most 64 characters.");
  await expect(page.getByLabel("Nickname")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Nickname")).toHaveValue(long);
  await expect(page.getByLabel("Status Message")).toHaveValue("Kept");
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("Status Message")).toHaveValue("", { timeout: 5_000 });
});

test("Profile: leaving with unsaved changes asks first; Logout From Other Logged In Locations is here too", async ({ page }) => {
  const a = newAccount();
  await register(page, a);
  await hydrated(page);
  await page.getByLabel("Nickname").fill("Unsaved");
  const nav = page.getByRole("navigation", { name: "My Account" });

  page.once("dialog", (d) => d.dismiss());
  await nav.getByRole("link", { name: "Security" }).click();
  await expect(page).toHaveURL(/\/account\/profile$/);
  await expect(page.getByLabel("Nickname")).toHaveValue("Unsaved");

  page.once("dialog", (d) => d.accept());
  await nav.getByRole("link", { name: "Security" }).click();
  await expect(page).toHaveURL(/\/account\/security$/);

  await page.goto("/account/profile");
  await hydrated(page);
  await page.getByRole("button", { name: "Logout From Other Logged In Locations" }).click();
  await expect(page.getByRole("status")).toHaveText("No other session was signed in.");
});
