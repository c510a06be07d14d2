import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** The body as the receiver's standardwebhooks library verified it; null when verification failed. */
  verified: unknown;
  /** Which of the receiver's secrets verified it (index into `secrets`), or -1. */
  verifiedBy: number;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** The secrets a delivery is verified with, tried in order (set after the endpoint is created). */
  secrets: string[];
  /** Answers for the next deliveries, in order; 200 once they are used up. */
  answers: Answer[];
  close(): Promise<void>;
}

/**
 * A webhook consumer on 127.0.0.1: it verifies each delivery's signature with
 * the `standardwebhooks` package, as a customer's server would, records it,
 * and answers what the test scripted.
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: "",
    received: [],
    secrets: [],
    answers: [],
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let verified: unknown = null;
      let verifiedBy = -1;
      for (const [i, secret] of receiver.secrets.entries()) {
        try {
          verified = new Webhook(secret).verify(body, req.headers as Record<string, string>);
          verifiedBy = i;
          break;
        } catch {
          // Not this secret.
        }
      }
      receiver.received.push({ headers: req.headers, body, verified, verifiedBy });
      const answer = receiver.answers.shift() ?? { status: 200, body: "ok" };
      res.writeHead(answer.status, { "content-type": "text/plain", ...answer.headers });
      res.end(answer.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}
