import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, newAccount, register, signIn, signOut, hydrated, signInAsAdmin, secondBrowser } from "./fixtures";

/** WCAG 2.2 A and AA, as axe checks them. */
async function noViolations(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(found, `${what}: accessibility violations`).toEqual([]);
}

/** At the page's width nothing scrolls sideways. */
async function noSidewaysScroll(page: Page, what: string) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(wide, `${what} scrolls sideways by ${wide}px`).toBeLessThanOrEqual(0);
}

async function visit(page: Page, path: string) {
  await page.goto(path);
  await hydrated(page);
}

const SIGNED_OUT = ["/signin", "/register", "/forgot-password", "/reset-password?token=not-a-token", "/verify-email?token=x"];
const SIGNED_IN = [
  "/account/profile",
  "/account/preferences",
  "/account/security",
  "/account/tokens",
  "/account/organizations",
  "/account/delete",
  "/invitation?token=not-a-token",
];
const ADMIN = [
  "/admin",
  "/admin/password-policy",
  "/admin/two-factor",
  "/admin/tokens",
  "/admin/preferences",
  "/admin/support-pin",
  "/admin/organizations",
  "/admin/audit",
  "/admin/audit?q=admin&kind=sign_in",
  "/support?q=admin",
];

for (const scheme of ["light", "dark"] as const) {
  test(`every page passes axe (WCAG 2.2 A/AA) in ${scheme} colours, errors shown included`, async ({ page }) => {
    // Some thirty pages, each analysed by axe: 30 s was too little for a slow run of the machine.
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of SIGNED_OUT) {
      await visit(page, path);
      await noViolations(page, path);
    }
    // With errors shown next to the fields and at the top of the form.
    await visit(page, "/register");
    await page.getByLabel("Name", { exact: true }).fill("A Person");
    await page.getByLabel("Username").fill("a b");
    await page.getByLabel("Email").fill("someone@localhost");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.locator(".field-error").filter({ hasText: /\S/ }).first()).toBeVisible();
    await noViolations(page, "/register with field errors");
    await signIn(page, "nobody-at-all", "not the password");
    await expect(page.getByRole("alert")).toBeVisible();
    await noViolations(page, "/signin with a form error");

    const a = newAccount();
    await register(page, a);
    for (const path of SIGNED_IN) {
      await visit(page, path);
      await noViolations(page, path);
    }
    await signOut(page);
    await signInAsAdmin(page);
    for (const path of ADMIN) {
      await visit(page, path);
      await noViolations(page, path);
    }
  });
}

test("at 360 px wide no page scrolls sideways; dark colours apply", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of SIGNED_OUT) {
    await visit(page, path);
    await noSidewaysScroll(page, path);
  }
  const a = newAccount();
  await register(page, a);
  // A second session, so the sessions table has rows to stack.
  const second = await secondBrowser(page.context().browser()!, a.username, a.password);
  await second.close();
  for (const path of SIGNED_IN) {
    await visit(page, path);
    await noSidewaysScroll(page, path);
  }
  await signOut(page);
  await signInAsAdmin(page);
  for (const path of ADMIN) {
    await visit(page, path);
    await noSidewaysScroll(page, path);
  }

  await page.emulateMedia({ colorScheme: "dark" });
  await visit(page, "/account/profile");
  const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g)!.map(Number);
  expect(r + g + b, `dark background, got ${bg}`).toBeLessThan(150);
});
