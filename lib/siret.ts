// SIRET: 14 digits whose Luhn checksum is valid (INSEE). La Poste's establishments
// (SIREN 356000000) use a different rule: the digit sum is a multiple of 5.

export function normalizeSiret(raw: string): string {
  return raw.replace(/[\s.\u00a0-]/g, "");
}

export function isValidSiret(raw: string): boolean {
  const s = normalizeSiret(raw);
  if (!/^\d{14}$/.test(s)) return false;
  if (s.startsWith("356000000") && s !== "35600000000048") {
    const sum = [...s].reduce((acc, c) => acc + Number(c), 0);
    return sum % 5 === 0;
  }
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let n = Number(s[13 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

/** "130 025 265 00013" */
export function formatSiret(s: string): string {
  return s.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, "$1 $2 $3 $4");
}
