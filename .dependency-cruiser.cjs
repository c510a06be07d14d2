/**
 * The layers of the code and which folder may import which, checked by `npm run lint`.
 *
 *   app → components → lib/queries (the browser's hooks)
 *   lib/api (the route wrappers and the OpenAPI document) and inngest/ (the functions) above the domains
 *   lib/execution (a run's path) → the domains (lib/agents, lib/runs, lib/workflows, …)
 *   → lib/http, lib/validation, lib/db, lib/env (the ground floor every domain may import)
 *
 * lib/graph is pure (the API, the command line and the browser share it); only inngest/ runs
 * lib/execution. An import from a floor to one above it is refused unless it is listed by name in
 * UPWARD below, with why.
 */

/** Floors, top first. A folder may import its own floor's and those below it. */
const FLOORS = [
  ["app"],
  ["components"],
  ["lib/queries"],
  ["inngest", "lib/api"],
  ["lib/execution"],
  ["lib/telemetry"],
  ["lib/projects"],
  ["lib/agents"],
  ["lib/events"],
  ["lib/runs"],
  ["lib/workflows"],
  ["lib/graph"],
  ["lib/tools"],
  ["lib/mcp", "lib/sandboxes"],
  ["lib/webhooks"],
  ["lib/members", "lib/tokens"],
  ["lib/workspaces"],
  ["lib/auth"],
  ["lib/models"],
  ["lib/credentials"],
  ["lib/billing"],
  ["lib/audit"],
  ["lib/engine"],
  ["lib/rate-limit", "lib/mail", "lib/outbound"],
  ["lib/http", "lib/validation"],
  ["lib/db", "lib/generated"],
  ["lib/env"],
];

/** The imports that run up a floor on purpose: [from, to, why]. Keep this list short. */
const UPWARD = [
  [
    "^lib/auth/(sign-up|link-oauth-user)\\.ts$",
    "^lib/workspaces/create-workspace\\.ts$",
    "a new account is given its first workspace as it is made",
  ],
  [
    "^lib/credentials/binding\\.ts$",
    "^lib/models/model-ref\\.ts$",
    "a type only: which credential kind serves each model provider",
  ],
  [
    "^lib/engine/(send-event|start|app|driver|serve-endpoint-open)\\.ts$",
    "^inngest/(client|index|serve)\\.ts$",
    "the local engine sends events with the app's Inngest client and serves its functions",
  ],
  [
    "^lib/mcp/(mcp-session|list-mcp-tools|call-mcp-tool)\\.ts$",
    "^lib/tools/(errors|types)\\.ts$",
    "an MCP server's tools are tools: they throw the tools' errors and are described by their types",
  ],
  ["^lib/tools/workflow-tool\\.ts$", "^lib/runs/create-run\\.ts$", "the workflow tool starts another workflow's run"],
  [
    "^lib/workflows/(create-workflow|replace-version)\\.ts$",
    "^lib/events/assert-event-references\\.ts$",
    "saving a graph checks that the event types it names exist",
  ],
  ["^lib/workflows/triggers/fire-due-triggers\\.ts$", "^lib/runs/create-run\\.ts$", "a due cron trigger starts a run"],
];

/** lib modules with no server code that the browser may import besides lib/queries, lib/graph and lib/validation. */
const BROWSER_SAFE = [
  "^lib/agents/constants\\.ts$",
  "^lib/agents/response-schemas\\.ts$",
  "^lib/agents/model-policy\\.ts$",
  "^lib/agents/proposal-schemas\\.ts$",
  "^lib/agents/schedule\\.ts$",
  "^lib/agents/schedule-schema\\.ts$",
  "^lib/billing/response-schemas\\.ts$",
  "^lib/billing/schemas\\.ts$",
  "^lib/credentials/response-schemas\\.ts$",
  "^lib/credentials/schemas\\.ts$",
  "^lib/chats/response-schemas\\.ts$",
  "^lib/docs/pages\\.ts$",
  "^lib/events/schemas\\.ts$",
  "^lib/http/openapi-schemas\\.ts$",
  "^lib/members/response-schemas\\.ts$",
  "^lib/memory/response-schemas\\.ts$",
  "^lib/members/schemas\\.ts$",
  "^lib/models/model-ref\\.ts$",
  "^lib/runs/approvals/approval-schemas\\.ts$",
  "^lib/runs/forks/(fork|compare)-schemas\\.ts$",
  "^lib/runs/budgets/format-budget-number\\.ts$",
  "^lib/runs/response-schemas\\.ts$",
  "^lib/runs/schemas\\.ts$",
  "^lib/tokens/response-schemas\\.ts$",
  "^lib/tokens/schemas\\.ts$",
  "^lib/workflows/graph/diff-graphs\\.ts$",
  "^lib/workflows/response-schemas\\.ts$",
  "^lib/workflows/run-status\\.ts$",
  "^lib/workspaces/response-schemas\\.ts$",
  "^lib/webhooks/(event-types|response-schemas)\\.ts$",
  "^lib/runs/waiting-for-schema\\.ts$",
  "^lib/audit/(actions|response-schemas)\\.ts$",
];

