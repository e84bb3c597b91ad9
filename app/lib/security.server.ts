// Passwords and tokens.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// OWASP's recommended argon2id parameters (19 MiB, 2 passes, 1 lane).
// algorithm 2 is Argon2id (the package exports it as a const enum, which isolatedModules cannot read).
const ARGON = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  // Without a stored hash, verify against a throw-away one anyway, so the answer takes
  // as long as for a real account and does not reveal which emails exist.
  const target = stored ?? (await dummyHash);
  try {
    return (await verify(target, password)) && stored !== null;
  } catch {
    return false;
  }
}
const dummyHash = hash("not a real password", ARGON);

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
