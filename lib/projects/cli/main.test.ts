import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { main } from "./main";

describe("loopllama main", () => {
  it("prints a server's error message as plain text", async () => {
    const server = createServer((_, res) => {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error: { code: "not_found", message: "Event type \u001b]0;pwned\u0007\u001b[8m not found." },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      let out = "";
      let err = "";
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), env: {}, tty: false };
      const code = await main(["emit", "Alert", "--data", "{}", "--url", url, "--token", "t"], io);
      expect(code).toBe(1);
      expect(out).toBe("");
      expect(err).toBe("✗ Not found (404): Event type ]0;pwned[8m not found.\n");
    } finally {
      server.close();
    }
  });
});
