import { afterEach, describe, expect, it, vi } from "vitest";
import { Limiter } from "#server/shed.ts";

/** Lets pending promise callbacks run. */
const settle = () => new Promise<void>((r) => setImmediate(r));

/** Acquires and records what became of the ticket: "running", "refused: …", or still "waiting". */
function request(limiter: Limiter) {
  const ticket = limiter.acquire();
  const state = { now: ticket ? "waiting" : "refused at once", release: undefined as (() => void) | undefined, cancel: ticket?.cancel };
  ticket?.ready.then(
    (release) => {
      state.now = "running";
      state.release = release;
    },
    (why: string) => (state.now = `refused: ${why}`),
  );
  return state;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("Limiter", () => {
  it("runs up to the concurrency at once, queues up to the queue limit, refuses the rest at once", async () => {
    const limiter = new Limiter(2, 3, 60_000);
    const requests = Array.from({ length: 8 }, () => request(limiter));
    await settle();
    expect(requests.map((r) => r.now)).toEqual([
      "running",
      "running",
      "waiting",
      "waiting",
      "waiting",
      "refused at once",
      "refused at once",
      "refused at once",
    ]);
    expect([limiter.running, limiter.queued]).toEqual([2, 3]);
  });

  it("hands a freed slot to the longest waiter, first come first served", async () => {
    const limiter = new Limiter(1, 3, 60_000);
    const [a, b, c, d] = Array.from({ length: 4 }, () => request(limiter));
    await settle();
    a!.release!();
    await settle();
    expect([b!.now, c!.now, d!.now]).toEqual(["running", "waiting", "waiting"]);
    b!.release!();
    await settle();
    expect([c!.now, d!.now]).toEqual(["running", "waiting"]);
    expect([limiter.running, limiter.queued]).toEqual([1, 1]);
  });

  it("counts a release once however often it is called", async () => {
    const limiter = new Limiter(1, 0, 60_000);
    const a = request(limiter);
    await settle();
    a.release!();
    a.release!();
    expect(limiter.running).toBe(0);
    const [b, c] = [request(limiter), request(limiter)];
    await settle();
    expect([b.now, c.now]).toEqual(["running", "refused at once"]);
  });

  it("frees the place of a waiter whose client went away", async () => {
    const limiter = new Limiter(1, 1, 60_000);
    const [a, b] = [request(limiter), request(limiter)];
    await settle();
    b.cancel!();
    await settle();
    expect(b.now).toBe("refused: client left");
    expect(limiter.queued).toBe(0);
    const c = request(limiter); // the queue has room again
    a.release!();
    await settle();
    expect(c.now).toBe("running");
    b.cancel!(); // a second cancel, or one after the turn came, changes nothing
    expect([limiter.running, limiter.queued]).toEqual([1, 0]);
  });

  it("refuses a request that waited longer than the bound, and keeps the others in order", async () => {
    vi.useFakeTimers();
    const limiter = new Limiter(1, 5, 5_000);
    const a = request(limiter);
    const b = request(limiter);
    await vi.advanceTimersByTimeAsync(3_000);
    const c = request(limiter);
    await vi.advanceTimersByTimeAsync(2_000); // b has waited 5 s, c 2 s
    expect([a.now, b.now, c.now]).toEqual(["running", "refused: waited too long", "waiting"]);
    a.release!();
    await vi.advanceTimersByTimeAsync(0);
    expect(c.now).toBe("running");
    await vi.advanceTimersByTimeAsync(10_000); // its timer was cleared when its turn came
    expect(c.now).toBe("running");
    expect([limiter.running, limiter.queued]).toEqual([1, 0]);
  });

  it("with a queue of 0 refuses as soon as every slot is taken", async () => {
    const limiter = new Limiter(3, 0, 60_000);
    const requests = Array.from({ length: 5 }, () => request(limiter));
    await settle();
    expect(requests.map((r) => r.now)).toEqual(["running", "running", "running", "refused at once", "refused at once"]);
  });
});
