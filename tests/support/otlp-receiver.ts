import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import protobuf from "protobufjs";

/** A span as the collector received it, its ids in hex and its attributes as plain values. */
export interface ReceivedSpan {
  name: string;
  traceId: string;
  spanId: string;
  /** "" for a root span. */
  parentSpanId: string;
  kind: number;
  startNs: bigint;
  endNs: bigint;
  attributes: Record<string, unknown>;
  /** 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage: string;
  resource: Record<string, unknown>;
  /** Spans of other traces this one links to (ids in hex). */
  links: { traceId: string; spanId: string; attributes: Record<string, unknown> }[];
}

export interface OtlpReceiver {
  /** The base URL to set as OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  spans: ReceivedSpan[];
  /** Each export's content type and headers, in order. */
  requests: { contentType: string; headers: Record<string, string | string[] | undefined> }[];
  close(): Promise<void>;
}

/**
 * The messages of opentelemetry/proto (collector/trace/v1 and trace/v1) a
 * trace export carries, with the field numbers of the published .proto files;
 * fields not listed are skipped when decoding.
 */
const OTLP = protobuf.Root.fromJSON({
  nested: {
    ExportTraceServiceRequest: { fields: { resourceSpans: { rule: "repeated", type: "ResourceSpans", id: 1 } } },
    ResourceSpans: {
      fields: { resource: { type: "Resource", id: 1 }, scopeSpans: { rule: "repeated", type: "ScopeSpans", id: 2 } },
    },
    Resource: { fields: { attributes: { rule: "repeated", type: "KeyValue", id: 1 } } },
    ScopeSpans: { fields: { spans: { rule: "repeated", type: "Span", id: 2 } } },
    Span: {
      fields: {
        traceId: { type: "bytes", id: 1 },
        spanId: { type: "bytes", id: 2 },
        parentSpanId: { type: "bytes", id: 4 },
        name: { type: "string", id: 5 },
        kind: { type: "int32", id: 6 },
        startTimeUnixNano: { type: "fixed64", id: 7 },
        endTimeUnixNano: { type: "fixed64", id: 8 },
        attributes: { rule: "repeated", type: "KeyValue", id: 9 },
        links: { rule: "repeated", type: "Link", id: 13 },
        status: { type: "Status", id: 15 },
      },
    },
    Link: {
      fields: {
        traceId: { type: "bytes", id: 1 },
        spanId: { type: "bytes", id: 2 },
        attributes: { rule: "repeated", type: "KeyValue", id: 4 },
      },
    },
    Status: { fields: { message: { type: "string", id: 2 }, code: { type: "int32", id: 3 } } },
    KeyValue: { fields: { key: { type: "string", id: 1 }, value: { type: "AnyValue", id: 2 } } },
    AnyValue: {
      oneofs: { value: { oneof: ["stringValue", "boolValue", "intValue", "doubleValue", "arrayValue"] } },
      fields: {
        stringValue: { type: "string", id: 1 },
        boolValue: { type: "bool", id: 2 },
        intValue: { type: "int64", id: 3 },
        doubleValue: { type: "double", id: 4 },
        arrayValue: { type: "ArrayValue", id: 5 },
      },
    },
    ArrayValue: { fields: { values: { rule: "repeated", type: "AnyValue", id: 1 } } },
  },
}).lookupType("ExportTraceServiceRequest");

/** The request in OTLP's JSON mapping, as the JSON exporter sends it and as protobuf decodes to. */
interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values?: OtlpAnyValue[] };
}
interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}
interface OtlpRequest {
  resourceSpans?: {
    resource?: { attributes?: OtlpKeyValue[] };
    scopeSpans?: {
      spans?: {
        traceId?: string;
        spanId?: string;
        parentSpanId?: string;
        name: string;
        kind?: number;
        startTimeUnixNano?: string | number;
        endTimeUnixNano?: string | number;
        attributes?: OtlpKeyValue[];
        links?: { traceId?: string; spanId?: string; attributes?: OtlpKeyValue[] }[];
        status?: { code?: number; message?: string };
      }[];
    }[];
  }[];
}

function plain(value: OtlpAnyValue | undefined): unknown {
  if (!value) return undefined;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(plain);
  if (value.intValue !== undefined) return Number(value.intValue);
  return value.stringValue ?? value.boolValue ?? value.doubleValue;
}

function attributesOf(list: OtlpKeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, plain(kv.value)]));
}

function spansOf(request: OtlpRequest): ReceivedSpan[] {
  return (request.resourceSpans ?? []).flatMap((rs) =>
    (rs.scopeSpans ?? []).flatMap((ss) =>
      (ss.spans ?? []).map((s) => ({
        name: s.name,
        traceId: s.traceId ?? "",
        spanId: s.spanId ?? "",
        parentSpanId: s.parentSpanId ?? "",
        kind: s.kind ?? 0,
        startNs: BigInt(s.startTimeUnixNano ?? 0),
        endNs: BigInt(s.endTimeUnixNano ?? 0),
        attributes: attributesOf(s.attributes),
        statusCode: s.status?.code ?? 0,
        statusMessage: s.status?.message ?? "",
        resource: attributesOf(rs.resource?.attributes),
        links: (s.links ?? []).map((l) => ({
          traceId: l.traceId ?? "",
          spanId: l.spanId ?? "",
          attributes: attributesOf(l.attributes),
        })),
      })),
    ),
  );
}

/**
 * An OTLP/HTTP trace collector on 127.0.0.1: it takes POST /v1/traces in
 * JSON (application/json) or protobuf (application/x-protobuf), as a real
 * collector does, and keeps the decoded spans.
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const receiver: OtlpReceiver = { url: "", spans: [], requests: [], close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/traces") {
        res.writeHead(404).end();
        return;
      }
      const contentType = req.headers["content-type"] ?? "";
      const body = Buffer.concat(chunks);
      receiver.requests.push({ contentType, headers: req.headers });
      const request: OtlpRequest = contentType.includes("protobuf")
        ? (OTLP.toObject(OTLP.decode(body), { bytes: String, longs: String, defaults: false }) as OtlpRequest)
        : (JSON.parse(body.toString("utf8")) as OtlpRequest);
      // protobuf decodes ids as base64; JSON carries them in hex.
      const hex = (id: string | undefined) =>
        id && contentType.includes("protobuf") ? Buffer.from(id, "base64").toString("hex") : (id ?? "");
      for (const rs of request.resourceSpans ?? [])
        for (const ss of rs.scopeSpans ?? [])
          for (const s of ss.spans ?? []) {
            s.traceId = hex(s.traceId);
            s.spanId = hex(s.spanId);
            s.parentSpanId = hex(s.parentSpanId);
            for (const l of s.links ?? []) {
              l.traceId = hex(l.traceId);
              l.spanId = hex(l.spanId);
            }
          }
      receiver.spans.push(...spansOf(request));
      res.writeHead(200, {
        "content-type": contentType.includes("protobuf") ? "application/x-protobuf" : "application/json",
      });
      res.end(contentType.includes("protobuf") ? Buffer.alloc(0) : "{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}
