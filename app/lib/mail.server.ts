// Sends one email through the SMTP server at SMTP_URL with nodemailer, over a pooled
// connection. Without a real server, `npm start` and the tests point SMTP_URL at a local
// catcher (scripts/lib/mail-catcher.ts) that keeps each message as an .eml file. A
// failure throws; the email job then fails and BullMQ retries it with backoff.
import nodemailer, { type Transporter } from "nodemailer";
import { loadConfig } from "#app/lib/config.server.ts";
import type { EmailPayload } from "#app/lib/jobs.server.ts";

let transporter: { url: string; transport: Transporter } | undefined;

function transport(): Transporter {
  const url = loadConfig().SMTP_URL;
  if (!url)
    throw new Error("SMTP_URL is not set: set it to your mail server, or start the product with `npm start`, which catches mail locally.");
  if (transporter?.url !== url) {
    transporter?.transport.close();
    transporter = {
      url,
      transport: nodemailer.createTransport({
        url,
        pool: true,
        maxConnections: 2,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      }),
    };
  }
  return transporter.transport;
}

/** `id` makes the Message-ID stable, so a resend after a crash is recognisably the same mail. */
export async function sendEmail(id: string, mail: EmailPayload): Promise<void> {
  const config = loadConfig();
  await transport().sendMail({ from: config.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, messageId: `<${id}@samband>` });
}

/** Closes the pooled connections (on shutdown). */
export function closeMail(): void {
  transporter?.transport.close();
  transporter = undefined;
}
