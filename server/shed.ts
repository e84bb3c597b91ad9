// Load shedding in front of the Remix handler. Without it every request is accepted and
// all of them compete for the same ten database connections and two cores, so under a
// burst everyone waits many seconds and the site looks dead. With it, at most
// `concurrency` requests are rendered at once, at most `queue` more wait their turn
// (first come, first served), and anything beyond that is told at once to come back
// (503 with Retry-After): most people get a quick page, the rest a quick answer.
import type { Request, RequestHandler, Response } from "express";
import type { Config } from "#app/lib/config.server.ts";

/** Why a request was not let through. */
export type Refusal = "waited too long" | "client left";

export interface Ticket {
  /** Resolves with `release` once the request may run; rejects with a Refusal if it waited too long. */
  ready: Promise<() => void>;
  /** The client went away while waiting: give up its place (no effect once running). */
  cancel: () => void;
}

interface Waiter {
  grant: () => void;
  refuse: (why: Refusal) => void;
}

/**
 * At most `concurrency` holders at once and at most `queue` waiting, in order of arrival.
 * Pure bookkeeping plus one timer per waiter; knows nothing of HTTP.
 */
export class Limiter {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly queue: number,
    private readonly maxWaitMs: number,
  ) {}

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** A ticket, or null at once when every slot is taken and the queue is full. */
  acquire(): Ticket | null {
    if (this.active < this.concurrency) {
      this.active++;
      return { ready: Promise.resolve(this.releaser()), cancel: () => {} };
    }
    if (this.waiting.length >= this.queue) return null;
    let waiter!: Waiter;
    const ready = new Promise<() => void>((resolve, reject) => {
      const timer = setTimeout(() => leave("waited too long"), this.maxWaitMs);
      const leave = (why: Refusal) => {
        const i = this.waiting.indexOf(waiter);
        if (i === -1) return; // already granted or gone
        this.waiting.splice(i, 1);
        clearTimeout(timer);
        reject(why);
      };
      waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve(this.releaser());
        },
        refuse: leave,
      };
    });
    this.waiting.push(waiter);
    // A refusal nobody awaits (the client left) must not surface as an unhandled rejection.
    ready.catch(() => {});
    return { ready, cancel: () => waiter.refuse("client left") };
  }

  /** Frees the slot once, handing it straight to the longest waiter if there is one. */
  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      if (next)
        next.grant(); // the slot passes on; `active` stays the same
      else this.active--;
    };
  }
}

export interface ShedOptions {
  concurrency: number;
  queue: number;
  /** How long a request may wait for its turn before it is refused. */
  maxWaitMs: number;
  /** Paths that never wait: health probes must tell the truth under load, and long-lived streams would hold a slot for hours. */
  bypass: (path: string) => boolean;
  retryAfterSeconds: number;
}

function refuse(req: Request, res: Response, retryAfterSeconds: number): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return; // nobody left to tell
  res.status(503).set({ "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" });
  const message = "The site is busy right now. Please try again in a moment.";
  if (req.accepts(["html", "json"]) === "json" || req.path.startsWith("/api/")) {
    res.json({ error: message, retryAfterSeconds });
  } else {
    res
      .type("html")
      .send(
        `<!doctype html><html lang="en"><meta charset="utf-8"><title>Busy</title><h1>Busy</h1><p>${message}</p><p lang="sv">Webbplatsen har mycket att göra just nu. Försök igen om en stund.</p></html>`,
      );
  }
}

/** Express middleware admitting requests through a Limiter; everything else answers 503. */
export function shed(o: ShedOptions): RequestHandler & { limiter: Limiter } {
  const limiter = new Limiter(o.concurrency, o.queue, o.maxWaitMs);
  const handler: RequestHandler = (req, res, next) => {
    if (o.bypass(req.path)) return next();
    const ticket = limiter.acquire();
    if (!ticket) return refuse(req, res, o.retryAfterSeconds);
    let release: (() => void) | undefined;
    // 'close' comes when the response is complete or the connection dropped, whichever
    // first: either way the slot (or the place in the queue) is free again.
    res.once("close", () => (release ? release() : ticket.cancel()));
    ticket.ready.then(
      (r) => {
        release = r;
        if (res.destroyed) return r(); // the client left just as its turn came
        next();
      },
      () => refuse(req, res, o.retryAfterSeconds),
    );
  };
  return Object.assign(handler, { limiter });
}

/**
 * Never queued. /healthz must answer under load and say how the parts are, not that the
 * web process is busy; the notification stream stays open for as long as a page does and
 * would hold a slot all that time.
 */
const BYPASS = new Set(["/healthz", "/notifications/stream"]);

/**
 * The web process's shedding, from its configuration. A request waits at most 5 s for its
 * turn: past that a person has given up on the page anyway, and a quick "busy, try again"
 * beats a spinner.
 */
export function shedLoad(config: Pick<Config, "SAMBAND_WEB_CONCURRENCY" | "SAMBAND_WEB_QUEUE">) {
  return shed({
    concurrency: config.SAMBAND_WEB_CONCURRENCY,
    queue: config.SAMBAND_WEB_QUEUE,
    maxWaitMs: 5_000,
    bypass: (path) => BYPASS.has(path),
    retryAfterSeconds: 2,
  });
}
