import { test, expect, newAccount, register, signIn, signOut, hydrated, watch } from "./fixtures";

test("register, sign out, sign in, see My Account, sign out", async ({ page }) => {
  const a = newAccount();
  await register(page, a);
  await expect(page.getByRole("heading", { name: "Profile" })).toBeVisible();
  await expect(page.getByLabel("Account menu")).toContainText(a.username);

  await signOut(page);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  await signIn(page, a.email, a.password);
  await expect(page).toHaveURL(/\/account\/profile$/);
  const nav = page.getByRole("navigation", { name: "My Account" });
  for (const section of ["Profile", "Preferences", "Security", "Personal Access Tokens"]) {
    await expect(nav.getByRole("link", { name: section })).toBeVisible();
  }
  await expect(page.getByText(a.email)).toBeVisible();
  await nav.getByRole("link", { name: "Security" }).click();
  await expect(page.getByRole("heading", { name: "Security" })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Administration" })).toHaveCount(0);

  await signOut(page);
  // Signed out for real: the account area sends us to sign in.
  await page.goto("/account/profile");
  await expect(page).toHaveURL(/\/signin$/);
});

test("a wrong password and an unknown account get the same generic message", async ({ page }) => {
  const a = newAccount();
  await register(page, a);
  await signOut(page);

  await signIn(page, a.username, "not the password");
  const alert = page.getByRole("alert").filter({ hasText: "Incorrect" });
  await expect(alert).toHaveText("Incorrect username/email or password.");
  await expect(page).toHaveURL(/\/signin/);
  // Nothing typed is lost.
  await expect(page.getByLabel("Username or email")).toHaveValue(a.username);

  await signIn(page, `nobody_${a.username}`, "not the password");
  await expect(page.getByRole("alert").filter({ hasText: "Incorrect" })).toHaveText(
    "Incorrect username/email or password.",
  );
});

test("registration shows each problem next to its field and keeps the input", async ({ page }) => {
  const a = newAccount();
  await page.goto("/register");
  await hydrated(page);
  await page.getByLabel("Name", { exact: true }).fill(a.name);
  await page.getByLabel("Username").fill("x!");
  await page.getByLabel("Email").fill(a.email);
  await page.getByLabel("Password", { exact: true }).fill("password1");
  await page.getByRole("button", { name: "Create account" }).click();

  const username = page.locator(".field", { has: page.getByLabel("Username") });
  await expect(username.locator(".field-error")).toHaveText("Use 3 to 32 characters.");
  const password = page.locator(".field", { has: page.getByLabel("Password", { exact: true }) });
  await expect(password.locator(".field-error")).toContainText("too common");
  await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).toHaveValue(a.email);
  await expect(page).toHaveURL(/\/register$/);
});

test("sign-in works with JavaScript disabled", async ({ browser }) => {
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
  await page.getByLabel("Password", { exact: true }).fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Incorrect" })).toBeVisible();

  await page.getByLabel("Username or email").fill(a.username);
  await page.getByLabel("Password", { exact: true }).fill(a.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account\/profile$/);
  await expect(page.getByRole("heading", { name: "Profile" })).toBeVisible();
  await expect(page.getByText(a.email)).toBeVisible();

  // The avatar menu is a <details>: it opens and signs out without JavaScript too.
  await page.getByLabel("Account menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  expect(errors).toEqual([]);
  await context.close();
});

test("a cross-site POST is refused and changes nothing", async ({ page, baseURL }) => {
  const a = newAccount();
  await register(page, a);

  // A page on another site that posts a form to Gatehouse's sign-out function.
  const evil = "http://evil.example.test/";
  await page.route(evil, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><form id="f" method="post" action="${baseURL}/fn/sign_out"></form>
             <script>document.getElementById('f').submit()</script>`,
    }),
  );
  const refused = page.waitForResponse((r) => r.url().endsWith("/fn/sign_out"));
  await page.goto(evil);
  const response = await refused;
  expect(response.status()).toBe(403);
  await expect(page.locator("body")).toHaveText("Cross-site request refused.");

  // Still signed in.
  await page.goto("/account/profile");
  await expect(page.getByRole("heading", { name: "Profile" })).toBeVisible();
});

test("administrators get the Administration area, others do not", async ({ page }) => {
  await signIn(page, "admin", "e2e-admin-password-1");
  await expect(page).toHaveURL(/\/account\/profile$/);
  await page.getByLabel("Account menu").click();
  await page.getByRole("menuitem", { name: "Administration" }).click();
  await expect(page.getByRole("heading", { name: "Administration" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "admin@example.test" })).toBeVisible();
  await signOut(page);

  const a = newAccount();
  await register(page, a);
  await page.goto("/admin");
  await expect(page.getByRole("alert")).toHaveText("Only administrators can open this page.");
});

test("pages carry a nonce CSP without unsafe-inline and the other security headers", async ({ page }) => {
  const response = await page.goto("/signin");
  const headers = response!.headers();
  const csp = headers["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]+'/);
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  // The page hydrates under that policy (a CSP violation would be a console error).
  await hydrated(page);
});
