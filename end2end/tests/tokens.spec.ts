import { test, expect, newAccount, register, hydrated } from "./fixtures";

test("a token made on the page reads /api/v1/me with both header styles; regenerate and delete stop the old one", async ({ page, request }) => {
  const a = newAccount();
  await register(page, a);
  await page.goto("/account/tokens");
  await hydrated(page);

  await page.getByLabel("Token name").fill("deploy script");
  await page.getByLabel("Your password").fill(a.password);
  await page.getByRole("button", { name: "Add" }).click();
  const token = await page.getByTestId("new-token").innerText();
  const userId = await page.getByTestId("user-id").innerText();
  await expect(page.locator(".new-token")).toContainText("cannot be shown again");
  expect(token).toMatch(/^gat_/);

  const bearer = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(bearer.status()).toBe(200);
  expect((await bearer.json()).username).toBe(a.username);
  const rocket = await request.get("/api/v1/me", { headers: { "X-User-Id": userId, "X-Auth-Token": token } });
  expect(rocket.status()).toBe(200);
  expect((await rocket.json()).email).toBe(a.email);

  // Shown once: after Done it is gone; the list shows only its last characters.
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  const row = page.locator("table.tokens tr", { hasText: "deploy script" });
  await expect(row).toContainText(`…${token.slice(-6)}`);

  // Regenerate: the old value stops at once, the new one works.
  await row.getByText("Regenerate", { exact: true }).click();
  await row.getByLabel("Your password").fill(a.password);
  await row.getByRole("button", { name: "Regenerate token" }).click();
  const renewed = await page.getByTestId("new-token").innerText();
  expect(renewed).not.toBe(token);
  expect((await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
  expect((await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${renewed}` } })).status()).toBe(200);
  await page.getByRole("button", { name: "Done" }).click();

  // Delete, after confirming.
  const again = page.locator("table.tokens tr", { hasText: "deploy script" });
  await again.getByText("Delete", { exact: true }).click();
  await again.getByRole("button", { name: "Delete token" }).click();
  await expect(page.getByText("You have no tokens.")).toBeVisible();
  expect((await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${renewed}` } })).status()).toBe(401);
});
