import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatKronor, formatList, formatPercent } from "#app/i18n/format.ts";

// Intl uses narrow no-break spaces as group separators; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("formats per language", () => {
  it.each([
    ["sv", 4_000_000, "4 000 000 kr"],
    ["en", 4_000_000, "SEK 4,000,000"],
    ["sv", 0, "0 kr"],
    ["sv", 1234.6, "1 235 kr"],
  ] as const)("%s kronor %d → %s", (locale, n, text) => expect(plain(formatKronor(locale, n))).toBe(text));

  it("writes dates in the reader's language, in Stockholm's day, with no seconds", () => {
    // 23:30 UTC on 30 November is already 1 December in Stockholm.
    expect(formatDate("sv", "2026-11-30T23:30:00Z")).toBe("1 december 2026");
    expect(formatDate("en", "2026-11-30T23:30:00Z")).toBe("1 December 2026");
    expect(plain(formatDateTime("sv", "2026-06-01T12:05:09Z"))).toBe("1 juni 2026 14:05");
    expect(formatDateTime("en", "2026-06-01T12:05:09Z")).not.toMatch(/:09/);
  });

  it("writes shares and lists", () => {
    expect(plain(formatPercent("sv", 0.4))).toBe("40 %");
    expect(formatPercent("en", 0.125)).toBe("12.5%");
    expect(formatList("sv", ["A", "B", "C"])).toBe("A, B och C");
    expect(formatList("en", ["A", "B"])).toBe("A and B");
  });
});
