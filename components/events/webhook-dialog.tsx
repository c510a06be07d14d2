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
            Sign each delivery the{" "}
            <a className="underline" href="https://www.standardwebhooks.com/" target="_blank" rel="noreferrer">
              Standard Webhooks
            </a>{" "}
            way: send <code className="font-mono text-xs">webhook-id</code>,{" "}
            <code className="font-mono text-xs">webhook-timestamp</code> (Unix seconds) and{" "}
            <code className="font-mono text-xs break-all">
              webhook-signature: v1,&lt;base64 HMAC-SHA256 of &quot;id.timestamp.body&quot;&gt;
            </code>
            , keyed by the base64 after <code className="font-mono text-xs">whsec_</code>. A delivery is accepted within
            5 minutes of its timestamp, and a repeated webhook-id starts nothing new.
          </p>
          <DialogActions>
            <Button onClick={onClose}>Done</Button>
          </DialogActions>
        </div>
      ) : null}
    </Dialog>
  );
}
