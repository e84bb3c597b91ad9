// Cookie attributes in one place: httpOnly, SameSite=Lax, Secure on HTTPS and in
// production (except on this machine's own address, where browsers accept it anyway).
import { createCookie } from "@remix-run/node";

function secure(request: Request): boolean {
  const url = new URL(request.url);
  if (url.protocol === "https:") return true;
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  return process.env.NODE_ENV === "production" && !loopback;
}

function cookie(request: Request, name: string, maxAge?: number) {
  return createCookie(name, { httpOnly: true, sameSite: "lax", path: "/", secure: secure(request), maxAge });
}

export async function readCookie(request: Request, name: string): Promise<string | undefined> {
  const value: unknown = await cookie(request, name).parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : undefined;
}

export function setCookie(request: Request, name: string, value: string, maxAgeSeconds: number): Promise<string> {
  return cookie(request, name, maxAgeSeconds).serialize(value);
}

export function clearCookie(request: Request, name: string): Promise<string> {
  return cookie(request, name, 0).serialize("", { maxAge: 0 });
}
