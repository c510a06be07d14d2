"use client";

import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LoadMoreButton } from "@/components/ui/load-more";
import { QueryState } from "@/components/ui/query-state";
import { Table, Td, Th } from "@/components/ui/table";
import { formatRelative } from "@/lib/queries/format";
import { useRedeliverWebhook, useWebhookDeliveries, type WebhookDelivery } from "@/lib/queries/use-webhooks";

const TONE: Record<WebhookDelivery["status"], BadgeTone> = {
  pending: "warning",
  delivered: "success",
  failed: "danger",
};

function outcome(d: WebhookDelivery): string {
  const status =
    d.responseStatus === null ? (d.attempts === 0 ? "not sent yet" : "no answer") : `HTTP ${d.responseStatus}`;
  const duration = d.durationMs === null ? "" : ` in ${d.durationMs} ms`;
  return `${status}${duration}`;
}

/** One endpoint's deliveries: status, attempts, last answer; failed or delivered ones can be sent again. */
export function DeliveryLog({ slug, endpointId }: { slug: string; endpointId: string }) {
  const deliveries = useWebhookDeliveries(slug, endpointId);
  const redeliver = useRedeliverWebhook(slug, endpointId);
  const rows = deliveries.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <QueryState
      query={deliveries}
      loadingLabel="Loading deliveries"
      errorTitle="Could not load deliveries"
      isEmpty={rows.length === 0}
      empty={
        <p className="px-4 py-3 text-sm text-zinc-500">No deliveries yet. Send a test event to try the endpoint.</p>
      }
    >
      {() => (
        <div>
          <Table
            className="min-w-full"
            head={
              <>
                <Th>Event</Th>
                <Th>Status</Th>
                <Th desktopOnly>Last answer</Th>
                <Th desktopOnly>When</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </>
            }
          >
            {rows.map((d) => (
              <tr key={d.id} data-testid="webhook-delivery-row">
                <Td>
                  <p className="font-mono text-xs text-zinc-900">{d.eventType}</p>
                  <p className="mt-0.5 font-mono text-xs text-zinc-500">{d.id}</p>
                </Td>
                <Td>
                  <Badge tone={TONE[d.status]}>{d.status}</Badge>
                  <p className="mt-1 text-xs text-zinc-500">
                    {d.attempts} {d.attempts === 1 ? "attempt" : "attempts"}
                    {d.status === "pending" && d.nextAttemptAt ? ` · next ${formatRelative(d.nextAttemptAt)}` : ""}
                  </p>
                </Td>
                <Td desktopOnly className="text-zinc-600">
                  <p className="text-sm">{outcome(d)}</p>
                  {d.responseExcerpt ? (
                    <p className="mt-0.5 max-w-xs truncate font-mono text-xs text-zinc-500" title={d.responseExcerpt}>
                      {d.responseExcerpt}
                    </p>
                  ) : null}
                </Td>
                <Td desktopOnly className="text-zinc-600">
                  {formatRelative(d.lastAttemptAt ?? d.createdAt)}
                </Td>
                <Td className="text-right">
                  {d.status === "pending" ? null : (
                    <Button
                      variant="secondary"
                      size="sm"
                      loading={redeliver.isPending && redeliver.variables === d.id}
                      onClick={() => redeliver.mutate(d.id)}
                    >
                      Redeliver
                    </Button>
                  )}
                </Td>
              </tr>
            ))}
          </Table>
          <div className="px-4 py-3">
            <LoadMoreButton query={deliveries} />
          </div>
        </div>
      )}
    </QueryState>
  );
}
