// Pure rules of the organisations (contractors and beneficiaries).

/** Chorus Pro service code: what Chorus accepts, 1 to 40 letters, digits, "_" or "-". */
export const CHORUS_SERVICE_CODE = /^[A-Za-z0-9_-]{1,40}$/;

export function isChorusServiceCode(s: string): boolean {
  return CHORUS_SERVICE_CODE.test(s);
}

/** A search typed in a list → what to look for by name/acronym and by SIRET digits. */
export function searchTerms(q: string | undefined): { text: string; siretDigits: string | null } | null {
  const text = (q ?? "").trim().slice(0, 100);
  if (text === "") return null;
  const digits = text.replace(/[\s.\u00a0-]/g, "");
  return { text, siretDigits: /^\d{3,14}$/.test(digits) ? digits : null };
}
