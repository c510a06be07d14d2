"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryState } from "@/components/ui/query-state";
import { errorMessage } from "@/lib/queries/api-client";
import { formatDate } from "@/lib/queries/format";
import type { Invite } from "@/lib/queries/types";
import { useInvites, useRevokeInvite } from "@/lib/queries/use-invites";
import { roleLabels } from "./roles";

export function PendingInvites({ slug }: { slug: string }) {
  const invites = useInvites(slug);
  const revoke = useRevokeInvite(slug);
  const [revoking, setRevoking] = useState<Invite | null>(null);

  return (
    <Card>
      <CardHeader title="Pending invites" description="Links that have not been used yet." />
      <QueryState
        query={invites}
        loadingLabel="Loading invites"
        rows={2}
        errorTitle="Could not load invites"
        retry={false}
        isEmpty={invites.data?.length === 0}
        empty={
          <EmptyState
            icon="users"
            title="No pending invites"
            description="Invites you create appear here until they are accepted, revoked or expire."
          />
        }
      >
        {(data) => (
          <ul className="divide-y divide-zinc-100">
            {data.map((invite) => (
              <li key={invite.id} data-testid="invite-row" className="flex flex-wrap items-center gap-3 px-5 py-3">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium text-zinc-900">{invite.email}</p>
                  <p className="text-xs text-zinc-500">Expires {formatDate(invite.expiresAt)}</p>
                </div>
                <Badge>{roleLabels[invite.role]}</Badge>
                <Button variant="danger-ghost" size="sm" onClick={() => setRevoking(invite)}>
                  Revoke<span className="sr-only"> invite for {invite.email}</span>
                </Button>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this invite?"
        description={`The link sent to ${revoking?.email ?? ""} will stop working.`}
        confirmLabel="Revoke invite"
        pending={revoke.isPending}
        error={revoke.error ? errorMessage(revoke.error) : null}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
      />
    </Card>
  );
}
