// Pure rules of the technical access log: what of a request is kept, and for how long.
import { subMonths } from "date-fns";

/** The path without its query string: search terms and filters may be personal data. */
export function pathOnly(pathWithQuery: string): string {
  const cut = pathWithQuery.search(/[?#]/);
  const path = cut >= 0 ? pathWithQuery.slice(0, cut) : pathWithQuery;
  return (path || "/").slice(0, 2000);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The last identifier in a path ("/commandes/<uuid>/modifier" → the uuid), if any. */
export function idInPath(path: string): string | undefined {
  return pathOnly(path)
    .split("/")
    .reverse()
    .find((segment) => UUID.test(segment));
}

/**
 * The client's address reduced to its network: IPv4 /24 ("192.0.2.0"), IPv6 /48
 * ("2001:db8:1::"). Enough to spot a campaign from one network, not to name a person.
 * `forwardedFor` is the X-Forwarded-For header (the first address is the client's).
 */
export function ipPrefix(forwardedFor: string | null | undefined): string | null {
  const first = forwardedFor?.split(",")[0]?.trim();
  if (!first) return null;
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/i.exec(first);
  if (v4) {
    const parts = v4.slice(1, 4).map(Number);
    if (parts.some((n) => n > 255)) return null;
    return `${parts.join(".")}.0`;
  }
  if (/^[0-9a-f:]+$/i.test(first) && first.includes(":")) {
    const [head = "", tail = "", ...rest] = first.split("::");
    if (rest.length) return null;
    const h = head.split(":").filter(Boolean);
    const t = tail.split(":").filter(Boolean);
    const zeros = first.includes("::") ? 8 - h.length - t.length : 0;
    const groups = [...h, ...Array(Math.max(zeros, 0)).fill("0"), ...t];
    if (groups.length !== 8 || groups.some((g) => g.length > 4)) return null;
    return `${groups
      .slice(0, 3)
      .map((g) => Number.parseInt(g, 16).toString(16))
      .join(":")}::`;
  }
  return null;
}

export const DEFAULT_RETENTION_MONTHS = 12;

/** Technical data older than this instant is purged: `months` calendar months before `now`. */
export function retentionCutoff(now: Date, months: number): Date {
  return subMonths(now, months);
}
