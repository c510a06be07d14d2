"use client";

import { useState } from "react";
import { canManage, useCurrentWorkspace } from "@/components/dashboard/workspace-context";
import { PageBody, PageHeader } from "@/components/dashboard/page-header";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadMoreButton } from "@/components/ui/load-more";
import { QueryState } from "@/components/ui/query-state";
import { Select } from "@/components/ui/select";
import { Table, Td, Th } from "@/components/ui/table";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { ApiError, errorMessage } from "@/lib/queries/api-client";
import { formatRelative } from "@/lib/queries/format";
import { auditExportUrl, useAuditLog, useAuditVerification, type AuditVerification } from "@/lib/queries/use-audit-log";

function VerifyResult({ result }: { result: AuditVerification }) {
  if (result.ok) {
    return (
      <Alert tone="success" title="The chain verifies">
        {result.entries === 1
          ? "The one entry matches its MAC."
          : `All ${result.entries} entries match their MACs and link to the one before.`}
        {result.checkpoint
          ? ` ${result.checkpoint.pruned} older ${result.checkpoint.pruned === 1 ? "entry was" : "entries were"} pruned (through #${result.checkpoint.throughSeq}) behind a signed checkpoint, which verifies too.`
          : null}
      </Alert>
    );
  }
  return (
    <Alert tone="error" title={`Entry ${result.firstBroken?.seq ?? "?"} does not verify`}>
      {result.firstBroken?.reason}. Entry id <code>{result.firstBroken?.id}</code>; everything after it is unproven.
    </Alert>
  );
}

/** Settings → Audit log: who changed what, filtered by action, and a check of the HMAC chain. */
export function AuditPage() {
  const { workspace } = useCurrentWorkspace();
  const allowed = canManage(workspace.role);
  const [action, setAction] = useState("");
  const log = useAuditLog(workspace.slug, action, allowed);
  const verify = useAuditVerification(workspace.slug);
  const forbidden = !allowed || (log.error instanceof ApiError && log.error.status === 403);
  const rows = log.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who changed what in this workspace. Each entry is chained to the one before by an HMAC, so an edited or removed entry shows."
        actions={
          forbidden ? null : (
            <div className="flex flex-wrap gap-2">
              <a
                className={buttonClasses("secondary")}
                href={auditExportUrl(workspace.slug, action)}
                download
                title="Download the entries shown (all of them, oldest first) as JSON Lines"
              >
                Export
              </a>
              <Button variant="secondary" loading={verify.isFetching} onClick={() => verify.refetch()}>
                Verify chain
              </Button>
            </div>
          )
        }
      />
      <PageBody>
        {forbidden ? (
          <Alert tone="info" title="You can’t read the audit log">
            Only owners and admins read the audit log.
          </Alert>
        ) : (
          <div className="space-y-4">
            {verify.data ? <VerifyResult result={verify.data} /> : null}
            {verify.error ? <Alert tone="error">{errorMessage(verify.error)}</Alert> : null}
            <label className="flex max-w-xs flex-col gap-1 text-sm text-zinc-700">
              Action
              <Select value={action} onChange={(e) => setAction(e.target.value)}>
                <option value="">All actions</option>
                {AUDIT_ACTIONS.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </Select>
            </label>
            <Card>
              <QueryState
                query={log}
                loadingLabel="Loading the audit log"
                errorTitle="Could not load the audit log"
                isEmpty={rows.length === 0}
                empty={
                  <EmptyState icon="lock" title="No entries" description="Changes to the workspace appear here." />
                }
              >
                {() => (
                  <div>
                    <Table
                      className="min-w-full"
                      head={
                        <>
                          <Th>#</Th>
                          <Th>Action</Th>
                          <Th>Who</Th>
                          <Th desktopOnly>Object</Th>
                          <Th desktopOnly>When</Th>
                        </>
                      }
                    >
                      {rows.map((e) => (
                        <tr key={e.id} data-testid="audit-row">
                          <Td className="text-zinc-500">{e.seq}</Td>
                          <Td>
                            <code className="font-mono text-xs text-zinc-900">{e.action}</code>
                          </Td>
                          <Td className="text-zinc-600">
                            <p>{e.actorType}</p>
                            <p className="font-mono text-xs text-zinc-500">
                              {e.actorId ?? ""}
                              {e.clientAddress ? ` · ${e.clientAddress}` : ""}
                            </p>
                          </Td>
                          <Td desktopOnly className="text-zinc-600">
                            {e.targetType ? (
                              <>
                                {e.targetType} <span className="font-mono text-xs text-zinc-500">{e.targetId}</span>
                              </>
                            ) : null}
                          </Td>
                          <Td desktopOnly className="text-zinc-600">
                            {formatRelative(e.createdAt)}
                          </Td>
                        </tr>
                      ))}
                    </Table>
                    <div className="px-4 py-3">
                      <LoadMoreButton query={log} />
                    </div>
                  </div>
                )}
              </QueryState>
            </Card>
          </div>
        )}
      </PageBody>
    </>
  );
}
