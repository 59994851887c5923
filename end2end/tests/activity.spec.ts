import { test, expect, newAccount, register, hydrated, signIn } from "./fixtures";

test("Recent activity shows a failed sign-in made from a second browser, filters by kind and downloads CSV", async ({
  page,
  browser,
}) => {
  const a = newAccount();
  await register(page, a);

  // Someone else, in another browser, tries a wrong password.
  const context = await browser.newContext();
  const other = await context.newPage();
  await signIn(other, a.username, "not the right passphrase");
  await expect(other.getByText("Incorrect username/email or password.")).toBeVisible();
  await context.close();

  await page.goto("/account/security");
  await hydrated(page);
  const panel = page.getByRole("region", { name: "Recent activity" });
  const entries = panel.getByRole("listitem");
  await expect(entries.filter({ hasText: "Sign-in failed: wrong password" })).toHaveCount(1);
  await expect(entries.filter({ hasText: "Account created" })).toHaveCount(1);
  // Where: the address and the browser, as on the sessions list.
  await expect(entries.filter({ hasText: "Sign-in failed" })).toContainText("127.0.0.1");
  await expect(entries.filter({ hasText: "Sign-in failed" })).toContainText("Chrome");

  // Only sign-ins.
  await panel.getByLabel("Show").selectOption({ label: "Sign-ins" });
  await panel.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/activity=sign_in/);
  await hydrated(page);
  await expect(entries.filter({ hasText: "Sign-in failed: wrong password" })).toHaveCount(1);
  await expect(entries.filter({ hasText: "Account created" })).toHaveCount(0);

  // The backup codes' Download link stays the only link of that name on the page.
  await expect(page.getByRole("link", { name: "Download" })).toHaveCount(0);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panel.getByRole("button", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("gatehouse-activity.csv");
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString("utf8");
  const lines = text.trim().split("\r\n");
  expect(lines[0]).toBe("time,event,kind,ip,user_agent,by");
  expect(lines.some((l) => l.includes(",sign_in_failed,sign_in,127.0.0.1,"))).toBe(true);
  expect(lines.every((l, i) => i === 0 || l.split(",")[2] === "sign_in")).toBe(true);
});

test("the CSV is only for its signed-in owner", async ({ page, request }) => {
  const res = await request.get("/account/security/activity.csv", { maxRedirects: 0 });
  expect(res.status()).toBe(303);
  expect(res.headers()["location"]).toBe("/signin");
  const a = newAccount();
  await register(page, a);
  const mine = await page.request.get("/account/security/activity.csv");
  expect(mine.status()).toBe(200);
  expect(mine.headers()["content-type"]).toContain("text/csv");
  expect(await mine.text()).toContain(",account_created,account,");
});
