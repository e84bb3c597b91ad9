// Swedish organisation numbers (organisationsnummer): ten digits, NNNNNN-NNNN, the
// last a Luhn check digit over the first nine. Pure functions, no I/O.

export type OrgNumberResult = { ok: true; value: string } | { ok: false; error: string };

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Accepts "5560000000", "556000-0000" or with a space; returns the NNNNNN-NNNN form. */
export function parseOrgNumber(input: string): OrgNumberResult {
  const trimmed = input.trim();
  if (!/^\d{6}[- ]?\d{4}$/.test(trimmed)) {
    return { ok: false, error: "must be 10 digits written NNNNNN-NNNN" };
  }
  const digits = trimmed.replace(/\D/g, "");
  // The third digit of an organisation number is at least 2, which tells it apart
  // from a personal identity number (month 01-12).
  if (Number(digits[2]) < 2) {
    return { ok: false, error: "is a personal identity number, not an organisation number (third digit must be 2 or more)" };
  }
  if (luhnCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) {
    return { ok: false, error: "has a wrong check digit (the last digit)" };
  }
  return { ok: true, value: `${digits.slice(0, 6)}-${digits.slice(6)}` };
}
