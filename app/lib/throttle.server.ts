// Sign-in throttling in Redis, per account and per IP address, so guessing passwords is
// slow whichever of the two an attacker varies. Counters expire on their own.
import type { Redis } from "ioredis";
import { redisConnection, redisKey } from "./redis.server.ts";
import { sha256 } from "./security.server.ts";

export const LIMITS = { account: 5, ip: 30, windowSeconds: 15 * 60 };

let redis: Redis | undefined;
const client = () => (redis ??= redisConnection("producer"));
const keys = (email: string, ip: string) => [redisKey("throttle", "login", "account", sha256(email.toLowerCase())), redisKey("throttle", "login", "ip", ip)];

export type Throttle = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export async function loginAllowed(email: string, ip: string): Promise<Throttle> {
  const [account, address] = keys(email, ip);
  try {
    const [[, a], [, i], [, ttlA], [, ttlI]] = (await client().multi().get(account!).get(address!).ttl(account!).ttl(address!).exec()) as [unknown, string | number | null][];
    if (Number(a ?? 0) >= LIMITS.account) return { allowed: false, retryAfterSeconds: Math.max(1, Number(ttlA)) };
    if (Number(i ?? 0) >= LIMITS.ip) return { allowed: false, retryAfterSeconds: Math.max(1, Number(ttlI)) };
    return { allowed: true };
  } catch (error) {
    // Redis down: let people sign in (passwords are still checked) rather than lock everyone out.
    console.warn(`[throttle] Redis unavailable, not throttling: ${(error as Error).message}`);
    return { allowed: true };
  }
}

export async function recordLoginFailure(email: string, ip: string): Promise<void> {
  const m = client().multi();
  for (const key of keys(email, ip)) m.incr(key).expire(key, LIMITS.windowSeconds, "NX");
  await m.exec().catch(() => {});
}

export async function clearAccountFailures(email: string): Promise<void> {
  await client().del(keys(email, "-")[0]!).catch(() => {});
}
