"use client";

import { useState } from "react";
import { canManage, useCurrentWorkspace } from "@/components/dashboard/workspace-context";
import { PageBody, PageHeader } from "@/components/dashboard/page-header";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { QueryState } from "@/components/ui/query-state";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import {
  useDeleteWebhookEndpoint,
  useRotateWebhookSecret,
  useSendTestWebhook,
  useUpdateWebhookEndpoint,
  useWebhookEndpoints,
  type WebhookEndpoint,
} from "@/lib/queries/use-webhooks";
import { CreateEndpointDialog } from "./create-endpoint-dialog";
import { DeliveryLog } from "./delivery-log";
import { EndpointSecretView } from "./endpoint-secret-view";

const NOT_ALLOWED = "Only owners and admins manage webhook endpoints.";

function EndpointCard({
  slug,
  endpoint,
  onRotated,
  onDelete,
}: {
  slug: string;
  endpoint: WebhookEndpoint;
  onRotated: (secret: string) => void;
  onDelete: (endpoint: WebhookEndpoint) => void;
}) {
  const [open, setOpen] = useState(false);
  const test = useSendTestWebhook(slug);
  const update = useUpdateWebhookEndpoint(slug);
  const rotate = useRotateWebhookSecret(slug);
  const error = test.error ?? update.error ?? rotate.error;
  return (
    <Card data-testid="webhook-endpoint">
      <div className="flex flex-wrap items-start justify-between gap-3 p-4">
        <div className="min-w-0">
          <p className="truncate font-mono text-sm text-zinc-900">{endpoint.url}</p>
          {endpoint.description ? <p className="mt-0.5 text-sm text-zinc-600">{endpoint.description}</p> : null}
          <div className="mt-2 flex flex-wrap gap-1">
            {endpoint.disabled ? <Badge tone="danger">disabled</Badge> : null}
            {endpoint.events.map((e) => (
              <Badge key={e} tone="neutral">
                {e}
              </Badge>
            ))}
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            size="sm"
            loading={test.isPending}
            onClick={() => test.mutate(endpoint.id, { onSuccess: () => setOpen(true) })}
          >
            Send test event
          </Button>
          <Button variant="secondary" size="sm" onClick={() => setOpen((v) => !v)} aria-expanded={open}>
            {open ? "Hide deliveries" : "Deliveries"}
          </Button>
          <Button
            variant="secondary"
            size="sm"
            loading={update.isPending}
            onClick={() => update.mutate({ id: endpoint.id, disabled: !endpoint.disabled })}
          >
            {endpoint.disabled ? "Enable" : "Disable"}
          </Button>
          <Button
            variant="secondary"
            size="sm"
            loading={rotate.isPending}
            onClick={() => rotate.mutate(endpoint.id, { onSuccess: (r) => onRotated(r.secret) })}
          >
            Rotate secret
          </Button>
          <Button variant="danger-ghost" size="sm" onClick={() => onDelete(endpoint)}>
            Delete<span className="sr-only"> {endpoint.url}</span>
          </Button>
        </div>
      </div>
      {error ? (
        <div className="px-4 pb-3">
          <Alert tone="error">{errorMessage(error)}</Alert>
        </div>
      ) : null}
      {open ? (
        <div className="border-t border-zinc-200">
          <DeliveryLog slug={slug} endpointId={endpoint.id} />
        </div>
      ) : null}
    </Card>
  );
}

/** Settings → Webhooks: the endpoints events are sent to, their delivery logs and test events. */
export function WebhooksPage() {
  const { workspace } = useCurrentWorkspace();
  const allowed = canManage(workspace.role);
  const endpoints = useWebhookEndpoints(workspace.slug, allowed);
  const remove = useDeleteWebhookEndpoint(workspace.slug);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<WebhookEndpoint | null>(null);
  const [rotatedSecret, setRotatedSecret] = useState<string | null>(null);

  const forbidden = !allowed || (endpoints.error instanceof ApiError && endpoints.error.status === 403);
  const addButton = (
    <Button onClick={() => setCreating(true)}>
      <Icon name="plus" className="size-4" />
      Add endpoint
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Tell your other systems when runs start, finish or fail: signed POSTs, retried for a day."
        actions={forbidden ? null : addButton}
      />
      <PageBody>
        {forbidden ? (
          <Alert tone="info" title="You can’t manage webhooks">
            {NOT_ALLOWED}
          </Alert>
        ) : (
          <QueryState
            query={endpoints}
            loadingLabel="Loading endpoints"
            errorTitle="Could not load endpoints"
            isEmpty={endpoints.data?.length === 0}
            empty={
              <Card>
                <EmptyState
                  icon="bolt"
                  title="No webhook endpoints yet"
                  description="Add an endpoint to receive run and step events as signed HTTP requests."
                  action={addButton}
                />
              </Card>
            }
          >
            {(data) => (
              <div className="space-y-4">
                {data.map((e) => (
                  <EndpointCard
                    key={e.id}
                    slug={workspace.slug}
                    endpoint={e}
                    onRotated={setRotatedSecret}
                    onDelete={setDeleting}
                  />
                ))}
              </div>
            )}
          </QueryState>
        )}
      </PageBody>

      <CreateEndpointDialog slug={workspace.slug} open={creating} onClose={() => setCreating(false)} />
      <Dialog open={rotatedSecret !== null} onClose={() => setRotatedSecret(null)} title="Secret rotated">
        {rotatedSecret ? <EndpointSecretView secret={rotatedSecret} onDone={() => setRotatedSecret(null)} /> : null}
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this endpoint?"
        description={`Nothing more is sent to ${deleting?.url ?? ""}, and its delivery log goes with it.`}
        confirmLabel="Delete endpoint"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      />
    </>
  );
}
