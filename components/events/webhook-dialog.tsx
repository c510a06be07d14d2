"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import type { WebhookSecret } from "@/lib/queries/event-types";

function Secret({ label, value }: { label: string; value: string }) {
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium text-zinc-900 first-letter:uppercase">{label}</p>
      <div className="flex items-center gap-2">
        <code
          className="min-w-0 flex-1 rounded-md border border-zinc-200 bg-zinc-50 px-2 py-1.5 font-mono text-xs break-all text-zinc-800"
          data-testid={`webhook-${label.toLowerCase()}`}
        >
          {value}
        </code>
        <CopyButton value={value} label={`Copy ${label}`} />
      </div>
    </div>
  );
}

/** The webhook's URL and secret right after it was created or rotated: the only time the secret shows. */
export function WebhookDialog({ created, onClose }: { created: WebhookSecret | null; onClose: () => void }) {
  return (
    <Dialog
      open={created !== null}
      onClose={onClose}
      title={`Webhook for “${created?.eventType.name ?? ""}”`}
      description="Outside systems POST the event's data as JSON to this URL, without an API token."
    >
      {created ? (
        <div className="space-y-4">
          <Alert tone="warning">Copy the secret now: it is not shown again. Rotating makes a new URL and secret.</Alert>
          <Secret label="URL" value={created.url} />
          <Secret label="secret" value={created.secret} />
          <p className="text-sm text-zinc-600">
            Send the secret as <code className="font-mono text-xs">?secret=</code>, or sign the body with it:{" "}
            <code className="font-mono text-xs break-all">X-LoopLlama-Signature: sha256=&lt;HMAC-SHA256 hex&gt;</code>.
          </p>
          <DialogActions>
            <Button onClick={onClose}>Done</Button>
          </DialogActions>
        </div>
      ) : null}
    </Dialog>
  );
}
