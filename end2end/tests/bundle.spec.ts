import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import { test, expect, hydrated, signInAsAdmin } from "./fixtures";

/**
 * The bundle on a budget (what users run: the release build, split by `cargo leptos build
 * --release --split`). Prints the size of every file, raw and brotli, and fails when the first
 * load of /signin (the JS and WASM files the browser fetches before the page is interactive)
 * or every file of the bundle together grows past its budget.
 *
 * The budgets sit about 5% above what the build measured (261.7 KB and 495.7 KB brotli on
 * 2026-12-02), so growth fails here and is a decision, not a drift. The total was raised once
 * since, from 520 to 560 KB, when the Profile page (issue 12) added its form (the status,
 * counters, one Save Changes for the changed fields only) and the guard for unsaved changes:
 * 14.8 KB brotli across the chunks (532.8 KB measured), of which 4.1 KB on the first load,
 * whose budget stayed. Both were raised with the Preferences page (issue 13: every setting of
 * seed 003, its live preview, the idle watch of auto-away on every signed-in page, theme and
 * time format on every page): 289.7 KB and 625.3 KB measured, budgets 305 KB and 660 KB. Of
 * the 20 KB more on the first load, about 2 KB is the page's text (wasm-split leaves every
 * data segment in the main module) and the rest view code that the split cannot move (what a
 * vtable reaches stays in the main module). Raised again with the three languages (issue 13):
 * 336.7 KB and 669.2 KB measured, budgets 355 KB and 705 KB; the pages' English text left the
 * WASM (each language's catalogue is downloaded beside it, see languages.spec.ts) and Project
 * Fluent's runtime came in: its parser, resolver and the CLDR plural rules of every language
 * (46.5 KB brotli in the main module). They are not yet the 150 KB / 400 KB the project aims at:
 * the main file alone is 221 KB brotli, and it is the framework (Leptos' reactive system,
 * renderer, router, server-function client, serde_json, wasm-bindgen glue) that
 * `wasm-split` cannot move out (everything a function table or vtable reaches stays in
 * the main module); the app's own code there is about 10 KB. See the README, "Performance".
 * The total was raised to 725 KB with the Support PIN and the support desk (issue 14): the
 * desk is a split of its own (19.3 KB brotli, downloaded by support staff only) and the
 * Security and administration splits grew by the PIN's forms; 707.9 KB measured, the first
 * load unchanged (339.4 KB). Then to 865 KB with organizations and account deletion (issue
 * 14, seeds 000 and 004): the organization's pages and the invitation are a split of their own
 * (51 KB brotli, downloaded by members of organizations only), and My Account (Organizations,
 * Delete account, the organizations' rules on Security) and the administration (contracts, the
 * grace period, disable / enable / delete) grew with their forms; 822.9 KB measured, the first
 * load 345.6 KB (its budget kept).
 */
const PKG = resolve(__dirname, "../../target/site/pkg");
const FIRST_LOAD_BUDGET = 355 * 1024;
const TOTAL_BUDGET = 865 * 1024;

function brotli(file: string): number {
  const body = readFileSync(resolve(PKG, file));
  return brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

function raw(file: string): number {
  return readFileSync(resolve(PKG, file)).length;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The bundle's files the page fetched, by name under /pkg/. */
function fetched(page: import("@playwright/test").Page): string[] {
  const names: string[] = [];
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith("/pkg/") && /\.(wasm|js)$/.test(path)) names.push(path.slice("/pkg/".length));
  });
  return names;
}

test("bundle budget: the first load of /signin and the whole bundle, brotli, within their budgets", async ({ page }) => {
  const files = readdirSync(PKG).filter((f) => /\.(wasm|js)$/.test(f)).sort();
  const rows = files.map((f) => ({ file: f, raw: raw(f), brotli: brotli(f) }));
  const total = rows.reduce((sum, r) => sum + r.brotli, 0);

  const signin = fetched(page);
  await page.goto("/signin");
  await hydrated(page);
  await page.waitForLoadState("networkidle");
  const firstLoad = [...new Set(signin)].reduce((sum, f) => sum + brotli(f), 0);

  console.log(
    ["file                                      raw        brotli   on /signin"]
      .concat(rows.map((r) => `${r.file.padEnd(40)} ${kb(r.raw).padStart(10)} ${kb(r.brotli).padStart(10)}   ${signin.includes(r.file) ? "yes" : ""}`))
      .concat([`first load of /signin (brotli): ${kb(firstLoad)} (budget ${kb(FIRST_LOAD_BUDGET)})`, `all files (brotli): ${kb(total)} (budget ${kb(TOTAL_BUDGET)})`])
      .join("\n"),
  );
  expect(signin.some((f) => f.endsWith(".wasm")), "the page loads its WASM").toBe(true);
  expect(firstLoad, "first load of /signin, brotli bytes").toBeLessThanOrEqual(FIRST_LOAD_BUDGET);
  expect(total, "all files of the bundle, brotli bytes").toBeLessThanOrEqual(TOTAL_BUDGET);
});

test("the sign-in page does not download the administration; it loads when an admin opens it", async ({ page }) => {
  const loaded = fetched(page);
  await page.goto("/signin");
  await hydrated(page);
  await page.waitForLoadState("networkidle");
  const onSignin = new Set(loaded);
  const pagesOnSignin = [...onSignin].filter((f) => f.startsWith("split_") && !f.startsWith("split_sign_in_page"));
  expect(pagesOnSignin, "page chunks the sign-in page fetched besides its own").toEqual([]);
  await signInAsAdmin(page);
  await hydrated(page);
  await page.getByLabel("Account menu").click();
  await page.getByRole("menuitem", { name: "Administration" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Administration", level: 1 })).toBeVisible();
  const later = loaded.filter((f) => !onSignin.has(f) && f.endsWith(".wasm"));
  expect(later.length, `chunks fetched for the administration: ${later.join(", ")}`).toBeGreaterThan(0);
});
