// Database-backed sessions. The cookie carries a random token; the Session row is keyed
// by its SHA-256, so a leaked database does not hand out live sessions.
import { redirect } from "@remix-run/node";
import { getPrisma } from "#app/lib/db.server.ts";
import { clearCookie, readCookie, setCookie } from "#app/lib/cookies.server.ts";
import { newToken, sha256 } from "#app/lib/security.server.ts";

const COOKIE = "samband_session";
const MAX_AGE_DAYS = 30;

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: "researcher" | "company_rep" | "coordinator" | "admin";
  locale: string | null;
}

export async function createSession(request: Request, userId: string): Promise<string> {
  const token = newToken();
  await getPrisma().session.create({
    data: { id: sha256(token), userId, expiresAt: new Date(Date.now() + MAX_AGE_DAYS * 24 * 3600 * 1000) },
  });
  return setCookie(request, COOKIE, token, MAX_AGE_DAYS * 24 * 3600);
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getSession(request))?.user ?? null;
}

/** The signed-in user with their session's id and expiry, for what must end with the session (live notification streams). */
export async function getSession(request: Request): Promise<{ id: string; expiresAt: Date; user: SessionUser } | null> {
  const token = await readCookie(request, COOKIE);
  if (!token) return null;
  const id = sha256(token);
  const session = await getPrisma().session.findUnique({
    where: { id },
    select: { expiresAt: true, user: { select: { id: true, name: true, email: true, role: true, locale: true, suspendedAt: true } } },
  });
  // A suspended account's sessions are deleted when it is suspended; this also covers a
  // request that was already past that point.
  if (!session || session.expiresAt < new Date() || session.user.suspendedAt) return null;
  const { suspendedAt: _suspended, ...user } = session.user;
  return { id, expiresAt: session.expiresAt, user };
}

/** Of these session ids, the ones still signed in. */
export async function liveSessionIds(ids: string[], now = new Date()): Promise<Set<string>> {
  const rows = await getPrisma().session.findMany({
    where: { id: { in: ids }, expiresAt: { gt: now }, user: { suspendedAt: null } },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}

/** The signed-in user, or a redirect to sign in that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

/** A platform administrator (user role admin); anyone else signed in gets 403. */
export async function requireAdmin(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (user.role !== "admin") throw new Response("Administrators only", { status: 403 });
  return user;
}

export async function destroySession(request: Request): Promise<string> {
  const token = await readCookie(request, COOKIE);
  if (token) await getPrisma().session.deleteMany({ where: { id: sha256(token) } });
  return clearCookie(request, COOKIE);
}

/** Signs out everywhere, e.g. after a password reset. */
export async function destroyAllSessions(userId: string): Promise<void> {
  await getPrisma().session.deleteMany({ where: { userId } });
}

/** Only same-site paths: an open redirect would let a link send people elsewhere after sign-in. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length > 2000 || !to.startsWith("/")) return fallback;
  // Browsers drop tabs and newlines from URLs and read "\" as "/", so "/\tevil.example" or
  // "/\\evil.example" would leave the site: refuse every control character and backslash, then
  // check that the path, resolved as a browser would, stays on this origin.
  if ([...to].some((ch) => ch.charCodeAt(0) < 0x20 || ch === "\u007f" || ch === "\\")) return fallback;
  const probe = "http://samband.invalid";
  try {
    const resolved = new URL(to, probe);
    if (resolved.origin !== probe) return fallback;
    return resolved.pathname + resolved.search + resolved.hash;
  } catch {
    return fallback;
  }
}
