#!/usr/bin/env node
// Runs the TypeScript command line with the project's tsx, so it needs no build step.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
const { main } = await import("../lib/projects/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
