import "server-only";
import type { Op } from "./call-endpoint";

/** Journals the steps of one checkpoint; throws LostLease when the execution no longer holds its job. */
export type CheckpointReceiver = (steps: Op[]) => Promise<void>;

// The SDK posts checkpoints through the Inngest client's `fetch` (local-api.ts), which Next may
// bundle apart from the driver, so the receivers live on globalThis as the wake-up hooks do.
const holder = globalThis as unknown as { loopllamaCheckpoints?: Map<string, CheckpointReceiver> };

function receivers(): Map<string, CheckpointReceiver> {
  holder.loopllamaCheckpoints ??= new Map();
  return holder.loopllamaCheckpoints;
}

/**
 * While an execution calls the function, the steps it checkpoints (Inngest's
 * checkpoint API: the SDK runs the function's steps one after another in the
 * same call and reports each as it finishes) go to `receive`. Returns the
 * function that stops receiving.
 */
export function receiveCheckpoints(runId: string, receive: CheckpointReceiver): () => void {
  receivers().set(runId, receive);
  return () => {
    if (receivers().get(runId) === receive) receivers().delete(runId);
  };
}

/** No execution in this process holds the run: the SDK is told its dispatch is stale (409) and stops. */
export class StaleCheckpoint extends Error {
  constructor(runId: string) {
    super(`No execution in this process holds run ${runId}`);
  }
}

/** Hands a checkpoint to the execution that holds the run. */
export async function checkpointSteps(runId: string, steps: Op[]): Promise<void> {
  const receive = receivers().get(runId);
  if (!receive) throw new StaleCheckpoint(runId);
  await receive(steps);
}
