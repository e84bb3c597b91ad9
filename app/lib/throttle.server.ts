// Throttling of sign-in, password-reset and organization-search requests, counted atomically in Redis by
// rate-limiter-flexible, so concurrent requests cannot slip past a limit between a check
// and a count: each attempt takes its point before the password is checked.
//
// Sign-in follows the library's login-protection pattern (docs/decisions/0010):
// - per account and client address: a few free failures, then a wait that doubles with
//   each further failure (1 min, 2, 4, 8, 15 at most), with one try after each wait. A
//   success clears it. Someone hammering an account from one address slows only that
//   address down; the owner elsewhere signs in as usual.
// - per account, from all addresses: a looser limit against guessing from many addresses.
//   An address the account signed in from before is exempt, so even guessing from many
//   addresses does not keep the owner out where they usually sign in.
// - per client address, over all accounts: against trying one password on many accounts.
// Redis down: the same limits, per web process in memory (the library's insurance limiter).
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { redisConnection, redisKey } from "#app/lib/redis.server.ts";
import { sha256 } from "#app/lib/security.server.ts";

const MINUTE = 60;
const HOUR = 3600;
const DAY = 24 * HOUR;
/** How long an address an account signed in from stays exempt from the account's limit. */
const KNOWN_DAYS = 30;

export const LIMITS = {
  /** Failed sign-ins for one account from one address before the waits begin. */
  pairFree: 5,
  /** The first wait after those; each further failure doubles it, up to `pairMaxWaitSeconds`. */
  pairFirstWaitSeconds: MINUTE,
  pairMaxWaitSeconds: 15 * MINUTE,
  /** Failed sign-ins for one account from all addresses, per hour. */
  account: 50,
  /** Failed sign-ins from one address to any accounts, per hour. */
  ip: 100,
  /** Password-reset emails asked for one address (account or not), per hour. */
  resetAccount: 3,
  /** Password-reset requests from one client address, per hour. */
  resetIp: 20,
  /** Organization picker searches from one client address, per minute (one per key typed, so generous). */
  orgSearch: 300,
};

/** The wait after the `strike`-th failure beyond the free ones (1-based). */
export function backoffSeconds(strike: number): number {
  return Math.min(LIMITS.pairFirstWaitSeconds * 2 ** Math.max(0, strike - 1), LIMITS.pairMaxWaitSeconds);
}

type Limiter = RateLimiterRedis;

let redis: Redis | undefined;
let ready: Promise<void> | undefined;
let limiters: ReturnType<typeof makeLimiters> | undefined;
let lastWarning = 0;

function makeLimiters(client: Redis) {
  const make = (name: string, points: number, duration: number): Limiter =>
    new RateLimiterRedis({
      storeClient: client,
      keyPrefix: redisKey("throttle", name),
      points,
      duration,
      // Not connected: count in memory at once instead of failing or waiting per request.
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: `memory:${name}`, points, duration }),
    });
  return {
    pair: make("login:pair", LIMITS.pairFree, DAY),
    strikes: make("login:strikes", 1_000_000, DAY),
    account: make("login:account", LIMITS.account, HOUR),
    ip: make("login:ip", LIMITS.ip, HOUR),
    known: make("login:known", 1, KNOWN_DAYS * DAY),
    resetAccount: make("reset:account", LIMITS.resetAccount, HOUR),
    resetIp: make("reset:ip", LIMITS.resetIp, HOUR),
    orgSearch: make("search:organizations", LIMITS.orgSearch, MINUTE),
  };
}

/**
 * The limiters, once the first connection to Redis is made (or has had its chance): the
 * producer connection does not queue commands while connecting, so the first sign-in
 * after start would otherwise find it "not ready" and count in memory.
 */
async function store() {
  if (!redis) {
    const client = redisConnection("producer");
    redis = client;
    ready = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 3000);
      client.once("ready", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    limiters = makeLimiters(client);
  }
  await ready;
  if (redis.status !== "ready" && Date.now() - lastWarning > 60_000) {
    lastWarning = Date.now();
    console.warn(`[throttle] Redis unavailable (${redis.status}): counting sign-in, reset and search attempts in this process's memory`);
  }
  return limiters!;
}

