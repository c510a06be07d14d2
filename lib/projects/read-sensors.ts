import { cronProblem } from "@/lib/graph/cron";
import { SLUG } from "@/lib/graph/names";
import { MAX_SENSORS, type ProjectEvent, type ProjectFiles, type ProjectSensor } from "./types";
import { parseYaml } from "./yaml-source";

/* Pure: the project's sensors/*.yml, webhooks our server hosts and URLs it polls. */

type Err = (file: string, line: number, message: string, column?: number) => void;
type Obj = Record<string, unknown>;
const isMap = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const VERIFY = ["sentry", "linear", "github", "none"] as const;
const CRON = /^cron\(\s*(?:"([^"]*)"|'([^']*)')\s*\)$/;
const TEMPLATE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const AS_YAML =
  'write it as YAML: sensors/<name>.yml with webhook: { path, verify: sentry | linear | github, secret: <credential> } or poll: { url, schedule: cron("…") }, emits: <Event> and map: { <field>: "{{ payload.<path> }}" }';

export function readSensors(files: ProjectFiles, events: Record<string, ProjectEvent>, err: Err): ProjectSensor[] {
  const sensors: ProjectSensor[] = [];
  const paths = new Map<string, string>();
  const entries = Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1));
  if (entries.length > MAX_SENSORS) err(entries[MAX_SENSORS]![0], 1, `A project has at most ${MAX_SENSORS} sensors`);
  for (const [file, content] of entries) {
    const parts = file.split("/");
    const base = parts[parts.length - 1]!;
    if (base.endsWith(".py")) {
      err(file, 1, `Sensors are not Python code here; ${AS_YAML}`);
      continue;
    }
    const m = /^([a-z0-9][a-z0-9_-]{0,39})\.ya?ml$/.exec(base);
    if (parts.length !== 2 || !m) {
      err(file, 1, `Put each sensor at sensors/<name>.yml (a lowercase name); ${AS_YAML}`);
      continue;
    }
    const sensor = readSensor(file, m[1]!, content, events, err);
    if (!sensor) continue;
    if (sensor.kind === "webhook") {
      const other = paths.get(sensor.path);
      if (other) {
        err(file, 1, `webhook.path "${sensor.path}" is also ${other}'s`);
        continue;
      }
      paths.set(sensor.path, file);
    }
    sensors.push(sensor);
  }
  return sensors;
}