/** What the graph module may import besides itself: zod and three files that import only zod. */
const GRAPH_MAY_IMPORT = [
  "^lib/graph/",
  "(^|/)node_modules/zod/",
  // reads cron expressions (schedules and cron triggers); plain code with no server imports
  "(^|/)node_modules/croner/",
  "^lib/tools/tool-names\\.ts$",
  "^lib/models/model-ref\\.ts$",
  "^lib/models/simulate-limits\\.ts$",
];

const SERVER_CODE = ["(^|/)node_modules/server-only/", "(^|/)node_modules/@prisma/", "^lib/(env|db|generated)/"];

const folders = (floor) => `^(${floor.join("|")})/`;
const floorRules = FLOORS.slice(1).flatMap((floor, i) => {
  const above = FLOORS.slice(0, i + 1).flat();
  const exceptions = UPWARD.filter(([from]) => floor.some((f) => from.startsWith(`^${f}/`)));
  return [
    {
      name: `floor-${floor.join("+")}`,
      comment: `${floor.join(", ")} may not import a floor above: ${above.join(", ")}`,
      severity: "error",
      from: { path: folders(floor), pathNot: exceptions.map(([from]) => from) },
      to: { path: folders(above) },
    },
    ...exceptions.map(([from, to, why]) => ({
      name: `floor-up-${from.replace(/\W+/g, "-").replace(/^-|-$/g, "")}`,
      comment: `allowed upward, by name: ${why}`,
      severity: "error",
      from: { path: from },
      to: { path: folders(above), pathNot: to },
    })),
  ];
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "Files that import each other in a loop: take the shared part down a floor.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    ...floorRules,
    {
      name: "graph-is-pure",
      comment: "lib/graph is shared by the API, the command line and the browser: zod and its own files only.",
      severity: "error",
      from: { path: "^lib/graph/" },
      to: { pathNot: GRAPH_MAY_IMPORT },
    },
    {
      name: "graph-has-no-server-code",
      comment: "lib/graph reaches no environment, no server-only module, no Prisma and no node: builtin.",
      severity: "error",
      from: { path: "^lib/graph/" },
      to: { path: SERVER_CODE, reachable: true },
    },
    {
      name: "graph-no-builtins",
      severity: "error",
      from: { path: "^lib/graph/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "execution-only-from-inngest",
      comment: "A run's execution (lib/execution) is started by the Inngest function alone.",
      severity: "error",
      from: { pathNot: ["^inngest/", "^lib/execution/"] },
      to: { path: "^lib/execution/" },
    },
    {
      name: "runs-not-execution",
      comment: "lib/runs reads and records runs; running one is lib/execution's, above it.",
      severity: "error",
      from: { path: "^lib/runs/" },
      to: { path: "^lib/execution/" },
    },
    {
      name: "browser-imports",
      comment:
        "Components and the browser's hooks import lib/queries, lib/graph, lib/validation and the pure modules named in BROWSER_SAFE.",
      severity: "error",
      from: { path: "^(components|lib/queries)/" },
      to: { path: "^(lib|inngest|app)/", pathNot: ["^lib/(queries|graph|validation)/", ...BROWSER_SAFE] },
    },
    {
      name: "browser-has-no-server-code",
      comment: "Nothing the browser loads reaches server-only, Prisma, the database or the environment.",
      severity: "error",
      from: { path: "^(components|lib/queries)/" },
      to: { path: SERVER_CODE, reachable: true },
    },
    {
      name: "ground-floor",
      comment: "lib/http, lib/validation, lib/db and lib/env import no domain.",
      severity: "error",
      from: { path: "^lib/(http|validation|db|env)/" },
      to: { path: "^(app|components|inngest|lib)/", pathNot: "^lib/(http|validation|db|env|generated)/" },
    },
  ],
  options: {
    doNotFollow: { path: ["node_modules", "^lib/generated/"] },
    exclude: { path: "\\.test\\.tsx?$" },
    tsPreCompilationDeps: true,
    // "@/…" is resolved by the alias in .dependency-cruiser.resolve.cjs rather than through
    // tsconfig.json's `paths`, which also map a bare name to the folder of that name: the "inngest"
    // package would be taken for the inngest/ folder.
    webpackConfig: { fileName: ".dependency-cruiser.resolve.cjs" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    skipAnalysisNotInRules: true,
  },
};
