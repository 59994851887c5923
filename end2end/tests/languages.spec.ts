import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Page } from "@playwright/test";
import { test, expect, newAccount, hydrated, watch, VERIFY_SUBJECT } from "./fixtures";
import { waitForMail } from "./mail";
import { catalogue, englishOnly, foundIn, inLanguage } from "./catalogue";

const de = (english: string) => inLanguage("de", english);
const ar = (english: string) => inLanguage("ar", english);

/** Everything a person can read on the page: its text, title and the texts of its controls. */
async function readable(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.title, document.body.innerText];
    for (const el of Array.from(document.querySelectorAll("[placeholder], [aria-label], [title], [alt], option"))) {
      for (const a of ["placeholder", "aria-label", "title", "alt"]) {
        const v = el.getAttribute(a);
        if (v) parts.push(v);
      }
      if (el.tagName === "OPTION") parts.push((el as HTMLOptionElement).label);
    }
    return parts.join("\n");
  });
}

/** Asserts the page speaks `lang` and shows no English text of the catalogue. */
async function speaks(page: Page, lang: string) {
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  await hydrated(page);
  const shown = await readable(page);
  const left = foundIn(shown, englishOnly(lang));
  expect(left, `English on ${new URL(page.url()).pathname} in ${lang}`).toEqual([]);
  // And no English sentence that never went through a catalogue: its commonest words.
  const stray = shown.match(/\b(the|your|you|and|with|this|that|to|of|is|are)\b/gi) ?? [];
  expect(stray, `English words on ${new URL(page.url()).pathname} in ${lang}`).toEqual([]);
}

async function boxes(page: Page) {
  const header = (await page.locator("header.topbar").boundingBox())!;
  const brand = (await page.locator("header.topbar .brand").boundingBox())!;
  return { header, brand };
}

test("Languages: Deutsch from the chooser before sign-in, registration and every account page in German with no English left, the verification mail in German, then العربية right to left with the header mirrored", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await page.goto("/signin");
  await hydrated(page);
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await page.getByLabel("Language").selectOption({ label: "Deutsch" });
  await page.getByRole("button", { name: "Change language" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await speaks(page, "de");
  for (const path of ["/register", "/forgot-password", "/signin"]) {
    await page.goto(path);
    await speaks(page, "de");
  }

  // Registered from a German page, the account speaks German: its pages and its mail.
  const a = newAccount();
  await page.goto("/register");
  await hydrated(page);
  await page.getByLabel(de("Name"), { exact: true }).fill(a.name);
  await page.getByLabel(de("Username")).fill(a.username);
  await page.getByLabel(de("Email")).fill(a.email);
  await page.getByLabel(de("Password"), { exact: true }).fill(a.password);
  await page.getByRole("button", { name: de("Create account") }).click();
  await expect(page).toHaveURL(/\/account\/profile$/);
  for (const path of ["/account/profile", "/account/preferences", "/account/security", "/account/tokens"]) {
    await page.goto(path);
    await speaks(page, "de");
  }
  const mail = await waitForMail(a.email, de(VERIFY_SUBJECT));
  expect(mail.html).toContain('lang="de"');
  expect(foundIn(mail.text, englishOnly("de")), "English in the German mail").toEqual([]);

  const ltr = await boxes(page);
  await page.locator("header.topbar").screenshot({ path: testInfo.outputPath("header-de.png") });

  // العربية, chosen in Preferences: the next page is right to left.
  await page.goto("/account/preferences");
  await hydrated(page);
  await page.getByLabel(de("Language"), { exact: true }).selectOption({ label: "العربية" });
  await page.getByRole("button", { name: de("Save Changes") }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await speaks(page, "ar");
  await expect(page.getByRole("button", { name: ar("Save Changes") })).toBeVisible();
  await page.goto("/account/security");
  await speaks(page, "ar");

  // The layout mirrored: the brand sits at the right edge as far in as it sat from the left.
  const rtl = await boxes(page);
  await page.locator("header.topbar").screenshot({ path: testInfo.outputPath("header-ar.png") });
  const fromLeft = ltr.brand.x - ltr.header.x;
  const fromRight = rtl.header.x + rtl.header.width - (rtl.brand.x + rtl.brand.width);
  expect(Math.abs(fromLeft - fromRight), `brand ${fromLeft}px from the start in both`).toBeLessThan(3);
  expect(rtl.brand.x).toBeGreaterThan(rtl.header.x + rtl.header.width / 2);
  const nav = (await page.locator(".account-nav").boundingBox())!;
  const main = (await page.locator(".account-main").boundingBox())!;
  expect(nav.x, "the account navigation on the right of the section").toBeGreaterThan(main.x);
});

test("Languages: a page downloads the catalogue of its language only, and no catalogue is compiled into the WASM", async ({ browser, baseURL }) => {
  for (const lang of ["de", "ar", "en"]) {
    const context = await browser.newContext({ locale: lang, baseURL });
    const errors: string[] = [];
    watch(context, errors);
    const page = await context.newPage();
    const seen: string[] = [];
    page.on("request", (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith("/i18n/")) seen.push(path);
    });
    await page.goto("/signin");
    await hydrated(page);
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    expect(seen.length, `one download of the catalogue for ${lang}: ${seen}`).toBe(1);
    expect(seen[0]).toMatch(new RegExp(`^/i18n/${lang}\\.[0-9a-f]{16}\\.ftl$`));
    expect(errors).toEqual([]);
    await context.close();
  }

  const pkg = resolve(__dirname, "../../target/site/pkg");
  const wasm = readdirSync(pkg).filter((f) => f.endsWith(".wasm")).map((f) => readFileSync(resolve(pkg, f)));
  expect(wasm.length).toBeGreaterThan(0);
  for (const lang of ["de", "ar", "en"]) {
    const texts = [...catalogue(lang).values()].filter((t) => t.length >= 16);
    expect(texts.length).toBeGreaterThan(50);
    const compiled = texts.filter((t) => wasm.some((w) => w.includes(Buffer.from(t, "utf8"))));
    // English texts may remain where wire keeps them for API clients' schemas; a catalogue does not.
    const limit = lang === "en" ? texts.length / 10 : 0;
    expect(compiled.length, `${lang} texts in the WASM: ${compiled.slice(0, 5).join(" | ")}`).toBeLessThanOrEqual(limit);
  }
});
