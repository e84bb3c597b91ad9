// Email domains an organization's people have (e.g. "kau.se"). A site admin verifies them;
// a person with a confirmed address at one joins the organization without waiting. Free
// mail services are never an organization's domain: anyone can have an address there.

const FREE_MAIL = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "hotmail.se",
  "live.com",
  "live.se",
  "msn.com",
  "yahoo.com",
  "yahoo.se",
  "icloud.com",
  "me.com",
  "mac.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
  "gmx.net",
  "mail.com",
  "telia.com",
  "spray.se",
  "bredband.net",
  "comhem.se",
]);

const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export type DomainsResult = { ok: true; domains: string[] } | { ok: false; error: "invalid" | "free-mail" | "too-many"; domain?: string };

/** Parses a comma- or space-separated list, lower-cased, without "@" or duplicates; at most 10. */
export function parseEmailDomains(text: string): DomainsResult {
  const parts = text
    .toLowerCase()
    .split(/[\s,;]+/)
    .map((d) => d.replace(/^@/, ""))
    .filter(Boolean);
  const domains = [...new Set(parts)];
  if (domains.length > 10) return { ok: false, error: "too-many" };
  for (const d of domains) {
    if (!DOMAIN.test(d)) return { ok: false, error: "invalid", domain: d.slice(0, 60) };
    if (FREE_MAIL.has(d)) return { ok: false, error: "free-mail", domain: d };
  }
  return { ok: true, domains };
}

/** The domain of an address, lower-case ("eva@KAU.se" → "kau.se"). */
export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}
