import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// The browser benchmarks (make bench-e2e): the same server and Chromium as the tests, their own
// directory, never part of `make test`. They print figures and check no time.
export default defineConfig({ ...base, testDir: "./bench", timeout: 180_000 });