const accountKey = (email: string) => sha256(email.trim().toLowerCase());
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** The points taken, or a refusal (the library rejects with a RateLimiterRes when over the limit). */
async function take(limiter: Limiter, key: string, points = 1): Promise<RateLimiterRes | { refused: true; retryAfterSeconds: number }> {
  try {
    return await limiter.consume(key, points);
  } catch (error) {
    if (error instanceof RateLimiterRes) return { refused: true, retryAfterSeconds: seconds(error.msBeforeNext) };
    throw error;
  }
}
const refused = (r: object): r is { refused: true; retryAfterSeconds: number } => "refused" in r;

export type SignInGate =
  { allowed: false; retryAfterSeconds: number } | { allowed: true; failed: () => Promise<void>; succeeded: () => Promise<void> };

/**
 * Takes a sign-in attempt's points before its password is checked. Allowed: call
 * `failed()` or `succeeded()` after the check. The answer does not depend on whether the
 * account exists.
 */
export async function signInGate(email: string, ip: string): Promise<SignInGate> {
  const l = await store();
  const account = accountKey(email);
  const pairKey = `${account}:${ip}`;

  const byIp = await take(l.ip, ip);
  if (refused(byIp)) return { allowed: false, retryAfterSeconds: byIp.retryAfterSeconds };
  // After a wait, one try: it takes all the free points, so concurrent tries find none.
  const strikes = (await l.strikes.get(pairKey))?.consumedPoints ?? 0;
  const cost = strikes > 0 ? LIMITS.pairFree : 1;
  const byPair = await take(l.pair, pairKey, cost);
  if (refused(byPair)) {
    await l.ip.reward(ip);
    // Tries refused while the free ones are still being checked see the key's whole
    // lifetime; the wait that follows is at most the next one.
    return { allowed: false, retryAfterSeconds: Math.min(byPair.retryAfterSeconds, backoffSeconds(strikes + 1)) };
  }
  const known = (await l.known.get(pairKey)) !== null;
  const byAccount = known ? undefined : await take(l.account, account);
  if (byAccount && refused(byAccount)) {
    await Promise.all([l.ip.reward(ip), l.pair.reward(pairKey, cost)]);
    return { allowed: false, retryAfterSeconds: byAccount.retryAfterSeconds };
  }
  return {
    allowed: true,
    failed: async () => {
      // The try that used the last free point (or the one after a wait) starts the next wait.
      if (byPair.consumedPoints < LIMITS.pairFree) return;
      const strike = (await l.strikes.penalty(pairKey)).consumedPoints;
      await l.pair.block(pairKey, backoffSeconds(strike));
    },
    succeeded: async () => {
      // Not a failure: give the points back, and forget this pair's failures.
      await Promise.all([
        l.pair.delete(pairKey),
        l.strikes.delete(pairKey),
        l.ip.reward(ip),
        byAccount ? l.account.reward(account) : undefined,
        l.known.set(pairKey, 1, KNOWN_DAYS * DAY),
      ]);
    },
  };
}

/**
 * Whether a password-reset email may be asked for this address from this client. Counted
 * whether or not an account has the address, so the limit reveals nothing either.
 */
export async function resetAllowed(email: string, ip: string): Promise<boolean> {
  const l = await store();
  if (refused(await take(l.resetIp, ip))) return false;
  return !refused(await take(l.resetAccount, accountKey(email)));
}

/**
 * Whether one more unrequested email may go to this address (shared with reset links: at
 * most `LIMITS.resetAccount` an hour), so repeating a form with someone's address cannot
 * flood their mailbox.
 */
export async function addressMailAllowed(email: string): Promise<boolean> {
  const l = await store();
  return !refused(await take(l.resetAccount, accountKey(email)));
}

/**
 * Whether one more organization search may be answered for this client address: the
 * picker is open to visitors, so a loop must not turn it into a way to read the table
 * or to keep the database busy. The seconds to wait when not.
 */
export async function orgSearchAllowed(ip: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const l = await store();
  const r = await take(l.orgSearch, ip);
  return refused(r) ? { allowed: false, retryAfterSeconds: r.retryAfterSeconds } : { allowed: true };
}
