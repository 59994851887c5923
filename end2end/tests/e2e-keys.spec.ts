import type { BrowserContext, Page } from "@playwright/test";
import { test, expect, newAccount, register, hydrated, signIn, signInAsAdmin, watch } from "./fixtures";

/**
 * E2E Encryption (seeds 001 and 003, issue 16): the key pair is made in the browser at the
 * first sign-in, unlocked with the encryption password on another device, re-wrapped by
 * Change Encryption Password, and replaced after Reset E2E Key. Every request and response of
 * both browsers is recorded: neither the encryption password nor the private key may ever be
 * in one.
 */

/**
 * Every request (address and body) a context sends and every response body it receives. The
 * bodies arrive asynchronously: `pending` holds their reads, awaited before the check.
 */
function record(context: BrowserContext, into: string[], pending: Promise<unknown>[]) {
  context.on("request", (req) => {
    into.push(`> ${req.url()} ${req.postData() ?? ""}`);
  });
  context.on("response", (res) => {
    pending.push(
      res.body().then(
        (body) => into.push(`< ${res.url()} ${body.toString("utf8")}`),
        // A redirect or an aborted load has no body.
        () => undefined,
      ),
    );
  });
}

type Wrapped = { kdf: string; iterations: number; salt: string; cipher: string; iv: string; ciphertext: string };

