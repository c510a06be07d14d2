"use client";

import { useState } from "react";
import { canManage, useCurrentWorkspace } from "@/components/dashboard/workspace-context";
import { PageBody, PageHeader } from "@/components/dashboard/page-header";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { QueryState } from "@/components/ui/query-state";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import type { ApiToken } from "@/lib/queries/types";
import { useRevokeToken, useTokens } from "@/lib/queries/use-tokens";
import { CreateTokenDialog } from "./create-token-dialog";
import { TokenTable } from "./token-table";

const NOT_ALLOWED = "Only owners and admins manage API tokens. Ask one of them to create a token for you.";

export function TokensPage() {
  const { workspace } = useCurrentWorkspace();
  const allowed = canManage(workspace.role);
  const tokens = useTokens(workspace.slug, allowed);
  const revoke = useRevokeToken(workspace.slug);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const forbidden = !allowed || (tokens.error instanceof ApiError && tokens.error.status === 403);
  const createButton = (
    <Button onClick={() => setCreating(true)}>
      <Icon name="plus" className="size-4" />
      Create token
    </Button>
  );

  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            Tokens let scripts and services call the REST API as this workspace:{" "}
            <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs text-zinc-700">
              Authorization: Bearer ll_…
            </code>
          </>
        }
        actions={forbidden ? null : createButton}
      />
      <PageBody>
        {forbidden ? (
          <Alert tone="info" title="You can’t manage tokens">
            {NOT_ALLOWED}
          </Alert>
        ) : (
          <Card>
            <QueryState
              query={tokens}
              loadingLabel="Loading tokens"
              errorTitle="Could not load tokens"
              isEmpty={tokens.data?.length === 0}
              empty={
                <EmptyState
                  icon="key"
                  title="No API tokens yet"
                  description="Create a token to call the API from scripts, CI or other services."
                  action={createButton}
                />
              }
            >
              {(data) => <TokenTable tokens={data} onRevoke={setRevoking} />}
            </QueryState>
          </Card>
        )}
      </PageBody>

      <CreateTokenDialog slug={workspace.slug} open={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke “${revoking?.name ?? ""}”?`}
        description="Requests using this token will fail at once. This cannot be undone."
        confirmLabel="Revoke token"
        pending={revoke.isPending}
        error={revoke.error ? errorMessage(revoke.error) : null}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
      />
    </>
  );
}
