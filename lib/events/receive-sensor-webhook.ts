import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError, badRequest, notFound, unauthorized } from "@/lib/http/errors";
import { unlockCredential } from "@/lib/credentials/unlock-credential";
import { db } from "@/lib/db/client";
import { scopeFor } from "@/lib/db/tenant";
import { emitEvent } from "./emit-event";
import type { EventFields } from "./field-types";

/** A webhook sensor as a project import stores it (Sensor.definition). */
interface WebhookSensor {
  kind: "webhook";
  path: string;
  verify: "sentry" | "linear" | "github" | "none";
  secret: string | null;
  emits: string;
  map: Record<string, string>;
}

/** Each sending service's signature header, and its delivery id (for retries). */
const SCHEMES = {
  sentry: { header: "sentry-hook-signature", prefix: "", delivery: "request-id" },
  linear: { header: "linear-signature", prefix: "", delivery: "linear-delivery" },
  github: { header: "x-hub-signature-256", prefix: "sha256=", delivery: "x-github-delivery" },
} as const;

function signatureMatches(secret: string, body: string, sent: string | null, prefix: string): boolean {
  if (!sent || !sent.startsWith(prefix)) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(body).digest("hex"));
  const given = Buffer.from(sent.slice(prefix.length).trim().toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const TEMPLATE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const WHOLE = /^\{\{\s*payload((?:\.[A-Za-z0-9_-]+)*)\s*\}\}$/;

function at(payload: unknown, path: string): unknown {
  let value = payload;
  for (const key of path.split(".").filter(Boolean)) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The event's data from the payload: a whole `{{ payload.<path> }}` keeps its value's type (numbers as text unless the field is an int). */
export function mapPayload(
  map: Record<string, string>,
  payload: unknown,
  fields: EventFields,
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [field, template] of Object.entries(map)) {
    const whole = WHOLE.exec(template);
    let value: unknown = whole
      ? at(payload, whole[1]!)
      : template.replace(TEMPLATE, (_, ref: string) => String(at(payload, ref.replace(/^payload\.?/, "")) ?? ""));
    if (fields[field] !== "int" && (typeof value === "number" || typeof value === "boolean")) value = String(value);
    if (value !== undefined) data[field] = value;
  }
  return data;
}

/**
 * A delivery to a webhook sensor of a workspace's project
 * (POST /api/hooks/sensors/{workspace}/{path}): the signature is checked the
 * sending service's way with the secret of the credential the sensor names,
 * the payload mapped to the event's fields, and the event emitted as any
 * webhook's (a retried delivery, by the service's delivery id, starts nothing new).
 */
export async function receiveSensorWebhook(input: { workspace: string; path: string; body: string; headers: Headers }) {
  const workspace = await db.workspace.findUnique({ where: { slug: input.workspace }, select: { id: true } });
  if (!workspace) throw notFound("Sensor");
  const scope = scopeFor(workspace.id);
  const found = await scope.db.sensor.findFirst({
    where: { kind: "webhook", definition: { path: ["path"], equals: input.path } },
    select: { id: true, definition: true },
  });
  if (!found) throw notFound("Sensor");
  const sensor = found.definition as unknown as WebhookSensor; // written by the import from the compiled sensor
  let deliveryId: string | null = null;
  if (sensor.verify !== "none") {
    const scheme = SCHEMES[sensor.verify];
    let secret: string | null = null;
    try {
      secret = sensor.secret ? (await unlockCredential(scope, sensor.secret)).secret : null;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
    if (!secret || !signatureMatches(secret, input.body, input.headers.get(scheme.header), scheme.prefix)) {
      throw unauthorized(`The ${scheme.header} header does not sign this body with the sensor's secret.`);
    }
    const id = input.headers.get(scheme.delivery);
    deliveryId = id && id.length <= 200 ? id : null;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(input.body);
  } catch {
    throw badRequest("The body is not JSON.");
  }
  const type = await scope.db.eventType.findFirst({ where: { name: sensor.emits }, select: { fields: true } });
  if (!type) throw notFound(`Event type "${sensor.emits}"`);
  return emitEvent(scope, {
    name: sensor.emits,
    data: mapPayload(sensor.map, payload, type.fields as EventFields),
    source: "webhook",
    idempotencyKey: deliveryId ? `sensor:${found.id}:${deliveryId}` : null,
  });
}
