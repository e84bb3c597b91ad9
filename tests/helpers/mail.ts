// What the test file's local SMTP catcher received (tests/setup/per-file.ts), parsed the
// way a mail program reads it: decoded subject and body, whatever the transfer encoding.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { loadConfig } from "#app/lib/config.server.ts";

export interface CaughtMail {
  /** Envelope recipients, as the SMTP server saw them. */
  to: string[];
  subject: string;
  text: string;
  messageId: string;
}

export async function caughtMails(): Promise<CaughtMail[]> {
  const dir = loadConfig().mailDir;
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".eml"))
    .sort();
  return Promise.all(
    files.map(async (f) => {
      const raw = readFileSync(path.join(dir, f));
      const parsed = await simpleParser(raw);
      const envelope = /^X-Envelope-To: (.*)$/m.exec(raw.toString("utf8"))?.[1] ?? "";
      return {
        to: envelope.split(", ").filter(Boolean),
        subject: parsed.subject ?? "",
        text: parsed.text ?? "",
        messageId: parsed.messageId ?? "",
      };
    }),
  );
}

export async function mailsTo(address: string): Promise<CaughtMail[]> {
  return (await caughtMails()).filter((m) => m.to.includes(address));
}
