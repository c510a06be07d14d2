"use client";

import { CopyButton } from "@/components/ui/copy-button";

/** The command that fetches this run through the API with a token. */
export function curlForRun(origin: string, runId: string): string {
  return `curl -H "Authorization: Bearer $LOOPLLAMA_TOKEN" ${origin}/api/v1/runs/${runId}`;
}

/** Copy the run's id, or a ready curl command for the same run through the API. */
export function RunApiActions({ runId }: { runId: string }) {
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <div className="flex flex-wrap gap-2">
      <CopyButton value={runId} label="Copy run ID" />
      <CopyButton
        value={curlForRun(origin, runId)}
        label="Copy curl"
        title="curl command using $LOOPLLAMA_TOKEN (an API token)"
      />
    </div>
  );
}
