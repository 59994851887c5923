// A real SMTP server for the browser tests: accepts every message Gatehouse sends and writes
// it, parsed, as one JSON file per message into E2E_MAIL_DIR, where tests read it.
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const port = Number(process.env.E2E_SMTP_PORT ?? 2525);
const dir = process.env.E2E_MAIL_DIR;
if (!dir) throw new Error("E2E_MAIL_DIR is not set");
mkdirSync(dir, { recursive: true });

let count = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        count += 1;
        const record = {
          to: session.envelope.rcptTo.map((r) => r.address),
          from: session.envelope.mailFrom && session.envelope.mailFrom.address,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          received: Date.now(),
        };
        writeFileSync(join(dir, `${Date.now()}-${count}.json`), JSON.stringify(record, null, 2));
        callback();
      })
      .catch(callback);
  },
});
server.listen(port, "127.0.0.1", () => console.log(`smtp sink on 127.0.0.1:${port}, mail in ${dir}`));
for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => server.close(() => process.exit(0)));