function readSensor(
  file: string,
  name: string,
  content: string,
  events: Record<string, ProjectEvent>,
  err: Err,
): ProjectSensor | null {
  const yaml = parseYaml(content);
  for (const e of yaml.errors) err(file, e.line, e.message, e.column);
  if (yaml.errors.length) return null;
  const v = yaml.value;
  if (!isMap(v)) {
    err(file, 1, `A sensor is a map: ${AS_YAML}`);
    return null;
  }
  const at = (...path: string[]) => yaml.lineOf(path);
  let ok = true;
  const bad = (line: number, message: string) => {
    ok = false;
    err(file, line, message);
  };
  for (const k of Object.keys(v))
    if (!["webhook", "poll", "emits", "map", "description"].includes(k))
      bad(at(k), `${k} is not supported (use webhook or poll, emits, map, description)`);
  const kinds = ["webhook", "poll"].filter((k) => k in v);
  if (kinds.length !== 1) {
    err(file, 1, "A sensor is exactly one of webhook: { … } or poll: { … }");
    return null;
  }
  const event = typeof v.emits === "string" ? events[v.emits] : undefined;
  if (!event) {
    const names = Object.keys(events);
    bad(
      at("emits"),
      `emits: "${String(v.emits)}" is not an event in registry.yml${names.length ? ` (events: ${names.join(", ")})` : ""}`,
    );
  }
  const map: Record<string, string> = {};
  if (!isMap(v.map)) bad(at("map"), 'map: { <event field>: "{{ payload.<path> }}" or a fixed value }');
  else {
    for (const [field, value] of Object.entries(v.map)) {
      if (event && !Object.hasOwn(event.fields, field)) {
        bad(
          at("map", field),
          `map.${field}: event "${event.name}" has no field "${field}" (fields: ${Object.keys(event.fields).join(", ")})`,
        );
        continue;
      }
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
        bad(
          at("map", field),
          `map.${field} is a template over the payload, like "{{ payload.data.id }}", or a fixed value`,
        );
        continue;
      }
      const text = String(value);
      for (const t of text.matchAll(TEMPLATE)) {
        if (!/^payload(\.[A-Za-z0-9_-]+)*$/.test(t[1]!))
          bad(at("map", field), `map.${field}: {{ ${t[1]} }} reads the payload: {{ payload.<path> }}`);
      }
      map[field] = text;
    }
    if (event) {
      const missing = Object.keys(event.fields).filter((f) => !Object.hasOwn(map, f));
      if (missing.length) bad(at("map"), `map: event "${event.name}" needs ${missing.join(", ")}`);
    }
  }
  const spec = v[kinds[0]!];
  const where = kinds[0]!;
  if (!isMap(spec)) {
    bad(at(where), where === "webhook" ? "webhook: { path, verify, secret }" : 'poll: { url, schedule: cron("…") }');
    return null;
  }
  const sub = (k: string) => at(where, k);
  if (where === "webhook") {
    for (const k of Object.keys(spec))
      if (!["path", "verify", "secret"].includes(k))
        bad(sub(k), `webhook.${k} is not supported (use path, verify, secret)`);
    const path = spec.path ?? name;
    if (typeof path !== "string" || !SLUG.test(path))
      bad(sub("path"), "webhook.path: use lowercase letters, digits, - and _ (at most 40)");
    const verify = spec.verify;
    if (typeof verify !== "string" || !(VERIFY as readonly string[]).includes(verify))
      bad(sub("verify"), `webhook.verify names the sender's signature scheme: ${VERIFY.join(", ")}`);
    const secret = spec.secret ?? null;
    if (secret !== null && (typeof secret !== "string" || !secret.trim() || secret.length > 64))
      bad(sub("secret"), "webhook.secret is the id of the workspace credential holding the signing secret");
    else if (secret === null && verify !== "none" && typeof verify === "string")
      bad(sub("verify"), `webhook.verify: ${verify} signs with a secret; name its credential in webhook.secret`);
    if (!ok || !event) return null;
    return {
      name,
      file,
      content,
      emits: event.name,
      map,
      kind: "webhook",
      path: path as string,
      verify: verify as (typeof VERIFY)[number],
      secret: secret as string | null,
    };
  }
  for (const k of Object.keys(spec))
    if (!["url", "mcp", "schedule", "credential"].includes(k))
      bad(sub(k), `poll.${k} is not supported (use url or mcp, schedule, credential)`);
  const sources = ["url", "mcp"].filter((k) => k in spec);
  if (sources.length !== 1) bad(at(where), "poll: names exactly one of url: <https URL> or mcp: <server>/<tool>");
  let url: string | null = null;
  let mcp: string | null = null;
  if (typeof spec.url === "string") {
    try {
      const u = new URL(spec.url);
      if (u.protocol !== "https:" && u.protocol !== "http:") throw new Error();
      url = spec.url;
    } catch {
      bad(sub("url"), "poll.url must be an absolute https:// or http:// URL");
    }
  } else if (spec.url !== undefined) bad(sub("url"), "poll.url must be an absolute https:// or http:// URL");
  if (spec.mcp !== undefined) {
    if (typeof spec.mcp === "string" && /^[a-z0-9][a-z0-9_-]{0,39}\/[A-Za-z0-9_.-]{1,64}$/.test(spec.mcp))
      mcp = spec.mcp;
    else bad(sub("mcp"), "poll.mcp names a registered MCP server and one of its tools: <server>/<tool>");
  }
  const cron = typeof spec.schedule === "string" ? CRON.exec(spec.schedule.trim()) : null;
  const expression = cron ? (cron[1] ?? cron[2]!).trim() : null;
  const problem = expression === null ? 'poll.schedule is cron("<expression>")' : cronProblem(expression);
  if (problem) bad(sub("schedule"), expression === null ? problem : `poll.schedule: ${problem}`);
  const credential = spec.credential ?? null;
  if (credential !== null && (typeof credential !== "string" || !credential.trim()))
    bad(sub("credential"), "poll.credential is the id of a workspace http credential");
  if (!ok || !event) return null;
  return {
    name,
    file,
    content,
    emits: event.name,
    map,
    kind: "poll",
    url,
    mcp,
    schedule: expression!,
    credential: credential as string | null,
  };
}
