// A local SMTP server that accepts every message and keeps it as an .eml file (which any
// mail program opens) instead of delivering it. `npm start` runs one when SMTP_URL is not
// set, and every test file runs its own, so the product always sends real SMTP through
// nodemailer and development and tests read what would have been delivered.
import { mkdirSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SMTPServer } from "smtp-server";

export interface MailCatcher {
  url: string;
  port: number;
  dir: string;
  /** Refuses the next `n` messages with a temporary failure (451), as a busy server would. */
  refuseNext(n: number): void;
  stop(): Promise<void>;
}

const MAX_SIZE = 10 * 1024 * 1024;

export async function startMailCatcher(
  dir: string,
  { port = 0, host = "127.0.0.1" }: { port?: number; host?: string } = {},
): Promise<MailCatcher> {
  mkdirSync(dir, { recursive: true });
  let refusals = 0;
  let count = 0;
  const server = new SMTPServer({
    // Loopback only and nothing is delivered onwards, so no TLS and no sign-in.
    secure: false,
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    size: MAX_SIZE,
    closeTimeout: 500, // on stop, hang up on idle pooled connections at once: nothing is lost, clients reconnect
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (stream.sizeExceeded) return callback(Object.assign(new Error("Message too large"), { responseCode: 552 }));
        if (refusals > 0) {
          refusals--;
          return callback(Object.assign(new Error("Try again later"), { responseCode: 451 }));
        }
        const raw = Buffer.concat(chunks);
        // Received order first, so a directory listing reads in order.
        const name = `${Date.now()}-${process.pid}-${String(++count).padStart(6, "0")}.eml`;
        const envelope = `X-Envelope-To: ${session.envelope.rcptTo.map((r) => r.address).join(", ")}\r\n`;
        writeFileSync(path.join(dir, name), Buffer.concat([Buffer.from(envelope), raw]));
        callback();
      });
    },
  });
  server.on("error", () => {}); // a client hanging up mid-message is its problem, not ours
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://${host}:${actual}`,
    port: actual,
    dir,
    refuseNext: (n) => void (refusals = n),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
