import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const FTL = resolve(__dirname, "../../i18n/ftl");

/**
 * The plain messages (no variables, no selectors) of a language's catalogue, id → text, read
 * from the repository's Fluent files: what the tests drive a translated page by.
 */
export function catalogue(lang: string): Map<string, string> {
  const messages = new Map<string, string>();
  for (const file of readdirSync(join(FTL, lang)).filter((f) => f.endsWith(".ftl")).sort()) {
    let id: string | null = null;
    let value: string[] = [];
    const flush = () => {
      const text = value.join(" ").trim();
      if (id && text && !text.includes("{")) messages.set(id, text);
      id = null;
      value = [];
    };
    for (const line of readFileSync(join(FTL, lang, file), "utf8").split("\n")) {
      const m = /^([a-z][a-z0-9-]*)\s*=\s*(.*)$/.exec(line);
      if (m) {
        flush();
        id = m[1];
        value = [m[2]];
      } else if (id && /^\s+\S/.test(line)) {
        value.push(line.trim());
      } else {
        flush();
      }
    }
    flush();
  }
  return messages;
}

const en = catalogue("en");

/** The `lang` text of the message whose English text is `english` (a seed's label, say). */
export function inLanguage(lang: string, english: string): string {
  const theirs = catalogue(lang);
  for (const [id, text] of en) {
    if (text === english && theirs.has(id)) return theirs.get(id)!;
  }
  throw new Error(`no message says "${english}" in English`);
}

/**
 * The English texts a page in `lang` must not show: every plain message whose translation
 * differs from English (a word both languages share, such as "Name" or "Status", is not
 * English on a German page), product names and lone symbols aside.
 */
export function englishOnly(lang: string): string[] {
  const theirs = catalogue(lang);
  const out = new Set<string>();
  for (const [id, text] of en) {
    const t = theirs.get(id);
    if (t === undefined || t === text) continue;
    if (!/[A-Za-z]{3,}/.test(text)) continue;
    out.add(text);
  }
  return [...out];
}

/** The texts of `candidates` that appear in `shown` as whole words. */
export function foundIn(shown: string, candidates: string[]): string[] {
  const flat = shown.replace(/\s+/g, " ");
  return candidates.filter((c) => {
    const escaped = c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(^|[^\\p{L}\\p{N}_])${escaped}($|[^\\p{L}\\p{N}_])`, "u").test(flat);
  });
}
