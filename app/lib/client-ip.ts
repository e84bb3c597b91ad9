// Which address a request comes from, for throttling. Behind a reverse proxy the socket's
// peer is the proxy, and the client is in X-Forwarded-For; but anyone can send that
// header, so only the entries our own proxies appended are believed: with `trustedHops`
// proxies in front, each appends the address it saw, and the client is the
// `trustedHops`-th entry from the right. Everything to its left came from the client.
import { isIP } from "node:net";

/** "::ffff:10.0.0.1" (IPv4 on a dual-stack socket) and "10.0.0.1" are one client. */
function normalize(address: string): string {
  const a = address.trim().toLowerCase();
  return a.startsWith("::ffff:") && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

/**
 * The client's address: the socket's peer with no trusted proxy, else the entry of
 * X-Forwarded-For written by the outermost trusted proxy. A chain shorter than the
 * configured hops yields its leftmost entry (the farthest any proxy saw); an entry that
 * is not an IP address yields the socket's peer, so garbage never becomes a key.
 */
export function clientAddress(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string {
  const peer = remoteAddress ? normalize(remoteAddress) : "unknown";
  if (trustedHops <= 0 || forwardedFor === undefined) return peer;
  // Several X-Forwarded-For headers are one list, in order.
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length === 0) return peer;
  const candidate = normalize(chain[Math.max(0, chain.length - trustedHops)]!);
  return isIP(candidate) ? candidate : peer;
}
