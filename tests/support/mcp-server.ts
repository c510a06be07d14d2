import http from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

export interface TestMcpServer {
  url: string;
  /** Every tool call received, in order. */
  calls: { name: string; args: unknown; authorization?: string }[];
  close(): Promise<void>;
}

/**
 * An MCP server built with the official SDK, speaking streamable HTTP
 * (stateless) on 127.0.0.1. Its tools: `add` (a + b) and `echo` (text back), and with
 * `status`, a `status` tool without arguments answering what it returns.
 * With `token`, requests without `Authorization: Bearer <token>` get 401.
 */
export async function startMcpServer(options: { token?: string; status?: () => string } = {}): Promise<TestMcpServer> {
  const calls: TestMcpServer["calls"] = [];
  let authorization: string | undefined;
  const build = () => {
    const server = new McpServer({ name: "test-tools", version: "1.0.0" });
    server.registerTool(
      "add",
      { description: "Add two numbers", inputSchema: { a: z.number(), b: z.number() } },
      async ({ a, b }) => {
        calls.push({ name: "add", args: { a, b }, authorization });
        return { content: [{ type: "text", text: String(a + b) }] };
      },
    );
    server.registerTool(
      "echo",
      { description: "Say the text back", inputSchema: { text: z.string() } },
      async ({ text }) => {
        calls.push({ name: "echo", args: { text }, authorization });
        return { content: [{ type: "text", text }] };
      },
    );
    const status = options.status;
    if (status)
      server.registerTool("status", { description: "The service's status", inputSchema: {} }, async () => {
        calls.push({ name: "status", args: {}, authorization });
        return { content: [{ type: "text", text: status() }] };
      });
    return server;
  };
  const httpServer = http.createServer(async (req, res) => {
    authorization = req.headers.authorization;
    if (options.token && authorization !== `Bearer ${options.token}`) {
      res.writeHead(401).end("unauthorized");
      return;
    }
    const server = build();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((r) => httpServer.listen(0, "127.0.0.1", r));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    calls,
    close: () =>
      new Promise<void>((r) => {
        httpServer.closeAllConnections();
        httpServer.close(() => r());
      }),
  };
}
