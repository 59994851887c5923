import { readFileSync } from "node:fs";
import { createServer, Server } from "node:http";
import { resolve } from "node:path";
import { crc32 } from "node:zlib";
import { test, expect, newAccount, register, hydrated } from "./fixtures";

/** The picture server the e2e Gatehouse may fetch from (GATEHOUSE_AVATAR_TEST_ORIGIN). */
const PICTURES_PORT = Number(process.env.E2E_PICTURES_PORT ?? 3101);
const PICTURES = `http://127.0.0.1:${PICTURES_PORT}`;
const GATEHOUSE_PORT = Number(process.env.E2E_PORT ?? 3100);
const fixture = (name: string) => readFileSync(resolve(__dirname, "../fixtures", name));
const PHOTO = fixture("photo-with-gps.jpg");
const BLUE = fixture("blue.png");

/** A PNG signature and header claiming `w` × `h` pixels, and no pixels: 57 bytes. */
function pngBomb(w: number, h: number): Buffer {
  const chunk = (kind: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(kind, "ascii"), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", Buffer.alloc(0)), chunk("IEND", Buffer.alloc(0))]);
}

let server: Server;
test.beforeAll(async () => {
  server = createServer((req, res) => {
    switch (req.url) {
      case "/blue.png":
        res.writeHead(200, { "Content-Type": "image/png" }).end(BLUE);
        break;
      case "/to-gatehouse":
        // A redirect off the test origin, to another loopback port: refused as in production.
        res.writeHead(302, { Location: `https://127.0.0.1:${GATEHOUSE_PORT}/healthz` }).end();
        break;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(PICTURES_PORT, "127.0.0.1", ok));
});
test.afterAll(async () => {
  await new Promise((ok) => server.close(ok));
});

/** The account's picture as served at `size`, and its content type. */
async function servedPicture(page: import("@playwright/test").Page, size: number) {
  const src = await page.locator(".user-menu img.avatar").getAttribute("src");
  const url = src!.replace(/s=\d+/, `s=${size}`);
  const res = await page.request.get(url);
  expect(res.status()).toBe(200);
  return { type: res.headers()["content-type"], csp: res.headers()["content-security-policy"], body: await res.body() };
}

test("Profile Picture: upload a JPEG with GPS data, preview before Save Changes, served back square without metadata; Use default avatar", async ({ page }) => {
  const a = newAccount();
  await register(page, a);
  await hydrated(page);
  const header = page.locator(".user-menu img.avatar");
  const before = await header.getAttribute("src");
  const initial = await servedPicture(page, 64);
  expect(initial.type).toBe("image/svg+xml");
  expect(initial.csp).toBe("default-src 'none'");

  await page.getByLabel("Upload a picture").setInputFiles({ name: "holiday.jpg", mimeType: "image/jpeg", buffer: PHOTO });
  // Previewed here, not saved yet.
  await expect(page.getByRole("img", { name: "Preview of holiday.jpg" })).toBeVisible();
  await expect(header).toHaveAttribute("src", before!);
  await page.getByRole("button", { name: "Save Changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your profile was saved." })).toBeVisible();
  await expect(header).not.toHaveAttribute("src", before!);
  await expect(page.getByRole("img", { name: "Your profile picture" })).toBeVisible();

  const large = await servedPicture(page, 256);
  expect(large.type).toBe("image/png");
  expect(large.csp).toBe("default-src 'none'");
  expect(large.body.readUInt32BE(16), "256 wide").toBe(256);
  expect(large.body.readUInt32BE(20), "256 high").toBe(256);
  for (const marker of ["Exif", "eXIf", "GPS", "Gatehouse test camera"]) {
    expect(large.body.includes(Buffer.from(marker)), `no ${marker} in the served picture`).toBe(false);
  }
  // Still there after a reload.
  await page.reload();
  await hydrated(page);
  expect((await servedPicture(page, 64)).type).toBe("image/png");

  // Back to the default avatar, previewed first.
  await page.getByRole("button", { name: "Use default avatar" }).click();
  await expect(page.getByRole("img", { name: "Preview of the default avatar" })).toBeVisible();
  await page.getByRole("button", { name: "Save Changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your profile was saved." })).toBeVisible();
  await expect(header).toHaveAttribute("src", before!);
  expect((await servedPicture(page, 64)).type).toBe("image/svg+xml");
});

test("Profile Picture: a PNG dropped on the picture is used; a file that is not an image and a PNG bomb are refused next to the field", async ({ page }) => {
  const a = newAccount();
  await register(page, a);
  await hydrated(page);
  const drop = page.getByTestId("avatar-drop");
  const transfer = await page.evaluateHandle((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], "blue.png", { type: "image/png" }));
    return dt;
  }, [...BLUE]);
  await drop.dispatchEvent("dragover", { dataTransfer: transfer });
  await drop.dispatchEvent("drop", { dataTransfer: transfer });
  await expect(page.getByRole("img", { name: "Preview of blue.png" })).toBeVisible();
  await page.getByRole("button", { name: "Save Changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your profile was saved." })).toBeVisible();
  const blue = await servedPicture(page, 64);
  expect(blue.type).toBe("image/png");

  const error = page.locator("#field-avatar-error");
  await page.getByLabel("Upload a picture").setInputFiles({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("just some text, not a picture") });
  await page.getByLabel("Nickname").fill("Kept");
  await page.getByRole("button", { name: "Save Changes" }).click();
  await expect(error).toContainText("not an image");
  // The fields wait with the refused picture, as typed.
  await expect(page.getByLabel("Nickname")).toHaveValue("Kept");

  await page.getByLabel("Upload a picture").setInputFiles({ name: "bomb.png", mimeType: "image/png", buffer: pngBomb(20000, 20000) });
  await page.getByRole("button", { name: "Save Changes" }).click();
  await expect(error).toContainText("too large");
  // The picture saved before is still the one served.
  expect((await servedPicture(page, 64)).body.equals(blue.body)).toBe(true);
});

test("Use URL for avatar: fetched from the test picture server; loopback addresses and a redirect to one are refused", async ({ page }) => {
  const a = newAccount();
  await register(page, a);
  await hydrated(page);
  const url = page.getByLabel("Use URL for avatar");
  const save = page.getByRole("button", { name: "Save Changes" });
  const error = page.locator("#field-avatar_url-error");

  for (const [address, says] of [
    ["https://127.0.0.1/a.png", "not allowed"],
    ["https://127.0.0.2/a.png", "not allowed"],
    ["https://[::1]/a.png", "not allowed"],
    ["https://localhost/a.png", "not allowed"],
    [`https://127.0.0.1:${GATEHOUSE_PORT}/healthz`, "not allowed"],
    [`${PICTURES}/to-gatehouse`, "not allowed"],
    [`http://localhost:${PICTURES_PORT}/blue.png`, "plain http"],
  ]) {
    await url.fill(address);
    await save.click();
    await expect(error, address).toContainText(says);
    await expect(url).toHaveValue(address);
  }
  expect((await servedPicture(page, 64)).type).toBe("image/svg+xml");

  await url.fill(`${PICTURES}/blue.png`);
  await save.click();
  await expect(page.getByRole("status").filter({ hasText: "Your profile was saved." })).toBeVisible();
  await expect(error).toBeEmpty();
  await expect(url).toHaveValue("");
  expect((await servedPicture(page, 256)).type).toBe("image/png");
});
