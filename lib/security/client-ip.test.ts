import { describe, expect, it } from "vitest";
import { clientIp, UNKNOWN_IP } from "./client-ip";

describe("client IP", () => {
  it("behind a trusted proxy, takes the address the proxy appended, never the client's own entries", () => {
    expect(clientIp("203.0.113.7", true)).toBe("203.0.113.7");
    // The client forged the first entry; the proxy appended the real one.
    expect(clientIp("1.2.3.4, 198.51.100.23", true)).toBe("198.51.100.23");
    expect(clientIp("1.2.3.4,  2001:DB8::1 ", true)).toBe("2001:db8::1");
    expect(clientIp("[2001:db8::2]:443", true)).toBe("2001:db8::2");
    expect(clientIp("203.0.113.9:51234", true)).toBe("203.0.113.9");
    expect(clientIp("::ffff:127.0.0.1", true)).toBe("127.0.0.1");
    expect(clientIp("1.2.3.4, pas-une-adresse", true)).toBe(UNKNOWN_IP);
    expect(clientIp(null, true)).toBe(UNKNOWN_IP);
  });

  it("without a trusted proxy, keeps only a single valid address (what Next.js sets from the socket)", () => {
    expect(clientIp("127.0.0.1", false)).toBe("127.0.0.1");
    expect(clientIp("::1", false)).toBe("::1");
    expect(clientIp("::ffff:192.0.2.1", false)).toBe("192.0.2.1");
    // A list or garbage cannot come from Next.js: one shared bucket, not a fresh one per value.
    expect(clientIp("1.2.3.4, 5.6.7.8", false)).toBe(UNKNOWN_IP);
    expect(clientIp("<script>", false)).toBe(UNKNOWN_IP);
    expect(clientIp("", false)).toBe(UNKNOWN_IP);
    expect(clientIp(null, false)).toBe(UNKNOWN_IP);
  });
});
