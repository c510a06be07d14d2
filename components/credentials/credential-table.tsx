"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate, formatRelative } from "@/lib/queries/format";
import type { Credential } from "@/lib/queries/types";
import { describeBinding } from "./binding-draft";
import { kindLabel, maskedSecret } from "./credential-kinds";

/** Bullets and the last four for the eye; words for screen readers. */
function MaskedSecret({ lastFour }: { lastFour: string }) {
  return (
    <>
      <span aria-hidden="true" className="font-mono">
        {maskedSecret(lastFour)}
      </span>
      <span className="sr-only">{lastFour ? `Secret ending in ${lastFour}` : "Secret hidden"}</span>
    </>
  );
}

export interface CredentialActions {
  onEdit: (credential: Credential) => void;
  onRotate: (credential: Credential) => void;
  onDelete: (credential: Credential) => void;
}

export function CredentialTable({
  credentials,
  onEdit,
  onRotate,
  onDelete,
}: { credentials: Credential[] } & CredentialActions) {
  return (
    <Table
      className="min-w-full"
      head={
        <>
          <Th>Name</Th>
          <Th desktopOnly>Kind</Th>
          <Th desktopOnly>Sent only to</Th>
          <Th desktopOnly>Secret</Th>
          <Th desktopOnly>Last used</Th>
          <Th desktopOnly>Created</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </>
      }
    >
      {credentials.map((credential) => (
        <tr key={credential.id} data-testid="credential-row">
          <Td>
            <p className="font-medium break-words text-zinc-900">{credential.name}</p>
            <div className="mt-1 flex flex-wrap items-center gap-2">
              <code
                className="font-mono text-xs break-all text-zinc-600 md:break-normal md:whitespace-nowrap"
                data-testid="credential-id"
              >
                {credential.id}
              </code>
              <CopyButton value={credential.id} label="Copy id" />
            </div>
            <p className="mt-1 text-xs break-words text-zinc-600 md:hidden">
              Sent only to {describeBinding(credential)}
            </p>
            <p className="mt-1 text-xs text-zinc-600 md:hidden">
              {kindLabel(credential.kind)} · <MaskedSecret lastFour={credential.lastFour} />
            </p>
            <p className="mt-0.5 text-xs text-zinc-600 md:hidden">
              Last used {formatRelative(credential.lastUsedAt, "never")}
            </p>
          </Td>
          <Td desktopOnly>
            <Badge tone="neutral">{kindLabel(credential.kind)}</Badge>
          </Td>
          <Td desktopOnly className="text-zinc-700" data-testid="credential-binding">
            <span className="break-words">{describeBinding(credential)}</span>
          </Td>
          <Td desktopOnly className="font-mono text-zinc-700" data-testid="credential-secret">
            <MaskedSecret lastFour={credential.lastFour} />
          </Td>
          <Td desktopOnly className="text-zinc-600">
            {formatRelative(credential.lastUsedAt)}
          </Td>
          <Td desktopOnly className="text-zinc-600">
            {formatDate(credential.createdAt)}
          </Td>
          <Td className="text-right">
            <div className="flex flex-col items-end gap-1 sm:flex-row sm:justify-end">
              <Button variant="ghost" size="sm" onClick={() => onEdit(credential)}>
                Edit<span className="sr-only"> {credential.name}</span>
              </Button>
              <Button variant="ghost" size="sm" onClick={() => onRotate(credential)}>
                Rotate<span className="sr-only"> {credential.name}</span>
              </Button>
              <Button variant="danger-ghost" size="sm" onClick={() => onDelete(credential)}>
                Delete<span className="sr-only"> {credential.name}</span>
              </Button>
            </div>
          </Td>
        </tr>
      ))}
    </Table>
  );
}
