import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/client-address";
import { createClientAddressServer } from "@/lib/auth/client-address-server";

/**
 * The server scripts/serve.ts puts in front of Next, on a real socket, with a
 * handler that answers what clientAddress (as the routes call it) makes of the
 * request it was handed.
 */
function listen(hops: number) {
  const server = createClientAddressServer(
    (req, res) => res.end(clientAddress(req.headers as Record<string, unknown>)),
    { key: process.env.CLIENT_ADDRESS_KEY!, hops },
  );
  return new Promise<{ url: string; close: () => void }>((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => server.close() });
    }),
  );
}

describe("the server behind npm start and npm run dev", () => {
  let direct: { url: string; close: () => void };
  let proxied: { url: string; close: () => void };
  beforeAll(async () => {
    direct = await listen(0);
    proxied = await listen(1);
  });
  afterAll(() => {
    direct.close();
    proxied.close();
  });

  const get = async (url: string, headers: Record<string, string> = {}) => (await fetch(url, { headers })).text();

  it("records the socket's address, even when the client sends X-Forwarded-For or its own address header", async () => {
    expect(await get(direct.url)).toBe("127.0.0.1");
    expect(await get(direct.url, { "x-forwarded-for": "203.0.113.55" })).toBe("127.0.0.1");
    expect(await get(direct.url, { "x-loopllama-client-address": "forged 203.0.113.56" })).toBe("127.0.0.1");
  });

  it("with one trusted proxy, records the address that proxy appended, not what the client wrote before it", async () => {
    expect(await get(proxied.url, { "x-forwarded-for": "6.6.6.6, 203.0.113.7" })).toBe("203.0.113.7");
    expect(await get(proxied.url)).toBe("unknown");
  });
});
