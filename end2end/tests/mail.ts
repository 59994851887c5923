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

/** Waits until `count` messages to `to` about `subject` have arrived; returns them, oldest first. */
export async function waitForMails(to: string, subject: string, count: number, timeout = 15_000): Promise<Mail[]> {
  let found: Mail[] = [];
  await expect
    .poll(
      () => {
        found = all().filter((m) => m.to.includes(to) && m.subject.includes(subject));
        return found.length;
      },
      { timeout, message: `${count} mails to ${to} about "${subject}"` },
    )
    .toBeGreaterThanOrEqual(count);
  return found;
}

/** The first link in a message's text that starts with `prefix`. */
export function linkIn(mail: Mail, prefix: string): string {
  const found = mail.text.split(/\s+/).find((w) => w.startsWith(prefix));
  if (!found) throw new Error(`no ${prefix} link in "${mail.subject}"`);
  return found;
}
