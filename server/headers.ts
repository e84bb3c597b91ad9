// Response hardening in front of the Remix handler: the headers every response carries,
// a per-request nonce for the inline scripts Remix renders, cross-site writes refused
// before any action runs, and signed-in responses kept out of every cache.
import { randomBytes } from "node:crypto";
import type { RequestHandler, Response } from "express";

// The session cookie's name (app/lib/session.server.ts). Not imported: that module loads
// the database client and argon2, which this process has no use for outside the app build.
// The signed-in test of Cache-Control fails if the two ever differ.
const SESSION_COOKIE = "samband_session";

/**
 * The Content-Security-Policy of a page whose inline scripts carry `nonce`. Scripts come
 * only from this origin or with the nonce (Remix's hydration data and module loader are
 * inline), so an injected `<script>` or `onclick=` does not run. Style attributes are
 * allowed because the co-funding tally draws its bars with `style="width: …"`; they can
 * restyle a page but not run code, and `<style>` elements stay refused.
 * `connect-src 'self'` covers fetches of route data and the notification stream.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The nonce `securityHeaders` made for this response, for the load context. */
export function cspNonce(res: Response): string {
  return res.locals.cspNonce as string;
}

/**
 * Headers for every response, static files included. HSTS only when the public address is
 * https: sent over plain HTTP on a development machine it would be ignored at best, and
 * behind a TLS proxy the public address is what browsers see.
 */
export function securityHeaders({ https }: { https: boolean }): RequestHandler {
  return (_req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
    res.setHeader("X-Frame-Options", "DENY"); // for browsers that predate frame-ancestors
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    if (https) res.setHeader("Strict-Transport-Security", "max-age=31536000");
    next();
  };
}

export interface WriteOrigin {
  method: string;
  origin?: string;
  /** `X-Forwarded-Host`, set by a proxy in front of us; a browser cannot set it. */
  forwardedHost?: string;
  host?: string;
  fetchSite?: string;
}

/**
 * Why a request may not change anything here, or null if it may: a POST (or any other
 * write) whose `Origin` names another site, or that has no `Origin` and a browser's
 * `Sec-Fetch-Site` saying it came from another site. The host compared is the one Remix
 * compares too (`X-Forwarded-Host`, else `Host`), so Remix's own check, which answers a
 * mismatch with a 500, is never reached. Clients that are not browsers send neither
 * header; the CSRF token still guards them.
 */
export function crossSiteWrite({ method, origin, forwardedHost, host, fetchSite }: WriteOrigin): string | null {
  if (["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase())) return null;
  const ours = forwardedHost?.split(",")[0]?.trim() || host;
  if (origin !== undefined) {
    let theirs: string;
    try {
      theirs = new URL(origin).host; // "null" (a sandboxed frame, a file) does not parse
    } catch {
      return `Origin ${JSON.stringify(origin.slice(0, 100))} is not an address`;
    }
    return theirs && theirs === ours ? null : `Origin ${origin.slice(0, 100)} is not this site`;
  }
  if (fetchSite === "cross-site" || fetchSite === "same-site") return `Sec-Fetch-Site is ${fetchSite}`;
  return null;
}

const FORBIDDEN_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>403 Forbidden</title></head>
<body><h1>403 Forbidden</h1><p>This form was sent from another site, so nothing was changed.
Open the page on this site and send it from there.</p></body></html>
`;

/** Answers a cross-site write with 403 and a short page before any route action runs. */
export const refuseCrossSiteWrites: RequestHandler = (req, res, next) => {
  const reason = crossSiteWrite({
    method: req.method,
    origin: req.get("Origin"),
    forwardedHost: req.get("X-Forwarded-Host"),
    host: req.get("Host"),
    fetchSite: req.get("Sec-Fetch-Site"),
  });
  if (!reason) return next();
  // The body may still be arriving: answer at once and close, rather than read it.
  res
    .status(403)
    .set({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", Connection: "close" })
    .send(FORBIDDEN_PAGE);
};

function hasCookie(header: string | undefined, name: string): boolean {
  return !!header && header.split(";").some((pair) => pair.trimStart().startsWith(`${name}=`) && pair.trim().length > name.length + 1);
}

function setsCookie(header: ReturnType<Response["getHeader"]>, name: string): boolean {
  const values = Array.isArray(header) ? header : header === undefined ? [] : [String(header)];
  return values.some((v) => v.startsWith(`${name}=`));
}

/**
 * `Cache-Control: private, no-store` on every response to a request with a session cookie
 * (and on the response that sets one), whatever the route said: a signed-in page names
 * its user and holds their CSRF token, and must not be kept by a shared cache or shown
 * again from the browser's cache after sign-out. Mounted after the static files, which
 * are the same for everyone and keep their long cache.
 */
export const privateWhenSignedIn: RequestHandler = (req, res, next) => {
  const signedIn = hasCookie(req.headers.cookie, SESSION_COOKIE);
  const writeHead = res.writeHead;
  // Remix appends its headers just before the head is written (also for a flushed event
  // stream), so the decision is made there, last.
  res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
    if (signedIn || setsCookie(res.getHeader("Set-Cookie"), SESSION_COOKIE)) res.setHeader("Cache-Control", "private, no-store");
    return writeHead.apply(this, args);
  } as Response["writeHead"];
  next();
};
