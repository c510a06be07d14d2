"use client";

import Link from "next/link";
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
import type { Credential } from "@/lib/queries/types";
import { useCredentials, useDeleteCredential } from "@/lib/queries/use-credentials";
import { CreateCredentialDialog } from "./create-credential-dialog";
import { CredentialTable } from "./credential-table";
import { EditCredentialDialog } from "./edit-credential-dialog";
import { RotateCredentialDialog } from "./rotate-credential-dialog";

const NOT_ALLOWED = "Only owners and admins manage credentials. Ask one of them to add the key you need.";

export function CredentialsPage() {
  const { workspace } = useCurrentWorkspace();
  const allowed = canManage(workspace.role);
  const credentials = useCredentials(workspace.slug, allowed);
  const remove = useDeleteCredential(workspace.slug);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Credential | null>(null);
  const [rotating, setRotating] = useState<Credential | null>(null);
  const [deleting, setDeleting] = useState<Credential | null>(null);

  const forbidden = !allowed || (credentials.error instanceof ApiError && credentials.error.status === 403);
  const createButton = (
    <Button onClick={() => setCreating(true)}>
      <Icon name="plus" className="size-4" />
      Add credential
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Credentials"
        description={
          <>
            API keys and tokens your models and tools use, encrypted at rest and sent only where they are bound. A
            secret is never shown again after it is saved.{" "}
            <Link href="/docs/guides/tools-and-credentials" className="text-accent underline">
              How credentials work
            </Link>
          </>
        }
        actions={forbidden ? null : createButton}
      />
      <PageBody>
        {forbidden ? (
          <Alert tone="info" title="You can’t manage credentials">
            {NOT_ALLOWED}
          </Alert>
        ) : (
          <Card>
            <QueryState
              query={credentials}
              loadingLabel="Loading credentials"
              errorTitle="Could not load credentials"
              isEmpty={credentials.data?.length === 0}
              empty={
                <EmptyState
                  icon="lock"
                  title="No credentials yet"
                  description="Add your own Anthropic, OpenAI or Ollama key, or a token for HTTP and MCP tools, bound to where it may be sent. Models and tools refer to it by id."
                  action={createButton}
                />
              }
            >
              {(data) => (
                <CredentialTable credentials={data} onEdit={setEditing} onRotate={setRotating} onDelete={setDeleting} />
              )}
            </QueryState>
          </Card>
        )}
      </PageBody>

      <CreateCredentialDialog slug={workspace.slug} open={creating} onClose={() => setCreating(false)} />
      <EditCredentialDialog slug={workspace.slug} credential={editing} onClose={() => setEditing(null)} />
      <RotateCredentialDialog slug={workspace.slug} credential={rotating} onClose={() => setRotating(null)} />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${deleting?.name ?? ""}”?`}
        description="Models and tools that use it will fail until they are given another credential. This cannot be undone."
        confirmLabel="Delete credential"
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
