import { Page } from "@playwright/test";
import { test, expect, newAccount, register, hydrated, signOut, signInAsAdmin, verifiedAccount, watch, secondBrowser } from "./fixtures";

async function openPreferences(page: Page) {
  await page.goto("/account/preferences");
  await hydrated(page);
}

const preview = (page: Page) => page.getByTestId("preview");

test("Preferences: every section, Save Changes only after a change, saved values after reload, theme before the first paint", async ({ page }) => {
  const a = newAccount();
  await register(page, a);
  await openPreferences(page);
  for (const legend of ["Localization", "Theme", "User Presence", "Notifications", "Messages", "Highlights", "Sound"]) {
    await expect(page.getByRole("group", { name: legend })).toBeVisible();
  }
  const save = page.getByRole("button", { name: "Save Changes" });
  await expect(save).toBeDisabled();
  await page.getByLabel("Theme", { exact: true }).selectOption({ label: "Dark" });
  await page.getByLabel("View mode").selectOption({ label: "Compact" });
  await page.getByLabel("Idle time limit").fill("120");
  await page.getByLabel("Hide roles").check();
  await page.getByLabel("Highlight words").fill(" release, Release , ship it");
  await expect(save).toBeEnabled();

  const sent = page.waitForResponse((r) => r.url().endsWith("/fn/save_preferences"));
  await save.click();
  const body = decodeURIComponent((await (await sent).request().postData()) ?? "");
  expect(body, "only the changed settings are sent").not.toContain("use_emojis");
  await expect(page.getByRole("status").filter({ hasText: "Your preferences were saved." })).toBeVisible();
  await expect(save).toBeDisabled();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");

  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("Theme", { exact: true })).toHaveValue("dark");
  await expect(page.getByLabel("View mode")).toHaveValue("compact");
  await expect(page.getByLabel("Idle time limit")).toHaveValue("120");
  await expect(page.getByLabel("Hide roles")).toBeChecked();
  await expect(page.getByLabel("Highlight words")).toHaveValue("release, ship it");
  // Dark colours from the server's HTML: the background is dark before any script.
  const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(bg).toBe("rgb(17, 20, 24)");

  // Reset to defaults: one section, at once; the others keep their choices.
  await page.getByRole("button", { name: "Reset Messages to defaults" }).click();
  await expect(page.getByLabel("View mode")).toHaveValue("normal");
  await expect(page.getByLabel("Hide roles")).not.toBeChecked();
  await expect(page.getByLabel("Theme", { exact: true })).toHaveValue("dark");
  await page.reload();
  await expect(page.getByLabel("View mode")).toHaveValue("normal");

  // Signed out, the sign-in page keeps the theme, rendered by the server.
  await signOut(page);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const html = await (await page.request.get("/signin")).text();
  expect(html).toContain('data-theme="dark"');
});

test("Preferences: a bad value shows its error next to the field and keeps what was typed", async ({ page }) => {
  await register(page, newAccount());
  await openPreferences(page);
  const idle = page.getByLabel("Idle time limit");
  await idle.fill("5");
  const field = page.locator(".field", { has: idle });
  await expect(field.locator(".field-error")).toHaveText("Enter a whole number from 30 to 86400.");
  await page.getByRole("button", { name: "Save Changes" }).click();
  await expect(field.locator(".field-error")).toHaveText("Enter a whole number from 30 to 86400.");
  await expect(idle).toHaveValue("5");
  await expect(idle).toHaveAttribute("aria-invalid", "true");
  const words = page.getByLabel("Highlight words");
  await words.fill("x".repeat(65));
  await expect(page.locator(".field", { has: words }).locator(".field-error")).toContainText("at most 64 characters");
});

