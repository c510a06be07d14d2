import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkCredentialsKey, parseCredentialsKey } from "@/lib/env/check-credentials-key";
import { loadCredentialsKey } from "./key";

const tempFile = () => path.join(mkdtempSync(path.join(os.tmpdir(), "creds-key-")), ".data", "credentials.key");

describe("the credentials key", () => {
  it("takes CREDENTIALS_KEY as 64 hex digits or base64 of 32 bytes", () => {
    const bytes = randomBytes(32);
    const keyFile = tempFile();
    expect(loadCredentialsKey({ env: { CREDENTIALS_KEY: bytes.toString("hex") }, keyFile })).toEqual(bytes);
    expect(loadCredentialsKey({ env: { CREDENTIALS_KEY: bytes.toString("base64") }, keyFile })).toEqual(bytes);
    expect(parseCredentialsKey(bytes.toString("base64url"))).toEqual(bytes);
    expect(() => statSync(keyFile)).toThrow();
    for (const bad of ["short", "ab".repeat(31), randomBytes(24).toString("base64")]) {
      expect(parseCredentialsKey(bad)).toBeNull();
      expect(checkCredentialsKey({ CREDENTIALS_KEY: bad })).toMatch(/^CREDENTIALS_KEY is not a 32-byte key/);
      expect(() => loadCredentialsKey({ env: { CREDENTIALS_KEY: bad }, keyFile })).toThrow(/not a 32-byte key/);
    }
  });

  it("without one in development, generates a key file once (mode 0600) and reuses it", () => {
    const keyFile = tempFile();
    const first = loadCredentialsKey({ env: { NODE_ENV: "development" }, keyFile });
    expect(first).toHaveLength(32);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(parseCredentialsKey(readFileSync(keyFile, "utf8"))).toEqual(first);
    expect(loadCredentialsKey({ env: { NODE_ENV: "development" }, keyFile })).toEqual(first);
    expect(loadCredentialsKey({ env: {}, keyFile })).toEqual(first);
  });

  it("refuses a key file that holds no key instead of replacing it", () => {
    const keyFile = tempFile();
    loadCredentialsKey({ env: {}, keyFile });
    writeFileSync(keyFile, "garbage");
    expect(() => loadCredentialsKey({ env: {}, keyFile })).toThrow(/does not hold a 32-byte key/);
    expect(readFileSync(keyFile, "utf8")).toBe("garbage");
  });

  it("refuses production without a key and never writes a file there", () => {
    const keyFile = tempFile();
    expect(checkCredentialsKey({ NODE_ENV: "production" })).toMatch(/^CREDENTIALS_KEY is not set/);
    expect(checkCredentialsKey({ NODE_ENV: "production", CREDENTIALS_KEY: " " })).toMatch(/is not set/);
    expect(() => loadCredentialsKey({ env: { NODE_ENV: "production" }, keyFile })).toThrow(
      /CREDENTIALS_KEY is not set/,
    );
    expect(() => statSync(keyFile)).toThrow();
    expect(checkCredentialsKey({ NODE_ENV: "production", CREDENTIALS_KEY: "ab".repeat(32) })).toBeNull();
    expect(checkCredentialsKey({ NODE_ENV: "development" })).toBeNull();
  });
});
