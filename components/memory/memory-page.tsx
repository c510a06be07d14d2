"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { PageBody, PageHeader } from "@/components/dashboard/page-header";
import { useCurrentWorkspace } from "@/components/dashboard/workspace-context";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { QueryState } from "@/components/ui/query-state";
import { errorMessage } from "@/lib/queries/api-client";
import { formatDateTime } from "@/lib/queries/format";
import { useForgetUser, useMemories } from "@/lib/queries/use-memories";

/**
 * What the workspace remembers about one of the product's users: look a user
 * up by the userId runs were given, search their memories, and forget them
 * (every memory of that user in this workspace is deleted).
 */
export function MemoryPage() {
  const { workspace } = useCurrentWorkspace();
  const slug = workspace.slug;
  const [userDraft, setUserDraft] = useState("");
  const [qDraft, setQDraft] = useState("");
  const [search, setSearch] = useState<{ userId: string; q: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [forgotten, setForgotten] = useState<{ userId: string; deleted: number } | null>(null);
  const memories = useMemories(slug, search?.userId ?? null, search?.q ?? "");
  const forget = useForgetUser(slug);

  function submit(e: FormEvent) {
    e.preventDefault();
    const userId = userDraft.trim();
    if (!userId) return;
    setForgotten(null);
    setSearch({ userId, q: qDraft.trim() });
  }

  const list = memories.data?.data ?? [];
  return (
    <>
      <PageHeader
        title="Memory"
        description="What nodes with memory stored about each of your users. Memory never crosses users or workspaces."
      />
      <PageBody>
        <Card className="px-4 py-4">
          <Form onSubmit={submit} className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-end">
            <Field label="User id" hint="The userId your runs were started with.">
              <Input value={userDraft} onChange={(e) => setUserDraft(e.target.value)} maxLength={200} required />
            </Field>
            <Field label="Search (optional)" hint="Words to rank the memories by.">
              <Input value={qDraft} onChange={(e) => setQDraft(e.target.value)} maxLength={500} />
            </Field>
            <Button type="submit" disabled={!userDraft.trim()}>
              Look up
            </Button>
          </Form>
        </Card>
        {forgotten ? (
          <Alert tone="success">
            Forgot {forgotten.userId}: {forgotten.deleted} {forgotten.deleted === 1 ? "memory" : "memories"} deleted.
          </Alert>
        ) : null}
        {search ? (
          <Card>
            <div className="flex flex-wrap items-center justify-between gap-2 border-b border-zinc-200 px-4 py-3">
              <h2 className="min-w-0 text-base font-semibold break-words text-zinc-900">
                {search.q ? `Memories of ${search.userId} matching “${search.q}”` : `Memories of ${search.userId}`}
              </h2>
              <Button variant="danger-ghost" size="sm" onClick={() => setConfirming(true)}>
                Forget this user
              </Button>
            </div>
            <QueryState
              query={memories}
              loadingLabel="Loading memories"
              isEmpty={list.length === 0}
              empty={
                <EmptyState
                  icon="memory"
                  title="Nothing remembered"
                  description={
                    search.q
                      ? "No memory of this user matches the search."
                      : "No run has stored anything for this user."
                  }
                />
              }
            >
              <ol className="divide-y divide-zinc-100" aria-label="Memories" data-testid="memories">
                {list.map((m) => (
                  <li key={m.id} className="space-y-1 px-4 py-3" data-testid="memory">
                    <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-500">
                      <Badge tone={m.kind === "fact" ? "success" : "neutral"}>{m.kind}</Badge>
                      <span>{formatDateTime(m.createdAt)}</span>
                      {m.sessionId ? <span>session {m.sessionId}</span> : null}
                      {m.runId ? (
                        <Link
                          href={`/w/${encodeURIComponent(slug)}/runs/${encodeURIComponent(m.runId)}`}
                          className="font-medium text-accent hover:underline"
                        >
                          Run
                        </Link>
                      ) : null}
                    </div>
                    <p className="text-sm break-words whitespace-pre-wrap text-zinc-800">{m.content}</p>
                  </li>
                ))}
              </ol>
            </QueryState>
          </Card>
        ) : null}
      </PageBody>
      <ConfirmDialog
        open={confirming && search !== null}
        title={`Forget ${search?.userId ?? ""}?`}
        description="Every memory stored about this user in this workspace is deleted. Runs keep their own records."
        confirmLabel="Forget user"
        pending={forget.isPending}
        error={forget.error ? errorMessage(forget.error) : null}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          search &&
          forget.mutate(search.userId, {
            onSuccess: (res) => {
              setForgotten({ userId: search.userId, deleted: res.deleted });
              setConfirming(false);
            },
          })
        }
      />
    </>
  );
}
