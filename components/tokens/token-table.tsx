"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate, formatRelative } from "@/lib/queries/format";
import type { ApiToken } from "@/lib/queries/types";
import { tokenStatus } from "./token-status";

export function TokenTable({ tokens, onRevoke }: { tokens: ApiToken[]; onRevoke: (token: ApiToken) => void }) {
  return (
    <Table
      className="min-w-full"
      head={
        <>
          <Th>Name</Th>
          <Th desktopOnly>Created</Th>
          <Th desktopOnly>Last used</Th>
          <Th desktopOnly>Expires</Th>
          <Th>Status</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </>
      }
    >
      {tokens.map((token) => {
        const status = tokenStatus(token);
        return (
          <tr key={token.id} data-testid="token-row">
            <Td>
              <p className="font-medium text-zinc-900">{token.name}</p>
              <p className="mt-0.5 font-mono text-xs text-zinc-500">{token.prefix}…</p>
              <p className="mt-1 text-xs text-zinc-500 md:hidden">
                Last used {formatRelative(token.lastUsedAt, "never")} · Expires {formatDate(token.expiresAt, "never")}
              </p>
            </Td>
            <Td desktopOnly className="text-zinc-600">
              {formatDate(token.createdAt)}
            </Td>
            <Td desktopOnly className="text-zinc-600">
              {formatRelative(token.lastUsedAt)}
            </Td>
            <Td desktopOnly className="text-zinc-600">
              {formatDate(token.expiresAt, "Never")}
            </Td>
            <Td>
              <Badge tone={status.tone}>{status.label}</Badge>
            </Td>
            <Td className="text-right">
              {token.revokedAt ? null : (
                <Button variant="danger-ghost" size="sm" onClick={() => onRevoke(token)}>
                  Revoke<span className="sr-only"> {token.name}</span>
                </Button>
              )}
            </Td>
          </tr>
        );
      })}
    </Table>
  );
}
