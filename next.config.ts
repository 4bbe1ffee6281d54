import type { NextConfig } from "next";

// Keep in step with MAX_BODY_BYTES in lib/security/requests.ts (next.config.test.ts checks).
const MAX_BODY_BYTES = 2 * 1024 * 1024;

const nextConfig: NextConfig = {
  // PGlite must stay outside the bundle: Turbopack rewrites its asset path (pglite.data).
  // pdfkit reads its ICC profile from disk for PDF/A; keeping it external is the safe choice.
  serverExternalPackages: ["@electric-sql/pglite", "pdfkit"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  experimental: {
    // proxy.ts reads a copy of each POST body to check it (lib/security/body.ts). Next stops
    // the copy at the first network chunk that would pass this size, and drops that chunk:
    // with a copy limit of MAX + 1 the proxy of a 10 MB chunked body saw at most MAX bytes of
    // truncated JSON (a 400 "illisible" instead of the 413). One more MiB, far larger than a
    // network chunk (64 KiB), makes the copy of any body over the limit longer than the
    // limit; it also bounds what is held in memory.
    proxyClientMaxBodySize: MAX_BODY_BYTES + 1024 * 1024,
    // Next's own limit for server actions (1 MB by default, answered with a 500): the same
    // as the proxy's, so a body the proxy accepts is never refused by Next.
    serverActions: { bodySizeLimit: MAX_BODY_BYTES },
  },
};

export default nextConfig;
