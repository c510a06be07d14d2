import { resetStripeEnv } from "@/lib/billing/stripe-env";
import { db } from "@/lib/db/client";
import type { Plan, RunStatus } from "@/lib/generated/prisma/enums";
import type { StripeTestServer } from "./stripe-server";

export const TEST_PRICES = {
  STRIPE_PRICE_PRO: "price_pro_base",
  STRIPE_PRICE_TEAM: "price_team_base",
  STRIPE_PRICE_OVERAGE_PRO: "price_pro_steps",
  STRIPE_PRICE_OVERAGE_TEAM: "price_team_steps",
} as const;

export const TEST_WEBHOOK_SECRET = "whsec_test_secret";

const STRIPE_KEYS = [
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "STRIPE_API_BASE",
  "STRIPE_MAX_NETWORK_RETRIES",
  ...Object.keys(TEST_PRICES),
];

/** Points the real Stripe SDK at the local server, with test prices and webhook secret. */
export function useStripeServer(server: StripeTestServer): void {
  Object.assign(process.env, TEST_PRICES, {
    STRIPE_SECRET_KEY: "sk_test_loopllama",
    STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    STRIPE_API_BASE: server.url,
    STRIPE_MAX_NETWORK_RETRIES: "0",
  });
  resetStripeEnv();
}

/** Removes every Stripe setting: billing "not configured". */
export function clearStripeEnv(): void {
  for (const key of STRIPE_KEYS) delete process.env[key];
  resetStripeEnv();
}

export async function setPlan(workspaceId: string, plan: Plan, stripeCustomerId: string | null = null) {
  await db.workspace.update({ where: { id: workspaceId }, data: { plan, stripeCustomerId } });
}

/** A workflow with a one-version crew of `steps` agents, written straight to the database. */
export async function makeWorkflowRows(workspaceId: string, steps = 2) {
  const crew = Array.from({ length: steps }, (_, i) => ({ role: `agent-${i}`, systemPrompt: "Do the work." }));
  const workflow = await db.workflow.create({ data: { workspaceId, name: "Billing test", model: "local" } });
  const version = await db.workflowVersion.create({
    data: { workspaceId, workflowId: workflow.id, version: 1, crew },
  });
  return { workflowId: workflow.id, workflowVersionId: version.id, steps };
}

/** A run row in a given state; finished runs get their usage event. */
export async function makeRunRow(
  workspaceId: string,
  wf: { workflowId: string; workflowVersionId: string },
  opts: { status?: RunStatus; stepCount: number; createdAt?: Date },
) {
  const status = opts.status ?? "queued";
  const run = await db.run.create({
    data: {
      workspaceId,
      workflowId: wf.workflowId,
      workflowVersionId: wf.workflowVersionId,
      input: "test",
      status,
      stepCount: opts.stepCount,
      ...(opts.createdAt ? { createdAt: opts.createdAt } : {}),
    },
  });
  if (status === "completed" || status === "failed") {
    await makeUsageEvent(workspaceId, {
      runId: run.id,
      workflowId: wf.workflowId,
      steps: opts.stepCount,
      createdAt: opts.createdAt,
    });
  }
  return run;
}

export async function makeUsageEvent(
  workspaceId: string,
  opts: {
    steps: number;
    runId?: string;
    workflowId?: string;
    createdAt?: Date;
    inputTokens?: number;
    outputTokens?: number;
    costUsd?: number;
  },
) {
  return db.usageEvent.create({
    data: {
      workspaceId,
      runId: opts.runId ?? null,
      workflowId: opts.workflowId ?? null,
      steps: opts.steps,
      inputTokens: opts.inputTokens ?? opts.steps * 100,
      outputTokens: opts.outputTokens ?? opts.steps * 50,
      costUsd: opts.costUsd ?? 0,
      ...(opts.createdAt ? { createdAt: opts.createdAt } : {}),
    },
  });
}
