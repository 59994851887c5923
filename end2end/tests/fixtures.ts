import { test as base, expect, Browser, Page, BrowserContext } from "@playwright/test";
import { waitForMail, linkIn } from "./mail";

/** Fails the test on any console error or uncaught exception in any page it opens. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      watch(context, errors);
      await use(errors);
      expect(errors, "console errors on the page").toEqual([]);
    },
    { auto: true },
  ],
});

export function watch(context: BrowserContext, errors: string[]) {
  const attach = (page: Page) => {
    page.on("console", (msg) => {
      if (msg.type() !== "error" || expectedRefusal(msg.text(), msg.location().url)) return;
      errors.push(`${page.url()}: ${msg.text()}`);
    });
    page.on("pageerror", (err) => errors.push(`${page.url()}: ${err.message}`));
  };
  context.pages().forEach(attach);
  context.on("page", attach);
}

/**
 * Chromium logs every 4xx answer as "Failed to load resource". A server function (or the
 * Profile page's picture upload, `/account/avatar`) that refuses bad input or a wrong password
 * answers 4xx on purpose (401, 409, 422, 429): that is the API working, not the page failing.
 * Only those are let through; a 5xx, a missing file or a script error still fails the test.
 */
function expectedRefusal(text: string, url: string): boolean {
  const path = new URL(url, "http://x").pathname;
  return /^Failed to load resource: the server responded with a status of 4\d\d/.test(text) && (path.startsWith("/fn/") || path === "/account/avatar");
}

export { expect };

let counter = 0;
/** A fresh account's details, unique per call. */
export function newAccount() {
  const id = `${Date.now().toString(36)}${(counter++).toString(36)}`;
  return {
    name: `Test Person ${id}`,
    username: `user_${id}`,
    email: `user_${id}@example.test`,
    password: `a long passphrase ${id}`,
  };
}

/** Waits until the WASM has hydrated the page. */
export async function hydrated(page: Page) {
  await expect(page.locator("body[data-hydrated=true]")).toHaveCount(1);
}

/** Registers `a` through the page; `script: false` for a context with JavaScript disabled. */
export async function register(page: Page, a: ReturnType<typeof newAccount>, { script = true } = {}) {
  await page.goto("/register");
  if (script) await hydrated(page);
  await page.getByLabel("Name", { exact: true }).fill(a.name);
  await page.getByLabel("Username").fill(a.username);
  await page.getByLabel("Email").fill(a.email);
  await page.getByLabel("Password", { exact: true }).fill(a.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/account\/profile$/);
}

export async function signIn(page: Page, identifier: string, password: string) {
  await page.goto("/signin");
  await hydrated(page);
  await page.getByLabel("Username or email").fill(identifier);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * A second browser (its own cookies) signed in to the same account, watched for console
 * errors like the first. Close it with `close()`; it asserts it saw no errors.
 */
export async function secondBrowser(browser: Browser, identifier: string, password: string) {
  const context = await browser.newContext();
  const errors: string[] = [];
  watch(context, errors);
  const page = await context.newPage();
  await signIn(page, identifier, password);
  await expect(page).toHaveURL(/\/account\/profile$/);
  return {
    page,
    close: async () => {
      expect(errors, "console errors in the second browser").toEqual([]);
      await context.close();
    },
  };
}

/** The administrator that start-server.sh creates. */
export async function signInAsAdmin(page: Page) {
  await signIn(page, "admin", "e2e-admin-password-1");
  await expect(page).toHaveURL(/\/account\/profile$/);
}

export async function signOut(page: Page) {
  await page.getByLabel("Account menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
}

export const VERIFY_SUBJECT = "Confirm your Gatehouse email address";

/** Opens a confirmation link and presses its button. */
export async function confirmLink(page: Page, link: string) {
  await page.goto(link);
  await hydrated(page);
  await page.getByRole("button", { name: "Confirm email address" }).click();
}

/** Registers and verifies a new account (by its registration mail); ends signed in. */
export async function verifiedAccount(page: Page, baseURL: string) {
  const a = newAccount();
  await register(page, a);
  const mail = await waitForMail(a.email, VERIFY_SUBJECT);
  await confirmLink(page, linkIn(mail, `${baseURL}/verify-email?token=`));
  await expect(page.getByRole("status")).toContainText("Your email address is confirmed.");
  return a;
}

