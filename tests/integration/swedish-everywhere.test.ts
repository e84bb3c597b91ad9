// Every page of the tour, in Swedish, over HTTP: no text a reader meets (text, the title,
// aria-labels, placeholders, alt texts, buttons' values) is one that exists only in the
// English catalogue, and the document says lang="sv". A page that forgets a key, renders
// a stored English text or formats by hand in English fails here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishOnlyStrings, findEnglishOnly } from "#app/i18n/english-only.ts";
import { chooseLanguageOverHttp, signInOverHttp, startTour, stopsByPerson, type Who } from "#tests/helpers/route-tour.ts";

let tour: Awaited<ReturnType<typeof startTour>>;
beforeAll(async () => {
  tour = await startTour();
});
afterAll(async () => {
  await tour?.stop();
});

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) =>
    e[0] === "#"
      ? String.fromCodePoint(e[1]?.toLowerCase() === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (ENTITIES[e] ?? whole),
  );

/** What a reader meets in server-rendered HTML: each text node, and the attributes read out or shown. */
export function visibleTexts(html: string): string[] {
  const body = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, "").replace(/<!--[\s\S]*?-->/g, "\u0000");
  const out: string[] = [];
  for (const m of body.matchAll(/>([^<]+)</g)) for (const piece of m[1]!.split("\u0000")) if (piece.trim()) out.push(decode(piece));
  for (const tag of body.matchAll(/<(\w+)\b([^>]*)>/g)) {
    const [, name, attrs] = tag;
    for (const a of attrs!.matchAll(/\s([\w-]+)="([^"]*)"/g)) {
      const [, attr, value] = a;
      const isButtonValue = attr === "value" && (name === "button" || /type="(submit|button|reset)"/.test(attrs!));
      if (["title", "aria-label", "placeholder", "alt"].includes(attr!) || isButtonValue) out.push(decode(value!));
    }
  }
  return out;
}

describe("Swedish everywhere", () => {
  it("finds English-only texts in a page, and nothing in a Swedish one (the check itself)", () => {
    const english = visibleTexts('<p>Sign in</p><nav aria-label="Main"></nav><p>Co-funding of SEK 5 covers the SEK 5 required.</p>');
    expect(findEnglishOnly(english).map((f) => f.text)).toEqual(expect.arrayContaining(["Sign in", "Main"]));
    expect(findEnglishOnly(visibleTexts('<p>Logga in</p><nav aria-label="Huvudmeny"></nav><title>Start – Samband</title>'))).toEqual([]);
  });

  it("shows every page of the tour in Swedish only, with lang=sv", async () => {
    const englishOnly = englishOnlyStrings();
    const wrong: string[] = [];
    for (const [who, stops] of stopsByPerson()) {
      const client = await signInOverHttp(tour.web.url, who as Who);
      await chooseLanguageOverHttp(client, "sv");
      for (const stop of stops) {
        const res = await client.get(stop.path);
        const html = await res.text();
        const where = `${stop.path} as ${who} (${stop.note})`;
        if (res.status !== (stop.status ?? 200)) wrong.push(`${where}: status ${res.status}`);
        if (!/<html lang="sv"/.test(html)) wrong.push(`${where}: not <html lang="sv">`);
        if (!/<title>[^<]+ – Samband<\/title>/.test(html)) wrong.push(`${where}: no "<page> – Samband" title`);
        for (const f of findEnglishOnly(visibleTexts(html), englishOnly)) wrong.push(`${where}: “${f.text}” (${f.key})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
