"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DialogActions } from "@/components/ui/dialog";

/** An endpoint's signing secret, shown once after it is created or rotated. */
export function EndpointSecretView({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <div>
      <Alert tone="warning" title="Copy this signing secret now">
        It is shown only once. Your receiver verifies each delivery&apos;s <code>webhook-signature</code> with it.
      </Alert>
      <div className="mt-4 flex gap-2">
        <input
          aria-label="Signing secret"
          readOnly
          value={secret}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="webhook-secret"
          className="h-10 min-w-0 flex-1 rounded-md border border-zinc-300 bg-zinc-50 px-3 font-mono text-sm text-zinc-900"
        />
        <CopyButton value={secret} className="h-10" />
      </div>
      <DialogActions>
        <Button onClick={onDone}>Done</Button>
      </DialogActions>
    </div>
  );
}