test("Preferences: every Messages and Highlights setting changes the preview before saving", async ({ page }) => {
  await register(page, newAccount());
  await openPreferences(page);
  const pv = preview(page);
  const toggles = [
    "Unread Tray Icon Alert",
    "Show thread messages in the main thread",
    "Use Emojis",
    "Convert ASCII to Emoji",
    "Auto Load Images",
    "Save Mobile Bandwidth",
    "Collapse embedded media by default",
    "Hide usernames",
    "Hide roles",
    "Hide right sidebar with a click",
    "Display Avatars",
  ];
  // Each toggle, both ways, redraws the sample (the text and attributes the preview shows).
  const drawn = () => pv.evaluate((el) => el.textContent + [...el.querySelectorAll("*")].map((e) => [...e.attributes].map((a) => `${a.name}=${a.value}`).join(" ")).join("|"));
  for (const label of toggles) {
    const before = await drawn();
    await page.getByLabel(label, { exact: true }).click();
    await expect.poll(drawn, { message: label }).not.toBe(before);
    const toggled = await drawn();
    await page.getByLabel(label, { exact: true }).click();
    await expect.poll(drawn, { message: `${label} back` }).not.toBe(toggled);
  }
  // Time format: every time in the preview.
  await expect(pv.getByText("13:42")).toBeVisible();
  await page.getByLabel("Time Format").selectOption({ label: "12 hour clock" });
  await expect(pv.getByText("1:42 PM")).toBeVisible();
  await expect(pv.getByText("9:05 AM")).toBeVisible();
  // Emoji conversion.
  await expect(pv).toContainText("Good morning 🙂");
  // View mode: the spacing of the list.
  for (const [label, mode] of [["Cozy", "cozy"], ["Compact", "compact"], ["Normal", "normal"]]) {
    await page.getByLabel("View mode").selectOption({ label });
    await expect(pv.locator(".pv-list")).toHaveClass(new RegExp(`mode-${mode}`));
  }
  // Highlight words: marked in the messages.
  await page.getByLabel("Highlight words").fill("release, ship");
  await expect(pv.locator("mark").first()).toHaveText("release");
  await page.getByLabel("Show thread messages in the main thread").check();
  await expect(pv.locator("mark", { hasText: /^Ship$/ })).toHaveCount(1);
  // Enter key behavior: what Enter does in the composer.
  const composer = pv.getByLabel("Message");
  await composer.fill("sent with enter");
  await composer.press("Enter");
  await expect(pv.locator(".pv-text", { hasText: "sent with enter" })).toBeVisible();
  await page.getByLabel("Enter key behavior").selectOption({ value: "alternative" });
  await expect(pv).toContainText("Ctrl, Alt, Shift or ⌘ with Enter sends");
  await composer.fill("line one");
  await composer.press("Enter");
  await expect(pv.locator(".pv-text", { hasText: "line one" })).toHaveCount(0);
  await composer.press("Control+Enter");
  await expect(pv.locator(".pv-text", { hasText: "line one" })).toBeVisible();
  // Auto Load Images off: a button loads the picture.
  await page.getByLabel("Auto Load Images").uncheck();
  await expect(pv.getByRole("img")).toHaveCount(0);
  await pv.getByRole("button", { name: "Load image" }).click();
  await expect(pv.getByRole("img", { name: "Screenshot of the sign-in page" })).toBeVisible();
  // Nothing was saved by any of it.
  await page.reload();
  await expect(page.getByLabel("Time Format")).toHaveValue("24h");
});

