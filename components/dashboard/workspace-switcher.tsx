"use client";

import Link from "next/link";
import { useState } from "react";
import { Icon } from "@/components/ui/icons";
import { Menu, menuItemClasses } from "@/components/ui/menu";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/lib/queries/api-client";
import type { WorkspaceSummary } from "@/lib/queries/types";
import { useWorkspaces } from "@/lib/queries/use-workspaces";
import { CreateWorkspaceDialog } from "./create-workspace-dialog";

function Monogram({ name }: { name: string }) {
  return (
    <span
      aria-hidden="true"
      className="grid size-7 shrink-0 place-items-center rounded-md bg-accent text-xs font-semibold text-white"
    >
      {name.trim().charAt(0).toUpperCase() || "W"}
    </span>
  );
}

/** Shows the current workspace; opens a list of the user's workspaces and "Create workspace". */
export function WorkspaceSwitcher({ current, onNavigate }: { current: WorkspaceSummary; onNavigate?: () => void }) {
  const workspaces = useWorkspaces();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <Menu
        className="w-full"
        trigger={(props) => (
          <button
            type="button"
            {...props}
            className="flex w-full items-center gap-2.5 rounded-lg border border-zinc-200 bg-white px-2 py-1.5 text-left shadow-xs hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent"
          >
            <Monogram name={current.name} />
            <span className="min-w-0 flex-1">
              <span className="block truncate text-sm font-semibold text-zinc-900">{current.name}</span>
              <span className="block text-xs text-zinc-600 capitalize">
                {current.plan} plan · {current.role}
              </span>
            </span>
            <Icon name="chevronUpDown" className="size-4 text-zinc-400" />
            <span className="sr-only">Switch workspace</span>
          </button>
        )}
      >
        {(close) => (
          <>
            <p className="px-2.5 pt-1.5 pb-1 text-xs font-medium text-zinc-500">Workspaces</p>
            {workspaces.isPending ? (
              <div className="px-2.5 py-2">
                <Spinner size="sm" label="Loading workspaces" />
              </div>
            ) : workspaces.isError ? (
              <p className="px-2.5 py-2 text-sm text-red-600">{errorMessage(workspaces.error)}</p>
            ) : (
              <ul className="max-h-72 overflow-y-auto">
                {workspaces.data.map((ws) => (
                  <li key={ws.id}>
                    <Link
                      role="menuitem"
                      href={`/w/${encodeURIComponent(ws.slug)}`}
                      aria-current={ws.slug === current.slug ? "true" : undefined}
                      onClick={() => {
                        close();
                        onNavigate?.();
                      }}
                      className={menuItemClasses}
                    >
                      <Monogram name={ws.name} />
                      <span className="min-w-0 flex-1 truncate">{ws.name}</span>
                      {ws.slug === current.slug ? <Icon name="check" className="size-4 text-accent" /> : null}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            <div className="my-1 border-t border-zinc-100" />
            <button
              type="button"
              role="menuitem"
              className={menuItemClasses}
              onClick={() => {
                close();
                setCreating(true);
              }}
            >
              <Icon name="plus" className="size-4 text-zinc-500" />
              Create workspace
            </button>
          </>
        )}
      </Menu>
      <CreateWorkspaceDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
