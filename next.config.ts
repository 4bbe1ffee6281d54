import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite must stay outside the bundle: Turbopack rewrites its asset path (pglite.data).
  // pdfkit reads its ICC profile from disk for PDF/A; keeping it external is the safe choice.
  serverExternalPackages: ["@electric-sql/pglite", "pdfkit"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
};

export default nextConfig;
