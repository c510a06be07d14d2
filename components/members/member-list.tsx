"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/select";
import { QueryState } from "@/components/ui/query-state";
import { errorMessage } from "@/lib/queries/api-client";
import { formatDate } from "@/lib/queries/format";
import type { Member, Role } from "@/lib/queries/types";
import { useChangeMemberRole, useMembers, useRemoveMember } from "@/lib/queries/use-members";
import { assignableRoles, mayManageMember, roleLabels } from "./roles";

interface Props {
  slug: string;
  actorRole: Role;
  currentUserId: string;
  /** Called after the current user leaves the workspace. */
  onLeft: () => void;
}

export function MemberList({ slug, actorRole, currentUserId, onLeft }: Props) {
  const members = useMembers(slug);
  const changeRole = useChangeMemberRole(slug);
  const remove = useRemoveMember(slug);
  const [removing, setRemoving] = useState<Member | null>(null);
  const leaving = removing?.userId === currentUserId;
  const owners = members.data?.filter((m) => m.role === "owner").length ?? 0;

  return (
    <Card>
      <CardHeader
        title="Members"
        description={
          members.data ? `${members.data.length} ${members.data.length === 1 ? "person" : "people"}` : undefined
        }
      />
      {changeRole.error ? (
        <div className="px-5 pt-4">
          <Alert tone="error">{errorMessage(changeRole.error)}</Alert>
        </div>
      ) : null}
      <QueryState query={members} loadingLabel="Loading members" errorTitle="Could not load members" retry={false}>
        {(data) => (
          <ul className="divide-y divide-zinc-100">
            {data.map((m) => {
              const self = m.userId === currentUserId;
              const manageable = !self && mayManageMember(actorRole, m.role);
              // The last owner cannot leave (the API refuses it too).
              const mayLeave = self && !(m.role === "owner" && owners <= 1);
              const display = m.user.name || m.user.email;
              return (
                <li key={m.userId} data-testid="member-row" className="flex flex-wrap items-center gap-3 px-5 py-3">
                  <span
                    aria-hidden="true"
                    className="grid size-9 shrink-0 place-items-center rounded-full bg-zinc-100 text-sm font-semibold text-zinc-600"
                  >
                    {display.charAt(0).toUpperCase()}
                  </span>
                  <div className="min-w-48 flex-1">
                    <p className="truncate text-sm font-medium text-zinc-900">
                      {display} {self ? <Badge className="ml-1">You</Badge> : null}
                    </p>
                    <p className="truncate text-xs text-zinc-500">
                      {m.user.name ? `${m.user.email} · ` : ""}joined {formatDate(m.createdAt)}
                    </p>
                  </div>
                  <div className="ml-auto flex items-center gap-2">
                    {manageable ? (
                      <Select
                        aria-label={`Role of ${display}`}
                        value={m.role}
                        disabled={changeRole.isPending && changeRole.variables?.userId === m.userId}
                        onChange={(e) => changeRole.mutate({ userId: m.userId, role: e.target.value as Role })}
                        className="h-8 w-32"
                      >
                        {assignableRoles(actorRole).map((r) => (
                          <option key={r} value={r}>
                            {roleLabels[r]}
                          </option>
                        ))}
                      </Select>
                    ) : (
                      <Badge tone={m.role === "owner" ? "accent" : "neutral"}>{roleLabels[m.role]}</Badge>
                    )}
                    {manageable || mayLeave ? (
                      <Button variant="danger-ghost" size="sm" onClick={() => setRemoving(m)}>
                        {self ? "Leave" : "Remove"}
                        {self ? null : <span className="sr-only"> {display}</span>}
                      </Button>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </QueryState>
      <ConfirmDialog
        open={removing !== null}
        title={leaving ? "Leave this workspace?" : `Remove ${removing?.user.name || removing?.user.email || ""}?`}
        description={
          leaving
            ? "You will lose access until someone invites you again."
            : "They lose access to this workspace at once."
        }
        confirmLabel={leaving ? "Leave workspace" : "Remove member"}
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.userId, {
            onSuccess: () => {
              setRemoving(null);
              if (leaving) onLeft();
            },
          })
        }
      />
    </Card>
  );
}
