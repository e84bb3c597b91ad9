// Sends one email. With SMTP_URL, through that server; without, into a folder
// (SAMBAND_MAIL_DIR, default .data/mail) as .eml files that any mail program opens,
// so development and tests read what would have been sent.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { loadConfig } from "./config.server.ts";
import type { EmailPayload } from "./outbox.server.ts";

let transporter: Transporter | undefined;

function transport(): Transporter {
  const config = loadConfig();
  transporter ??= config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return transporter;
}

/** `id` makes the Message-ID stable, so a resend after a crash is recognisably the same mail. */
export async function sendEmail(id: string, mail: EmailPayload): Promise<void> {
  const config = loadConfig();
  const messageId = `<${id}@samband>`;
  const info = await transport().sendMail({ from: config.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, messageId });
  if (!config.SMTP_URL) {
    mkdirSync(config.mailDir, { recursive: true });
    const safe = id.replace(/[^\w.-]/g, "_");
    writeFileSync(path.join(config.mailDir, `${safe}.eml`), (info as { message: Buffer }).message);
  }
}

