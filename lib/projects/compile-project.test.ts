import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_STEPS, DEFAULT_MAX_VISITS_PER_NODE } from "@/lib/workflows/graph/schemas";
import { DEFAULT_MODEL } from "@/lib/workflows/schemas";
import { compileProject } from "./compile-project";
import { formatProject } from "./format-project";
import { readProjectDir } from "./project-dir";
import { DEFAULT_GRAPH_CAPS, DEFAULT_PROJECT_MODEL, type ProjectFiles } from "./types";

const REGISTRY = `defaults:
  agent:
    model: claude-sonnet-4-6
agents:
  Writer:
    prompt: You write plainly.
events:
  Ticket:
    fields:
      title: str
      link: url
  Answered:
    fields:
      reply: str
`;

const step = (header: string, body = "Do the work.") => `---\n${header}\n---\n${body}\n`;

/** A valid two-workflow project; each test changes one file. */
function base(): ProjectFiles {
  return {
    "registry.yml": REGISTRY,
    "workflows/support/read.md": step("on: Ticket\nagent: Writer\noutput:\n  summary: str", "Read {{ event.title }}."),
    "workflows/support/reply.md": step(
      "after: read\noutput:\n  reply: str\nemits: Answered",
      "Answer: {{ read.summary }}.",
    ),
    "workflows/nightly/scan.md": step('on: cron("0 3 * * *")\ntimezone: Europe/Berlin'),
  };
}

function errorsOf(files: ProjectFiles) {
  const result = compileProject(files);
  if (result.ok) throw new Error("expected compile errors");
  return result.errors;
}

function compiled(files: ProjectFiles) {
  const result = compileProject(files);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.project;
}

