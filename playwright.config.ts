import { existsSync, writeFileSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests against a production build (`next build` + scripts/serve.ts, as `npm start`)
 * on the embedded PostgreSQL. Ports and folders come from the environment so
 * parallel runs do not collide.
 */
const port = Number(process.env.PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const distDir = process.env.NEXT_DIST_DIR ?? ".next-e2e";
// Runs on other ports keep their own output folders (a run empties its folder when it starts).
const suffix = process.env.PORT ? `-${port}` : "";

// The build type-checks with a tsconfig that already lists this folder's
// generated types, so `next build` leaves the shared tsconfig.json alone.
const tsconfigPath = "tsconfig.e2e.generated.json";
writeFileSync(
  tsconfigPath,
  `${JSON.stringify(
    {
      extends: "./tsconfig.json",
      include: ["next-env.d.ts", "**/*.ts", "**/*.tsx", `${distDir}/types/**/*.ts`, `${distDir}/dev/types/**/*.ts`],
    },
    null,
    2,
  )}\n`,
);

const systemChromium = "/usr/bin/chromium";
const launchOptions = existsSync(systemChromium)
  ? {
      executablePath: systemChromium,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    }
  : {};

export default defineConfig({
  testDir: "e2e",
  outputDir: `test-results/e2e${suffix}`,
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: `playwright-report${suffix}` }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions } }],
  webServer: {
    // Binaries, not npx: a stop signal then reaches the server itself.
    command:
      "node_modules/.bin/next build && node_modules/.bin/tsx scripts/with-db.ts node_modules/.bin/tsx scripts/serve.ts start -H 127.0.0.1",
    url: `${baseURL}/signin`,
    timeout: 600_000,
    reuseExistingServer: !process.env.CI && process.env.E2E_REUSE_SERVER === "1",
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      NEXT_DIST_DIR: distDir,
      NEXT_TSCONFIG_PATH: tsconfigPath,
      EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? "5499",
      EMBEDDED_PG_DIR: process.env.EMBEDDED_PG_DIR ?? ".data/postgres-e2e",
      APP_URL: baseURL,
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-only-secret-not-for-production",
      // 32 bytes, for e2e only: `next start` is production and needs a key.
      CREDENTIALS_KEY: process.env.CREDENTIALS_KEY ?? "e2e0".repeat(16),
      NEXT_TELEMETRY_DISABLED: "1",
      // Each browser context plays a client behind one proxy: it sends the
      // X-Forwarded-For such a proxy appends (e2e/support/pages.ts), so one
      // run's sign-up and sign-in limits do not spill into the next.
      TRUSTED_PROXY_HOPS: "1",
    },
  },
});
