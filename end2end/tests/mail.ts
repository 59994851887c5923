import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { expect } from "@playwright/test";

export interface Mail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  received: number;
}

function all(): Mail[] {
  const dir = process.env.E2E_MAIL_DIR!;
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as Mail);
}

/** Waits for the newest message to `to` whose subject contains `subject`, received over SMTP. */
export async function waitForMail(to: string, subject: string, timeout = 15_000): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      () => {
        found = all()
          .filter((m) => m.to.includes(to) && m.subject.includes(subject))
          .pop();
        return found !== undefined;
      },
      { timeout, message: `mail to ${to} about "${subject}"` },
    )
    .toBe(true);
  return found!;
}