describe("compileProject", () => {
  it("builds each directory's graph: the entry's trigger, after: edges, leaves to END, agents' prompts", () => {
    const project = compiled(base());
    expect(project.stats).toEqual({ workflows: 2, steps: 3, events: 2 });
    const support = project.workflows.find((w) => w.name === "support")!;
    expect(support.model).toBe("claude-sonnet-4-6");
    expect(support.graph).toEqual({
      start: "read",
      trigger: { event: "Ticket" },
      nodes: [
        {
          id: "read",
          role: "Writer",
          systemPrompt: "You write plainly.\n\nRead {{ event.title }}.",
          output: { summary: "str" },
        },
        {
          id: "reply",
          role: "reply",
          systemPrompt: "Answer: {{ read.summary }}.",
          output: { reply: "str" },
          emits: "Answered",
        },
      ],
      edges: [
        { from: "read", to: "reply" },
        { from: "reply", to: "END" },
      ],
      maxSteps: 50,
      maxVisitsPerNode: 5,
    });
    const nightly = project.workflows.find((w) => w.name === "nightly")!;
    expect(nightly.graph.trigger).toEqual({ cron: "0 3 * * *", timezone: "Europe/Berlin" });
  });

  it("uses the API's defaults for caps and model", () => {
    expect(DEFAULT_GRAPH_CAPS).toEqual({ maxSteps: DEFAULT_MAX_STEPS, maxVisitsPerNode: DEFAULT_MAX_VISITS_PER_NODE });
    expect(DEFAULT_PROJECT_MODEL).toBe(DEFAULT_MODEL);
  });

  it("turns a list in after: into a join, when: into edge conditions and end: into an edge to END", () => {
    const project = compiled({
      "workflows/flow/start.md": step("role: Starter"),
      "workflows/flow/left.md": step("after: start"),
      "workflows/flow/right.md": step("after: start"),
      "workflows/flow/merge.md": step("after: [left, right]\noutput:\n  verdict: enum[ok, redo]\nend: { verdict: ok }"),
      "workflows/flow/redo.md": step(
        "after: merge\nwhen: { verdict: redo }\nbudget: { wall_clock: 1.5, wall_clock_includes_waiting: true }",
      ),
    });
    const graph = project.workflows[0]!.graph;
    expect(graph.nodes.map((n) => n.id)).toEqual(["start", "left", "right", "merge", "redo"]);
    expect(graph.nodes[3]!.join).toBe("all");
    expect(graph.nodes[4]!.budget).toEqual({ wall_clock: 1.5, wall_clock_includes_waiting: true });
    expect(graph.edges).toContainEqual({ from: "merge", to: "redo", when: { field: "verdict", equals: "redo" } });
    expect(graph.edges).toContainEqual({ from: "merge", to: "END", when: { field: "verdict", equals: "ok" } });
    expect(graph.trigger).toBeUndefined();
  });

  const rules: [string, (f: ProjectFiles) => void, { file: string; line: number; message: RegExp }][] = [
    [
      "an unsupported header key",
      (f) =>
        (f["workflows/support/reply.md"] = step(
          "after: read\nsandboxes: [testing]\noutput:\n  reply: str\nemits: Answered",
        )),
      { file: "workflows/support/reply.md", line: 3, message: /Header key "sandboxes" is not supported/ },
    ],
    [
      "an unsupported registry key",
      (f) => (f["registry.yml"] = `${REGISTRY}sensors:\n  default:\n    kind: webhook\n`),
      { file: "registry.yml", line: 15, message: /^sensors is not supported/ },
    ],
    [
      "a harness runtime that is not claude-code",
      (f) => (f["registry.yml"] = REGISTRY.replace("    model: claude-sonnet-4-6", "    harness: { runtime: docker }")),
      { file: "registry.yml", line: 3, message: /defaults\.agent\.harness\.runtime: use claude-code/ },
    ],
    [
      "a model given both as model: and harness.model",
      (f) =>
        (f["registry.yml"] = REGISTRY.replace(
          "    prompt: You write plainly.",
          "    model: a\n    harness: { model: b }",
        )),
      { file: "registry.yml", line: 7, message: /agents\.Writer: give the model once/ },
    ],
    [
      "an agent's skill the project does not have",
      (f) =>
        (f["registry.yml"] = REGISTRY.replace("    prompt: You write plainly.", "    prompt: P\n    skills: [nope]")),
      { file: "registry.yml", line: 7, message: /agents\.Writer\.skills: "nope" is not a skill of the project/ },
    ],
    [
      "an agent's sandbox the registry does not declare",
      (f) =>
        (f["registry.yml"] = REGISTRY.replace("    prompt: You write plainly.", "    prompt: P\n    sandbox: box")),
      { file: "registry.yml", line: 7, message: /agents\.Writer\.sandbox: "box" is not a sandbox in registry\.yml/ },
    ],
    [
      "a declared tool of two kinds",
      (f) => (f["registry.yml"] = `${REGISTRY}tools:\n  t:\n    mcp: a/b\n    workflow: support\n`),
      { file: "registry.yml", line: 16, message: /tools\.t is exactly one of/ },
    ],
    [
      "an MCP tool without its server's tool",
      (f) => (f["registry.yml"] = `${REGISTRY}tools:\n  t: { mcp: github }\n`),
      { file: "registry.yml", line: 16, message: /tools\.t\.mcp names a registered MCP server and one of its tools/ },
    ],
    [
      "a workflow tool that names no workflow",
      (f) => (f["registry.yml"] = `${REGISTRY}tools:\n  t:\n    workflow: Not A Slug\n`),
      { file: "registry.yml", line: 17, message: /tools\.t\.workflow names a workflow/ },
    ],
    [
      "an HTTP tool's template that is not one of its params",
      (f) => (f["registry.yml"] = `${REGISTRY}tools:\n  t:\n    http:\n      url: https://x.test/{{ id }}\n`),
      { file: "registry.yml", line: 18, message: /tools\.t\.http\.url: \{\{ id \}\} is not one of its params/ },
    ],
    [
      "an HTTP tool whose host is templated",
      (f) =>
        (f["registry.yml"] =
          `${REGISTRY}tools:\n  t:\n    http:\n      params: { host: str }\n      url: https://{{ host }}/x\n`),
      { file: "registry.yml", line: 19, message: /the host cannot be templated/ },
    ],
    [
      "an HTTP tool's method",
      (f) =>
        (f["registry.yml"] = `${REGISTRY}tools:\n  t:\n    http:\n      url: https://x.test/\n      method: FETCH\n`),
      { file: "registry.yml", line: 19, message: /tools\.t\.http\.method is one of GET/ },
    ],
    [
      "a tool name the registry cannot take",
      (f) => (f["registry.yml"] = `${REGISTRY}tools:\n  load_skill: { workflow: support }\n`),
      { file: "registry.yml", line: 16, message: /Tool name "load_skill"/ },
    ],
    [
      "a sandbox provider other than daytona",
      (f) => (f["registry.yml"] = `${REGISTRY}sandboxes:\n  box:\n    provider: e2b\n`),
      {
        file: "registry.yml",
        line: 17,
        message: /sandboxes\.box\.provider: daytona is the sandbox provider supported/,
      },
    ],
    [
      "a sandbox's network that is not host names",
      (f) => (f["registry.yml"] = `${REGISTRY}sandboxes:\n  box:\n    provider: daytona\n    network: [https://x]\n`),
      { file: "registry.yml", line: 18, message: /sandboxes\.box\.network is a list of at most 50 host names/ },
    ],
    [
      "a sandbox image's apt packages",
      (f) =>
        (f["registry.yml"] =
          `${REGISTRY}sandboxes:\n  box:\n    provider: daytona\n    image: { debian_slim: "3.12", apt: [Not OK] }\n`),
      { file: "registry.yml", line: 18, message: /sandboxes\.box\.image\.apt is a list/ },
    ],
    [
      "a sandbox's reuse",
      (f) => (f["registry.yml"] = `${REGISTRY}sandboxes:\n  box:\n    provider: daytona\n    reuse: forever\n`),
      { file: "registry.yml", line: 18, message: /sandboxes\.box\.reuse is run/ },
    ],
    [
      "a step's skill the project does not have",
      (f) =>
        (f["workflows/support/reply.md"] = step("after: read\nskills: [nope]\noutput:\n  reply: str\nemits: Answered")),
      { file: "workflows/support/reply.md", line: 3, message: /skills: "nope" is not a skill of the project/ },
    ],
    [
      "a step's sandbox the registry does not declare",
      (f) =>
        (f["workflows/support/reply.md"] = step("after: read\nsandbox: box\noutput:\n  reply: str\nemits: Answered")),
      { file: "workflows/support/reply.md", line: 3, message: /sandbox: "box" is not a sandbox in registry\.yml/ },
    ],
    [
      "a step's harness that is not a map of runtime and model",
      (f) =>
        (f["workflows/support/reply.md"] = step("after: read\nharness: fast\noutput:\n  reply: str\nemits: Answered")),
      { file: "workflows/support/reply.md", line: 3, message: /harness: \{ runtime: claude-code, model: <model> \}/ },
    ],
    [
      "a skill folder without SKILL.md",
      (f) => (f["skills/triage/notes.md"] = "Notes."),
      { file: "skills/triage/notes.md", line: 1, message: /skills\/triage\/ has no SKILL\.md/ },
    ],
    [
      "a skill whose name is not its folder's",
      (f) => (f["skills/triage/SKILL.md"] = "---\nname: other\ndescription: Triage.\n---\nDo it.\n"),
      { file: "skills/triage/SKILL.md", line: 2, message: /name: "other" is not its folder's name/ },
    ],
    [
      "a skill without a description",
      (f) => (f["skills/triage/SKILL.md"] = "---\nname: triage\n---\nDo it.\n"),
      { file: "skills/triage/SKILL.md", line: 2, message: /description: say in 1 to 1024 characters/ },
    ],
    [
      "a skill without instructions",
      (f) => (f["skills/triage/SKILL.md"] = "---\nname: triage\ndescription: Triage.\n---\n\n"),
      { file: "skills/triage/SKILL.md", line: 5, message: /The skill has no instructions/ },
    ],
    [
      "a skill past its size cap",
      (f) => {
        f["skills/triage/SKILL.md"] = "---\nname: triage\ndescription: Triage.\n---\nDo it.\n";
        for (let i = 0; i < 5; i++) f[`skills/triage/ref-${i}.md`] = "x".repeat(45_000);
      },
      { file: "skills/triage/SKILL.md", line: 1, message: /a skill has at most 200000/ },
    ],
    [
      "a sensor written in Python",
      (f) => (f["sensors/sensors.py"] = "print('hi')"),
      {
        file: "sensors/sensors.py",
        line: 1,
        message: /Sensors are not Python code here; write it as YAML: sensors\/<name>\.yml/,
      },
    ],
    [
      "a sensor's event the registry does not have",
      (f) => (f["sensors/hook.yml"] = "webhook: { verify: none }\nemits: Nope\nmap: {}\n"),
      { file: "sensors/hook.yml", line: 2, message: /emits: "Nope" is not an event in registry\.yml/ },
    ],
    [
      "a sensor's map of a field the event does not have",
      (f) =>
        (f["sensors/hook.yml"] =
          'webhook: { verify: none }\nemits: Ticket\nmap:\n  title: "{{ payload.t }}"\n  link: "{{ payload.l }}"\n  extra: x\n'),
      { file: "sensors/hook.yml", line: 6, message: /map\.extra: event "Ticket" has no field "extra"/ },
    ],
    [
      "a sensor's map missing an event field",
      (f) => (f["sensors/hook.yml"] = 'webhook: { verify: none }\nemits: Ticket\nmap:\n  title: "{{ payload.t }}"\n'),
      { file: "sensors/hook.yml", line: 3, message: /map: event "Ticket" needs link/ },
    ],
    [
      "a signed webhook without its secret",
      (f) =>
        (f["sensors/hook.yml"] =
          'webhook:\n  verify: github\nemits: Ticket\nmap: { title: "{{ payload.t }}", link: "{{ payload.l }}" }\n'),
      { file: "sensors/hook.yml", line: 2, message: /webhook\.verify: github signs with a secret/ },
    ],
    [
      "a webhook's unknown signature scheme",
      (f) =>
        (f["sensors/hook.yml"] =
          'webhook:\n  verify: stripe\nemits: Ticket\nmap: { title: "{{ payload.t }}", link: "{{ payload.l }}" }\n'),
      {
        file: "sensors/hook.yml",
        line: 2,
        message: /webhook\.verify names the sender's signature scheme: sentry, linear, github, none/,
      },
    ],
    [
      "a polling sensor's schedule",
      (f) =>
        (f["sensors/poll.yml"] =
          'poll:\n  url: https://status.test/p95\n  schedule: every day\nemits: Ticket\nmap: { title: x, link: "{{ payload.url }}" }\n'),
      { file: "sensors/poll.yml", line: 3, message: /poll\.schedule is cron/ },
    ],
    [
      "a sensor's template that does not read the payload",
      (f) =>
        (f["sensors/hook.yml"] =
          'webhook: { verify: none }\nemits: Ticket\nmap:\n  title: "{{ event.t }}"\n  link: "{{ payload.l }}"\n'),
      { file: "sensors/hook.yml", line: 4, message: /map\.title: \{\{ event\.t \}\} reads the payload/ },
    ],
    [
      "an HTTP tool's credential that is not an id",
      (f) =>
        (f["registry.yml"] = `${REGISTRY}tools:\n  t:\n    http:\n      url: https://x.test/\n      credential: [a]\n`),
      {
        file: "registry.yml",
        line: 19,
        message: /tools\.t\.http\.credential is the id of a workspace http credential/,
      },
    ],
    [
      "an HTTP tool's headers that are not a map",
      (f) =>
        (f["registry.yml"] = `${REGISTRY}tools:\n  t:\n    http:\n      url: https://x.test/\n      headers: [a]\n`),
      { file: "registry.yml", line: 19, message: /tools\.t\.http\.headers is \{ <header>: <text> \}/ },
    ],
    [
      "an HTTP tool's param type",
      (f) =>
        (f["registry.yml"] =
          `${REGISTRY}tools:\n  t:\n    http:\n      url: https://x.test/\n      params: { id: uuid }\n`),
      {
        file: "registry.yml",
        line: 19,
        message: /tools\.t\.http\.params\.id: use a lowercase name and one of str, int/,
      },
    ],
    [
      "an HTTP tool's URL that is not http(s)",
      (f) => (f["registry.yml"] = `${REGISTRY}tools:\n  t:\n    http:\n      url: ftp://x.test/\n`),
      {
        file: "registry.yml",
        line: 18,
        message: /tools\.t\.http\.url must be an absolute https:\/\/ or http:\/\/ URL/,
      },
    ],
    [
      "a tool's description that is not text",
      (f) => (f["registry.yml"] = `${REGISTRY}tools:\n  t:\n    workflow: support\n    description: [a]\n`),
      { file: "registry.yml", line: 18, message: /tools\.t\.description must be text/ },
    ],
    [
      "a tool's key that is not a kind",
      (f) => (f["registry.yml"] = `${REGISTRY}tools:\n  t:\n    workflow: support\n    shell: ls\n`),
      { file: "registry.yml", line: 18, message: /tools\.t\.shell is not supported/ },
    ],
    [
      "more sandboxes than a project may declare",
      (f) =>
        (f["registry.yml"] =
          `${REGISTRY}sandboxes:\n${[1, 2, 3, 4, 5, 6].map((i) => `  b${i}: { provider: daytona }\n`).join("")}`),
      { file: "registry.yml", line: 21, message: /sandboxes: declare at most 5 sandboxes \(this declares 6\)/ },
    ],
    [
      "a sandbox name that is not one",
      (f) => (f["registry.yml"] = `${REGISTRY}sandboxes:\n  "my box":\n    provider: daytona\n`),
      { file: "registry.yml", line: 16, message: /Sandbox name "my box"/ },
    ],
    [
      "a sandbox image's Python version",
      (f) =>
        (f["registry.yml"] =
          `${REGISTRY}sandboxes:\n  box:\n    provider: daytona\n    image: { debian_slim: latest }\n`),
      { file: "registry.yml", line: 18, message: /sandboxes\.box\.image\.debian_slim is a Python version/ },
    ],
    [
      "a sandbox image's unknown key",
      (f) => (f["registry.yml"] = `${REGISTRY}sandboxes:\n  box:\n    provider: daytona\n    image: { alpine: "3" }\n`),
      { file: "registry.yml", line: 18, message: /sandboxes\.box\.image\.alpine is not supported/ },
    ],
    [
      "a sandbox's unknown key",
      (f) => (f["registry.yml"] = `${REGISTRY}sandboxes:\n  box:\n    provider: daytona\n    cpu: 4\n`),
      { file: "registry.yml", line: 18, message: /sandboxes\.box\.cpu is not supported/ },
    ],
    [
      "an agent's harness key",
      (f) => (f["registry.yml"] = REGISTRY.replace("    prompt: You write plainly.", "    harness: { gpu: true }")),
      { file: "registry.yml", line: 6, message: /agents\.Writer\.harness\.gpu is not supported/ },
    ],
    [
      "an agent's skills that are not a list",
      (f) => (f["registry.yml"] = REGISTRY.replace("    prompt: You write plainly.", "    skills: testing")),
      { file: "registry.yml", line: 6, message: /agents\.Writer\.skills must be a list/ },
    ],
    [
      "a skill file outside a skill's folder",
      (f) => (f["skills/notes.md"] = "Notes."),
      { file: "skills/notes.md", line: 1, message: /Put each skill in its own folder/ },
    ],
    [
      "a SKILL.md without front matter",
      (f) => (f["skills/triage/SKILL.md"] = "Do it.\n"),
      { file: "skills/triage/SKILL.md", line: 1, message: /SKILL\.md starts with front matter/ },
    ],
    [
      "a skill name that is not one",
      (f) => (f["skills/Triage/SKILL.md"] = "---\nname: Triage\ndescription: T.\n---\nDo it.\n"),
      { file: "skills/Triage/SKILL.md", line: 2, message: /name: Use a skill name of lowercase letters/ },
    ],
    [
      "the project's skills past their cap",
      (f) => {
        for (let s = 0; s < 6; s++) {
          f[`skills/s${s}/SKILL.md`] = `---\nname: s${s}\ndescription: S.\n---\nDo it.\n`;
          for (let i = 0; i < 4; i++) f[`skills/s${s}/ref-${i}.md`] = "x".repeat(45_000);
        }
      },
      { file: "skills/s5/SKILL.md", line: 1, message: /The project's skills have more than 1000000 characters/ },
    ],
    [
      "a sensor that is both a webhook and a poll",
      (f) =>
        (f["sensors/hook.yml"] =
          "webhook: { verify: none }\npoll: { url: https://x.test/ }\nemits: Ticket\nmap: { title: x, link: y }\n"),
      { file: "sensors/hook.yml", line: 1, message: /A sensor is exactly one of webhook/ },
    ],
    [
      "a sensor in a folder",
      (f) => (f["sensors/more/hook.yml"] = "webhook: {}\n"),
      { file: "sensors/more/hook.yml", line: 1, message: /Put each sensor at sensors\/<name>\.yml/ },
    ],
    [
      "a webhook's path",
      (f) =>
        (f["sensors/hook.yml"] =
          "webhook:\n  path: Not/A/Slug\n  verify: none\nemits: Ticket\nmap: { title: x, link: y }\n"),
      { file: "sensors/hook.yml", line: 2, message: /webhook\.path: use lowercase letters/ },
    ],
    [
      "a polling sensor's URL",
      (f) =>
        (f["sensors/poll.yml"] =
          'poll:\n  url: not a url\n  schedule: cron("0 * * * *")\nemits: Ticket\nmap: { title: x, link: y }\n'),
      { file: "sensors/poll.yml", line: 2, message: /poll\.url must be an absolute/ },
    ],
    [
      "a polling sensor's MCP tool",
      (f) =>
        (f["sensors/poll.yml"] =
          'poll:\n  mcp: github\n  schedule: cron("0 * * * *")\nemits: Ticket\nmap: { title: x, link: y }\n'),
      { file: "sensors/poll.yml", line: 2, message: /poll\.mcp names a registered MCP server/ },
    ],
    [
      "a polling sensor with nothing to poll",
      (f) =>
        (f["sensors/poll.yml"] = 'poll:\n  schedule: cron("0 * * * *")\nemits: Ticket\nmap: { title: x, link: y }\n'),
      { file: "sensors/poll.yml", line: 1, message: /poll: names exactly one of url/ },
    ],
    [
      "a sensor's unknown key",
      (f) =>
        (f["sensors/hook.yml"] = "webhook: { verify: none }\nemits: Ticket\nmap: { title: x, link: y }\nfilter: x\n"),
      { file: "sensors/hook.yml", line: 4, message: /filter is not supported/ },
    ],
    [
      "a directory the product does not read",
      (f) => (f["scripts/deploy.sh"] = "echo hi"),
      { file: "scripts/deploy.sh", line: 1, message: /scripts\/ is not supported/ },
    ],
    [
      "two entry steps",
      (f) => {
        f["workflows/two/a.md"] = step("role: A");
        f["workflows/two/b.md"] = step("role: B");
      },
      { file: "workflows/two/b.md", line: 1, message: /has 2 entry steps \(a, b\)/ },
    ],
    [
      "two steps with on:",
      (f) =>
        (f["workflows/support/reply.md"] = step("on: Ticket\nafter: read\noutput:\n  reply: str\nemits: Answered")),
      { file: "workflows/support/reply.md", line: 2, message: /2 steps with on: \(read, reply\)/ },
    ],
    [
      "an orphan step (no after: beside the entry)",
      (f) => (f["workflows/support/extra.md"] = step("role: Extra")),
      { file: "workflows/support/extra.md", line: 1, message: /Step "extra" has no after:/ },
    ],
    [
      "a step not reachable from the entry",
      (f) => {
        f["workflows/support/a.md"] = step("after: b");
        f["workflows/support/b.md"] = step("after: a");
      },
      { file: "workflows/support/a.md", line: 2, message: /Node "a" is not reachable from start "read"/ },
    ],
    [
      "after: naming no step",
      (f) => (f["workflows/support/reply.md"] = step("after: reed\noutput:\n  reply: str\nemits: Answered")),
      { file: "workflows/support/reply.md", line: 2, message: /after: "reed" is not a step of workflow "support"/ },
    ],
    [
      "on: an event the registry does not have",
      (f) => (f["workflows/support/read.md"] = step("on: Tikcet\noutput:\n  summary: str")),
      { file: "workflows/support/read.md", line: 2, message: /on: "Tikcet" is not an event in registry\.yml/ },
    ],
    [
      "a cron that never parses",
      (f) => (f["workflows/nightly/scan.md"] = step('on: cron("0 3 * *")')),
      { file: "workflows/nightly/scan.md", line: 2, message: /on: Use five fields/ },
    ],
    [
      "an unknown time zone",
      (f) => (f["workflows/nightly/scan.md"] = step('on: cron("0 3 * * *")\ntimezone: Mars/Olympus')),
      { file: "workflows/nightly/scan.md", line: 3, message: /unknown time zone/ },
    ],
    [
      "an agent the registry does not have",
      (f) => (f["workflows/nightly/scan.md"] = step('on: cron("0 3 * * *")\nagent: Ghost')),
      {
        file: "workflows/nightly/scan.md",
        line: 3,
        message: /agent: "Ghost" is not an agent in registry\.yml \(agents: Writer\)/,
      },
    ],
    [
      "emits something that cannot be an event's name",
      (f) => (f["workflows/support/reply.md"] = step('after: read\noutput:\n  reply: str\nemits: "2 replies"')),
      { file: "workflows/support/reply.md", line: 5, message: /emits: "2 replies" is not an event/ },
    ],
    [
      "an output that does not match the emitted event",
      (f) =>
        (f["workflows/support/reply.md"] = step("after: read\noutput:\n  reply: int\n  extra: str\nemits: Answered")),
      {
        file: "workflows/support/reply.md",
        line: 6,
        message:
          /output does not match event "Answered" \(not in the event: extra; reply is int but the event needs str\)/,
      },
    ],
    [
      "{{ event.field }} the event does not have",
      (f) => (f["workflows/support/read.md"] = step("on: Ticket\noutput:\n  summary: str", "Read\n{{ event.body }}.")),
      {
        file: "workflows/support/read.md",
        line: 7,
        message: /\{\{ event\.body \}\}: event "Ticket" has no field "body" \(fields: title, link\)/,
      },
    ],
    [
      "{{ event.field }} in a workflow no event starts",
      (f) => (f["workflows/nightly/scan.md"] = step('on: cron("0 3 * * *")', "Scan {{ event.title }}.")),
      { file: "workflows/nightly/scan.md", line: 4, message: /the workflow is not started by an event/ },
    ],
    [
      "{{ step.field }} of a step that is not upstream",
      (f) => (f["workflows/support/read.md"] = step("on: Ticket\noutput:\n  summary: str", "Read {{ reply.reply }}.")),
      { file: "workflows/support/read.md", line: 6, message: /node "reply" is not certain to have run before it/ },
    ],
    [
      "{{ step.field }} the step does not declare",
      (f) =>
        (f["workflows/support/reply.md"] = step(
          "after: read\noutput:\n  reply: str\nemits: Answered",
          "Line one.\nAnswer {{ read.sumary }}.",
        )),
      { file: "workflows/support/reply.md", line: 8, message: /node "read" declares no output field "sumary"/ },
    ],
    [
      "a when: on a field the step before does not output",
      (f) =>
        (f["workflows/support/reply.md"] = step(
          "after: read\nwhen: { mood: happy }\noutput:\n  reply: str\nemits: Answered",
        )),
      { file: "workflows/support/reply.md", line: 3, message: /Node "read" declares no output field "mood"/ },
    ],
    [
      "a bad output type",
      (f) => (f["workflows/support/read.md"] = step("on: Ticket\noutput:\n  summary: text")),
      { file: "workflows/support/read.md", line: 4, message: /output field "summary": Use str, int/ },
    ],
    [
      "a bad budget",
      (f) => (f["workflows/nightly/scan.md"] = step('on: cron("0 3 * * *")\nbudget: { spend: 3 }')),
      { file: "workflows/nightly/scan.md", line: 3, message: /budget: spend must be \{ usd/ },
    ],
    [
      "a header that is not YAML",
      (f) => (f["workflows/nightly/scan.md"] = step('on: cron("0 3 * * *")\noutput: { a: str')),
      { file: "workflows/nightly/scan.md", line: 3, message: /^YAML: / },
    ],
    [
      "a step file without a header",
      (f) => (f["workflows/nightly/scan.md"] = "Just prose.\n"),
      { file: "workflows/nightly/scan.md", line: 1, message: /starts with a YAML header between --- lines/ },
    ],
    [
      "a step without instructions",
      (f) => (f["workflows/nightly/scan.md"] = '---\non: cron("0 3 * * *")\n---\n\n'),
      { file: "workflows/nightly/scan.md", line: 4, message: /no instructions/ },
    ],
    [
      "an event field of an unknown type",
      (f) => (f["registry.yml"] = REGISTRY.replace("link: url", "link: uri")),
      { file: "registry.yml", line: 11, message: /events\.Ticket\.fields\.link: Use str, int, url, id or enum/ },
    ],
    [
      "a time zone on a step that is not the entry",
      (f) =>
        (f["workflows/support/reply.md"] = step("after: read\ntimezone: UTC\noutput:\n  reply: str\nemits: Answered")),
      { file: "workflows/support/reply.md", line: 3, message: /timezone: goes with on: cron/ },
    ],
    [
      "two directories with one workflow name",
      (f) => (f["registry.yml"] = `${REGISTRY}workflows:\n  nightly:\n    name: support\n`),
      {
        file: "registry.yml",
        line: 16,
        message:
          /workflows support and nightly are both named "support"|workflows nightly and support are both named "support"/,
      },
    ],
    [
      "a condition in after: that is neither text nor one field",
      (f) =>
        (f["workflows/support/reply.md"] = step("after:\n  - read: [a, b]\noutput:\n  reply: str\nemits: Answered")),
      {
        file: "workflows/support/reply.md",
        line: 3,
        message: /after: read: use the answer text, or \{ <output field>: <value> \}/,
      },
    ],
    [
      "a step name that is not a slug",
      (f) => (f["workflows/nightly/Scan Now.md"] = step("after: scan")),
      { file: "workflows/nightly/Scan Now.md", line: 1, message: /Step name "Scan Now"/ },
    ],
  ];

  it.each(rules)("names the file and line of %s", (_, change, expected) => {
    const files = base();
    change(files);
    const errors = errorsOf(files);
    expect(errors).toContainEqual(
      expect.objectContaining({
        file: expected.file,
        line: expected.line,
        message: expect.stringMatching(expected.message),
      }),
    );
  });

  it("reports a registry that is not YAML alone, at its line", () => {
    const files = base();
    files["registry.yml"] = "events:\n  Ticket: { fields: { kind: str } }}\n";
    const errors = errorsOf(files);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.file === "registry.yml" && e.line === 2 && e.column !== undefined)).toBe(true);
  });

  it("compiles the AI SRE example, and its formatted files compile to the same project", async () => {
    const files = await readProjectDir(path.resolve(import.meta.dirname, "../../examples/ai-sre"));
    const project = compiled(files);
    expect(project.stats).toEqual({ workflows: 4, steps: 7, events: 4 });
    const resolve = project.workflows.find((w) => w.name === "resolve")!;
    expect(resolve.graph.nodes.map((n) => n.id)).toEqual(["arbitrate", "fix", "review", "ship"]);
    expect(project.skills.map((s) => s.name)).toEqual(["code-review", "testing"]);
    expect(project.tools.map((t) => [t.name, t.kind])).toEqual([
      ["confirm_goal", "workflow"],
      ["open_pr", "http"],
    ]);
    expect(project.sensors.map((s) => [s.name, s.kind, s.emits])).toEqual([
      ["latency", "poll", "MetricCrossed"],
      ["sentry", "webhook", "Incident"],
    ]);
    expect(resolve.graph.nodes.find((n) => n.id === "fix")).toMatchObject({
      model: "claude-opus-4-6",
      tools: ["open_pr"],
      skills: ["testing"],
    });
    const again = compiled(formatProject(project));
    expect(again.workflows.map(({ files: _f, ...w }) => w)).toEqual(project.workflows.map(({ files: _f, ...w }) => w));
    expect(again.events).toEqual(project.events);
  });

  it("reads approval: in a step header as an approval node, left by when: approved / rejected, and formats it back", () => {
    const files: ProjectFiles = {
      "registry.yml": REGISTRY,
      "workflows/post/draft.md": step("agent: Writer", "Draft a post."),
      "workflows/post/review.md": step(
        "after: draft\napproval:\n  approvers: [admin, owner]\n  timeout: { after: 24h, then: reject }",
        "Ship this? {{ draft.output }}",
      ),
      "workflows/post/rush.md": step("after: review\nwhen: { data.priority: high }\nend: true", "Publish it now."),
      "workflows/post/publish.md": step("after: review\nwhen: approved", "Publish it."),
      "workflows/post/redo.md": step("after: review\nwhen: rejected\nend: true", "Say why not: {{ review.comment }}"),
      "workflows/post/ping.md": step("after: publish\napproval: true", "Tell the team?"),
    };
    const graph = compiled(files).workflows[0]!.graph;
    expect(graph.nodes.find((n) => n.id === "review")).toEqual({
      id: "review",
      role: "review",
      systemPrompt: "Ship this? {{ draft.output }}",
      kind: "approval",
      approvers: ["admin", "owner"],
      timeout: { after: "24h", then: "reject" },
    });
    expect(graph.nodes.find((n) => n.id === "ping")).toMatchObject({ kind: "approval" });
    expect(graph.nodes.find((n) => n.id === "ping")!.approvers).toBeUndefined();
    expect(graph.edges).toContainEqual({ from: "review", to: "publish", when: "approved" });
    expect(graph.edges).toContainEqual({ from: "review", to: "redo", when: "rejected" });
    expect(graph.edges).toContainEqual({
      from: "review",
      to: "rush",
      when: { field: "data.priority", equals: "high" },
    });

    const formatted = formatProject(compiled(files));
    expect(formatted["workflows/post/review.md"]).toContain(
      "approval:\n  approvers: [admin, owner]\n  timeout:\n    after: 24h\n    then: reject\n",
    );
    expect(formatted["workflows/post/ping.md"]).toContain("approval: true\n");
    expect(compiled(formatted).workflows[0]!.graph).toEqual(graph);

    const bad = (header: string) => errorsOf({ ...files, "workflows/post/review.md": step(`after: draft\n${header}`) });
    expect(bad("approval: { approvers: [boss] }")).toEqual([
      { file: "workflows/post/review.md", line: 3, message: "approval: approvers.0: Use owner, admin or member" },
    ]);
    expect(bad("approval: { timeout: { after: 90d, then: reject } }")[0]!.message).toBe(
      "approval: timeout.after: At most 30 days",
    );
    expect(bad("approval: { ask: everyone }")[0]!.message).toMatch(
      /^approval: ask is not an approval key; use approval: true/,
    );
    expect(bad("approval: yes")[0]!.message).toMatch(/^approval: use approval: true/);
    // An approval calls no model: the graph's own rule, at the step's file.
    expect(bad("approval: true\nmodel: gpt-4o").map((e) => e.file)).toContain("workflows/post/review.md");
  });

  it("formats a step that retries itself, and compiles it back", () => {
    const graph = {
      start: "fetch",
      nodes: [
        { id: "fetch", role: "fetch", systemPrompt: "Fetch it.", output: { ok: "bool" as const } },
        { id: "use", role: "use", systemPrompt: "Use it." },
      ],
      edges: [
        { from: "fetch", to: "fetch", when: { field: "ok", equals: false } },
        { from: "fetch", to: "use" },
        { from: "use", to: "END" },
      ],
      maxSteps: 50,
      maxVisitsPerNode: 5,
      trigger: { cron: "*/5 * * * *", timezone: "UTC" },
    };
    const files = formatProject({
      workflows: [{ name: "poll", description: null, model: "gpt-4o", graph }],
      events: [],
    });
    expect(files["workflows/poll/fetch.md"]).toBe(
      '---\non: cron("*/5 * * * *")\ntimezone: UTC\nafter: fetch\nwhen:\n  ok: false\noutput:\n  ok: bool\n---\n\nFetch it.\n',
    );
    expect(compiled(files).workflows[0]!.graph).toEqual(graph);
  });

  it("keeps a workflow's response tone, a node's own and its memory through the files, and checks their size", () => {
    const graph = {
      start: "draft",
      responseTone: "executive",
      nodes: [
        { id: "draft", role: "writer", systemPrompt: "Draft it." },
        {
          id: "explain",
          role: "teacher",
          systemPrompt: "Explain it.",
          responseTone: "like a patient teacher: #1",
          memory: "read-write" as const,
        },
      ],
      edges: [
        { from: "draft", to: "explain" },
        { from: "explain", to: "END" },
      ],
      maxSteps: DEFAULT_MAX_STEPS,
      maxVisitsPerNode: DEFAULT_MAX_VISITS_PER_NODE,
    };
    const files = formatProject({
      workflows: [{ name: "toned", description: null, model: DEFAULT_MODEL, graph }],
      events: [],
    });
    expect(files["registry.yml"]).toContain("response_tone: executive");
    expect(compiled(files).workflows[0]!.graph).toEqual(graph);
    const tooLong = { ...files, "workflows/toned/draft.md": step(`response_tone: ${"x".repeat(301)}`, "Draft it.") };
    const result = compileProject(tooLong);
    expect(result.ok ? [] : result.errors).toEqual([
      { file: "workflows/toned/draft.md", line: 2, message: "response_tone: Use at most 300 characters" },
    ]);
  });

  it("formats a dashboard graph so it compiles back: loops, per-edge conditions, joins, settings", () => {
    const graph = {
      start: "plan",
      nodes: [
        { id: "plan", role: "Planner", systemPrompt: "Plan {{ input }}.", model: "gpt-4o" },
        { id: "work", role: "work", systemPrompt: "Work on {{ plan.output }}.", tools: ["http_request"] },
        {
          id: "check",
          role: "Checker",
          systemPrompt: "Check it: 'yes' or not?",
          output: { ok: "bool" as const },
          credentials: ["cred_1"],
        },
      ],
      edges: [
        { from: "plan", to: "work" },
        { from: "work", to: "check" },
        { from: "check", to: "work", when: { field: "ok", equals: false } },
        { from: "check", to: "END" },
      ],
      maxSteps: 12,
      maxVisitsPerNode: 3,
      budget: { spend: { usd: 2 } },
    };
    const files = formatProject({
      workflows: [{ name: "My Flow", description: "Multi\nline: yes", model: "claude-haiku-4-5", graph }],
      events: [],
    });
    expect(Object.keys(files)).toEqual([
      "registry.yml",
      "workflows/my-flow/check.md",
      "workflows/my-flow/plan.md",
      "workflows/my-flow/work.md",
    ]);
    const project = compiled(files);
    expect(project.workflows[0]).toMatchObject({
      name: "My Flow",
      description: "Multi\nline: yes",
      model: "claude-haiku-4-5",
    });
    expect(project.workflows[0]!.graph).toEqual(graph);
  });
});

describe("a step that emits an event the registry does not declare", () => {
  it("compiles with a warning at its file and line saying how to declare it; push refuses until it is", () => {
    const files = base();
    files["workflows/support/reply.md"] = step("after: read\noutput:\n  reply: str\nemits: Replied");
    const result = compileProject(files);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.warnings).toEqual([
      {
        file: "workflows/support/reply.md",
        line: 5,
        message:
          'emits: "Replied" is not declared in the events: section of registry.yml; push refuses the project until it is (Replied: { fields: { reply: str } }, and an output: on this step with those fields)',
        refusesPush: true,
      },
    ]);
    // The compiled node does not emit what does not exist.
    const reply = result.project.workflows.find((w) => w.dir === "support")!.graph.nodes.find((n) => n.id === "reply")!;
    expect(reply.emits).toBeUndefined();
  });
});