/** The account's E2E state, as the page's server function gives it. */
async function e2eState(page: Page) {
  return page.evaluate(async () => {
    const res = await fetch("/fn/e2e_state", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" } });
    return res.json();
  });
}

/**
 * The private key, unwrapped by this test's own WebCrypto code from the stored format and
 * exported as JWK: the fields that must never leave the browser (d, p, q, dp, dq, qi).
 */
async function privateJwk(page: Page, wrapped: Wrapped, password: string): Promise<Record<string, string>> {
  return page.evaluate(
    async ({ w, password }) => {
      const b = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
      const base = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveKey"]);
      const aes = await crypto.subtle.deriveKey(
        { name: "PBKDF2", hash: "SHA-256", salt: b(w.salt), iterations: w.iterations },
        base,
        { name: "AES-GCM", length: 256 },
        false,
        ["decrypt"],
      );
      const pkcs8 = await crypto.subtle.decrypt({ name: "AES-GCM", iv: b(w.iv) }, aes, b(w.ciphertext));
      const key = await crypto.subtle.importKey("pkcs8", pkcs8, { name: "RSA-OAEP", hash: "SHA-256" }, true, ["decrypt"]);
      const jwk = (await crypto.subtle.exportKey("jwk", key)) as Record<string, string>;
      // The PKCS #8 bytes as base64 too: the form a careless client would send.
      return { ...jwk, pkcs8: btoa(String.fromCharCode(...new Uint8Array(pkcs8))) };
    },
    { w: wrapped, password },
  );
}

function e2ePanel(page: Page) {
  return page.getByRole("region", { name: "E2E Encryption" });
}

async function unlock(page: Page, password: string, { remember = false } = {}) {
  const panel = e2ePanel(page);
  await panel.getByLabel("Encryption password", { exact: true }).fill(password);
  if (remember) await panel.getByLabel("Remember on this device").check();
  await panel.getByRole("button", { name: "Unlock" }).click();
}

test("E2E keys: made in the browser, unlocked on a second device, password changed, key reset; no secret leaves the browser", async ({
  page,
  context,
  browser,
}) => {
  test.setTimeout(120_000);
  const traffic: string[] = [];
  const reads: Promise<unknown>[] = [];
  record(context, traffic, reads);
  const a = newAccount();

  // Device A: the first sign-in makes the key pair and shows the encryption password once.
  await register(page, a);
  await hydrated(page);
  // Every account page says a password waits; the Security page shows it, once.
  await expect(page.getByTestId("e2e-made-banner")).toBeVisible({ timeout: 15_000 });
  await page.getByRole("link", { name: "Save your encryption password" }).click();
  await expect(page).toHaveURL(/\/account\/security#e2e$/);
  const made = page.getByRole("region", { name: "Save your encryption password" });
  await expect(made).toBeVisible();
  await made.getByText("Show encryption password").click();
  const password = (await made.getByTestId("e2e-made-password").textContent())!.trim();
  expect(password).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){5}$/);
  await expect(made.getByRole("button", { name: "Copy encryption password" })).toBeVisible();
  await expect(made.getByRole("link", { name: "Download encryption password" })).toHaveAttribute("download", /\.txt$/);
  await made.getByRole("button", { name: "I stored it safely" }).click();
  await expect(made).toHaveCount(0);

  // The stored parameters are at least the minimum; the server holds no usable key.
  const state = await e2eState(page);
  expect(state.key.wrapped.kdf).toBe("PBKDF2-SHA-256");
  expect(state.key.wrapped.iterations).toBeGreaterThanOrEqual(600_000);
  expect(state.key.wrapped.cipher).toBe("AES-256-GCM");
  expect(atob(state.key.wrapped.salt).length).toBeGreaterThanOrEqual(16);
  const jwk = await privateJwk(page, state.key.wrapped, password);
  const secrets = [password, jwk.d, jwk.p, jwk.q, jwk.dp, jwk.dq, jwk.qi, jwk.pkcs8];
  expect(secrets.every((s) => typeof s === "string" && s.length > 10)).toBe(true);

  await expect(page.getByTestId("e2e-made-banner")).toHaveCount(0);
  // Security (in the same tab: the unlocked key lives in its memory only): the fingerprint,
  // unlocked here; a note encrypted to the public key.
  const panel = e2ePanel(page);
  const fingerprint = (await panel.getByTestId("e2e-fingerprint").textContent())!.trim();
  expect(fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
  await expect(panel.getByTestId("e2e-here")).toHaveText("Unlocked in this browser.");
  const note = "Meet at the old mill at nine; bring the blue lantern.";
  await panel.getByLabel("Note", { exact: true }).fill(note);
  await panel.getByRole("button", { name: "Save note" }).click();
  await expect(panel.getByText("Your note is saved, encrypted.")).toBeVisible();
  const stored = await e2eState(page);
  expect(JSON.stringify(stored)).not.toContain("old mill");
  secrets.push(note);

  // Device B: its own browser; locked until the encryption password is entered.
  const b = await browser.newContext();
  const bErrors: string[] = [];
  watch(b, bErrors);
  record(b, traffic, reads);
  const pb = await b.newPage();
  await signIn(pb, a.username, a.password);
  await expect(pb).toHaveURL(/\/account\/profile$/);
  await expect(pb.getByTestId("e2e-locked-banner")).toBeVisible();
  await pb.goto("/account/security#e2e");
  await hydrated(pb);
  const panelB = e2ePanel(pb);
  await expect(panelB.getByTestId("e2e-fingerprint")).toHaveText(fingerprint);
  await expect(panelB.getByTestId("e2e-here")).toContainText("Locked in this browser");
  await expect(panelB.getByTestId("e2e-note-locked")).toBeVisible();
  // A wrong password fails in the browser, next to the field.
  await unlock(pb, "not-the-password-at-all");
  await expect(panelB.locator(".field-error").first()).toHaveText("That encryption password is not right.");
  await unlock(pb, password, { remember: true });
  await expect(panelB.getByTestId("e2e-here")).toHaveText("Unlocked and remembered in this browser.");
  await expect(panelB.getByLabel("Note", { exact: true })).toHaveValue(note);
  // Remembered: after a reload too, without the password.
  await pb.reload();
  await hydrated(pb);
  await expect(panelB.getByTestId("e2e-here")).toHaveText("Unlocked and remembered in this browser.");
  await expect(panelB.getByLabel("Note", { exact: true })).toHaveValue(note);

  // A changes the encryption password: new + confirm, Save Changes.
  const change = panel.locator("form.e2e-change");
  await change.getByLabel("New encryption password", { exact: true }).fill("a brand new encryption phrase");
  await change.getByLabel("Confirm new encryption password", { exact: true }).fill("a brand new encryption phrasE");
  await change.getByRole("button", { name: "Save Changes" }).click();
  await expect(change.locator(".field-error").filter({ hasText: "The passwords do not match." })).toBeVisible();
  await expect(change.getByLabel("New encryption password", { exact: true })).toHaveValue("a brand new encryption phrase");
  await change.getByLabel("Confirm new encryption password", { exact: true }).fill("a brand new encryption phrase");
  await change.getByRole("button", { name: "Save Changes" }).click();
  await expect(panel.getByText("Your encryption password is changed.")).toBeVisible();
  const newPassword = "a brand new encryption phrase";
  secrets.push(newPassword);

  // B's remembered copy is of the old wrapping: B needs the new password now. The old one
  // fails, the new one unlocks (and is remembered again).
  await pb.reload();
  await hydrated(pb);
  await expect(panelB.getByTestId("e2e-here")).toContainText("Locked in this browser");
  await unlock(pb, password);
  await expect(panelB.locator(".field-error").first()).toHaveText("That encryption password is not right.");
  await unlock(pb, newPassword, { remember: true });
  await expect(panelB.getByTestId("e2e-here")).toHaveText("Unlocked and remembered in this browser.");
  await pb.reload();
  await hydrated(pb);
  await expect(panelB.getByTestId("e2e-here")).toHaveText("Unlocked and remembered in this browser.");
  await expect(panelB.getByLabel("Note", { exact: true })).toHaveValue(note);
  // Listed on the Security page, and forgotten there.
  await expect(panelB.locator(".e2e-devices li")).toHaveCount(1);
  await panelB.locator(".e2e-devices li").getByRole("button", { name: /^Forget / }).click();
  await expect(panelB.locator(".e2e-devices li")).toHaveCount(0);
  await pb.reload();
  await hydrated(pb);
  await expect(panelB.getByTestId("e2e-here")).toContainText("Locked in this browser");

  // A resets the key: the consequence, a box to tick, "Confirm it's you", then signed out.
  await page.reload();
  await hydrated(page);
  const reset = panel.locator(".e2e-reset");
  await expect(reset).toContainText("cannot be restored");
  await reset.getByRole("button", { name: "Reset E2E Key" }).click();
  await expect(reset.locator(".field-error")).toHaveText("Tick the box to confirm.");
  await reset.getByLabel("I understand that encrypted rooms with no member online cannot be restored").check();
  await reset.getByRole("button", { name: "Reset E2E Key" }).click();
  const confirm = page.getByRole("region", { name: "Confirm it's you" });
  await confirm.getByLabel("Password", { exact: true }).fill(a.password);
  await confirm.getByRole("button", { name: "Confirm" }).click();
  await expect(confirm).toHaveCount(0);
  await reset.getByRole("button", { name: "Reset E2E Key" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  // Both devices are signed out.
  await pb.goto("/account/security");
  await expect(pb).toHaveURL(/\/signin/);

  // The next sign-in makes a new key: another fingerprint, another password, no old note.
  await signIn(page, a.username, a.password);
  await expect(page).toHaveURL(/\/account\/profile$/);
  await expect(page.getByTestId("e2e-made-banner")).toBeVisible({ timeout: 15_000 });
  await page.getByRole("link", { name: "Save your encryption password" }).click();
  const madeAgain = page.getByRole("region", { name: "Save your encryption password" });
  await madeAgain.getByText("Show encryption password").click();
  const second = (await madeAgain.getByTestId("e2e-made-password").textContent())!.trim();
  expect(second).not.toBe(password);
  secrets.push(second);
  await page.goto("/account/security#e2e");
  await hydrated(page);
  await expect(panel.getByTestId("e2e-fingerprint")).not.toHaveText(fingerprint);
  await expect(panel.getByLabel("Note", { exact: true })).toHaveValue("");

  // Nothing secret crossed the wire, in either direction, on either device.
  const secondJwk = await privateJwk(page, (await e2eState(page)).key.wrapped, second);
  secrets.push(secondJwk.d, secondJwk.p, secondJwk.q, secondJwk.pkcs8);
  await Promise.all(reads);
  const wire = traffic.join("\n");
  expect(traffic.length).toBeGreaterThan(20);
  for (const s of secrets) {
    expect(wire.includes(s), `a secret (${s.slice(0, 6)}…) was sent or received`).toBe(false);
    expect(wire.includes(encodeURIComponent(s)), "a secret was sent form-encoded").toBe(false);
  }
  expect(bErrors, "console errors in the second browser").toEqual([]);
  await b.close();
});

test("E2E Encryption without the page's script: the section says what it holds, and nothing breaks", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const a = newAccount();
  await register(page, a, { script: false });
  await page.goto("/account/security");
  const panel = e2ePanel(page);
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("heading", { name: "E2E Encryption" })).toBeVisible();
  // No key can be made without the browser's crypto: the section says when it will be.
  await expect(panel.getByTestId("e2e-here")).toHaveText("Your key is made in your browser the next time you open My Account.");
  await context.close();
});

test("Administration → E2E Encryption: switched off, no new key is made", async ({ page, browser }) => {
  await signInAsAdmin(page);
  await page.goto("/admin/e2e");
  await hydrated(page);
  // Changes here need the administrator's password again (unless confirmed in the last minutes).
  const confirmFirst = page.locator("#confirm-its-you");
  if (await confirmFirst.isVisible()) {
    await confirmFirst.getByLabel("Password", { exact: true }).fill("e2e-admin-password-1");
    await confirmFirst.getByRole("button", { name: "Confirm" }).click();
    await expect(confirmFirst).toHaveCount(0);
  }
  const enabled = page.getByLabel("Enable E2E encryption");
  await expect(enabled).toBeChecked();
  await enabled.uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("The E2E encryption setting is saved.")).toBeVisible();
  try {
    const context = await browser.newContext();
    const other = await context.newPage();
    await register(other, newAccount());
    await hydrated(other);
    await other.goto("/account/security");
    await hydrated(other);
    await expect(e2ePanel(other).getByTestId("e2e-here")).toHaveText("An administrator has turned end-to-end encryption off.");
    await expect(other.getByRole("region", { name: "Save your encryption password" })).toHaveCount(0);
    await context.close();
  } finally {
    // Back on for the other tests.
    await page.reload();
    await hydrated(page);
    await page.getByLabel("Enable E2E encryption").check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("The E2E encryption setting is saved.")).toBeVisible();
  }
});
