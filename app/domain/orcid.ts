// ORCID iDs: 16 characters in four groups, the last an ISO 7064 MOD 11-2 check
// character (0-9 or X). Accepts the bare iD or the https://orcid.org/ form. Pure.

export type OrcidResult = { ok: true; value: string } | { ok: false; error: string };

export function orcidCheckChar(first15: string): string {
  let total = 0;
  for (const ch of first15) total = (total + Number(ch)) * 2;
  const result = (12 - (total % 11)) % 11;
  return result === 10 ? "X" : String(result);
}

export function parseOrcid(input: string): OrcidResult {
  const bare = input.trim().replace(/^https?:\/\/(www\.)?orcid\.org\//i, "");
  const m = /^(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dXx])$/.exec(bare);
  if (!m) return { ok: false, error: "must look like 0000-0002-1825-0097" };
  const digits = (m[1]! + m[2]! + m[3]! + m[4]!).toUpperCase();
  if (orcidCheckChar(digits.slice(0, 15)) !== digits[15]) {
    return { ok: false, error: "has a wrong check character (the last one)" };
  }
  return { ok: true, value: digits.match(/.{4}/g)!.join("-") };
}