test("Preferences: the time format applies to every time on the Security page", async ({ page }) => {
  await register(page, newAccount());
  await page.goto("/account/security");
  await hydrated(page);
  const times = page.locator("table time");
  await expect(times.first()).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  await openPreferences(page);
  await page.getByLabel("Time Format").selectOption({ label: "12 hour clock" });
  await page.getByRole("button", { name: "Save Changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "saved" })).toBeVisible();
  await page.getByRole("link", { name: "Security" }).click();
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(times.first()).toHaveText(/^\d{4}-\d\d-\d\d \d{1,2}:\d\d (AM|PM) UTC$/);
  for (const t of await times.allTextContents()) expect(t).toMatch(/ (AM|PM) UTC$/);
  // And as the server renders it.
  const html = (await (await page.request.get("/account/security")).text()).replaceAll("<!>", "");
  expect(html).toMatch(/ (AM|PM) UTC<\/time>/);
});

test("Preferences: Test Desktop Notification shows a notification when allowed, and explains when blocked", async ({ browser, baseURL }) => {
  const record = () => {
    const Original = window.Notification;
    const shown: { title: string; body?: string; requireInteraction?: boolean }[] = [];
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    class Recorded extends Original {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body, requireInteraction: options?.requireInteraction });
      }
    }
    Object.defineProperty(Recorded, "permission", { get: () => Original.permission });
    Object.defineProperty(Recorded, "requestPermission", { value: Original.requestPermission.bind(Original) });
    window.Notification = Recorded as unknown as typeof Notification;
  };
  for (const allowed of [true, false]) {
    const context = await browser.newContext();
    const errors: string[] = [];
    watch(context, errors);
    if (allowed) await context.grantPermissions(["notifications"], { origin: baseURL });
    await context.addInitScript(record);
    const page = await context.newPage();
    await register(page, newAccount());
    await openPreferences(page);
    if (allowed) await page.getByLabel("Require Interaction to Dismiss Desktop Notification").check();
    await page.getByRole("button", { name: "Test Desktop Notification" }).click();
    if (allowed) {
      await expect(page.getByRole("status").filter({ hasText: "A test notification was shown" })).toBeVisible();
      const shown = await page.evaluate(() => (window as unknown as { shownNotifications: unknown[] }).shownNotifications);
      expect(shown).toEqual([{ title: "Gatehouse", body: "This is how notifications from Gatehouse look.", requireInteraction: true }]);
    } else {
      await expect(page.getByRole("alert").filter({ hasText: "Notifications are blocked for this site" })).toBeVisible();
      await expect(page.getByRole("alert")).toContainText("set Notifications to Allow");
    }
    expect(errors).toEqual([]);
    await context.close();
  }
});

test("Preferences: the sound plays at the chosen volume", async ({ page }) => {
  await register(page, newAccount());
  await openPreferences(page);
  await page.getByLabel("New Message Notification", { exact: true }).selectOption({ label: "Droplet" });
  // (Playwright cannot fill a range input: set it as dragging would, with an input event.)
  await page.getByLabel("Notifications sound volume").evaluate((el: HTMLInputElement) => {
    el.value = "35";
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await expect(page.locator("output")).toHaveText("35%");
  await page.getByRole("button", { name: "Play New Message Notification" }).click();
  const player = page.getByTestId("sound-player");
  await expect.poll(() => player.evaluate((a: HTMLAudioElement) => a.src)).toMatch(/\/sounds\/droplet\.wav$/);
  expect(await player.evaluate((a: HTMLAudioElement) => a.volume)).toBeCloseTo(0.35, 5);
  const wav = await page.request.get("/sounds/droplet.wav");
  expect(wav.status()).toBe(200);
  expect(wav.headers()["content-type"]).toBe("audio/wav");
  // "None" has nothing to play.
  await page.getByLabel("New Room Notification", { exact: true }).selectOption({ label: "None" });
  await expect(page.getByRole("button", { name: "Play New Room Notification" })).toBeDisabled();
});

test("Preferences: Offline Email Notifications wait for a verified address", async ({ page, browser, baseURL }) => {
  await register(page, newAccount());
  await openPreferences(page);
  const offline = page.getByLabel("Offline Email Notifications");
  await expect(offline).toBeDisabled();
  await expect(page.locator(".field", { has: offline })).toContainText("you must verify your email address");

  const context = await browser.newContext();
  const errors: string[] = [];
  watch(context, errors);
  const other = await context.newPage();
  await verifiedAccount(other, baseURL!);
  await openPreferences(other);
  const enabled = other.getByLabel("Offline Email Notifications");
  await expect(enabled).toBeEnabled();
  await enabled.selectOption({ label: "Not Enabled" });
  await other.getByRole("button", { name: "Save Changes" }).click();
  await expect(other.getByRole("status").filter({ hasText: "saved" })).toBeVisible();
  expect(errors).toEqual([]);
  await context.close();
});

test("Preferences: a default changed by an administrator reaches people who did not choose", async ({ page, browser }) => {
  const context = await browser.newContext();
  const errors: string[] = [];
  watch(context, errors);
  const person = await context.newPage();
  await register(person, newAccount());
  await openPreferences(person);
  const push = person.getByLabel("Send Push Notifications For");
  await expect(push).toHaveValue("default");
  await expect(push.locator("option:checked")).toHaveText("Default (All messages)");

  await signInAsAdmin(page);
  await page.goto("/admin");
  await hydrated(page);
  await page.getByRole("link", { name: "Preferences" }).click();
  await expect(page).toHaveURL(/\/admin\/preferences$/);
  await hydrated(page);
  // Changes here need the administrator's password again (unless confirmed in the last ten minutes).
  const confirm = page.locator("#confirm-its-you");
  if (await confirm.isVisible()) {
    await confirm.getByLabel("Password", { exact: true }).fill("e2e-admin-password-1");
    await confirm.getByRole("button", { name: "Confirm" }).click();
    await expect(confirm).toHaveCount(0);
  }
  await expect(page.getByLabel("Send Push Notifications For").locator("option")).toHaveText(["All messages", "Mentions", "Nothing"]);
  await page.getByLabel("Send Push Notifications For").selectOption({ label: "Mentions" });
  await page.getByRole("button", { name: "Save Changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The server's defaults were saved." })).toBeVisible();

  try {
    await person.reload();
    await hydrated(person);
    await expect(push.locator("option:checked")).toHaveText("Default (Mentions)");
    await expect(push).toHaveValue("default");
  } finally {
    // Leave the shared server's defaults as they were.
    await page.getByRole("button", { name: "Reset Notifications to defaults" }).click();
    await expect(page.getByLabel("Send Push Notifications For")).toHaveValue("all");
  }
  expect(errors).toEqual([]);
  await context.close();
});

test("Preferences work without JavaScript: the whole form is posted and comes back saved", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await register(page, newAccount(), { script: false });
  await page.goto("/account/preferences");
  await page.getByLabel("View mode").selectOption({ label: "Cozy" });
  await page.getByLabel("Display Avatars").uncheck();
  await page.getByRole("button", { name: "Save Changes" }).click();
  await expect(page).toHaveURL(/\/account\/preferences\??$/);
  await expect(page.getByLabel("View mode")).toHaveValue("cozy");
  await expect(page.getByLabel("Display Avatars")).not.toBeChecked();
  await expect(page.getByLabel("Use Emojis")).toBeChecked();
  // A value only the server can refuse comes back as an error next to its field. (A number
  // out of range does not leave the browser: the input's min and max stop the form.)
  const words = page.getByLabel("Highlight words");
  await words.fill("x".repeat(65));
  await page.getByRole("button", { name: "Save Changes" }).click();
  await expect(page.locator(".field", { has: words }).locator(".field-error")).toHaveText(
    "Use at most 64 characters per word or phrase.",
  );
  await expect(page.getByLabel("View mode"), "nothing else was lost").toHaveValue("cozy");
  await context.close();
});

