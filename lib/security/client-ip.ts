// The client's IP address, for the per-IP rate limits (lib/security/rate-limit.ts). Pure.
//
// Next.js route handlers do not expose the socket's address. What they get is the
// `X-Forwarded-For` header, which `next start` fills with the socket's address only when the
// request did not bring one (base-server: `x-forwarded-for ??= socket.remoteAddress`):
//
//  - TRUST_PROXY=true — a reverse proxy we run is in front (production always has one: it
//    terminates HTTPS, `next start` speaks plain http). It APPENDS the address it sees to
//    the header, so the LAST entry is the real client; anything before it came from the
//    client and is ignored. The proxy must append (nginx `$proxy_add_x_forwarded_for`,
//    Scalingo, Clever Cloud, Traefik do) and must be the only way in.
//  - TRUST_PROXY=false — the portal is reached directly (development, demo, browser tests).
//    A single valid address is what Next.js set from the socket… or what the client sent:
//    the two cannot be told apart, so the per-IP limit is best effort here (the per-user
//    limits do not depend on it). A header that is not one valid address (a list, garbage)
//    cannot come from Next.js: such requests share one "unknown" bucket, so sending
//    garbage does not escape the limit.
import { isIP } from "node:net";

/** Key used for requests whose address cannot be read. */
export const UNKNOWN_IP = "unknown";

function normalize(raw: string | undefined): string | null {
  if (!raw) return null;
  let value = raw.trim();
  // "[2001:db8::1]:443" or "203.0.113.7:51234" (some proxies add the port).
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) value = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  if (!isIP(value)) return null;
  // IPv4-mapped IPv6 (Node's dual-stack sockets): the same client as its IPv4 address.
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(value);
  return (mapped?.[1] ?? value).toLowerCase();
}

/** The client's address as this deployment can know it, or UNKNOWN_IP. */
export function clientIp(forwardedFor: string | null, trustProxy: boolean): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (trustProxy) return normalize(entries.at(-1)) ?? UNKNOWN_IP;
  return entries.length === 1 ? (normalize(entries[0]) ?? UNKNOWN_IP) : UNKNOWN_IP;
}
