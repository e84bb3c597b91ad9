import { describe, expect, it } from "vitest";
import { clientAddress } from "#app/lib/client-ip.ts";

describe("clientAddress", () => {
  it.each<[string, string | undefined, string | string[] | undefined, number, string]>([
    ["no proxy: the socket's peer", "203.0.113.7", undefined, 0, "203.0.113.7"],
    ["no trusted proxy: a forged header is ignored", "203.0.113.7", "198.51.100.1", 0, "203.0.113.7"],
    ["no trusted proxy, forged chain", "203.0.113.7", "1.1.1.1, 2.2.2.2", 0, "203.0.113.7"],
    ["one proxy: the entry it appended", "10.0.0.2", "198.51.100.1", 1, "198.51.100.1"],
    ["one proxy: what the client wrote to the left is not believed", "10.0.0.2", "6.6.6.6, 198.51.100.1", 1, "198.51.100.1"],
    ["two proxies: second from the right", "10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.9", 2, "198.51.100.1"],
    ["chain shorter than the hops: the farthest seen", "10.0.0.2", "198.51.100.1", 3, "198.51.100.1"],
    ["several headers are one list", "10.0.0.2", ["6.6.6.6", "198.51.100.1"], 1, "198.51.100.1"],
    ["trusted but no header: the peer", "10.0.0.2", undefined, 1, "10.0.0.2"],
    ["trusted, empty header: the peer", "10.0.0.2", " , ", 1, "10.0.0.2"],
    ["an entry that is not an address: the peer", "10.0.0.2", "evil.example", 1, "10.0.0.2"],
    ["IPv6 client", "10.0.0.2", "2001:db8::1", 1, "2001:db8::1"],
    ["IPv6 upper case is the same client", "10.0.0.2", "2001:DB8::1", 1, "2001:db8::1"],
    ["IPv4-mapped peer is the IPv4 address", "::ffff:203.0.113.7", undefined, 0, "203.0.113.7"],
    ["IPv4-mapped entry is the IPv4 address", "10.0.0.2", "::ffff:198.51.100.1", 1, "198.51.100.1"],
    ["no peer address (socket gone)", undefined, undefined, 0, "unknown"],
  ])("%s", (_, remote, header, hops, want) => {
    expect(clientAddress(remote, header, hops)).toBe(want);
  });
});
