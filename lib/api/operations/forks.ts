import { defineOperation, type ApiOperation } from "@/lib/api/operation";
import { compareRunsResponseSchema } from "@/lib/runs/forks/compare-schemas";
import { forkRunSchema } from "@/lib/runs/forks/fork-run-schema";
import { FORK_RUN_MAX_BODY_BYTES } from "@/lib/runs/forks/fork-schemas";
import { runResponseSchema } from "@/lib/runs/response-schemas";

export const forkRun = defineOperation({
  method: "post",
  path: "/api/v1/runs/{id}/fork",
  operationId: "forkRun",
  permission: "runs.write",
  maxBodyBytes: FORK_RUN_MAX_BODY_BYTES,
  summary: "Fork a finished run from one of its steps",
  description:
    "Starts a new run of the same workflow version (202) whose steps before `fromStep` are the original's, copied " +
    "with `reused: true` (not run again; their tokens and cost are billed in the original only), and which runs on " +
    "from `fromStep` with the fork's `input` and node `overrides` (`systemPrompt`, `model`). The fork carries " +
    '`forkedFrom` and `forkedAtStep`. With `version: "current"` the fork runs on the workflow\'s current version ' +
    "instead, provided the steps it reuses ran nodes that version still has, unchanged and where its edges lead " +
    "(else 400 naming `version`, with the reason). A run still queued, running or waiting is 409; a `fromStep` past " +
    "the run's steps, or after a step that did not complete, is 400. A run's forks are listed by " +
    "`GET /api/v1/runs?forkedFrom=<id>`.",
  tag: "Runs",
  pathParams: { id: "The run to fork." },
  body: forkRunSchema,
  responses: { 202: { description: "The queued fork.", schema: runResponseSchema } },
  errors: [402, 404, 409, 429],
});

export const compareRuns = defineOperation({
  method: "get",
  path: "/api/v1/runs/{id}/compare/{otherId}",
  operationId: "compareRuns",
  summary: "Compare two runs of one workflow, step by step",
  description:
    "Both runs' steps side by side by index, what differs at each (node, status, output, typed fields, model) " +
    "and `divergedAtStep`, the first index where they differ. Works for any two runs of one workflow (a fork and " +
    "its original, or runs before and after a change); runs of two workflows are 400.",
  tag: "Runs",
  pathParams: { id: "The first run (a).", otherId: "The second run (b)." },
  responses: { 200: { description: "The comparison.", schema: compareRunsResponseSchema } },
  errors: [404],
});

export const forkOperations: readonly ApiOperation[] = [forkRun, compareRuns];
