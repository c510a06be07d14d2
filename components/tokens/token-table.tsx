"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatDate, formatRelative } from "@/lib/queries/format";
import type { ApiToken } from "@/lib/queries/types";
import { tokenStatus } from "./token-status";

const th = "px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase";
const td = "px-4 py-3 align-middle text-sm";

export function TokenTable({ tokens, onRevoke }: { tokens: ApiToken[]; onRevoke: (token: ApiToken) => void }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-full divide-y divide-zinc-200">
        <thead className="bg-zinc-50">
          <tr>
            <th scope="col" className={th}>
              Name
            </th>
            <th scope="col" className={`${th} hidden md:table-cell`}>
              Created
            </th>
            <th scope="col" className={`${th} hidden md:table-cell`}>
              Last used
            </th>
            <th scope="col" className={`${th} hidden md:table-cell`}>
              Expires
            </th>
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={th}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {tokens.map((token) => {
            const status = tokenStatus(token);
            return (
              <tr key={token.id} data-testid="token-row">
                <td className={td}>
                  <p className="font-medium text-zinc-900">{token.name}</p>
                  <p className="mt-0.5 font-mono text-xs text-zinc-500">{token.prefix}…</p>
                  <p className="mt-1 text-xs text-zinc-500 md:hidden">
                    Last used {formatRelative(token.lastUsedAt, "never")} · Expires{" "}
                    {formatDate(token.expiresAt, "never")}
                  </p>
                </td>
                <td className={`${td} hidden text-zinc-600 md:table-cell`}>{formatDate(token.createdAt)}</td>
                <td className={`${td} hidden text-zinc-600 md:table-cell`}>{formatRelative(token.lastUsedAt)}</td>
                <td className={`${td} hidden text-zinc-600 md:table-cell`}>{formatDate(token.expiresAt, "Never")}</td>
                <td className={td}>
                  <Badge tone={status.tone}>{status.label}</Badge>
                </td>
                <td className={`${td} text-right`}>
                  {token.revokedAt ? null : (
                    <Button variant="danger-ghost" size="sm" onClick={() => onRevoke(token)}>
                      Revoke<span className="sr-only"> {token.name}</span>
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
