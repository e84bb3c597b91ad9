import { describe, expect, it } from "vitest";
import { admitStream, type OpenStreams } from "#app/domain/live-streams.ts";

const limits = { perSession: 3, perUser: 5, total: 10 };

describe("admitStream", () => {
  it.each<[string, OpenStreams<number>, ReturnType<typeof admitStream<number>>]>([
    ["the first stream of a session", { session: [], user: [], total: 0 }, { admit: true, replace: [] }],
    ["a session below its limit", { session: [1, 2], user: [1, 2], total: 2 }, { admit: true, replace: [] }],
    ["a session at its limit replaces its oldest", { session: [1, 2, 3], user: [1, 2, 3], total: 3 }, { admit: true, replace: [1] }],
    [
      "a session over its limit (limits lowered) comes back to it",
      { session: [1, 2, 3, 4], user: [1, 2, 3, 4], total: 4 },
      { admit: true, replace: [1, 2] },
    ],
    [
      "another session of the user at the user's limit replaces the user's oldest",
      { session: [6], user: [1, 2, 3, 4, 6], total: 5 },
      { admit: true, replace: [1] },
    ],
    [
      "the session's oldest counts toward the user's limit too",
      { session: [1, 2, 3], user: [1, 2, 3, 4, 5], total: 5 },
      { admit: true, replace: [1] },
    ],
    ["both limits at once", { session: [4, 5, 6], user: [1, 2, 4, 5, 6, 7], total: 6 }, { admit: true, replace: [4, 1] }],
    ["a full process refuses a new session", { session: [], user: [], total: 10 }, { admit: false }],
    [
      "a full process still lets a session at its limit replace its oldest",
      { session: [1, 2, 3], user: [1, 2, 3], total: 10 },
      { admit: true, replace: [1] },
    ],
    ["a process one below full admits", { session: [], user: [], total: 9 }, { admit: true, replace: [] }],
  ])("%s", (_, open, expected) => {
    expect(admitStream(open, limits)).toEqual(expected);
  });

  it("never keeps more than the limits whatever the order of arrivals", () => {
    // Streams from 3 sessions of one user and 4 of others arrive in turn; every limit holds after each.
    const open: { id: number; session: string; user: string }[] = [];
    for (let id = 1; id <= 60; id++) {
      const session = `s${id % 7}`;
      const user = id % 7 < 3 ? "u" : `u${id % 7}`;
      const a = admitStream(
        {
          session: open.filter((s) => s.session === session).map((s) => s.id),
          user: open.filter((s) => s.user === user).map((s) => s.id),
          total: open.length,
        },
        limits,
      );
      if (!a.admit) continue;
      for (const r of a.replace)
        open.splice(
          open.findIndex((s) => s.id === r),
          1,
        );
      open.push({ id, session, user });
      for (const s of new Set(open.map((o) => o.session)))
        expect(open.filter((o) => o.session === s).length).toBeLessThanOrEqual(limits.perSession);
      for (const u of new Set(open.map((o) => o.user))) expect(open.filter((o) => o.user === u).length).toBeLessThanOrEqual(limits.perUser);
      expect(open.length).toBeLessThanOrEqual(limits.total);
    }
    // The user's three sessions share its five streams.
    expect(open.filter((o) => o.user === "u")).toHaveLength(5);
  });
});
