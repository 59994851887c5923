import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { test, expect, newAccount, register, hydrated } from "./fixtures";
import { waitForMails, linkIn, Mail } from "./mail";

const READY = "Your Gatehouse data is ready";

test("Download my data and Export my data: queued, progress, mailed link for the signed-in owner once, JSON valid, HTML without script", async ({
  page,
  browser,
  baseURL,
}) => {
  const a = newAccount();
  await register(page, a);
  await page.goto("/account/preferences");
  await hydrated(page);
  const section = page.getByRole("region", { name: "My Data" });
  await expect(section).toContainText("a link to the exported file is sent to your email");

  // Both requests; the page follows each export until it is ready, without a reload.
  await section.getByRole("button", { name: "Download my data" }).click();
  const html = section.getByTestId("my-data-html-state");
  await expect(html).toHaveText(/Queued|Preparing|Ready/);
  await section.getByRole("button", { name: "Export my data" }).click();
  const json = section.getByTestId("my-data-json-state");
  await expect(json).toHaveText(/Queued|Preparing|Ready/);
  await expect(html).toContainText("Ready: we emailed you a link", { timeout: 20_000 });
  await expect(json).toContainText("Ready: we emailed you a link", { timeout: 20_000 });
  // Once a day each: the page says when, and the buttons wait.
  await expect(section.getByRole("button", { name: "Download my data" })).toBeDisabled();
  await expect(section.getByRole("button", { name: "Export my data" })).toBeDisabled();
  await expect(section.getByText("You can ask for this again after").first()).toBeVisible();

  const mails = await waitForMails(a.email, READY, 2);
  const link = (m: Mail) => linkIn(m, `${baseURL}/account/my-data/download?token=`);
  const jsonLink = link(mails.find((m) => m.text.includes("as JSON"))!);
  const htmlLink = link(mails.find((m) => m.text.includes("HTML page"))!);

  // Signed out, the link asks to sign in first (and is not spent).
  const stranger = await browser.newContext();
  const away = await stranger.newPage();
  await away.goto(jsonLink);
  await expect(away).toHaveURL(/\/signin$/);
  await expect(away.getByRole("button", { name: "Sign in" })).toBeVisible();
  await stranger.close();

  // Signed in: the JSON, valid against the schema the server publishes.
  const res = await page.request.get(jsonLink);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-disposition"]).toContain("attachment");
  const doc = await res.json();
  const schema = await (await page.request.get("/schemas/my-data-v1.json")).json();
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const valid = ajv.validate(schema, doc);
  expect(ajv.errors ?? [], "schema errors").toEqual([]);
  expect(valid).toBe(true);
  expect(doc.account.username).toBe(a.username);
  expect(doc.security_log.some((e: { event: string }) => e.event === "data_export_requested")).toBe(true);
  expect(JSON.stringify(doc)).not.toContain(a.password);
  // The repository's copy of the schema is the one served.
  expect(schema).toEqual(JSON.parse(readFileSync(`${__dirname}/../../docs/my-data-v1.schema.json`, "utf8")));

  // A second use is refused.
  const again = await page.request.get(jsonLink);
  expect(again.status()).toBe(410);
  expect(await again.text()).toContain("expired or was already used");

  // The HTML: a page that reads on its own, with no script.
  const page2 = await page.request.get(htmlLink);
  expect(page2.status()).toBe(200);
  const body = await page2.text();
  expect(body.toLowerCase()).not.toContain("<script");
  await page.goto("about:blank");
  await page.setContent(body);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`My Data: ${a.username}`);
  await expect(page.getByRole("heading", { name: "Security log" })).toBeVisible();

  await page.goto("/account/preferences");
  await hydrated(page);
  await expect(page.getByTestId("my-data-json-state")).toContainText("Downloaded");
});
