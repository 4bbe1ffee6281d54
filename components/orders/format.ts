// Display helpers of the order screens (pure, usable on the server and in the browser).

/** "2026-12-01" → "01/12/2026" */
export function shortDate(iso: string): string {
  return iso.split("-").reverse().join("/");
}

/** "du 01/12/2026 au 31/03/2027" */
export function formatPeriod(startsOn: string, endsOn: string): string {
  return `du ${shortDate(startsOn)} au ${shortDate(endsOn)}`;
}

/** An exact decimal string in French: "2.5" → "2,5". */
export function frDecimal(value: string): string {
  return value.replace(".", ",");
}
