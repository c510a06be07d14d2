import "server-only";
import type { Op } from "./call-endpoint";

/** Journals the steps of one checkpoint; throws LostLease when the execution no longer holds its job. */
export type CheckpointReceiver = (steps: Op[]) => Promise<void>;

// The SDK posts checkpoints through the Inngest client's `fetch` (local-api.ts), which Next may
// bundle apart from the driver, so the receivers live on globalThis as the wake-up hooks do.
const holder = globalThis as unknown as {
  loopllamaCheckpoints?: Map<string, { queueItem: string; receive: CheckpointReceiver }>;
};

function receivers(): Map<string, { queueItem: string; receive: CheckpointReceiver }> {
  holder.loopllamaCheckpoints ??= new Map();
  return holder.loopllamaCheckpoints;
}

/**
 * While an execution calls the function, the steps it checkpoints (Inngest's
 * checkpoint API: the SDK runs the function's steps one after another in the
 * same call and reports each as it finishes) go to `receive`. `queueItem` is
 * the execution's own claim, which the call hands the SDK as its queue item:
 * a checkpoint of an older call of the same run (one whose claim was lost) is
 * refused. Returns the function that stops receiving.
 */
export function receiveCheckpoints(runId: string, queueItem: string, receive: CheckpointReceiver): () => void {
  const entry = { queueItem, receive };
  receivers().set(runId, entry);
  return () => {
    if (receivers().get(runId) === entry) receivers().delete(runId);
  };
}

/** No execution in this process holds the run: the SDK is told its dispatch is stale (409) and stops. */
export class StaleCheckpoint extends Error {
  constructor(runId: string) {
    super(`No execution in this process holds run ${runId}`);
  }
}

/** Hands a checkpoint to the execution that holds the run under that queue item. */
export async function checkpointSteps(runId: string, queueItem: string | undefined, steps: Op[]): Promise<void> {
  const entry = receivers().get(runId);
  if (!entry || entry.queueItem !== queueItem) throw new StaleCheckpoint(runId);
  await entry.receive(steps);
}