test("User Presence: away after the idle time limit, online again at a key press, seen from a second browser", async ({ page, browser }) => {
  // The page's clock is Playwright's: time flows, and jumps when the test says so.
  await page.clock.install();
  const a = newAccount();
  await register(page, a);
  await openPreferences(page);
  await expect(page.getByLabel("Enable Auto-Away")).toBeChecked();
  await page.getByLabel("Idle time limit").fill("30");
  await page.getByRole("button", { name: "Save Changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "saved" })).toBeVisible();
  const status = page.getByTestId("header-status");
  await expect(status).toHaveText("Status: Online");

  await page.clock.fastForward(20_000);
  await expect(status).toHaveText("Status: Online");
  await page.clock.fastForward(15_000);
  await expect(status).toHaveText("Status: Away");
  await expect(page.locator(".user-menu .status-dot")).toHaveClass(/away/);

  const other = await secondBrowser(browser, a.username, a.password);
  await expect(other.page.getByTestId("header-status")).toHaveText("Status: Away");
  const api = await other.page.request.get("/api/v1/me/presence");
  expect(api.status(), "the API wants a token, not the browser's cookie").toBe(401);

  await page.keyboard.press("Shift");
  await expect(status).toHaveText("Status: Online");
  await expect.poll(async () => {
    await other.page.reload();
    return other.page.getByTestId("header-status").textContent();
  }).toBe("Status: Online");
  await other.close();

  // Auto-Away off: no away however long the page is idle.
  await page.getByLabel("Enable Auto-Away").uncheck();
  await page.getByRole("button", { name: "Save Changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "saved" })).toBeVisible();
  await page.clock.fastForward(120_000);
  await expect(status).toHaveText("Status: Online");
});
