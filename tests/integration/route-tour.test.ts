// The route tour itself: every page route in app/routes has a stop, and every stop
// answers its person with the status it expects. A page added without a stop fails here,
// and with it every test that walks the tour (languages, accessibility, narrow screens).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "#tests/helpers/http.ts";
import {
  chooseLanguageOverHttp,
  signInOverHttp,
  startTour,
  stopsByPerson,
  TOUR,
  untouredPageRoutes,
  type Who,
} from "#tests/helpers/route-tour.ts";

let tour: Awaited<ReturnType<typeof startTour>>;
beforeAll(async () => {
  tour = await startTour();
});
afterAll(async () => {
  await tour?.stop();
});

describe("the route tour", () => {
  it("has a stop for every page route", () => {
    expect(untouredPageRoutes(), "page routes without a stop in TOUR (tests/helpers/route-tour.ts)").toEqual([]);
    expect(TOUR.every((r) => r.stops.length > 0)).toBe(true);
  });

  it("every stop answers its person, with either language chosen", async () => {
    const wrong: string[] = [];
    for (const [who, stops] of stopsByPerson()) {
      const client: Client = await signInOverHttp(tour.web.url, who as Who);
      for (const lang of ["en", "sv"] as const) {
        await chooseLanguageOverHttp(client, lang);
        for (const stop of stops) {
          const res = await client.get(stop.path);
          await res.arrayBuffer();
          const expected = stop.status ?? 200;
          if (res.status !== expected) wrong.push(`${stop.path} as ${who} (${lang}, ${stop.note}): ${res.status}, expected ${expected}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
