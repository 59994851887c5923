import { defineConfig } from "@playwright/test";
import { resolve } from "node:path";

// The server under test: a fresh data directory per run, plain-http cookies (no TLS here).
export const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
// Where the SMTP sink puts every message it receives (one JSON file each).
export const MAIL_DIR = resolve(__dirname, ".tmp/mail");
process.env.E2E_MAIL_DIR = MAIL_DIR;

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 7_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    // The pages follow Accept-Language: every test speaks English unless it chooses otherwise.
    locale: "en-US",
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright downloads no browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: "bash ./start-server.sh",
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(PORT), E2E_MAIL_DIR: MAIL_DIR },
  },
});
