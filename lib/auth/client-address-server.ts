import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress, stampClientAddress } from "./stamp-client-address";

type Handle = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * The HTTP server scripts/serve.ts serves Next through: before `handle` sees a
 * request, CLIENT_ADDRESS_HEADER is replaced by the address resolved from the
 * socket (and `hops` trusted proxies), signed with `key`.
 */
export function createClientAddressServer(handle: Handle, { key, hops }: { key: string; hops: number }): Server {
  return createServer((req, res) => {
    const address = resolveClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], hops);
    req.headers[CLIENT_ADDRESS_HEADER] = stampClientAddress(address, key);
    void handle(req, res);
  });
}
